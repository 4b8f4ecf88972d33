using CmsHazards.Configuration;
using CmsHazards.Rules;
using CmsHazards.Text;
using CmsHazards.Upgrade;
using Xunit;

namespace CmsHazards.Analyzers.Tests;

/// <summary>
/// CMSH304 and CMSH305 on a PackageReference site rest on the elements the task read from the project file
/// (CmsHazardsDeclaredPackages), with or without a web.config: the analyzer sees neither the project file nor the
/// packages' own IDs, only their assemblies.
/// </summary>
public class HandedOverPackagesTests
{
    private const string Project = SiteTest.Folder + "/Site.csproj";

    /// <summary>The web.config ASP.NET Core publishes for IIS (the ASP.NET Core Module), which many CMS 12 sites keep in the repository.</summary>
    private const string AspNetCoreModuleWebConfig =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<configuration>\r\n  <system.webServer>\r\n    <aspNetCore processPath=\"dotnet\" arguments=\".\\Site.dll\" />\r\n  </system.webServer>\r\n</configuration>\r\n";

    private const string Log4NetMessage =
        "EPiServer.Logging.Log4Net 2.2.2 at Site.csproj(4) is a CMS 11 package for ASP.NET on .NET Framework, but the project targets net8.0; " +
        "CMS 12 has no such package. Use Microsoft.Extensions.Logging, which CMS 12 logs through.";

    private static Microsoft.CodeAnalysis.MetadataReference Cms12Ui => StandIns.Ui("EPiServer.Cms.Shell.UI", "12.4.0.0");

    private static string Handed(params (string Id, string Version, int Line)[] packages) =>
        HandedOverText.FromPackages(packages
            .Select(p => new DeclaredPackage(p.Id, p.Version, PackageDeclarationKind.PackageReference,
                new FileLocation(Project, new TextSpan(40 * p.Line, 16), new LinePosition(p.Line - 1, 5), new LinePosition(p.Line - 1, 21))))
            .ToList());

    private static Dictionary<string, string> Properties(string? handed)
    {
        var properties = new Dictionary<string, string> { ["CmsHostWebSockets"] = "true", ["TargetFramework"] = "net8.0" };
        if (handed is not null) properties[HandedOverText.DeclaredPackagesProperty] = handed;
        return properties;
    }

    [Fact]
    public async Task A_site_with_a_web_config_gets_CMSH305_at_the_PackageReference_element()
    {
        var outcome = await DirectAnalysis.RunAsync(
            new[] { new DirectAnalysis.File(SiteTest.WebConfigPath, AspNetCoreModuleWebConfig) },
            Properties(Handed(("EPiServer.CMS.UI", "12.4.0", 3), ("EPiServer.Logging.Log4Net", "2.2.2", 4))),
            applicationClass: null,
            ui: Cms12Ui);

        Assert.Empty(outcome.AnalyzerExceptions);
        Assert.Equal(new[] { "Site.csproj(4,6): CMSH305: " + Log4NetMessage }, outcome.Lines);
        Assert.Equal(Project, outcome.Diagnostics.Single().Location.GetLineSpan().Path);
    }

    [Fact]
    public async Task A_site_without_a_web_config_gets_CMSH304_and_CMSH305_with_the_IDs_as_the_project_spells_them()
    {
        var outcome = await DirectAnalysis.RunAsync(
            Array.Empty<DirectAnalysis.File>(),
            Properties(Handed(("EPiServer.CMS.UI", "12.21.0", 3), ("EPiServer.Logging.Log4Net", "2.2.2", 4), ("EPiServer.CMS.UI.Core", "12.20.0", 5))),
            applicationClass: null,
            ui: Cms12Ui);

        Assert.Empty(outcome.AnalyzerExceptions);
        Assert.Equal(
            new[]
            {
                "Site.csproj(4,6): CMSH305: " + Log4NetMessage,
                "Site.csproj(5,6): CMSH304: The EPiServer.CMS.UI package family is declared at different versions (EPiServer.CMS.UI 12.21.0, EPiServer.CMS.UI.Core 12.20.0); " +
                "EPiServer.CMS.UI.Core 12.20.0 at Site.csproj(5) differs. Its packages ship together at one version and depend on each other strictly: " +
                "update them to one version (a restore is needed, so CmsHazards does not change it).",
            },
            outcome.Lines);
    }
}
