using CmsHazards.Configuration;
using CmsHazards.Hosting;
using CmsHazards.Rules;
using CmsHazards.Versions;
using Xunit;
using static CmsHazards.Tests.ExpectedMessages;

namespace CmsHazards.Tests;

public class WebSocketsRuleTests
{
    private const string ModernSite = """
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <appSettings>
            <add key="webpages:Version" value="3.0.0.0" />
          </appSettings>
          <system.web>
            <httpRuntime targetFramework="4.7.2" />
          </system.web>
        </configuration>
        """;

    [Fact]
    public void An_old_IIS_declared_for_the_host_is_a_hazard_reported_at_appSettings()
    {
        var finding = Assert.Single(Evaluate(ModernSite, iis: "7.5"));

        Assert.Equal("CMSH101", finding.RuleId);
        Assert.Equal($"{Ui} opens a WebSocket from the edit interface, but the host is declared as IIS 7.5 (CmsHostIisVersion), and IIS carries WebSockets only from 8.0. {Consequence}", finding.Message);
        Assert.Equal("(3,4)", finding.Location!.Start.ToString());
        Assert.Equal("/site/Web.config", finding.FixTargetPath());
        Assert.Equal(new[] { FixKind.TurnOffWebSockets }, finding.FixKinds());
    }

    [Fact]
    public void Hosts_declared_without_WebSockets_are_a_hazard()
    {
        var finding = Assert.Single(Evaluate(ModernSite, webSockets: "false", iis: "10.0"));

        Assert.Equal($"{Ui} opens a WebSocket from the edit interface, but the hosts are declared without WebSockets (CmsHostWebSockets=false). {Consequence}", finding.Message);
    }

    [Fact]
    public void Nothing_declared_is_advice_to_check_the_hosts()
    {
        var finding = Assert.Single(Evaluate(ModernSite));

        Assert.Equal("CMSH100", finding.RuleId);
        Assert.Equal(
            $"{Ui} opens a WebSocket from the edit interface, and nothing declares whether the hosts carry WebSockets end to end " +
            "(IIS 8 or later with the WebSocket Protocol feature, and every proxy or CDN passing the Upgrade header). " +
            "Declare <CmsHostWebSockets>true</CmsHostWebSockets> once that is checked, or set Epi.WebSockets.Enabled to false.",
            finding.Message);
        Assert.Equal(new[] { FixKind.TurnOffWebSockets }, finding.FixKinds());
    }

    [Fact]
    public void WebSockets_switched_off_in_IIS_configuration_are_seen_in_web_config()
    {
        var config = ModernSite.Replace("</configuration>", "  <system.webServer>\n    <webSocket enabled=\"false\" />\n  </system.webServer>\n</configuration>");

        var finding = Assert.Single(Evaluate(config, webSockets: "true"));

        Assert.Equal("CMSH101", finding.RuleId);
        Assert.Equal($"{Ui} opens a WebSocket from the edit interface, but WebSockets are switched off for the site in IIS (<webSocket enabled=\"false\"> at Web.config(10)). {Consequence}", finding.Message);
        Assert.Equal("(10,6)", finding.Location!.Start.ToString());
    }

    [Theory]
    [InlineData("<httpRuntime maxRequestLength=\"51200\" />", "<httpRuntime> at Web.config(7) has no targetFramework")]
    [InlineData("<httpRuntime targetFramework=\"4.0\" />", "<httpRuntime targetFramework=\"4.0\"> at Web.config(7) is below 4.5")]
    [InlineData("<compilation targetFramework=\"4.7.2\" />", "<system.web> at Web.config(6) has no <httpRuntime targetFramework=\"4.5\"> or later")]
    public void ASP_NET_in_compatibility_mode_is_a_hazard_with_a_second_fix(string systemWebContent, string where)
    {
        var config = ModernSite.Replace("<httpRuntime targetFramework=\"4.7.2\" />", systemWebContent);

        var finding = Assert.Single(Evaluate(config, webSockets: "true"));

        Assert.Equal("CMSH101", finding.RuleId);
        Assert.Equal($"{Ui} opens a WebSocket from the edit interface, but ASP.NET runs in its 4.0 compatibility mode, which refuses WebSockets ({where}, and aspnet:UseTaskFriendlySynchronizationContext is not true). {Consequence}", finding.Message);
        Assert.Equal(new[] { FixKind.TurnOffWebSockets, FixKind.UseTaskFriendlySynchronizationContext }, finding.FixKinds());
    }

    [Fact]
    public void Every_piece_of_evidence_is_named()
    {
        var config = ModernSite.Replace("<httpRuntime targetFramework=\"4.7.2\" />", "<httpRuntime />");

        var finding = Assert.Single(Evaluate(config, iis: "7.5"));

        Assert.Equal(
            $"{Ui} opens a WebSocket from the edit interface, but ASP.NET runs in its 4.0 compatibility mode, which refuses WebSockets (<httpRuntime> at Web.config(7) has no targetFramework, and aspnet:UseTaskFriendlySynchronizationContext is not true); " +
            $"and the host is declared as IIS 7.5 (CmsHostIisVersion), and IIS carries WebSockets only from 8.0. {Consequence}",
            finding.Message);
        Assert.Equal("(7,6)", finding.Location!.Start.ToString());
    }

    [Fact]
    public void Task_friendly_mode_set_in_appSettings_is_not_compatibility_mode()
    {
        var config = ModernSite
            .Replace("<httpRuntime targetFramework=\"4.7.2\" />", "<httpRuntime />")
            .Replace("<add key=\"webpages:Version\" value=\"3.0.0.0\" />", "<add key=\"aspnet:UseTaskFriendlySynchronizationContext\" value=\"True\" />");

        Assert.Empty(Evaluate(config, webSockets: "true"));
    }

    [Fact]
    public void Only_the_root_httpRuntime_counts()
    {
        var config = """
            <configuration>
              <location path="." inheritInChildApplications="false">
                <system.web>
                  <httpRuntime targetFramework="4.7.2" />
                </system.web>
              </location>
              <location path="EPiServer">
                <system.web>
                  <httpRuntime maxRequestLength="1000000" />
                </system.web>
              </location>
              <!-- <system.web><httpRuntime targetFramework="4.5.2"/></system.web> -->
            </configuration>
            """;

        Assert.Empty(Evaluate(config, webSockets: "true"));
        Assert.Equal("CMSH101", Assert.Single(Evaluate(config.Replace("path=\".\"", "path=\"Public\""), webSockets: "true")).RuleId);
    }

    [Theory]
    [InlineData("false")]
    [InlineData(" False ")]
    public void WebSockets_turned_off_by_the_key_is_safe(string value) =>
        Assert.Empty(Evaluate(ModernSite.Replace("<add key=\"webpages:Version\" value=\"3.0.0.0\" />", $"<add key=\"EPi.WebSockets.Enabled\" value=\"{value}\" />"), iis: "7.5"));

    [Theory]
    [InlineData("9.3.2.0")]
    public void UI_versions_without_this_switch_get_nothing(string version) =>
        Assert.Empty(Evaluate(ModernSite, iis: "7.5", ui: version));

    [Fact]
    public void UI_12_is_decided_by_UIOptions_not_by_this_switch()
    {
        // The CMS 12 rule (UiOptionsRule) decides such a site; nothing here speaks of the CMS 11 key.
        var finding = Assert.Single(Evaluate(ModernSite, iis: "7.5", ui: "12.0.3.0"));

        Assert.Equal("CMSH101", finding.RuleId);
        Assert.Contains("UIOptions.WebSocketEnabled", finding.Message);
        Assert.DoesNotContain("Epi.WebSockets.Enabled", finding.Message);
    }

    [Fact]
    public void No_CMS_UI_gets_nothing() =>
        Assert.Empty(TestSites.Check(null, ConfigFile.Parse("/site/Web.config", ModernSite), null, HostDeclaration.Read(null, "7.5")));

    [Fact]
    public void Hosts_declared_with_WebSockets_get_nothing() =>
        Assert.Empty(Evaluate(ModernSite, webSockets: "true", iis: "7.5"));

    [Fact]
    public void AppSettings_in_a_missing_configSource_file_get_the_warning_without_a_fix()
    {
        var config = ModernSite.Replace("""
              <appSettings>
                <add key="webpages:Version" value="3.0.0.0" />
              </appSettings>
            """, "  <appSettings configSource=\"AppSettings.config\" />\n");

        var finding = Assert.Single(Evaluate(config, iis: "7.5"));

        Assert.Equal(
            $"{Ui} opens a WebSocket from the edit interface, but the host is declared as IIS 7.5 (CmsHostIisVersion), and IIS carries WebSockets only from 8.0. {ConsequenceThroughConfigSource} " +
            "No fix is offered: the appSettings come from 'AppSettings.config' (configSource at Web.config(3)), which was not found; add the key there.",
            finding.Message);
        Assert.Empty(finding.Fixes);
        Assert.Null(finding.FixTargetPath());
    }

    [Fact]
    public void The_key_in_the_configSource_file_counts_and_the_fix_edits_that_file()
    {
        var config = ModernSite.Replace("""
              <appSettings>
                <add key="webpages:Version" value="3.0.0.0" />
              </appSettings>
            """, "  <appSettings configSource=\"App_Config\\AppSettings.config\" />\n");
        var external = "<appSettings>\n  <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\n</appSettings>";

        Assert.Empty(Evaluate(config, iis: "7.5", appSettings: external));
        Assert.Equal("/site/App_Config/AppSettings.config", Assert.Single(Evaluate(config, iis: "7.5", appSettings: "<appSettings/>")).FixTargetPath());
    }

    [Fact]
    public void A_web_config_that_is_not_XML_is_reported_where_it_breaks_and_nothing_is_guessed()
    {
        var finding = Assert.Single(Evaluate("\r\n" + ModernSite, iis: "7.5"));

        Assert.Equal("CMSH200", finding.RuleId);
        Assert.StartsWith("Web.config cannot be read as XML at line 2, column 3: ", finding.Message);
        Assert.EndsWith(" CmsHazards checks nothing in it until it is fixed.", finding.Message);
        Assert.Equal("(2,3)", finding.Location!.Start.ToString());
    }

    [Fact]
    public void A_web_config_without_a_configuration_root_is_reported()
    {
        var finding = Assert.Single(Evaluate("<appSettings />", iis: "7.5"));

        Assert.Equal("CMSH200", finding.RuleId);
        Assert.Equal("Web.config is not a .NET configuration file: its root element is <appSettings>, not <configuration>.", finding.Message);
    }

    [Fact]
    public void Host_properties_that_cannot_be_read_are_reported_and_count_as_undeclared()
    {
        var findings = Evaluate(ModernSite, webSockets: "nope");

        Assert.Equal(new[] { "CMSH103", "CMSH100" }, findings.Select(f => f.RuleId));
        Assert.Equal("CmsHostWebSockets is 'nope'; use true or false. CmsHazards treats it as not declared.", findings[0].Message);
        Assert.Null(findings[0].Location);

        // With no place in a file, the finding names the property, so a front end that reads the project puts it there.
        Assert.Equal("CmsHostWebSockets", findings[0].Setting);
        Assert.Null(findings[1].Setting);
    }

    private static IReadOnlyList<Finding> Evaluate(string webConfig, string? webSockets = null, string? iis = null, string ui = "11.20.0.0", string? appSettings = null)
    {
        var file = ConfigFile.Parse("/site/Web.config", webConfig);
        ConfigFile? external = null;
        if (appSettings is not null && WebConfig.From(file)?.AppSettingsConfigSource is { } source)
        {
            external = ConfigFile.Parse(SiteConfiguration.ResolveConfigSource(file.Path, source), appSettings);
        }

        var reference = new CmsUiReference(CmsUiVersion.FromAssemblyVersion(Version.Parse(ui)), "EPiServer.Cms.Shell.UI " + ui);
        return TestSites.Check(reference, file, external, HostDeclaration.Read(webSockets, iis));
    }
}
