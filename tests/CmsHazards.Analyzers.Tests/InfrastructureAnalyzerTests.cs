using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static CmsHazards.Analyzers.Tests.SiteTest;

namespace CmsHazards.Analyzers.Tests;

/// <summary>
/// Infrastructure files handed to the analyzer (CmsHostInfrastructure): CMSH101 on the application class with the
/// Bicep or Terraform line as its additional location, and "Turn on Web sockets in &lt;file&gt;" as Visual Studio and
/// dotnet format apply it, byte for byte.
/// </summary>
public class InfrastructureAnalyzerTests
{
    private const string BicepPath = "/infra/main.bicep";
    private const string TerraformPath = "/infra/main.tf";

    private const string BicepMessage =
        "CMS UI 11.20.0 (EPiServer.Cms.Shell.UI 11.20.0.0) opens a WebSocket from the edit interface, but the host is Azure App Service, and Web sockets are off for web app 'contoso-cms' (siteConfig sets webSocketsEnabled to false at main.bicep(22)); " +
        "for slot 'contoso-cms/staging' (main.bicep(27) declares slot 'contoso-cms/staging' without siteConfig.webSocketsEnabled, and App Service leaves Web sockets off unless they are turned on). " +
        "Editors will get \"A real-time connection could not be established with the server\". Set Epi.WebSockets.Enabled to false in the root appSettings of Web.config, or turn Web sockets on for every App Service host.";

    [Fact]
    public async Task A_Bicep_file_that_leaves_Web_sockets_off_is_fixed_in_that_file()
    {
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFixture(WebConfigPath, "Fixes/tabs/Web.config")
            .WithFixture(BicepPath, "Infrastructure/bicep/site-off/main.bicep")
            .Expect(Cmsh101().WithLocation(0).WithSpan(BicepPath, 22, 26, 22, 31).WithMessage(BicepMessage))
            .ExpectFixedFixture(WebConfigPath, "Fixes/tabs/Web.config")
            .ExpectFixedFixture(BicepPath, "Infrastructure/fixed/bicep/site-off/main.bicep.contoso-cms.fixed")
            .WithFix("CmsHazards.TurnOnAppServiceWebSockets")
            .VerifyAsync();
    }

    [Fact]
    public async Task The_first_fix_still_turns_CMS_UI_WebSockets_off()
    {
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFixture(WebConfigPath, "Fixes/tabs/Web.config")
            .WithFixture(BicepPath, "Infrastructure/bicep/site-off/main.bicep")
            .Expect(Cmsh101().WithLocation(0).WithSpan(BicepPath, 22, 26, 22, 31).WithMessage(BicepMessage))
            .ExpectFixedFixture(WebConfigPath, "Fixes/tabs/Web.config.expected")
            .ExpectFixedFixture(BicepPath, "Infrastructure/bicep/site-off/main.bicep")
            .VerifyAsync();
    }

    [Fact]
    public async Task Terraform_files_that_turn_Web_sockets_on_give_nothing()
    {
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFixture(WebConfigPath, "Fixes/tabs/Web.config")
            .WithFile(TerraformPath, "resource \"azurerm_windows_web_app\" \"cms\" {\n  name = \"cms\"\n  site_config {\n    websockets_enabled = true\n  }\n}\n")
            .VerifyAsync();
    }
}
