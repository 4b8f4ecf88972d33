using Xunit;
using static CmsHazards.Analyzers.Tests.SiteTest;
using static CmsHazards.Analyzers.Tests.ExpectedMessages;

namespace CmsHazards.Analyzers.Tests;

/// <summary>
/// Sites as they are in repositories (400-line web.configs with comments, tabs or spaces, CRLF or LF, BOM, the Visual
/// Studio transform templates), built for a configuration: the verdict is about what that build deploys.
/// </summary>
public class DeployedConfigurationTests
{
    private const string OldIisHazard = Ui + " opens a WebSocket from the edit interface, but " + OldIis + ". " + Consequence;
    private const string OldIisHazardThroughConfigSource = Ui + " opens a WebSocket from the edit interface, but " + OldIis + ". " + ConsequenceThroughConfigSource;
    private const string ReleaseTransform = Folder + "/Web.Release.config";

    /// <summary>The application class without markup, for diagnostics that must not land on it.</summary>
    private const string PlainApplicationClass = "namespace Site { public class EPiServerApplication : EPiServer.Global { } }";

    private static SiteTest ReleaseDropsKey(string configuration) => new SiteTest()
        .WithUi()
        .WithFixture(WebConfigPath, "Sites/release-drops-key/Web.config")
        .WithFixture(ReleaseTransform, "Sites/release-drops-key/Web.Release.config")
        .WithFixture(Folder + "/Web.Debug.config", "Sites/release-drops-key/Web.Debug.config")
        .WithProperty("Configuration", configuration);

    [Fact]
    public async Task A_transform_that_drops_the_key_brings_back_CMSH101_in_that_configuration_at_the_transform_line()
    {
        await ReleaseDropsKey("Release")
            .WithApplicationClass()
            .WithProperty("CmsHostIisVersion", "7.5")
            .Expect(Cmsh101().WithLocation(0).WithSpan(ReleaseTransform, 21, 4, 21, 15).WithMessage(
                OldIisHazard + " Epi.WebSockets.Enabled=\"false\" at Web.config(361) does not take effect in the Release configuration: " +
                "xdt:Transform=\"Replace\" at Web.Release.config(21) replaces <appSettings> at Web.config(352), which then lacks it. " +
                "No fix is offered: the transform decides; change it at Web.Release.config(21)."))
            .ExpectNoFix()
            .VerifyAsync();
    }

    [Fact]
    public async Task The_build_of_another_configuration_keeps_the_key() =>
        await ReleaseDropsKey("Debug")
            .WithApplicationClass()
            .WithProperty("CmsHostIisVersion", "7.5")
            .VerifyAsync();

    [Fact]
    public async Task A_transform_that_drops_the_key_on_an_undeclared_host_is_CMSH102_on_the_transform()
    {
        await ReleaseDropsKey("Release")
            .WithSource(GlobalAsaxPath, PlainApplicationClass)
            .Expect(Cmsh102().WithSpan(ReleaseTransform, 21, 4, 21, 15).WithMessage(
                "Epi.WebSockets.Enabled=\"false\" at Web.config(361) does not take effect in the Release configuration: " +
                "xdt:Transform=\"Replace\" at Web.Release.config(21) replaces <appSettings> at Web.config(352), which then lacks it. " +
                $"{Opens} No fix is offered: the transform decides; change it at Web.Release.config(21)."))
            .VerifyAsync();
    }

    [Fact]
    public async Task A_value_that_is_not_a_boolean_false_is_corrected()
    {
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFixture(WebConfigPath, "Sites/value-zero/Web.config")
            .Expect(Cmsh102().WithLocation(0).WithSpan(WebConfigPath, 362, 4, 362, 7).WithMessage(
                "Epi.WebSockets.Enabled=\"0\" at Web.config(362) does not take effect: \"0\" is not a value Boolean.TryParse reads as false " +
                "(it takes \"false\" in any casing, with white space around it, and nothing else), so WebSockets stay on. " +
                $"{Opens} Write \"false\"."))
            .ExpectFixedFixture(WebConfigPath, "Sites/value-zero/Web.config.expected")
            .VerifyAsync();
    }

    [Fact]
    public async Task A_later_duplicate_in_another_casing_is_set_to_false()
    {
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFixture(WebConfigPath, "Sites/later-duplicate/Web.config")
            .Expect(Cmsh102().WithLocation(0).WithSpan(WebConfigPath, 363, 6, 363, 9).WithMessage(
                "Epi.WebSockets.Enabled=\"false\" at Web.config(361) does not take effect: the later epi.websockets.enabled=\"true\" at Web.config(363) overrides it " +
                $"(appSettings keys ignore case, and the last entry wins). {Opens} Remove the later entry, or set it to \"false\"."))
            .ExpectFixedFixture(WebConfigPath, "Sites/later-duplicate/Web.config.expected")
            .VerifyAsync();
    }

    [Fact]
    public async Task A_key_in_a_location_below_the_root_moves_to_the_root_appSettings_of_the_same_file()
    {
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFixture(WebConfigPath, "Sites/location-key/Web.config")
            .Expect(Cmsh102().WithLocation(0).WithSpan(WebConfigPath, 389, 8, 389, 11).WithMessage(
                "Epi.WebSockets.Enabled=\"false\" at Web.config(389) does not take effect: it sits in <location path=\"EPiServer\"> at Web.config(362), " +
                $"and the CMS reads the application's appSettings, which a location below the root does not change. {Opens} Move the key to the root appSettings."))
            .ExpectFixedFixture(WebConfigPath, "Sites/location-key/Web.config.expected")
            .VerifyAsync();
    }

    private static SiteTest ViewsKey() => new SiteTest()
        .WithUi()
        .WithFixture(WebConfigPath, "Sites/views-key/Web.config")
        .WithFixture(Folder + "/Views/Web.config", "Sites/views-key/Views/Web.config")
        .WithProperty("CmsHostIisVersion", "7.5")
        .ExpectFixedFixture(WebConfigPath, "Sites/views-key/Web.config.expected")
        .ExpectFixedFixture(Folder + "/Views/Web.config", "Sites/views-key/Views/Web.config.expected");

    private const string ViewsMessage =
        OldIisHazard + " Epi.WebSockets.Enabled=\"false\" at Views/Web.config(28) does not take effect: " +
        "Views/Web.config configures requests for its folder only, and the CMS reads appSettings from the site's root web.config.";

    [Fact]
    public async Task A_key_in_Views_web_config_moves_to_the_root_web_config_in_one_fix()
    {
        await ViewsKey()
            .WithApplicationClass()
            .Expect(Cmsh101().WithLocation(0).WithSpan(Folder + "/Views/Web.config", 28, 6, 28, 9).WithMessage(ViewsMessage))
            .VerifyAsync();
    }

    [Fact]
    public async Task Fix_all_moves_the_key_once()
    {
        var test = ViewsKey()
            .WithApplicationClass()
            .WithSource(Folder + "/Preview.cs", "namespace Site { public class {|#1:PreviewApplication|} : EPiServer.Global { } }")
            .Expect(
                Cmsh101().WithLocation(0).WithSpan(Folder + "/Views/Web.config", 28, 6, 28, 9).WithMessage(ViewsMessage),
                Cmsh101().WithLocation(1).WithSpan(Folder + "/Views/Web.config", 28, 6, 28, 9).WithMessage(ViewsMessage));
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 1;
        test.NumberOfFixAllInProjectIterations = 1;
        test.NumberOfIncrementalIterations = 1;
        await test.VerifyAsync();
    }

    [Fact]
    public async Task The_transform_of_the_configSource_file_is_applied_and_named()
    {
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFixture(WebConfigPath, "Sites/configsource-transform/Web.config")
            .WithFixture(Folder + "/AppSettings.config", "Sites/configsource-transform/AppSettings.config")
            .WithFixture(Folder + "/AppSettings.Release.config", "Sites/configsource-transform/AppSettings.Release.config")
            .WithProperty("Configuration", "Release")
            .WithProperty("CmsHostIisVersion", "7.5")
            .Expect(Cmsh101().WithLocation(0).WithSpan(Folder + "/AppSettings.Release.config", 5, 4, 5, 7).WithMessage(
                OldIisHazardThroughConfigSource + " Epi.WebSockets.Enabled=\"false\" at AppSettings.config(8) does not take effect in the Release configuration: " +
                "xdt:Transform=\"Remove\" at AppSettings.Release.config(5) removes it. No fix is offered: the transform decides; change it at AppSettings.Release.config(5)."))
            .ExpectNoFix()
            .VerifyAsync();
    }

    [Fact]
    public async Task A_key_beside_configSource_whose_file_is_missing_is_explained_without_a_fix()
    {
        await new SiteTest()
            .WithUi()
            .WithSource(GlobalAsaxPath, PlainApplicationClass)
            .WithFixture(WebConfigPath, "Sites/configsource-missing/Web.config")
            .WithProperty("CmsHazardsMissingConfigFiles", Folder + "/AppSettings.config")
            .Expect(Cmsh102().WithSpan(WebConfigPath, 353, 4, 353, 7).WithMessage(
                "Epi.WebSockets.Enabled=\"false\" at Web.config(353) does not take effect: <appSettings configSource=\"AppSettings.config\"> at Web.config(352) takes its entries from AppSettings.config, which does not exist. " +
                $"{Opens} No fix is offered: the appSettings come from 'AppSettings.config' (configSource at Web.config(352)), which was not found; add the key there."))
            .VerifyAsync();
    }

    [Fact]
    public async Task A_transform_outside_the_subset_where_the_verdict_looks_withholds_the_verdict()
    {
        await new SiteTest()
            .WithUi()
            .WithSource(GlobalAsaxPath, PlainApplicationClass)
            .WithFixture(WebConfigPath, "Sites/unsupported-transform/Web.config")
            .WithFixture(ReleaseTransform, "Sites/unsupported-transform/Web.Release.config")
            .WithProperty("Configuration", "Release")
            .WithProperty("CmsHostIisVersion", "7.5")
            .Expect(Cmsh201().WithSpan(ReleaseTransform, 21, 52, 21, 65).WithMessage(
                "xdt:Transform=\"InsertIfMissing\" at Web.Release.config(21) is not an XDT transform CmsHazards reads " +
                "(it reads Insert, InsertBefore, InsertAfter, Remove, RemoveAll, Replace, SetAttributes and RemoveAttributes). " +
                "CmsHazards gives no WebSockets verdict in the Release configuration until it can read this transform. The binding redirect checks go on."))
            .VerifyAsync();
    }

    private static SiteTest HttpRuntimeReplace(string configuration) => new SiteTest()
        .WithUi()
        .WithApplicationClass()
        .WithFixture(WebConfigPath, "Sites/httpruntime-replace/Web.config")
        .WithFixture(ReleaseTransform, "Sites/httpruntime-replace/Web.Release.config")
        .WithProperty("Configuration", configuration)
        .WithProperty("CmsHostWebSockets", "true");

    [Fact]
    public async Task HttpRuntime_evidence_comes_from_the_deployed_root_element_only()
    {
        await HttpRuntimeReplace("Release")
            .Expect(Cmsh101().WithLocation(0).WithSpan(ReleaseTransform, 23, 6, 23, 17).WithMessage(
                $"{Ui} opens a WebSocket from the edit interface, but ASP.NET runs in its 4.0 compatibility mode, which refuses WebSockets " +
                "(<httpRuntime> at Web.Release.config(23) has no targetFramework, and aspnet:UseTaskFriendlySynchronizationContext is not true). " + Consequence))
            .VerifyAsync();
    }

    [Fact]
    public async Task Location_copies_and_commented_template_lines_never_count() =>
        await HttpRuntimeReplace("Debug").VerifyAsync();
}
