using CmsHazards.Configuration;
using CmsHazards.Versions;
using Xunit;

namespace CmsHazards.Tests;

/// <summary>The CMS UI version a project file asks for, read without a build, and where the message says it was found.</summary>
public class CmsUiPackageReferenceTests
{
    private static ConfigFile Project(string items, string root = "<Project Sdk=\"Microsoft.NET.Sdk\">") =>
        ConfigFile.Parse("/site/Site.csproj", root + "\n  <ItemGroup>\n" + items + "\n  </ItemGroup>\n</Project>\n");

    private static ConfigFile CentralPackages(string items) =>
        ConfigFile.Parse("/Directory.Packages.props", "<Project>\n  <ItemGroup>\n" + items + "\n  </ItemGroup>\n</Project>\n");

    private static string? Found(ConfigFile project, ConfigFile? central = null, Func<string, string?>? expand = null)
    {
        var reference = CmsUiPackageReference.FromProjectFile(project, central, expand);
        return reference is null ? null : $"{reference.Version} from {reference.Source}";
    }

    [Theory]
    [InlineData("<PackageReference Include=\"EPiServer.CMS.UI.Core\" Version=\"11.20.0\" />", "11.20.0 from Site.csproj (EPiServer.CMS.UI.Core 11.20.0)")]
    [InlineData("<PackageReference Include=\"EPiServer.CMS.UI\" Version=\"10.7.0-feature-012879\" />", "10.7.0-feature-012879 from Site.csproj (EPiServer.CMS.UI 10.7.0-feature-012879)")]
    [InlineData("<PackageReference Include=\"episerver.cms.ui.core\">\n      <Version>9.10.0</Version>\n    </PackageReference>", "9.10.0 from Site.csproj (episerver.cms.ui.core 9.10.0)")]
    [InlineData("<PackageReference Include=\"EPiServer.CMS.UI.Core\" Version=\"[11.20.0]\" />", "11.20.0 from Site.csproj (EPiServer.CMS.UI.Core 11.20.0)")]
    [InlineData("<PackageReference Include=\"EPiServer.CMS.UI.Core\" Version=\"[11.20.0, 12.0)\" />", "11.20.0 from Site.csproj (EPiServer.CMS.UI.Core 11.20.0)")]
    [InlineData("<PackageReference Include=\"EPiServer.CMS.UI.Core\" Version=\"11.20.0\" VersionOverride=\"11.25.0\" />", "11.25.0 from Site.csproj (EPiServer.CMS.UI.Core 11.25.0)")]
    public void A_PackageReference_gives_the_version(string items, string expected)
    {
        Assert.Equal(expected, Found(Project(items)));
    }

    [Theory]
    [InlineData("<PackageReference Include=\"EPiServer.CMS.UI.Core\" Version=\"11.*\" />")]
    [InlineData("<PackageReference Include=\"EPiServer.CMS.UI.Core\" Version=\"(11.0, 12.0)\" />")]
    [InlineData("<PackageReference Include=\"EPiServer.CMS.UI.Core\" Version=\"$(CmsUIVersion)\" />")]
    [InlineData("<PackageReference Include=\"EPiServer.CMS.UI.AspNetIdentity\" Version=\"11.20.0\" />")]
    [InlineData("<PackageReference Include=\"EPiServer.CMS\" Version=\"11.20.0\" />")]
    [InlineData("<PackageReference Include=\"EPiServer.CMS.UI.Core\" />")]
    public void Versions_that_say_nothing_exact_and_other_packages_give_none(string items)
    {
        Assert.Null(Found(Project(items)));
    }

    [Fact]
    public void A_version_property_is_read_through_the_caller_s_expansion()
    {
        var project = Project("<PackageReference Include=\"EPiServer.CMS.UI.Core\" Version=\"$(CmsUIVersion)\" />");

        Assert.Equal(
            "11.20.0 from Site.csproj (EPiServer.CMS.UI.Core 11.20.0)",
            Found(project, expand: text => text.Replace("$(CmsUIVersion)", "11.20.0")));
        Assert.Null(Found(project, expand: _ => null));
    }

    [Fact]
    public void Central_Package_Management_gives_the_version_unless_the_project_overrides_it()
    {
        var central = CentralPackages("<PackageVersion Include=\"EPiServer.CMS.UI\" Version=\"11.20.0\" />\n<PackageVersion Include=\"EPiServer.CMS\" Version=\"11.20.0\" />");

        Assert.Equal(
            "11.20.0 from Directory.Packages.props (EPiServer.CMS.UI 11.20.0)",
            Found(Project("<PackageReference Include=\"EPiServer.CMS\" />\n<PackageReference Include=\"EPiServer.CMS.UI\" />"), central));
        Assert.Equal(
            "11.25.0 from Site.csproj (EPiServer.CMS.UI 11.25.0)",
            Found(Project("<PackageReference Include=\"EPiServer.CMS.UI\" VersionOverride=\"11.25.0\" />"), central));
        Assert.Null(Found(Project("<PackageReference Include=\"EPiServer.CMS.UI.Core\" />"), central));
    }

    [Fact]
    public void An_old_style_project_gives_the_version_of_the_package_folder_its_HintPath_points_into()
    {
        var project = Project(
            "<Reference Include=\"EPiServer.UI, Version=9.4.2.0, Culture=neutral, PublicKeyToken=8fe83dea738b45b7\">\n" +
            "  <HintPath>..\\packages\\EPiServer.CMS.UI.Core.9.4.2\\lib\\net45\\EPiServer.UI.dll</HintPath>\n" +
            "</Reference>\n" +
            "<Reference Include=\"EPiServer\">\n  <HintPath>..\\packages\\EPiServer.CMS.Core.9.12.0\\lib\\net45\\EPiServer.dll</HintPath>\n</Reference>",
            "<Project ToolsVersion=\"15.0\" xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">");

        Assert.Equal("9.4.2 from Site.csproj (HintPath EPiServer.CMS.UI.Core.9.4.2)", Found(project));
    }

    [Fact]
    public void A_HintPath_folder_of_EPiServer_CMS_UI_is_read_as_that_package()
    {
        var project = Project("<Reference Include=\"EPiServer.Cms.Shell.UI\"><HintPath>../packages/EPiServer.CMS.UI.10.10.4/lib/EPiServer.Cms.Shell.UI.dll</HintPath></Reference>");

        Assert.Equal("10.10.4 from Site.csproj (HintPath EPiServer.CMS.UI.10.10.4)", Found(project));
    }

    [Fact]
    public void The_highest_version_named_wins_and_a_PackageReference_comes_before_a_HintPath()
    {
        var project = Project(
            "<PackageReference Include=\"EPiServer.CMS.UI\" Version=\"11.19.0\" />\n" +
            "<PackageReference Include=\"EPiServer.CMS.UI.Core\" Version=\"11.20.1\" />\n" +
            "<Reference Include=\"EPiServer.UI\"><HintPath>..\\packages\\EPiServer.CMS.UI.Core.11.25.0\\lib\\EPiServer.UI.dll</HintPath></Reference>");

        Assert.Equal("11.20.1 from Site.csproj (EPiServer.CMS.UI.Core 11.20.1)", Found(project));
    }

    [Fact]
    public void A_file_that_is_not_a_project_gives_none()
    {
        Assert.Null(Found(ConfigFile.Parse("/site/packages.config", "<packages><package id=\"EPiServer.CMS.UI.Core\" version=\"11.20.0\" /></packages>")));
        Assert.Null(Found(ConfigFile.Parse("/site/Site.csproj", "<Project>")));
    }

    [Theory]
    [InlineData("<Version> 7.5 </Version>", "7.5")]
    [InlineData("<Version>a &amp; b</Version>", "a & b")]
    [InlineData("<Version />", "")]
    [InlineData("<Version><!-- x -->7.5</Version>", null)]
    public void Element_text_is_the_decoded_value_between_the_tags(string xml, string? expected)
    {
        var file = ConfigFile.Parse("/p.xml", xml);

        Assert.Equal(expected, ConfigElementText.TextOf(file.Root!));
    }
}
