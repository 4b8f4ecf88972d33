using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static CmsHazards.Analyzers.Tests.SiteTest;

namespace CmsHazards.Analyzers.Tests;

/// <summary>
/// CMSH301-303 in the IDE and the build: the compilation's own references against web.config's redirects, a second
/// dependentAssembly for one assembly, redirects the runtime never reads; on the application class where a fix is
/// offered, so the light bulb and dotnet format can make it, each fix byte for byte; and the sites that get nothing.
/// </summary>
public class BindingRedirectAnalyzerTests
{
    private const string LoadFailure = "fails with \"The located assembly's manifest definition does not match the assembly reference\" (0x80131040)";

    private static DiagnosticResult Cmsh301() => new("CMSH301", DiagnosticSeverity.Warning);

    private static DiagnosticResult Cmsh302() => new("CMSH302", DiagnosticSeverity.Warning);

    private static DiagnosticResult Cmsh303() => new("CMSH303", DiagnosticSeverity.Warning);

    /// <summary>
    /// A CMS 11.20 site that declares its host. The redirect fixtures have no httpRuntime, which is CMSH101 on any host
    /// (4.0 compatibility mode); that rule is off here so the redirect rules speak alone.
    /// </summary>
    private static SiteTest Cms1120Site() => new SiteTest()
        .WithUi()
        .WithUi("11.20.0.0", "EPiServer.Framework")
        .WithApplicationClass()
        .WithProperty("CmsHostWebSockets", "true")
        .WithoutRule("CMSH101");

    [Fact]
    public async Task Stale_redirects_are_reported_on_the_application_class_and_fixed_byte_for_byte()
    {
        await new SiteTest()
            .WithUi()
            .WithUi("11.20.0.0", "EPiServer.Framework")
            .WithApplicationClass()
            .WithProperty("CmsHostWebSockets", "true")
            .WithFixture(WebConfigPath, "Upgrade/stale-bom-crlf/Web.config")
            .Expect(
                Cmsh301().WithLocation(0).WithSpan(WebConfigPath, 17, 10, 17, 25).WithMessage(
                    "The binding redirect for EPiServer.Cms.Shell.UI at Web.config(17) (oldVersion=\"0.0.0.0-11.19.0.0\" newVersion=\"11.19.0.0\") does not match EPiServer.Cms.Shell.UI 11.20.0.0, " +
                    $"which the build compiles against and copies to bin (a reference of the project): the runtime asks for 11.19.0.0 and {LoadFailure}. " +
                    "Set oldVersion=\"0.0.0.0-11.20.0.0\" newVersion=\"11.20.0.0\"."),
                Cmsh301().WithLocation(0).WithSpan(WebConfigPath, 30, 10, 30, 25).WithMessage(
                    "The binding redirect for EPiServer.Framework at Web.config(30) (oldVersion=\"0.0.0.0 - 11.19.0.0\" newVersion=\"11.20.0.0\") does not match EPiServer.Framework 11.20.0.0, " +
                    "which the build compiles against and copies to bin (a reference of the project): oldVersion does not reach 11.20.0.0, so references to the versions between are not redirected " +
                    "and fail to load (0x80131040). Set oldVersion=\"0.0.0.0 - 11.20.0.0\" newVersion=\"11.20.0.0\"."))
            .ExpectFixedFixture(WebConfigPath, "Upgrade/stale-bom-crlf/Web.config.expected")
            .VerifyAsync();
    }

    [Fact]
    public async Task A_site_whose_redirects_match_gets_nothing() =>
        await new SiteTest()
            .WithUi()
            .WithUi("11.20.0.0", "EPiServer.Framework")
            .WithApplicationClass()
            .WithProperty("CmsHostWebSockets", "true")
            .WithFixture(WebConfigPath, "Upgrade/matching/Web.config")
            .VerifyAsync();

    [Fact]
    public async Task A_second_dependentAssembly_for_one_assembly_is_reported_and_removed_byte_for_byte()
    {
        await Cms1120Site()
            .WithFixture(WebConfigPath, "Upgrade/duplicate/Web.config")
            .Expect(Cmsh302().WithLocation(0).WithSpan(WebConfigPath, 15, 8, 15, 25).WithMessage(
                "EPiServer.Framework has a second dependentAssembly at Web.config(15) (newVersion=\"11.19.0.0\"); the runtime uses the first one, " +
                "at Web.config(5) (newVersion=\"11.20.0.0\"), for every version the second one names, so the second has no effect. Remove the one at Web.config(15)."))
            .ExpectFixedFixture(WebConfigPath, "Upgrade/duplicate/Web.config.expected")
            .VerifyAsync();
    }

    [Fact]
    public async Task An_assemblyBinding_without_the_namespace_is_reported_and_gets_it_byte_for_byte()
    {
        await Cms1120Site()
            .WithFixture(WebConfigPath, "Upgrade/no-namespace/Web.config")
            .Expect(Cmsh303().WithLocation(0).WithSpan(WebConfigPath, 4, 6, 4, 21).WithMessage(
                "The <assemblyBinding> at Web.config(4) is not in the namespace urn:schemas-microsoft-com:asm.v1, so the runtime never reads its binding redirects (EPiServer.Cms.Shell.UI). " +
                "Add xmlns=\"urn:schemas-microsoft-com:asm.v1\"."))
            .ExpectFixedFixture(WebConfigPath, "Upgrade/no-namespace/Web.config.expected")
            .VerifyAsync();
    }

    [Fact]
    public async Task A_redirect_inside_a_location_is_reported_and_moved_into_the_root_runtime_byte_for_byte()
    {
        await Cms1120Site()
            .WithFixture(WebConfigPath, "Upgrade/location/Web.config")
            .Expect(Cmsh303().WithLocation(0).WithSpan(WebConfigPath, 6, 10, 6, 27).WithMessage(
                "The binding redirect for EPiServer.Cms.Shell.UI at Web.config(6) is inside a <location>, where the runtime never reads it: " +
                "the CLR reads binding redirects only from <configuration><runtime> of the application's web.config. Move it into the root <runtime>."))
            .ExpectFixedFixture(WebConfigPath, "Upgrade/location/Web.config.expected")
            .VerifyAsync();
    }

    [Fact]
    public async Task A_redirect_in_a_folder_web_config_is_reported_there_and_moved_into_the_root_web_config_byte_for_byte()
    {
        const string views = Folder + "/Views/Web.config";
        await Cms1120Site()
            .WithFixture(WebConfigPath, "Upgrade/folder/Web.config")
            .WithFixture(views, "Upgrade/folder/Views/Web.config")
            .Expect(Cmsh303().WithLocation(0).WithSpan(views, 8, 8, 8, 25).WithMessage(
                "The binding redirect for EPiServer.Cms.Shell.UI at Views/Web.config(8) is in a folder's web.config, which the runtime never reads: " +
                "the CLR reads binding redirects only from the application's root web.config. Move it into the root <runtime>."))
            .ExpectFixedFixture(WebConfigPath, "Upgrade/folder/Web.config.expected")
            .ExpectFixedFixture(views, "Upgrade/folder/Views/Web.config.expected")
            .VerifyAsync();
    }

    [Fact]
    public async Task Runtime_configSource_is_reported_at_the_runtime_element_with_no_fix()
    {
        await Cms1120Site()
            .WithFixture(WebConfigPath, "Upgrade/runtime-configsource/Web.config")
            .Expect(Cmsh303().WithSpan(WebConfigPath, 4, 4, 4, 11).WithMessage(
                "<runtime configSource=\"Runtime.config\"> at Web.config(4): the CLR reads <runtime> from web.config itself and does not follow configSource, " +
                "so the binding redirects in that file are never read. Move them into web.config's <runtime>."))
            .ExpectNoFix()
            .VerifyAsync();
    }

    /// <summary>The matching site's Castle.Core redirect: for an assembly the site references only where a test adds it.</summary>
    private const string CastleRedirect = "oldVersion=\"0.0.0.0-3.3.0.0\" newVersion=\"3.3.0.0\"";

    [Fact]
    public async Task A_redirect_for_an_assembly_the_compilation_does_not_reference_is_left_alone() =>
        await Cms1120Site()
            .WithFixture(WebConfigPath, "Upgrade/matching/Web.config")
            .VerifyAsync();

    [Fact]
    public async Task The_same_redirect_is_judged_once_the_compilation_references_the_assembly()
    {
        var webConfig = SiteTest.Fixture("Upgrade/matching/Web.config").ToString();
        Assert.Contains(CastleRedirect, webConfig);

        await Cms1120Site()
            .WithUi("4.0.0.0", "Castle.Core")
            .WithFixture(WebConfigPath, "Upgrade/matching/Web.config")
            .Expect(Cmsh301().WithLocation(0).WithSpan(WebConfigPath, 35, 10, 35, 25).WithMessage(
                $"The binding redirect for Castle.Core at Web.config(35) ({CastleRedirect}) does not match Castle.Core 4.0.0.0, " +
                $"which the build compiles against and copies to bin (a reference of the project): the runtime asks for 3.3.0.0 and {LoadFailure}. " +
                "Set oldVersion=\"0.0.0.0-4.0.0.0\" newVersion=\"4.0.0.0\"."))
            .ExpectFixedFile(WebConfigPath, webConfig.Replace(CastleRedirect, "oldVersion=\"0.0.0.0-4.0.0.0\" newVersion=\"4.0.0.0\""))
            .VerifyAsync();
    }

    [Fact]
    public async Task A_pre_release_package_is_judged_by_its_assembly_version()
    {
        // The package folder says 11.20.0-feature-012879; the assembly inside says 11.20.0.0, which the redirect names.
        await new SiteTest()
            .WithPackagedUi("EPiServer.Cms.Shell.UI", "11.20.0.0", "/site/packages/EPiServer.CMS.UI.Core.11.20.0-feature-012879/lib/net461/EPiServer.Cms.Shell.UI.dll")
            .WithUi("11.20.0.0", "EPiServer.Framework")
            .WithApplicationClass()
            .WithProperty("CmsHostWebSockets", "true")
            .WithFixture(WebConfigPath, "Upgrade/matching/Web.config")
            .VerifyAsync();
    }

    [Fact]
    public async Task A_pre_release_package_ahead_of_the_redirect_is_named_with_its_pre_release_version()
    {
        await new SiteTest()
            .WithPackagedUi("EPiServer.Cms.Shell.UI", "11.21.0.0", "/site/packages/EPiServer.CMS.UI.Core.11.21.0-pre-021/lib/net461/EPiServer.Cms.Shell.UI.dll")
            .WithUi("11.20.0.0", "EPiServer.Framework")
            .WithApplicationClass()
            .WithProperty("CmsHostWebSockets", "true")
            .WithFixture(WebConfigPath, "Upgrade/matching/Web.config")
            .Expect(Cmsh301().WithLocation(0).WithSpan(WebConfigPath, 17, 10, 17, 25).WithMessage(
                "The binding redirect for EPiServer.Cms.Shell.UI at Web.config(17) (oldVersion=\"0.0.0.0-11.20.0.0\" newVersion=\"11.20.0.0\") does not match EPiServer.Cms.Shell.UI 11.21.0.0, " +
                $"which the build compiles against and copies to bin (from EPiServer.CMS.UI.Core 11.21.0-pre-021): the runtime asks for 11.20.0.0 and {LoadFailure}. " +
                "Set oldVersion=\"0.0.0.0-11.21.0.0\" newVersion=\"11.21.0.0\"."))
            .ExpectFixedFile(WebConfigPath, SiteTest.Fixture("Upgrade/matching/Web.config").ToString()
                .Replace("<bindingRedirect oldVersion=\"0.0.0.0-11.20.0.0\" newVersion=\"11.20.0.0\" />\r\n      </dependentAssembly>\r\n      <dependentAssembly>\r\n        <assemblyIdentity name=\"EPiServer\" ",
                    "<bindingRedirect oldVersion=\"0.0.0.0-11.21.0.0\" newVersion=\"11.21.0.0\" />\r\n      </dependentAssembly>\r\n      <dependentAssembly>\r\n        <assemblyIdentity name=\"EPiServer\" "))
            .VerifyAsync();
    }

    private static SiteTest TransformReplacesRuntime(string configuration) => Cms1120Site()
        .WithFixture(WebConfigPath, "Upgrade/transform-runtime/Web.config")
        .WithFixture(Folder + "/Web.Release.config", "Upgrade/transform-runtime/Web.Release.config")
        .WithProperty("Configuration", configuration);

    [Fact]
    public async Task A_transform_that_replaces_runtime_with_matching_redirects_gets_nothing_in_the_other_configuration() =>
        await TransformReplacesRuntime("Debug").VerifyAsync();

    [Fact]
    public async Task A_transform_that_replaces_runtime_decides_and_is_reported_at_its_line_with_no_fix()
    {
        await TransformReplacesRuntime("Release")
            .Expect(Cmsh301().WithLocation(0).WithSpan(Folder + "/Web.Release.config", 7, 10, 7, 25).WithMessage(
                "The binding redirect for EPiServer.Cms.Shell.UI at Web.Release.config(7) (oldVersion=\"0.0.0.0-11.19.0.0\" newVersion=\"11.19.0.0\") does not match EPiServer.Cms.Shell.UI 11.20.0.0, " +
                $"which the build compiles against and copies to bin (a reference of the project): the runtime asks for 11.19.0.0 and {LoadFailure}. " +
                "Set oldVersion=\"0.0.0.0-11.20.0.0\" newVersion=\"11.20.0.0\"."))
            .ExpectNoFix()
            .VerifyAsync();
    }
}
