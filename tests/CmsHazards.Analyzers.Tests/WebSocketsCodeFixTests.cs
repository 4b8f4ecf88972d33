using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static CmsHazards.Analyzers.Tests.SiteTest;

namespace CmsHazards.Analyzers.Tests;

/// <summary>
/// The fixes as Visual Studio and dotnet format apply them. The fixed file is compared with the expected
/// fixture in text and encoding (byte order mark included): byte for byte.
/// </summary>
public class WebSocketsCodeFixTests
{
    private const string Message =
        "CMS UI 11.20.0 (EPiServer.Cms.Shell.UI 11.20.0.0) opens a WebSocket from the edit interface, but the host is declared as IIS 7.5 (CmsHostIisVersion), and IIS carries WebSockets only from 8.0. " +
        "Editors will get \"A real-time connection could not be established with the server\". Set Epi.WebSockets.Enabled to false in the root appSettings of Web.config.";

    private const string MessageThroughConfigSource =
        "CMS UI 11.20.0 (EPiServer.Cms.Shell.UI 11.20.0.0) opens a WebSocket from the edit interface, but the host is declared as IIS 7.5 (CmsHostIisVersion), and IIS carries WebSockets only from 8.0. " +
        "Editors will get \"A real-time connection could not be established with the server\". Set Epi.WebSockets.Enabled to false in the root appSettings, which Web.config takes from AppSettings.config (configSource).";

    [Theory]
    [InlineData("bom-crlf", 6, 4, 15)]
    [InlineData("tabs", 3, 3, 14)]
    [InlineData("mixed-indent", 3, 3, 14)]
    [InlineData("long-file", 596, 4, 15)]
    [InlineData("missing-after-configsections", 2, 2, 15)]
    [InlineData("missing-first-child", 2, 2, 15)]
    [InlineData("key-true", 3, 4, 15)]
    [InlineData("comments", 3, 4, 15)]
    [InlineData("self-closing", 3, 4, 15)]
    public async Task Turning_off_WebSockets_adds_or_changes_only_the_key(string fixture, int line, int column, int endColumn)
    {
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFixture(WebConfigPath, $"Fixes/{fixture}/Web.config")
            .WithProperty("CmsHostIisVersion", "7.5")
            .Expect(Cmsh101().WithLocation(0).WithSpan(WebConfigPath, line, column, line, endColumn).WithMessage(Message))
            .ExpectFixedFixture(WebConfigPath, $"Fixes/{fixture}/Web.config.expected")
            .VerifyAsync();
    }

    [Fact]
    public async Task AppSettings_in_a_configSource_file_are_fixed_in_that_file()
    {
        const string appSettingsPath = Folder + "/AppSettings.config";
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFixture(WebConfigPath, "Fixes/configsource/Web.config")
            .WithFixture(appSettingsPath, "Fixes/configsource/AppSettings.config")
            .WithProperty("CmsHostIisVersion", "7.5")
            .Expect(Cmsh101().WithLocation(0).WithSpan(WebConfigPath, 3, 4, 3, 15).WithMessage(MessageThroughConfigSource))
            .ExpectFixedFixture(WebConfigPath, "Fixes/configsource/Web.config.expected")
            .ExpectFixedFixture(appSettingsPath, "Fixes/configsource/AppSettings.config.expected")
            .VerifyAsync();
    }

    [Fact]
    public async Task A_missing_configSource_file_gets_no_fix_and_the_message_says_why()
    {
        var test = new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFixture(WebConfigPath, "Fixes/configsource/Web.config")
            .WithProperty("CmsHostIisVersion", "7.5")
            .WithProperty("CmsHazardsMissingConfigFiles", Folder + "/AppSettings.config") // the build looked, and it is not there
            .Expect(Cmsh101().WithLocation(0).WithSpan(WebConfigPath, 3, 4, 3, 15).WithMessage(
                MessageThroughConfigSource + " No fix is offered: the appSettings come from 'AppSettings.config' (configSource at Web.config(3)), which was not found; add the key there."));
        test.FixedState.ExpectedDiagnostics.AddRange(test.ExpectedDiagnostics);
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        await test.VerifyAsync();
    }

    [Fact]
    public async Task ASP_NET_compatibility_mode_offers_task_friendly_mode_as_the_second_fix()
    {
        var test = new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFixture(WebConfigPath, "Fixes/task-friendly/Web.config")
            .WithProperty("CmsHostWebSockets", "true")
            .Expect(Cmsh101().WithLocation(0).WithSpan(WebConfigPath, 8, 6, 8, 17).WithMessage(
                "CMS UI 11.20.0 (EPiServer.Cms.Shell.UI 11.20.0.0) opens a WebSocket from the edit interface, but ASP.NET runs in its 4.0 compatibility mode, which refuses WebSockets " +
                "(<httpRuntime> at Web.config(8) has no targetFramework, and aspnet:UseTaskFriendlySynchronizationContext is not true). " +
                "Editors will get \"A real-time connection could not be established with the server\". Set Epi.WebSockets.Enabled to false in the root appSettings of Web.config."))
            .ExpectFixedFixture(WebConfigPath, "Fixes/task-friendly/Web.config.expected");
        test.CodeActionEquivalenceKey = "CmsHazards.UseTaskFriendlySynchronizationContext";
        test.CodeActionIndex = 1;
        await test.VerifyAsync();
    }

    [Fact]
    public async Task Fix_all_edits_the_web_config_once()
    {
        var test = new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithSource(Folder + "/Preview.cs", "namespace Site { public class {|#1:PreviewApplication|} : EPiServer.Global { } }")
            .WithFixture(WebConfigPath, "Fixes/bom-crlf/Web.config")
            .WithProperty("CmsHostIisVersion", "7.5")
            .Expect(
                Cmsh101().WithLocation(0).WithSpan(WebConfigPath, 6, 4, 6, 15).WithMessage(Message),
                Cmsh101().WithLocation(1).WithSpan(WebConfigPath, 6, 4, 6, 15).WithMessage(Message))
            .ExpectFixedFixture(WebConfigPath, "Fixes/bom-crlf/Web.config.expected");
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 1;
        test.NumberOfFixAllInProjectIterations = 1;
        test.NumberOfIncrementalIterations = 1;
        await test.VerifyAsync();
    }
}
