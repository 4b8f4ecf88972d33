using Xunit;
using static CmsHazards.Analyzers.Tests.SiteTest;

namespace CmsHazards.Analyzers.Tests;

public class WebSocketsAnalyzerTests
{
    private const string Ui = "CMS UI 11.20.0 (EPiServer.Cms.Shell.UI 11.20.0.0)";
    private const string Consequence = "Editors will get \"A real-time connection could not be established with the server\". Set Epi.WebSockets.Enabled to false in the root appSettings.";
    private const string OldIis = "the host is declared as IIS 7.5 (CmsHostIisVersion), and IIS carries WebSockets only from 8.0";

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
}
