using Xunit;
using static CmsHazards.Analyzers.Tests.SiteTest;

namespace CmsHazards.Analyzers.Tests;

/// <summary>
/// Files the site names that the analyzer does not get: CmsWebConfig naming a file that does not exist (CMSH103, never
/// a silent pass), and files the build has not handed over yet (created after the last design-time build), which are
/// described as not yet seen rather than as missing.
/// </summary>
public class UnfoundConfigurationFilesTests
{
    [Fact]
    public async Task CmsWebConfig_naming_a_file_that_does_not_exist_gets_CMSH103_with_the_property_and_the_path_tried()
    {
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFile(WebConfigPath, WebSocketsAnalyzerTests.WebConfig)
            .WithProperty("CmsWebConfig", @"Setup\Web.config")
            .WithProperty("CmsHazardsMissingWebConfig", "/site/Setup/Web.config")
            .WithProperty("CmsHostIisVersion", "7.5")
            .Expect(Cmsh103().WithMessage(
                @"CmsWebConfig is 'Setup\Web.config', but /site/Setup/Web.config does not exist. CmsHazards checks no web.config of this site until CmsWebConfig names one that exists."))
            .VerifyAsync();
    }

    [Fact]
    public async Task CmsWebConfig_naming_a_file_the_analyzer_was_not_handed_yet_is_not_called_missing()
    {
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithProperty("CmsWebConfig", "Setup/Web.config")
            .Expect(Cmsh103().WithMessage(
                "CmsWebConfig is 'Setup/Web.config', and /site/Setup/Web.config has not yet been seen by the analyzer (it is handed over at the next build or design-time build). Until then CmsHazards checks no web.config of this site."))
            .VerifyAsync();
    }

    private const string ThroughConfigSource =
        "CMS UI 11.20.0 (EPiServer.Cms.Shell.UI 11.20.0.0) opens a WebSocket from the edit interface, but the host is declared as IIS 7.5 (CmsHostIisVersion), and IIS carries WebSockets only from 8.0. " +
        "Editors will get \"A real-time connection could not be established with the server\". Set Epi.WebSockets.Enabled to false in the root appSettings, which Web.config takes from AppSettings.config (configSource).";

    [Fact]
    public async Task A_configSource_file_the_analyzer_was_not_handed_yet_is_described_as_not_yet_seen()
    {
        // No CmsHazardsMissingConfigFiles: the build did not find it missing, it only has not handed it over yet.
        var test = new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFixture(WebConfigPath, "Fixes/configsource/Web.config")
            .WithProperty("CmsHostIisVersion", "7.5")
            .Expect(Cmsh101().WithLocation(0).WithSpan(WebConfigPath, 3, 4, 3, 15).WithMessage(
                ThroughConfigSource + " No fix is offered: the appSettings come from 'AppSettings.config' (configSource at Web.config(3)), " +
                "which has not yet been seen by the analyzer (it is handed over at the next build or design-time build)."));
        await test.ExpectNoFix().VerifyAsync();
    }

    [Fact]
    public async Task A_key_beside_a_configSource_file_not_handed_yet_is_not_said_to_miss_its_file()
    {
        await new SiteTest()
            .WithUi()
            .WithSource(GlobalAsaxPath, "namespace Site { public class EPiServerApplication : EPiServer.Global { } }")
            .WithFixture(WebConfigPath, "Sites/configsource-missing/Web.config")
            .WithProperty("CmsHazardsMissingConfigFiles", Folder + "/Other.config")
            .Expect(Cmsh102().WithSpan(WebConfigPath, 353, 4, 353, 7).WithMessage(
                "Epi.WebSockets.Enabled=\"false\" at Web.config(353) does not take effect: <appSettings configSource=\"AppSettings.config\"> at Web.config(352) takes its entries from AppSettings.config, " +
                "which has not yet been seen by the analyzer (it is handed over at the next build or design-time build). " +
                "CMS UI 11.20.0 (EPiServer.Cms.Shell.UI 11.20.0.0) opens a WebSocket from the edit interface. No fix is offered: the appSettings come from 'AppSettings.config' (configSource at Web.config(352)), " +
                "which has not yet been seen by the analyzer (it is handed over at the next build or design-time build)."))
            .VerifyAsync();
    }
}
