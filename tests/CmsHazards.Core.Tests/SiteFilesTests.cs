using CmsHazards.Configuration;
using Xunit;

namespace CmsHazards.Tests;

public class SiteFilesTests
{
    private static readonly string[] Files =
    {
        "/repo/Site/Views/Web.config",
        "/repo/Site/modules/_protected/EPiServer.Cms.Shell.UI/web.config",
        "/repo/Site/Web.config",
        "/repo/Site/Setup/web.config",
        "/repo/Site/packages.config",
    };

    [Fact]
    public void The_web_config_beside_the_project_is_the_site_configuration() =>
        Assert.Equal("/repo/Site/Web.config", SiteFiles.ChooseWebConfig(Files, "/repo/Site/", null));

    [Fact]
    public void Without_a_project_folder_the_shallowest_outside_views_and_modules_wins() =>
        Assert.Equal("/repo/Site/Web.config", SiteFiles.ChooseWebConfig(Files, null, null));

    [Fact]
    public void The_CmsWebConfig_property_names_the_file_relative_to_the_project() =>
        Assert.Equal("/repo/Site/Setup/web.config", SiteFiles.ChooseWebConfig(Files, "/repo/Site", "Setup\\Web.config"));

    [Fact]
    public void Views_and_modules_configurations_are_never_the_site_configuration() =>
        Assert.Null(SiteFiles.ChooseWebConfig(new[] { Files[0], Files[1] }, "/repo/Site", null));
}
