using CmsHazards.Configuration;
using CmsHazards.Text;
using Xunit;

namespace CmsHazards.Tests;

public class ConfigFileTests
{
    [Fact]
    public void Elements_and_attributes_keep_their_exact_spans()
    {
        var text = "<?xml version=\"1.0\"?>\r\n<configuration>\r\n\t<appSettings>\r\n\t\t<add key = 'a&amp;b'   value=\"x > y\"/>\r\n\t</appSettings>\r\n</configuration>";
        var file = ConfigFile.Parse("/site/Web.config", text);

        Assert.Null(file.Error);
        var appSettings = Assert.Single(file.Root!.Children);
        Assert.Equal("<appSettings>", Slice(text, appSettings.StartTag));
        Assert.Equal("</appSettings>", Slice(text, appSettings.EndTag));
        Assert.Equal(new LinePosition(2, 2), file.Lines.GetPosition(appSettings.NameSpan.Start));

        var add = Assert.Single(appSettings.Children);
        Assert.True(add.IsSelfClosing);
        Assert.Equal("<add key = 'a&amp;b'   value=\"x > y\"/>", Slice(text, add.FullSpan));
        Assert.Equal("a&b", add.AttributeValue("key"));
        Assert.Equal("a&amp;b", Slice(text, add.Attribute("key")!.ValueSpan));
        Assert.Equal("x > y", Slice(text, add.Attribute("value")!.ValueSpan));
        Assert.Equal("Web.config(4)", file.Describe(add.NameSpan));
    }

    [Fact]
    public void A_blank_line_before_the_xml_declaration_is_an_error_with_its_position()
    {
        var file = ConfigFile.Parse("Web.config", "\r\n<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<configuration />");

        Assert.Null(file.Root);
        Assert.NotNull(file.Error);
        Assert.Equal(new LinePosition(1, 2), file.Error!.Position);
        Assert.Contains("XML declaration", file.Error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_DTD_is_refused_and_no_entity_is_expanded()
    {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE configuration [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<configuration>&e;</configuration>";
        var file = ConfigFile.Parse("Web.config", text);

        Assert.Null(file.Root);
        Assert.Equal(1, file.Error!.Position.Line);
        Assert.Equal("it has a DTD (<!DOCTYPE ...>), which is never read, so no entity is fetched or expanded.", file.Error.Message);
    }

    [Fact]
    public void Comments_are_not_elements()
    {
        var file = ConfigFile.Parse("Web.config", "<configuration><!-- <appSettings/> --><system.web/></configuration>");

        Assert.Equal(new[] { "system.web" }, file.Root!.Children.Select(c => c.Name));
    }

    [Fact]
    public void A_byte_order_mark_left_in_the_text_does_not_shift_positions()
    {
        var text = "\uFEFF<configuration><appSettings /></configuration>";
        var file = ConfigFile.Parse("Web.config", text);

        var appSettings = Assert.Single(file.Root!.Children);
        Assert.Equal("<appSettings />", Slice(text, appSettings.StartTag));
        Assert.Equal(new LinePosition(0, 17), file.Lines.GetPosition(appSettings.NameSpan.Start));
    }

    [Fact]
    public void A_copy_under_another_path_has_the_same_tree_in_the_new_file()
    {
        var file = ConfigFile.Parse("", "<configuration>\n  <appSettings />\n</configuration>");

        var copy = file.WithPath("/site/Web.config");

        var appSettings = Assert.Single(copy.Root!.Children);
        Assert.Same(copy, appSettings.File);
        Assert.Same(copy.Root, appSettings.Parent);
        Assert.Equal("Web.config(2)", appSettings.Describe());
        Assert.Same(file, file.Root!.Children[0].File);
    }

    private static string Slice(string text, TextSpan span) => text.Substring(span.Start, span.Length);
}
