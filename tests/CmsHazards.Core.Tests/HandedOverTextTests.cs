using CmsHazards.Configuration;
using CmsHazards.Rules;
using CmsHazards.Text;
using CmsHazards.Upgrade;
using Xunit;

namespace CmsHazards.Tests;

/// <summary>
/// What the task hands the analyzer through build_property values. The compiler's .editorconfig reader cuts a value
/// at its first ';' or '#' (the regex Roslyn's AnalyzerConfig uses for a property line, applied here as it does),
/// so nothing handed over may carry one.
/// </summary>
public class HandedOverTextTests
{
    /// <summary>Roslyn's AnalyzerConfig property line: everything from an unescaped ';' or '#' on is a comment.</summary>
    private static readonly System.Text.RegularExpressions.Regex EditorConfigProperty = new(@"^\s*([\w\.\-_]+)\s*[=:]\s*(.*?)\s*([#;].*)?$");

    private static string ThroughEditorConfig(string value) => EditorConfigProperty.Match("build_property.X = " + value).Groups[2].Value;

    [Fact]
    public void A_list_of_two_paths_reaches_the_analyzer_as_two()
    {
        var missing = new[] { "/site/AppSettings.config", "/site/ConnectionStrings.config" };

        // As MSBuild would have joined the list: the analyzer got the first file only.
        Assert.Equal(new[] { "/site/AppSettings.config" }, HandedOverText.Split(ThroughEditorConfig(string.Join(";", missing))));
        Assert.Equal(missing, HandedOverText.Split(ThroughEditorConfig(HandedOverText.Join(missing))));
    }

    [Theory]
    [InlineData(@"C:\src\C#\Site\AppSettings.config")]
    [InlineData("/home/dev/sites/a;b/AppSettings.config")]
    [InlineData("/srv/100% site/a|b,c.config")]
    [InlineData("%3B is not an escape here")]
    public void A_path_with_a_character_the_editorconfig_or_the_list_would_take_comes_through_whole(string path)
    {
        var handed = ThroughEditorConfig(HandedOverText.Join(new[] { path }));

        Assert.DoesNotContain(';', handed);
        Assert.DoesNotContain('#', handed);
        Assert.Equal(new[] { path }, HandedOverText.Split(handed));
    }

    [Fact]
    public void Declared_packages_come_through_with_the_element_that_declares_each()
    {
        var packages = new[]
        {
            new DeclaredPackage("EPiServer.Logging.Log4Net", "2.2.2", PackageDeclarationKind.PackageReference,
                new FileLocation("/src/C#/Site/Site.csproj", new TextSpan(412, 16), new LinePosition(12, 5), new LinePosition(12, 21))),
            new DeclaredPackage("EPiServer.CMS.UI", "[12.21.0, 13)", PackageDeclarationKind.CentralPackageVersion,
                new FileLocation("/src/Directory.Packages.props", new TextSpan(80, 14), new LinePosition(3, 5), new LinePosition(3, 19))),
            new DeclaredPackage("EPiServer.CMS.UI.Core", "12.20.0", PackageDeclarationKind.PackageReference, null),
        };

        var back = HandedOverText.ToPackages(ThroughEditorConfig(HandedOverText.FromPackages(packages)))!;

        Assert.Equal(packages, back);
        Assert.Equal(new[] { "2.2.2", "[12.21.0, 13)", "12.20.0" }, back.Select(p => p.VersionText));
        Assert.Equal(new[] { "Site.csproj(13)", "Directory.Packages.props(4)" }, back.Where(p => p.Location is not null).Select(p => p.Location!.Describe()));
        Assert.Equal("/src/C#/Site/Site.csproj", back[0].Location!.Path);
        Assert.Equal((12, 21), (back[0].Location!.End.Line, back[0].Location!.End.Character));
    }

    [Fact]
    public void No_packages_is_a_value_and_no_value_is_not_knowing()
    {
        Assert.Equal("0", HandedOverText.FromPackages(Array.Empty<DeclaredPackage>()));
        Assert.Empty(HandedOverText.ToPackages("0")!);
        Assert.Null(HandedOverText.ToPackages(null));
        Assert.Null(HandedOverText.ToPackages(""));
    }

    [Theory]
    [InlineData("2|EPiServer.CMS.UI,12.0.0,PackageReference")] // a count the records do not match
    [InlineData("1|EPiServer.CMS.UI,12.0.0,Somewhere")]
    [InlineData("1|EPiServer.CMS.UI,12.0.0")]
    [InlineData("1|EPiServer.CMS.UI,12.0.0,PackageReference,1,2,3,4,5,x,/Site.csproj")]
    [InlineData("packages")]
    public void A_value_this_version_cannot_read_is_not_taken_for_no_packages(string value) =>
        Assert.Null(HandedOverText.ToPackages(value));
}
