using System.Text;
using CmsHazards.Configuration;
using CmsHazards.Fixes;
using CmsHazards.Hosting;
using CmsHazards.Rules;
using CmsHazards.Text;
using CmsHazards.Versions;
using Xunit;

namespace CmsHazards.Tests;

/// <summary>
/// Files a repository may hold under a configuration name. Each gets a clear CMSH200 with its position (or is
/// skipped with a message); nothing is fetched, expanded or guessed, and nothing throws.
/// </summary>
public class HostileInputTests
{
    [Fact]
    public void An_entity_expansion_bomb_is_refused_before_any_entity_is_expanded()
    {
        var bomb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE configuration [\n <!ENTITY a0 \"lol\">\n");
        for (var i = 1; i < 12; i++) bomb.Append($" <!ENTITY a{i} \"{string.Concat(Enumerable.Repeat($"&a{i - 1};", 10))}\">\n");
        bomb.Append("]>\n<configuration><appSettings><add key=\"k\" value=\"&a11;\" /></appSettings></configuration>");

        var finding = Evaluate(bomb.ToString());

        Assert.Equal("CMSH200", finding.RuleId);
        Assert.Equal("Web.config cannot be read as XML at line 2, column 1: it has a DTD (<!DOCTYPE ...>), which is never read, so no entity is fetched or expanded. CmsHazards checks nothing in it until it is fixed.", finding.Message);
    }

    [Fact]
    public void An_external_entity_is_never_fetched()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "<appSettings><add key=\"Epi.WebSockets.Enabled\" value=\"false\" /></appSettings>");
        try
        {
            var text = $"<?xml version=\"1.0\"?>\n<!DOCTYPE configuration [<!ENTITY settings SYSTEM \"file://{secret}\">]>\n<configuration>&settings;</configuration>";

            var file = ConfigFile.Parse("Web.config", text);

            Assert.Null(file.Root);
            Assert.Equal(new LinePosition(1, 0), file.Error!.Position);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void A_file_over_the_limit_is_not_read()
    {
        var finding = Evaluate(new string(' ', ConfigFile.MaxLength + 1));

        Assert.Equal("CMSH200", finding.RuleId);
        Assert.Equal("Web.config is not read: it is 4 MB, larger than the 4 MB CmsHazards reads (IIS itself refuses a web.config over 250 KB unless MaxWebConfigFileSizeInKB is raised). CmsHazards checks nothing in it.", finding.Message);
    }

    [Fact]
    public void A_100_MB_file_is_described_by_its_size()
    {
        var file = ConfigFile.TooLarge("Web.config", 100L * 1024 * 1024);

        Assert.Null(file.Root);
        Assert.False(file.Error!.HasPosition);
        Assert.StartsWith("it is 100 MB, larger than the 4 MB CmsHazards reads", file.Error.Message);
    }

    [Fact]
    public void Deeply_nested_elements_end_in_a_clear_error_not_a_stack_overflow()
    {
        const int depth = 100_000;
        var text = "<configuration>" + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)) + "</configuration>";

        var finding = Evaluate(text);

        Assert.Equal("CMSH200", finding.RuleId);
        Assert.StartsWith("Web.config cannot be read as XML at line 1, column ", finding.Message);
        Assert.Contains("elements nest more than 256 levels deep, which no configuration file does.", finding.Message);
    }

    [Fact]
    public void A_tree_a_hundred_levels_deep_is_copied_without_recursion()
    {
        var text = "<configuration>" + string.Concat(Enumerable.Repeat("<a>", 200)) + string.Concat(Enumerable.Repeat("</a>", 200)) + "</configuration>";
        var file = ConfigFile.Parse("", text);

        var copy = file.WithPath("/site/Web.config");

        var depth = 0;
        for (var e = copy.Root; e is not null; e = e.Children.FirstOrDefault()) depth++;
        Assert.Equal(201, depth);
    }

    [Theory]
    [InlineData("", "Root element is missing.")]
    [InlineData("\0\u0001\u0002PK\u0003\u0004binary", "hexadecimal value 0x00, is an invalid character.")]
    [InlineData("<configuration><appSettings></configuration>", "The 'appSettings' start tag on line 1 position 17 does not match the end tag of 'configuration'.")]
    public void Empty_binary_and_broken_files_are_reported_where_they_break(string text, string reason)
    {
        var finding = Evaluate(text);

        Assert.Equal("CMSH200", finding.RuleId);
        Assert.Contains(reason, finding.Message);
        Assert.Null(AppSettingsEditor.Set(ConfigFile.Parse("Web.config", text), "Epi.WebSockets.Enabled", "false"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UTF_16_files_are_read_and_fixed_in_UTF_16(bool bigEndian)
    {
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        var text = "<?xml version=\"1.0\" encoding=\"utf-16\"?>\r\n<configuration>\r\n  <appSettings>\r\n    <add key=\"a\" value=\"b\" />\r\n  </appSettings>\r\n</configuration>\r\n";
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(text)).ToArray();

        var decoded = EncodedText.Decode(bytes);
        var file = ConfigFile.Parse("Web.config", decoded.Text);
        var fixedBytes = decoded.Encode(AppSettingsEditor.Set(file, "Epi.WebSockets.Enabled", "false")!.ApplyTo(decoded.Text));

        var expected = text.Replace("  </appSettings>", "    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\r\n  </appSettings>");
        Assert.Equal(encoding.GetPreamble().Concat(encoding.GetBytes(expected)).ToArray(), fixedBytes);
    }

    [Fact]
    public void A_configSource_file_that_is_not_XML_is_reported_and_nothing_is_guessed()
    {
        var webConfig = ConfigFile.Parse("/site/Web.config", "<configuration><appSettings configSource=\"AppSettings.config\" /></configuration>");
        var external = ConfigFile.Parse("/site/AppSettings.config", "\u0000\u0000garbage");

        var finding = Assert.Single(TestSites.Check(Ui, webConfig, external, HostDeclaration.Read(null, "7.5")));

        Assert.Equal("CMSH200", finding.RuleId);
        Assert.StartsWith("AppSettings.config cannot be read as XML at line 1, column 1: ", finding.Message);
    }

    private static readonly CmsUiReference Ui = CmsUiReference.FromAssembly("EPiServer.Cms.Shell.UI", new Version(11, 20, 0, 0));

    private static Finding Evaluate(string text) =>
        Assert.Single(TestSites.Check(Ui, ConfigFile.Parse("/site/Web.config", text), null, HostDeclaration.Read(null, "7.5")));
}
