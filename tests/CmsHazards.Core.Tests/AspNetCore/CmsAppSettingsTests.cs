using CmsHazards.AspNetCore;
using CmsHazards.Json;
using Xunit;

namespace CmsHazards.Tests.AspNetCore;

/// <summary>EPiServer:CmsUI:UI:WebSocketEnabled across appsettings.json and appsettings.{Environment}.json.</summary>
public class CmsAppSettingsTests
{
    private const string Off = "{ \"EPiServer\": { \"CmsUI\": { \"UI\": { \"WebSocketEnabled\": false } } } }";
    private const string On = "{ \"EPiServer\": { \"CmsUI\": { \"UI\": { \"WebSocketEnabled\": true } } } }";
    private const string Nothing = "{ \"AllowedHosts\": \"*\" }";

    private static JsonFile File(string name, string text) => JsonFile.Parse("/site/" + name, text);

    [Fact]
    public void Keys_ignore_case_and_a_quoted_false_is_false()
    {
        var settings = CmsAppSettings.Read(new[] { File("appsettings.json", "{ \"EpiServer\": { \"CmsUi\": { \"ui\": { \"websocketEnabled\": \"False\" } } } }") }, null);

        var setting = Assert.Single(settings.Settings);
        Assert.Equal(SwitchState.Off, setting.State);
        Assert.Equal("\"False\"", setting.Expression);
        Assert.Equal("appsettings.json", setting.How);
        Assert.True(WebSocketSwitch.Decide(settings.Settings).IsOff);
    }

    [Fact]
    public void A_log_category_named_EPiServer_is_not_the_section()
    {
        var settings = CmsAppSettings.Read(new[] { File("appsettings.json", "{ \"Logging\": { \"LogLevel\": { \"EPiServer\": \"Warning\" } } }") }, null);

        Assert.Empty(settings.Settings);
        Assert.Same(WebSocketSwitch.NotSet, WebSocketSwitch.Decide(settings.Settings));
    }

    [Fact]
    public void The_declared_environments_file_overrides_appsettings_json()
    {
        var files = new[] { File("appsettings.json", Off), File("appsettings.Production.json", On), File("appsettings.Development.json", Off) };

        var production = WebSocketSwitch.Decide(CmsAppSettings.Read(files, "Production").Settings);
        var development = WebSocketSwitch.Decide(CmsAppSettings.Read(files, "development").Settings);

        Assert.Equal(SwitchState.On, production.State);
        Assert.Equal("appsettings.Production.json", production.DecidedBy!.How);
        Assert.True(development.IsOff);
    }

    [Fact]
    public void An_environment_file_that_does_not_set_the_key_leaves_appsettings_json_in_force()
    {
        var files = new[] { File("appsettings.json", Off), File("appsettings.Production.json", Nothing) };

        Assert.True(WebSocketSwitch.Decide(CmsAppSettings.Read(files, "Production").Settings).IsOff);
    }

    [Fact]
    public void Without_a_declared_environment_a_file_that_turns_it_back_on_is_named()
    {
        var files = new[] { File("appsettings.json", Off), File("appsettings.Staging.json", On), File("appsettings.Development.json", Off) };

        var decided = WebSocketSwitch.Decide(CmsAppSettings.Read(files, null).Settings);

        Assert.Equal(SwitchState.On, decided.State);
        Assert.Equal("/site/appsettings.Staging.json", decided.DecidedBy!.Location.Path);
        Assert.Equal("appsettings.Staging.json(1)", decided.DecidedBy.Location.Describe());
    }

    [Fact]
    public void Values_that_are_not_booleans_are_set_apart()
    {
        var settings = CmsAppSettings.Read(new[] { File("appsettings.json", "{ \"EPiServer\": { \"CmsUI\": { \"UI\": { \"WebSocketEnabled\": 0 } } } }") }, null);

        Assert.Empty(settings.Settings);
        var (file, property) = Assert.Single(settings.NotBoolean);
        Assert.Equal("WebSocketEnabled", property.Name);
    }

    [Fact]
    public void The_CMS_11_key_is_found_wherever_it_is_written()
    {
        var settings = CmsAppSettings.Read(new[] { File("appsettings.json", "{ \"AppSettings\": { \"Epi.WebSockets.Enabled\": \"false\" } }") }, null);

        var (_, property) = Assert.Single(settings.Cms11Keys);
        Assert.Equal("Epi.WebSockets.Enabled", property.Name);
        Assert.Empty(settings.Settings);
    }

    [Fact]
    public void An_unreadable_file_is_set_apart()
    {
        var broken = File("appsettings.json", "{ \"EPiServer\": ");

        var settings = CmsAppSettings.Read(new[] { broken }, null);

        Assert.Same(broken, Assert.Single(settings.Unreadable));
        Assert.Empty(settings.Settings);
    }

    [Theory]
    [InlineData("/site/appsettings.json", null)]
    [InlineData("/site/appsettings.Production.json", "Production")]
    [InlineData("/site/AppSettings.Staging.JSON", "Staging")]
    [InlineData("/site/web.config", null)]
    public void Environment_files_are_recognised_by_name(string path, string? environment) =>
        Assert.Equal(environment, CmsAppSettings.EnvironmentOf(path));
}
