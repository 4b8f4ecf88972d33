using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static CmsHazards.Analyzers.Tests.SiteTest;

namespace CmsHazards.Analyzers.Tests;

/// <summary>
/// CMSH301 in the IDE and the build: the compilation's own references against web.config's redirects, on the
/// application class so the light bulb and dotnet format can fix them, each fix and Fix All byte for byte.
/// </summary>
public class BindingRedirectAnalyzerTests
{
    private const string LoadFailure = "fails with \"The located assembly's manifest definition does not match the assembly reference\" (0x80131040)";

    private static DiagnosticResult Cmsh301() => new("CMSH301", DiagnosticSeverity.Warning);

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
}
