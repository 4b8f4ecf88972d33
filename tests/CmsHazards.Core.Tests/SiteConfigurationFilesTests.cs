using CmsHazards.Configuration;
using CmsHazards.Hosting;
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
        Assert.Equal("/repo/Site/Web.config", SiteConfigurationFiles.ChooseWebConfig(Files, "/repo/Site/", null));

    [Fact]
    public void Without_a_project_folder_the_shallowest_outside_views_and_modules_wins() =>
        Assert.Equal("/repo/Site/Web.config", SiteConfigurationFiles.ChooseWebConfig(Files, null, null));

    [Fact]
    public void The_CmsWebConfig_property_names_the_file_relative_to_the_project() =>
        Assert.Equal("/repo/Site/Setup/web.config", SiteConfigurationFiles.ChooseWebConfig(Files, "/repo/Site", "Setup\\Web.config"));

    [Fact]
    public void Views_and_modules_configurations_are_never_the_site_configuration() =>
        Assert.Null(SiteConfigurationFiles.ChooseWebConfig(new[] { Files[0], Files[1] }, "/repo/Site", null));

    [Theory]
    [InlineData("Release", "/repo/Site/Web.Release.config")]
    [InlineData("release", "/repo/Site/Web.Release.config")]
    [InlineData("Staging", null)]
    [InlineData(null, null)]
    public void The_transform_is_the_file_named_for_the_build_configuration_beside_the_config(string? configuration, string? expected)
    {
        var paths = Files.Concat(new[] { "/repo/Site/Web.Release.config", "/repo/Site/Views/Web.Staging.config" });

        Assert.Equal(expected, SiteConfigurationFiles.TransformOf(paths, "/repo/Site/Web.config", configuration));
    }

    [Fact]
    public void Folder_web_configs_are_those_of_Views_and_modules_below_the_site() =>
        Assert.Equal(
            new[] { "/repo/Site/Views/Web.config", "/repo/Site/modules/_protected/EPiServer.Cms.Shell.UI/web.config" },
            SiteConfigurationFiles.FolderWebConfigs(Files, "/repo/Site/Web.config", "/repo/Site"));

    [Fact]
    public void The_appSettings_file_is_the_one_the_deployed_configSource_names()
    {
        var texts = new Dictionary<string, string>
        {
            ["/repo/Site/Web.config"] = "<configuration><appSettings configSource=\"AppSettings.config\" /></configuration>",
            ["/repo/Site/Web.Release.config"] = "<configuration xmlns:xdt=\"http://schemas.microsoft.com/XML-Document-Transform\"><appSettings configSource=\"AppSettings.Production.config\" xdt:Transform=\"SetAttributes\" /></configuration>",
            ["/repo/Site/AppSettings.config"] = "<appSettings />",
            ["/repo/Site/AppSettings.Production.config"] = "<appSettings />",
            ["/repo/Site/AppSettings.Production.Release.config"] = "<appSettings />",
            ["/repo/Site/Views/Web.config"] = "<configuration />",
        };

        var site = SiteConfigurationFiles.Read("/repo/Site/Web.config", texts.Keys.ToList(), "/repo/Site", "Release",
            path => texts.TryGetValue(path, out var text) ? ConfigFile.Parse(path, text) : null)!;

        Assert.Equal("/repo/Site/Web.Release.config", site.WebConfigTransform!.Path);
        Assert.Equal("/repo/Site/AppSettings.Production.config", site.AppSettingsFile!.Path);
        Assert.Equal("/repo/Site/AppSettings.Production.Release.config", site.AppSettingsTransform!.Path);
        Assert.Equal("/repo/Site/Views/Web.config", Assert.Single(site.FolderWebConfigs).Path);
        Assert.Equal("Release", site.BuildConfiguration);
    }
}
