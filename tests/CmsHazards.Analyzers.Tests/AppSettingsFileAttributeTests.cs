using Xunit;
using static CmsHazards.Analyzers.Tests.SiteTest;

namespace CmsHazards.Analyzers.Tests;

/// <summary>
/// <c>&lt;appSettings file="AppSettings.Local.config"&gt;</c> in the IDE and in dotnet format: the file's entries override
/// the inline ones, the fix edits that file byte for byte, a file the build found missing is ignored as .NET ignores it,
/// and a file not handed over yet is said to be not yet seen.
/// </summary>
public class AppSettingsFileAttributeTests
{
    private const string LocalPath = Folder + "/AppSettings.Local.config";

    private const string Hazard =
        "CMS UI 11.20.0 (EPiServer.Cms.Shell.UI 11.20.0.0) opens a WebSocket from the edit interface, but the host is declared as IIS 7.5 (CmsHostIisVersion), and IIS carries WebSockets only from 8.0. " +
        "Editors will get \"A real-time connection could not be established with the server\". ";

    [Fact]
    public async Task The_file_s_true_overrides_the_inline_false_and_the_fix_edits_that_file_byte_for_byte()
    {
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFixture(WebConfigPath, "Fixes/appsettings-file/Web.config")
            .WithFixture(LocalPath, "Fixes/appsettings-file/AppSettings.Local.config")
            .WithProperty("CmsHostIisVersion", "7.5")
            .Expect(Cmsh101().WithLocation(0).WithSpan(LocalPath, 4, 3, 4, 6).WithMessage(
                Hazard + "Set Epi.WebSockets.Enabled to false in AppSettings.Local.config, whose entries override the root appSettings of Web.config (appSettings file=). " +
                "Epi.WebSockets.Enabled=\"false\" at Web.config(5) does not take effect: the later Epi.WebSockets.Enabled=\"true\" at AppSettings.Local.config(4) overrides it (appSettings keys ignore case, and the last entry wins)."))
            .ExpectFixedFixture(WebConfigPath, "Fixes/appsettings-file/Web.config")
            .ExpectFixedFixture(LocalPath, "Fixes/appsettings-file/AppSettings.Local.config.expected")
            .VerifyAsync();
    }

    [Fact]
    public async Task A_file_the_build_found_missing_is_ignored_and_the_inline_false_decides()
    {
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFixture(WebConfigPath, "Fixes/appsettings-file/Web.config")
            .WithProperty("CmsHazardsMissingConfigFiles", LocalPath)
            .WithProperty("CmsHostIisVersion", "7.5")
            .VerifyAsync();
    }

    [Fact]
    public async Task A_file_not_handed_over_yet_is_said_to_be_not_yet_seen()
    {
        var webConfig = SiteTest.Fixture("Fixes/appsettings-file/Web.config").ToString()
            .Replace("<add key=\"Epi.WebSockets.Enabled\" value=\"false\" />", "<add key=\"Epi.WebSockets.Enabled\" value=\"true\" />");
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFile(WebConfigPath, webConfig)
            .WithProperty("CmsHostIisVersion", "7.5")
            .Expect(Cmsh101().WithLocation(0).WithSpan(WebConfigPath, 3, 4, 3, 15).WithMessage(
                Hazard + "Set Epi.WebSockets.Enabled to false in the root appSettings of Web.config. " +
                "AppSettings.Local.config, which <appSettings file=\"AppSettings.Local.config\"> at Web.config(3) names, has not yet been seen by the analyzer " +
                "(it is handed over at the next build or design-time build); its entries override the inline ones."))
            .ExpectFixedFile(WebConfigPath, webConfig.Replace("<add key=\"Epi.WebSockets.Enabled\" value=\"true\" />", "<add key=\"Epi.WebSockets.Enabled\" value=\"false\" />"))
            .VerifyAsync();
    }
}
