using System.Text;
using CmsHazards.Configuration;
using CmsHazards.Transforms;
using Xunit;

namespace CmsHazards.Tests;

/// <summary>
/// The XDT subset, one behaviour per test, as Microsoft documents it ("Web.config transformation syntax for web
/// project deployment using Visual Studio"): what each transform does to the elements its path selects, and how
/// each locator builds that path.
/// </summary>
public class XdtTransformTests
{
    private const string Xdt = "xmlns:xdt=\"http://schemas.microsoft.com/XML-Document-Transform\"";

    private const string Source = """
        <configuration>
          <appSettings>
            <add key="a" value="1" />
            <add key="b" value="2" />
          </appSettings>
          <system.web>
            <compilation debug="true" targetFramework="4.7.2" />
            <httpRuntime targetFramework="4.7.2" />
          </system.web>
        </configuration>
        """;

    [Fact]
    public void Insert_appends_the_element_as_the_last_child_of_the_parent()
    {
        var result = Apply(Source, $"""
            <configuration {Xdt}>
              <appSettings>
                <add key="c" value="3" xdt:Transform="Insert" />
              </appSettings>
            </configuration>
            """);

        Assert.Equal("appSettings(add[key=a value=1] add[key=b value=2] add[key=c value=3])", Shape(Section(result, "appSettings")));
        var inserted = Section(result, "appSettings").Children[2];
        Assert.Equal("Web.Release.config(3)", inserted.Describe());
        Assert.Equal("Web.Release.config", Assert.Single(inserted.Attributes, a => a.Name == "value").File.FileName);
        Assert.Equal("Web.config(3)", Section(result, "appSettings").Children[0].Describe());
    }

    [Fact]
    public void Insert_goes_into_the_first_parent_its_path_selects_only()
    {
        var result = Apply("""
            <configuration>
              <location path="a"><system.web /></location>
              <location path="b"><system.web /></location>
            </configuration>
            """, $"""
            <configuration {Xdt}>
              <location>
                <system.web>
                  <httpRuntime xdt:Transform="Insert" />
                </system.web>
              </location>
            </configuration>
            """);

        Assert.Equal("configuration(location[path=a](system.web(httpRuntime)) location[path=b](system.web))", Shape(result.Root!));
    }

    [Fact]
    public void Insert_without_a_parent_is_an_error_named_by_the_transform_line()
    {
        var result = Apply("<configuration><system.web /></configuration>", $"""
            <configuration {Xdt}>
              <appSettings>
                <add key="c" value="3" xdt:Transform="Insert" />
              </appSettings>
            </configuration>
            """);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("xdt:Transform=\"Insert\" at Web.Release.config(3) fails: no element matches /configuration/appSettings, and XDT stops with an error.", problem.Message);
        Assert.Equal("appSettings", problem.Section);
        Assert.Equal("configuration(system.web)", Shape(result.Root!));
    }

    [Fact]
    public void InsertBefore_puts_the_element_just_before_the_sibling_its_XPath_selects()
    {
        var result = Apply(Source, $"""
            <configuration {Xdt}>
              <appSettings>
                <add key="x" xdt:Transform="InsertBefore(/configuration/appSettings/add[@key='b'])" />
              </appSettings>
            </configuration>
            """);

        Assert.Equal("appSettings(add[key=a value=1] add[key=x] add[key=b value=2])", Shape(Section(result, "appSettings")));
        Assert.Equal("Web.config(4)", Assert.Single(result.Steps).Targets[0].Describe());
    }

    [Fact]
    public void InsertAfter_puts_the_element_just_after_the_sibling_its_XPath_selects()
    {
        var result = Apply(Source, $"""
            <configuration {Xdt}>
              <appSettings>
                <add key="x" xdt:Transform="InsertAfter(/configuration/appSettings/add[@key='a'])" />
              </appSettings>
            </configuration>
            """);

        Assert.Equal("appSettings(add[key=a value=1] add[key=x] add[key=b value=2])", Shape(Section(result, "appSettings")));
    }

    [Fact]
    public void InsertAfter_a_sibling_that_is_not_there_is_an_error()
    {
        var result = Apply(Source, $"""
            <configuration {Xdt}>
              <appSettings>
                <add key="x" xdt:Transform="InsertAfter(/configuration/appSettings/add[@key='z'])" />
              </appSettings>
            </configuration>
            """);

        Assert.Equal(
            "xdt:Transform=\"InsertAfter(/configuration/appSettings/add[@key='z'])\" at Web.Release.config(3) fails: no element matches /configuration/appSettings/add[@key='z'], and XDT stops with an error.",
            Assert.Single(result.Problems).Message);
    }

    [Fact]
    public void Remove_removes_the_first_match_only()
    {
        var result = Apply(Source.Replace("key=\"b\"", "key=\"a\""), $"""
            <configuration {Xdt}>
              <appSettings>
                <add key="a" xdt:Transform="Remove" xdt:Locator="Match(key)" />
              </appSettings>
            </configuration>
            """);

        Assert.Equal("appSettings(add[key=a value=2])", Shape(Section(result, "appSettings")));
        var step = Assert.Single(result.Steps);
        Assert.Equal(XdtTransformKind.Remove, step.Kind);
        Assert.Equal("xdt:Transform=\"Remove\" at Web.Release.config(3)", step.Describe());
    }

    [Fact]
    public void RemoveAll_removes_every_match()
    {
        var result = Apply(Source, $"""
            <configuration {Xdt}>
              <appSettings>
                <add xdt:Transform="RemoveAll" />
              </appSettings>
            </configuration>
            """);

        Assert.Equal("appSettings", Shape(Section(result, "appSettings")));
        Assert.Equal(2, Assert.Single(result.Steps).Targets.Count);
    }

    [Fact]
    public void Replace_replaces_the_first_match_with_the_transform_element_and_its_children()
    {
        var result = Apply(Source, $"""
            <configuration {Xdt}>
              <appSettings xdt:Transform="Replace">
                <add key="z" value="9" />
              </appSettings>
            </configuration>
            """);

        var appSettings = Section(result, "appSettings");
        Assert.Equal("appSettings(add[key=z value=9])", Shape(appSettings));
        Assert.Equal("Web.Release.config(2)", appSettings.Describe());
        var written = ConfigFile.Parse("/site/Web.config", Source).Root!.Children[0];
        Assert.Null(result.CopyOf(written));
    }

    [Fact]
    public void SetAttributes_with_a_list_sets_only_the_listed_attributes_on_every_match()
    {
        var result = Apply(Source, $"""
            <configuration {Xdt}>
              <appSettings>
                <add key="ignored" value="0" xdt:Transform="SetAttributes(value)" />
              </appSettings>
            </configuration>
            """);

        Assert.Equal("appSettings(add[key=a value=0] add[key=b value=0])", Shape(Section(result, "appSettings")));
        var value = Section(result, "appSettings").Children[0].Attribute("value")!;
        Assert.Equal("Web.Release.config(3)", value.Describe());
        Assert.Equal(new[] { "value" }, Assert.Single(result.Steps).ChangedAttributes);
    }

    [Fact]
    public void SetAttributes_without_a_list_sets_every_attribute_of_the_transform_element()
    {
        var result = Apply(Source, $"""
            <configuration {Xdt}>
              <system.web>
                <httpRuntime targetFramework="4.0" maxRequestLength="51200" xdt:Transform="SetAttributes" />
              </system.web>
            </configuration>
            """);

        Assert.Equal("system.web(compilation[debug=true targetFramework=4.7.2] httpRuntime[targetFramework=4.0 maxRequestLength=51200])", Shape(Section(result, "system.web")));
    }

    [Fact]
    public void RemoveAttributes_removes_the_listed_attributes()
    {
        var result = Apply(Source, $"""
            <configuration {Xdt}>
              <system.web>
                <compilation xdt:Transform="RemoveAttributes(debug)" />
              </system.web>
            </configuration>
            """);

        Assert.Equal("compilation[targetFramework=4.7.2]", Shape(Section(result, "system.web").Children[0]));
    }

    [Fact]
    public void RemoveAttributes_without_a_list_removes_every_attribute()
    {
        var result = Apply(Source, $"""
            <configuration {Xdt}>
              <system.web>
                <compilation xdt:Transform="RemoveAttributes" />
              </system.web>
            </configuration>
            """);

        Assert.Equal("compilation", Shape(Section(result, "system.web").Children[0]));
    }

    [Fact]
    public void Match_compares_the_named_attributes_with_the_source_exactly()
    {
        // XPath compares strings by character: a key in another casing is another key to XDT, though not to .NET.
        var result = Apply(Source, $"""
            <configuration {Xdt}>
              <appSettings>
                <add key="A" xdt:Transform="Remove" xdt:Locator="Match(key)" />
                <add key="b" value="2" xdt:Transform="Remove" xdt:Locator="Match(key, value)" />
              </appSettings>
            </configuration>
            """);

        Assert.Equal("appSettings(add[key=a value=1])", Shape(Section(result, "appSettings")));
        Assert.Empty(result.Steps[0].Targets);
        Assert.Single(result.Steps[1].Targets);
    }

    [Fact]
    public void Match_on_an_attribute_the_transform_element_lacks_is_an_error()
    {
        var result = Apply(Source, $"""
            <configuration {Xdt}>
              <appSettings>
                <add value="1" xdt:Transform="Remove" xdt:Locator="Match(key)" />
              </appSettings>
            </configuration>
            """);

        Assert.Equal(
            "xdt:Locator=\"Match(key)\" at Web.Release.config(3) fails: the element has no key attribute to match, and XDT stops with an error.",
            Assert.Single(result.Problems).Message);
    }

    [Fact]
    public void Condition_is_a_predicate_on_the_element_itself()
    {
        var result = Apply(Source.Replace("</appSettings>", "  <add key=\"c\" value=\"3\" />\n  </appSettings>"), $"""
            <configuration {Xdt}>
              <appSettings>
                <add xdt:Transform="RemoveAll" xdt:Locator="Condition(@key='a' or (@key='c' and @value!='2'))" />
              </appSettings>
            </configuration>
            """);

        Assert.Equal("appSettings(add[key=b value=2])", Shape(Section(result, "appSettings")));
    }

    [Fact]
    public void XPath_with_an_absolute_path_selects_wherever_the_transform_element_sits()
    {
        var source = """
            <configuration>
              <location path="EPiServer"><system.web><httpRuntime maxRequestLength="1000000" /></system.web></location>
              <system.web><httpRuntime targetFramework="4.7.2" /></system.web>
            </configuration>
            """;
        var result = Apply(source, $"""
            <configuration {Xdt}>
              <anything targetFramework="4.0" xdt:Transform="SetAttributes" xdt:Locator="XPath(/configuration/location[@path='EPiServer']/system.web/httpRuntime)" />
            </configuration>
            """);

        Assert.Equal(
            "configuration(location[path=EPiServer](system.web(httpRuntime[maxRequestLength=1000000 targetFramework=4.0])) system.web(httpRuntime[targetFramework=4.7.2]))",
            Shape(result.Root!));
    }

    [Fact]
    public void XPath_with_a_relative_path_continues_from_the_transform_element()
    {
        var source = """
            <configuration>
              <location path="a"><system.web><httpRuntime /></system.web></location>
              <location path="b"><system.web><httpRuntime /></system.web></location>
            </configuration>
            """;
        var result = Apply(source, $"""
            <configuration {Xdt}>
              <location executionTimeout="90" xdt:Transform="SetAttributes" xdt:Locator="XPath(system.web/httpRuntime)" />
            </configuration>
            """);

        Assert.Equal(
            "configuration(location[path=a](system.web(httpRuntime[executionTimeout=90])) location[path=b](system.web(httpRuntime[executionTimeout=90])))",
            Shape(result.Root!));
    }

    [Theory]
    [InlineData("XPath(//add[@key='a'])")]
    [InlineData("XPath(/configuration/appSettings/add[1])")]
    [InlineData("XPath(/configuration/appSettings/add[contains(@key,'a')])")]
    [InlineData("XPath(/configuration/appSettings/.[@key='a'])")]
    public void XPath_outside_the_subset_is_refused_with_the_transform_line(string locator)
    {
        var result = Apply(Source, $"""
            <configuration {Xdt}>
              <appSettings>
                <add xdt:Transform="Remove" xdt:Locator="{locator}" />
              </appSettings>
            </configuration>
            """);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(
            $"xdt:Locator=\"{locator}\" at Web.Release.config(3) uses XPath that CmsHazards does not read (element names separated by '/', each with optional [@attribute='value'] tests joined by and/or).",
            problem.Message);
        Assert.Null(problem.Section);
        Assert.Equal("appSettings(add[key=a value=1] add[key=b value=2])", Shape(Section(result, "appSettings")));
    }

    [Theory]
    [InlineData("InsertIfMissing")]
    [InlineData("XSLT(transform.xslt)")]
    [InlineData("insert")]
    public void A_transform_outside_the_subset_is_refused_with_the_transform_line(string transform)
    {
        var result = Apply(Source, $"""
            <configuration {Xdt}>
              <system.web>
                <httpRuntime xdt:Transform="{transform}" />
              </system.web>
            </configuration>
            """);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(
            $"xdt:Transform=\"{transform}\" at Web.Release.config(3) is not an XDT transform CmsHazards reads (it reads Insert, InsertBefore, InsertAfter, Remove, RemoveAll, Replace, SetAttributes and RemoveAttributes).",
            problem.Message);
        Assert.Equal("system.web", problem.Section);
        Assert.Equal("Web.Release.config", problem.Attribute!.File.FileName);
    }

    [Fact]
    public void A_locator_outside_the_subset_is_refused()
    {
        var result = Apply(Source, $"""
            <configuration {Xdt}>
              <appSettings>
                <add key="a" xdt:Transform="Remove" xdt:Locator="MatchCase(key)" />
              </appSettings>
            </configuration>
            """);

        Assert.Equal(
            "xdt:Locator=\"MatchCase(key)\" at Web.Release.config(3) is not an XDT locator CmsHazards reads (it reads Match, Condition and XPath).",
            Assert.Single(result.Problems).Message);
    }

    [Fact]
    public void An_ancestor_locator_narrows_the_path_of_every_descendant()
    {
        var source = """
            <configuration>
              <location path="EPiServer"><system.web><httpRuntime maxRequestLength="1000000" /></system.web></location>
              <location path="util"><system.web><httpRuntime maxRequestLength="1000000" /></system.web></location>
            </configuration>
            """;
        var result = Apply(source, $"""
            <configuration {Xdt}>
              <location path="util" xdt:Locator="Match(path)">
                <system.web>
                  <httpRuntime xdt:Transform="Remove" />
                </system.web>
              </location>
            </configuration>
            """);

        Assert.Equal(
            "configuration(location[path=EPiServer](system.web(httpRuntime[maxRequestLength=1000000])) location[path=util](system.web))",
            Shape(result.Root!));
    }

    [Fact]
    public void Transforms_run_in_document_order_on_the_document_as_the_earlier_ones_left_it()
    {
        var result = Apply(Source, $"""
            <configuration {Xdt}>
              <appSettings>
                <add key="x" value="1" xdt:Transform="Insert" />
                <add key="x" value="2" xdt:Transform="SetAttributes(value)" xdt:Locator="Match(key)" />
              </appSettings>
            </configuration>
            """);

        Assert.Equal("appSettings(add[key=a value=1] add[key=b value=2] add[key=x value=2])", Shape(Section(result, "appSettings")));
    }

    [Fact]
    public void Elements_without_a_transform_change_nothing_and_copies_keep_their_file()
    {
        var file = ConfigFile.Parse("/site/Web.config", Source);
        var result = XdtTransform.Apply(file, ConfigFile.Parse("/site/Web.Release.config", $"""
            <configuration {Xdt}>
              <appSettings>
                <add key="a" value="changed" />
              </appSettings>
            </configuration>
            """));

        Assert.Equal(Shape(file.Root!), Shape(result.Root!));
        Assert.Empty(result.Steps);
        var written = file.Root!.Children[0].Children[0];
        var copy = result.CopyOf(written)!;
        Assert.NotSame(written, copy);
        Assert.Same(written, copy.Original);
        Assert.Same(file, copy.File);
    }

    [Fact]
    public void Any_prefix_bound_to_the_XDT_namespace_is_read()
    {
        var result = Apply(Source, """
            <configuration xmlns:t="http://schemas.microsoft.com/XML-Document-Transform">
              <appSettings>
                <add key="a" t:Transform="Remove" t:Locator="Match(key)" />
              </appSettings>
            </configuration>
            """);

        Assert.Equal("appSettings(add[key=b value=2])", Shape(Section(result, "appSettings")));
    }

    [Fact]
    public void The_steps_tell_which_transform_removed_or_changed_a_written_element()
    {
        var file = ConfigFile.Parse("/site/Web.config", Source);
        var result = XdtTransform.Apply(file, ConfigFile.Parse("/site/Web.Release.config", $"""
            <configuration {Xdt}>
              <appSettings>
                <add key="b" value="3" xdt:Transform="SetAttributes(value)" xdt:Locator="Match(key)" />
              </appSettings>
              <system.web xdt:Transform="Remove" />
            </configuration>
            """));

        var httpRuntime = file.Root!.Children[1].Children[1];
        Assert.Equal("xdt:Transform=\"Remove\" at Web.Release.config(5)", result.RemovalOf(httpRuntime)!.Describe());
        var b = file.Root.Children[0].Children[1];
        Assert.Null(result.RemovalOf(b));
        Assert.Equal("xdt:Transform=\"SetAttributes(value)\" at Web.Release.config(3)", result.AttributeChangeOf(b, "value")!.Describe());
    }

    [Fact]
    public void Transforming_the_root_element_is_outside_the_subset()
    {
        var result = Apply(Source, $"""
            <configuration {Xdt} xdt:Transform="Replace">
            </configuration>
            """);

        Assert.Equal(
            "xdt:Transform=\"Replace\" at Web.Release.config(1) transforms the root element itself, which CmsHazards does not read.",
            Assert.Single(result.Problems).Message);
        Assert.Null(result.Problems[0].Section);
    }

    [Fact]
    public void Without_a_transform_the_configuration_is_the_source_itself()
    {
        var file = ConfigFile.Parse("/site/Web.config", Source);

        var result = XdtTransform.Apply(file, null);

        Assert.Same(file.Root, result.Root);
        Assert.Empty(result.Steps);
    }

    private static TransformedConfiguration Apply(string source, string transform) =>
        XdtTransform.Apply(ConfigFile.Parse("/site/Web.config", source), ConfigFile.Parse("/site/Web.Release.config", transform));

    private static ConfigElement Section(TransformedConfiguration result, string name) => result.Root!.FirstChild(name)!;

    /// <summary>"appSettings(add[key=a value=1] add[key=b])": an element tree in one line, attributes in order.</summary>
    private static string Shape(ConfigElement element)
    {
        var text = new StringBuilder(element.Name);
        if (element.Attributes.Count > 0) text.Append('[').Append(string.Join(" ", element.Attributes.Select(a => a.Name + "=" + a.Value))).Append(']');
        if (element.Children.Count > 0) text.Append('(').Append(string.Join(" ", element.Children.Select(Shape))).Append(')');
        return text.ToString();
    }
}
