using CmsHazards.Configuration;
using CmsHazards.Fixes;
using CmsHazards.Hosting;
using CmsHazards.Infrastructure;
using CmsHazards.Rules;
using CmsHazards.Text;
using CmsHazards.Versions;
using Xunit;
using static CmsHazards.Tests.ExpectedMessages;

namespace CmsHazards.Tests;

/// <summary>
/// A CMS 11 site whose ARM, Bicep or Terraform files are named by CmsHostInfrastructure: those files are host evidence,
/// as web.config's webSocket element is; a CmsHostWebSockets declaration outranks them and the message says so.
/// </summary>
public class AppServiceHostEvidenceTests
{
    private const string Site = """
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

    private static IReadOnlyList<Finding> Check(string? webSockets, string? appService, params string[] infrastructure)
    {
        var webConfig = ConfigFile.Parse("/site/Web.config", Site);
        var ui = new CmsUiReference(CmsUiVersion.FromAssemblyVersion(new Version(11, 20, 0, 0)), "EPiServer.Cms.Shell.UI 11.20.0.0");
        var facts = new SiteFacts(ui, HostDeclaration.Read(webSockets, null), new SiteConfiguration(webConfig, null, null, null, null, null))
            .With(() => new InfrastructureFacts(infrastructure.Select(InfrastructureReaderTests.Load).ToList(), appService));
        return SiteCheck.Run(facts);
    }

    [Fact]
    public void A_Bicep_file_that_leaves_Web_sockets_off_is_CMSH101_naming_the_file_and_line_with_both_fixes()
    {
        var finding = Assert.Single(Check(null, null, "bicep/site-off/main.bicep"));

        Assert.Equal("CMSH101", finding.RuleId);
        Assert.Equal(
            $"{Ui} opens a WebSocket from the edit interface, but the host is Azure App Service, and Web sockets are off for web app 'contoso-cms' (siteConfig sets webSocketsEnabled to false at main.bicep(22)); " +
            "for slot 'contoso-cms/staging' (main.bicep(27) declares slot 'contoso-cms/staging' without siteConfig.webSocketsEnabled, and App Service leaves Web sockets off unless they are turned on). " +
            "Editors will get \"A real-time connection could not be established with the server\". Set Epi.WebSockets.Enabled to false in the root appSettings of Web.config, or turn Web sockets on for every App Service host.",
            finding.Message);
        Assert.Equal(FindingPlacement.OnSiteCode, finding.Placement);
        Assert.Equal("main.bicep(22,26)", finding.Location!.ToString());
        Assert.Equal(new[] { "Turn off CMS UI WebSockets (Epi.WebSockets.Enabled=false)", "Turn on Web sockets in main.bicep" }, finding.Fixes.Select(f => f.Title));

        // The fix as a front end applies it: planned against the file as it is now, byte for byte as expected.
        var path = FixtureFiles.PathOf("Infrastructure/bicep/site-off/main.bicep");
        var original = EncodedText.Decode(File.ReadAllBytes(path));
        var edit = Assert.Single(FixPlanner.Plan(finding.Fixes[1], p => p == path ? original.Text : null));
        Assert.Equal(FixtureFiles.Bytes("Infrastructure/fixed/bicep/site-off/main.bicep.contoso-cms.fixed"), original.Encode(edit.ApplyTo(original.Text)));

        // A fix carried through the analyzer's diagnostic properties comes back the same.
        Assert.True(FixCodec.Decode(FixCodec.Encode(finding.Fixes))[1].IsSameEditAs(finding.Fixes[1]));
    }

    [Fact]
    public void Terraform_that_leaves_a_slot_off_is_CMSH101_at_the_slot()
    {
        var finding = Assert.Single(Check(null, null, "terraform/app-service/main.tf"));

        Assert.Equal("CMSH101", finding.RuleId);
        Assert.Contains("Web sockets are off for azurerm_app_service_slot.staging (main.tf(17) declares azurerm_app_service_slot.staging without site_config.websockets_enabled", finding.Message);
        Assert.Equal("main.tf(17,1)", finding.Location!.ToString());
    }

    [Fact]
    public void Files_that_turn_Web_sockets_on_everywhere_give_nothing()
    {
        Assert.Empty(Check(null, null, "bicep/on/main.bicep"));
        Assert.Empty(Check(null, "api", "bicep/two-apps/main.bicep"));
    }

    [Fact]
    public void The_declaration_outranks_the_files_and_the_message_says_they_disagree()
    {
        var declaredOn = Assert.Single(Check("true", null, "bicep/site-not-set/main.bicep"));
        var declaredOff = Assert.Single(Check("false", null, "bicep/on/main.bicep"));

        Assert.Equal("CMSH100", declaredOn.RuleId);
        Assert.Equal(
            $"{Ui} opens a WebSocket from the edit interface. CmsHostWebSockets=true outranks the infrastructure files, where Web sockets are off for web app 'alloy-web' (the siteConfig of web app 'alloy-web' at main.bicep(14) has no webSocketsEnabled, and App Service leaves Web sockets off unless they are turned on). " +
            "Make sure which is right: turn Web sockets on for those hosts, or set Epi.WebSockets.Enabled to false.",
            declaredOn.Message);
        Assert.Equal(new[] { "Turn off CMS UI WebSockets (Epi.WebSockets.Enabled=false)", "Turn on Web sockets in main.bicep" }, declaredOn.Fixes.Select(f => f.Title));
        Assert.Equal("CMSH101", declaredOff.RuleId);
        Assert.Equal(
            $"{Ui} opens a WebSocket from the edit interface, but the hosts are declared without WebSockets (CmsHostWebSockets=false). {Consequence} " +
            "The infrastructure files turn Web sockets on for web app 'cms-on', slot 'cms-on/staging' (main.bicep(7)); CmsHostWebSockets=false outranks them.",
            declaredOff.Message);
    }

    [Fact]
    public void A_value_known_only_at_deployment_is_CMSH100_saying_what_decides_it()
    {
        var finding = Assert.Single(Check(null, null, "terraform/dynamic/main.tf"));

        Assert.Equal("CMSH100", finding.RuleId);
        Assert.Equal(
            $"{Ui} opens a WebSocket from the edit interface, and the infrastructure files do not tell whether Azure App Service carries WebSockets: for azurerm_windows_web_app.cms, azurerm_windows_web_app.cms takes its site_config from a dynamic block at main.tf(19), built from 'var.site_config', known only at apply time. " +
            "Declare <CmsHostWebSockets>true</CmsHostWebSockets> once the deployment turns them on, or set Epi.WebSockets.Enabled to false.",
            finding.Message);
        Assert.Equal("main.tf(19,3)", finding.Location!.ToString());
    }

    [Fact]
    public void Several_apps_none_named_is_CMSH103_and_settings_without_effect_are_CMSH102()
    {
        var several = Check(null, null, "bicep/two-apps/main.bicep");
        var misplaced = Check("true", null, "arm/misplaced/template.json");

        Assert.Equal(new[] { "CMSH103", "CMSH100" }, several.Select(f => f.RuleId));
        Assert.StartsWith("The infrastructure files declare 2 web apps: web app 'contoso-cms' (symbolic name cms, main.bicep(1))", several[0].Message);
        Assert.Equal(new[] { "CMSH102", "CMSH100" }, misplaced.Select(f => f.RuleId));
        Assert.Equal("webSocketsEnabled at template.json(12) sits directly under the properties of web app 'cms-misplaced', where App Service defines no such property: it has no effect. It belongs in properties.siteConfig.", misplaced[0].Message);
        Assert.Equal("template.json(12,9)", misplaced[0].Location!.ToString());
    }

    [Fact]
    public void An_unreadable_file_is_CMSH200_with_its_position()
    {
        var findings = Check(null, null, "bicep/site-off/main.bicep").Count;
        var broken = new InfrastructureFile("/infra/broken.bicep", "resource site 'Microsoft.Web/sites@2022-09-01' = {\n  name: 'cms\n}\n", InfrastructureLanguage.Bicep);
        var webConfig = ConfigFile.Parse("/site/Web.config", Site);
        var ui = new CmsUiReference(CmsUiVersion.FromAssemblyVersion(new Version(11, 20, 0, 0)), "EPiServer.Cms.Shell.UI 11.20.0.0");
        var facts = new SiteFacts(ui, HostDeclaration.None, new SiteConfiguration(webConfig, null, null, null, null, null))
            .With(() => new InfrastructureFacts(new[] { broken }, null));

        var result = SiteCheck.Run(facts);

        Assert.Equal(1, findings);
        Assert.Equal(new[] { "CMSH200", "CMSH100" }, result.Select(f => f.RuleId));
        Assert.Equal("broken.bicep cannot be read as Bicep at line 2, column 9: a string that never ends on its line. CmsHazards reads nothing from it until it is fixed.", result[0].Message);
        Assert.Equal("broken.bicep(2,9)", result[0].Location!.ToString());
    }
}

public class MissingInfrastructureFileTests
{
    [Fact]
    public void A_named_file_that_does_not_exist_is_CMSH103()
    {
        var webConfig = ConfigFile.Parse("/site/Web.config", "<configuration><appSettings /><system.web><httpRuntime targetFramework=\"4.8\" /></system.web></configuration>");
        var ui = new CmsUiReference(CmsUiVersion.FromAssemblyVersion(new Version(11, 20, 0, 0)), "EPiServer.Cms.Shell.UI 11.20.0.0");
        var facts = new SiteFacts(ui, HostDeclaration.Read("true", null), new SiteConfiguration(webConfig, null, null, null, null, null))
            .With(() => new InfrastructureFacts(Array.Empty<InfrastructureFile>(), null, InfrastructureFacts.SplitList(@"..\infra\main.bicep")));

        var finding = Assert.Single(SiteCheck.Run(facts));

        Assert.Equal("CMSH103", finding.RuleId);
        Assert.Equal(@"CmsHostInfrastructure names '..\infra\main.bicep', which does not exist. CmsHazards reads the infrastructure files that exist and says nothing about the others.", finding.Message);
    }
}
