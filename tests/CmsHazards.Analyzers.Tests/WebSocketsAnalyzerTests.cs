using Xunit;
using static CmsHazards.Analyzers.Tests.SiteTest;
using static CmsHazards.Analyzers.Tests.ExpectedMessages;

namespace CmsHazards.Analyzers.Tests;

public class WebSocketsAnalyzerTests
{
    /// <summary>A CMS 11 web.config in the shape the Visual Studio templates give; appSettings on line 6.</summary>
    internal const string WebConfig = """
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <configSections>
            <section name="episerver" type="EPiServer.Configuration.EPiServerSection, EPiServer.Configuration" />
          </configSections>
          <appSettings>
            <add key="webpages:Version" value="3.0.0.0" />
          </appSettings>
          <system.web>
            <compilation debug="true" targetFramework="4.7.2" />
            <httpRuntime targetFramework="4.7.2" />
          </system.web>
        </configuration>
        """;

    [Fact]
    public async Task Old_IIS_is_reported_on_the_application_class_with_web_config_as_additional_location()
    {
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFile(WebConfigPath, WebConfig)
            .WithProperty("CmsHostIisVersion", "7.5")
            .Expect(Cmsh101().WithLocation(0).WithSpan(WebConfigPath, 6, 4, 6, 15)
                .WithMessage($"{Ui} opens a WebSocket from the edit interface, but {OldIis}. {Consequence}"))
            .VerifyAsync();
    }

    [Fact]
    public async Task WebSockets_switched_off_in_IIS_are_evidence_even_on_a_declared_host()
    {
        var config = WebConfig.Replace("</configuration>", "  <system.webServer>\n    <webSocket enabled=\"false\" />\n  </system.webServer>\n</configuration>");
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFile(WebConfigPath, config)
            .WithProperty("CmsHostWebSockets", "true")
            .Expect(Cmsh101().WithLocation(0).WithSpan(WebConfigPath, 14, 6, 14, 15).WithMessage(
                $"{Ui} opens a WebSocket from the edit interface, but WebSockets are switched off for the site in IIS (<webSocket enabled=\"false\"> at Web.config(14)). {Consequence}"))
            .VerifyAsync();
    }

    [Fact]
    public async Task ASP_NET_compatibility_mode_is_evidence()
    {
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFile(WebConfigPath, WebConfig.Replace("<httpRuntime targetFramework=\"4.7.2\" />", "<httpRuntime targetFramework=\"4.0\" />"))
            .WithProperty("CmsHostWebSockets", "true")
            .Expect(Cmsh101().WithLocation(0).WithSpan(WebConfigPath, 11, 6, 11, 17).WithMessage(
                $"{Ui} opens a WebSocket from the edit interface, but ASP.NET runs in its 4.0 compatibility mode, which refuses WebSockets (<httpRuntime targetFramework=\"4.0\"> at Web.config(11) is below 4.5, and aspnet:UseTaskFriendlySynchronizationContext is not true). {Consequence}"))
            .VerifyAsync();
    }

    [Fact]
    public async Task Hosts_declared_without_WebSockets_are_evidence()
    {
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFile(WebConfigPath, WebConfig)
            .WithProperty("CmsHostWebSockets", "false")
            .Expect(Cmsh101().WithLocation(0).WithSpan(WebConfigPath, 6, 4, 6, 15).WithMessage(
                $"{Ui} opens a WebSocket from the edit interface, but the hosts are declared without WebSockets (CmsHostWebSockets=false). {Consequence}"))
            .VerifyAsync();
    }

    [Fact]
    public async Task Nothing_declared_about_the_host_is_information()
    {
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFile(WebConfigPath, WebConfig)
            .Expect(Cmsh100().WithLocation(0).WithSpan(WebConfigPath, 6, 4, 6, 15).WithMessage(
                $"{Ui} opens a WebSocket from the edit interface, and nothing declares whether the hosts carry WebSockets end to end " +
                "(IIS 8 or later with the WebSocket Protocol feature, and every proxy or CDN passing the Upgrade header). " +
                "Declare <CmsHostWebSockets>true</CmsHostWebSockets> once that is checked, or set Epi.WebSockets.Enabled to false."))
            .VerifyAsync();
    }

    [Theory]
    [InlineData("EPiServer.Shell.UI", "10.7.0.0", "CMS UI 10.7.0 (EPiServer.Shell.UI 10.7.0.0)")]
    [InlineData("EPiServer.UI", "9.4.2.0", "CMS UI 9.4.2 (EPiServer.UI 9.4.2.0)")]
    [InlineData("EPiServer.Cms.Shell.UI", "11.25.0.0", "CMS UI 11.25.0 (EPiServer.Cms.Shell.UI 11.25.0.0)")]
    public async Task The_version_comes_from_the_UI_assembly_the_project_compiles_against(string assembly, string version, string ui)
    {
        await new SiteTest()
            .WithUi(version, assembly)
            .WithApplicationClass()
            .WithFile(WebConfigPath, WebConfig)
            .WithFile(Folder + "/packages.config", Packages("EPiServer.CMS.UI.Core", "9.3.0"))
            .WithProperty("CmsHostIisVersion", "7.5")
            .Expect(Cmsh101().WithLocation(0).WithSpan(WebConfigPath, 6, 4, 6, 15).WithMessage($"{ui} opens a WebSocket from the edit interface, but {OldIis}. {Consequence}"))
            .VerifyAsync();
    }

    [Theory]
    [InlineData("EPiServer.CMS.UI.Core", "11.20.0", "CMS UI 11.20.0 (packages.config (EPiServer.CMS.UI.Core 11.20.0))")]
    [InlineData("EPiServer.CMS.UI", "10.7.0-feature-012879", "CMS UI 10.7.0-feature-012879 (packages.config (EPiServer.CMS.UI 10.7.0-feature-012879))")]
    [InlineData("episerver.cms.ui.core", "9.10.0", "CMS UI 9.10.0 (packages.config (episerver.cms.ui.core 9.10.0))")]
    public async Task Without_the_assembly_the_version_comes_from_packages_config(string id, string version, string ui)
    {
        await new SiteTest()
            .WithApplicationClass()
            .WithFile(WebConfigPath, WebConfig)
            .WithFile(Folder + "/packages.config", Packages(id, version))
            .WithProperty("CmsHostIisVersion", "7.5")
            .Expect(Cmsh101().WithLocation(0).WithSpan(WebConfigPath, 6, 4, 6, 15).WithMessage($"{ui} opens a WebSocket from the edit interface, but {OldIis}. {Consequence}"))
            .VerifyAsync();
    }

    [Fact]
    public async Task Without_the_assembly_the_version_the_MSBuild_task_resolved_counts()
    {
        await new SiteTest()
            .WithApplicationClass()
            .WithFile(WebConfigPath, WebConfig)
            .WithFile(Folder + "/packages.config", Packages("EPiServer.CMS.UI.Core", "9.3.0"))
            .WithProperty("CmsHazardsUiVersion", "11.21.0")
            .WithProperty("CmsHazardsUiVersionSource", "EPiServer.CMS.UI.Core 11.21.0")
            .WithProperty("CmsHostIisVersion", "7.5")
            .Expect(Cmsh101().WithLocation(0).WithSpan(WebConfigPath, 6, 4, 6, 15).WithMessage($"CMS UI 11.21.0 (EPiServer.CMS.UI.Core 11.21.0) opens a WebSocket from the edit interface, but {OldIis}. {Consequence}"))
            .VerifyAsync();
    }

    [Theory]
    [InlineData("EPiServer.CMS.UI.AspNetIdentity", "11.20.0")] // an add-on, not the UI
    [InlineData("EPiServer.CMS.UI.Core", "9.3.2")]
    [InlineData("EPiServer.CMS.UI.Core", "$(CmsUIVersion)")]
    public async Task Packages_that_are_not_the_UI_or_versions_before_9_4_get_nothing(string id, string version)
    {
        await new SiteTest()
            .WithApplicationClass()
            .WithFile(WebConfigPath, WebConfig)
            .WithFile(Folder + "/packages.config", Packages(id, version))
            .WithProperty("CmsHostIisVersion", "7.5")
            .VerifyAsync();
    }

    [Fact]
    public async Task Without_an_application_class_the_diagnostic_sits_on_the_web_config_element()
    {
        await new SiteTest()
            .WithUi()
            .WithSource(Folder + "/Startup.cs", "namespace Site { public class Startup { } }")
            .WithFile(WebConfigPath, WebConfig)
            .WithProperty("CmsHostIisVersion", "7.5")
            .Expect(Cmsh101().WithSpan(WebConfigPath, 6, 4, 6, 15).WithMessage($"{Ui} opens a WebSocket from the edit interface, but {OldIis}. {Consequence}"))
            .VerifyAsync();
    }

    [Fact]
    public async Task Only_a_concrete_class_deriving_from_EPiServer_Global_is_the_application_class()
    {
        await new SiteTest()
            .WithUi()
            .WithSource(Folder + "/SiteApplication.cs", "namespace Site { public abstract class SiteApplication : EPiServer.Global { } }")
            .WithSource(Folder + "/Other.cs", "namespace Site { public class Global { } }")
            .WithSource(GlobalAsaxPath, "namespace Site { public class {|#0:MvcApplication|} : SiteApplication { } }")
            .WithFile(WebConfigPath, WebConfig)
            .WithProperty("CmsHostIisVersion", "7.5")
            .Expect(Cmsh101().WithLocation(0).WithSpan(WebConfigPath, 6, 4, 6, 15).WithMessage($"{Ui} opens a WebSocket from the edit interface, but {OldIis}. {Consequence}"))
            .VerifyAsync();
    }

    [Fact]
    public async Task A_partial_application_class_is_named_in_Global_asax_cs()
    {
        await new SiteTest()
            .WithUi()
            .WithSource(Folder + "/Application.Routes.cs", "namespace Site { public partial class EPiServerApplication { } }")
            .WithSource(GlobalAsaxPath, "namespace Site { public partial class {|#0:EPiServerApplication|} : EPiServer.Global { } }")
            .WithFile(WebConfigPath, WebConfig)
            .WithProperty("CmsHostIisVersion", "7.5")
            .Expect(Cmsh101().WithLocation(0).WithSpan(WebConfigPath, 6, 4, 6, 15).WithMessage($"{Ui} opens a WebSocket from the edit interface, but {OldIis}. {Consequence}"))
            .VerifyAsync();
    }

    [Fact]
    public async Task Folder_configurations_are_not_the_site_configuration()
    {
        const string viewsConfig = "<?xml version=\"1.0\"?>\n<configuration>\n  <system.web>\n    <pages />\n  </system.web>\n</configuration>\n";
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFile(Folder + "/Views/Web.config", viewsConfig)
            .WithFile(Folder + "/modules/_protected/EPiServer.Cms.Shell.UI/web.config", viewsConfig)
            .WithFile(WebConfigPath, WebConfig)
            .WithProperty("CmsHostIisVersion", "7.5")
            .Expect(Cmsh101().WithLocation(0).WithSpan(WebConfigPath, 6, 4, 6, 15).WithMessage($"{Ui} opens a WebSocket from the edit interface, but {OldIis}. {Consequence}"))
            .VerifyAsync();
    }

    [Fact]
    public async Task The_CmsWebConfig_property_points_at_a_web_config_kept_elsewhere()
    {
        const string setupConfig = Folder + "/Setup/web.config";
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFile(setupConfig, WebConfig)
            .WithProperty("CmsWebConfig", "Setup/web.config")
            .WithProperty("CmsHostIisVersion", "7.5")
            .Expect(Cmsh101().WithLocation(0).WithSpan(setupConfig, 6, 4, 6, 15).WithMessage($"{Ui} opens a WebSocket from the edit interface, but {OldIis}. {Consequence.Replace("of Web.config.", "of web.config.")}"))
            .VerifyAsync();
    }

    [Theory]
    [InlineData("9.3.2.0", null, "<add key=\"webpages:Version\" value=\"3.0.0.0\" />")]
    [InlineData("12.4.0.0", null, "<add key=\"webpages:Version\" value=\"3.0.0.0\" />")]
    [InlineData("11.20.0.0", "true", "<add key=\"webpages:Version\" value=\"3.0.0.0\" />")]
    [InlineData("11.20.0.0", null, "<add key=\"Epi.WebSockets.Enabled\" value=\"false\" />")]
    [InlineData("11.20.0.0", null, "<add key=\"epi.websockets.enabled\" value=\"False\" />")]
    public async Task Safe_sites_get_nothing(string version, string? webSockets, string appSetting)
    {
        var test = new SiteTest()
            .WithUi(version)
            .WithApplicationClass()
            .WithFile(WebConfigPath, WebConfig.Replace("<add key=\"webpages:Version\" value=\"3.0.0.0\" />", appSetting))
            .WithProperty("CmsHostIisVersion", "7.5");
        if (webSockets is not null) test.WithProperty("CmsHostWebSockets", webSockets);
        await test.VerifyAsync();
    }

    [Fact]
    public async Task A_project_without_CMS_gets_nothing()
    {
        await new SiteTest()
            .WithApplicationClass()
            .WithFile(WebConfigPath, WebConfig)
            .WithFile(Folder + "/packages.config", Packages("Newtonsoft.Json", "13.0.1"))
            .WithProperty("CmsHostWebSockets", "false")
            .VerifyAsync();
    }

    [Fact]
    public async Task A_web_config_that_is_not_XML_is_reported_where_it_breaks_and_nothing_else()
    {
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFile(WebConfigPath, "\r\n" + WebConfig)
            .WithProperty("CmsHostIisVersion", "7.5")
            .Expect(Cmsh200().WithSpan(WebConfigPath, 2, 3, 2, 3).WithMessage(
                "Web.config cannot be read as XML at line 2, column 3: Unexpected XML declaration. The XML declaration must be the first node in the document, and no whitespace characters are allowed to appear before it. Line 2, position 3. " +
                "CmsHazards checks nothing in it until it is fixed."))
            .VerifyAsync();
    }

    [Fact]
    public async Task A_host_property_that_cannot_be_read_is_reported_once()
    {
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFile(WebConfigPath, WebConfig.Replace("<add key=\"webpages:Version\" value=\"3.0.0.0\" />", "<add key=\"Epi.WebSockets.Enabled\" value=\"false\" />"))
            .WithProperty("CmsHostIisVersion", "seven")
            .Expect(Cmsh103().WithMessage("CmsHostIisVersion is 'seven'; use an IIS version such as 7.5 or 10.0. CmsHazards treats it as not declared."))
            .VerifyAsync();
    }

    private static string Packages(string id, string version) =>
        $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<packages>\n  <package id=\"EPiServer.CMS.Core\" version=\"11.20.0\" targetFramework=\"net472\" />\n  <package id=\"{id}\" version=\"{version}\" targetFramework=\"net472\" />\n</packages>\n";
}
