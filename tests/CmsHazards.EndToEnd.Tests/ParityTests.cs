using System.IO.Compression;
using System.Text.RegularExpressions;
using Xunit;

namespace CmsHazards.EndToEnd.Tests;

/// <summary>
/// The build and the installed <c>cmshazards</c> tool on the same sites (tests/Fixtures/Parity): a CMS 11
/// SDK-style site, an old-style one with packages.config, hosts declared under
/// <c>$(Configuration.ToLower())</c>, in Choose/When, in an imported file and on an SDK property, and the
/// EPiServer.CMS metapackage. Both must report the same rule IDs, files, lines, columns and messages.
/// </summary>
[Collection(PackedSamplesCollection.Name)]
public sealed class ParityTests
{
    private static readonly Regex BuildWarning = new(@"^(?<file>.+?)\((?<line>\d+),(?<column>\d+)(,\d+,\d+)?\): (?<severity>warning|error) (?<id>CMSH\d+): (?<message>.*) \[[^\]]+\]$");
    private static readonly Regex ToolWarning = new(@"^(?<file>.+?)\((?<line>\d+),(?<column>\d+)\): (?<severity>warning|error) (?<id>CMSH\d+): (?<message>.*)$");

    private static readonly string[] Sites = { "Cms11Sdk", "OldStyle", "ChooseWhen", "Imported", "SdkDerived", "Metapackage" };

    private readonly PackedSamples _packed;

    public ParityTests(PackedSamples packed) => _packed = packed;

    [Fact]
    public void The_installed_tool_reports_what_the_build_reports_on_every_parity_site()
    {
        var root = Path.Combine(_packed.Root, "parity-" + Guid.NewGuid().ToString("N")[..8]);
        var sites = Path.Combine(root, "sites");
        PackedSamples.CopyFolder(Path.Combine(_packed.RepositoryRoot, "tests", "Fixtures", "Parity"), sites);
        var standIns = Path.Combine(root, "stand-ins");
        var uiCore = StandInPackages(standIns);

        // Restores go to a folder of this run, so stand-in EPiServer packages never reach the machine's cache;
        // what is already there (the .NET Framework reference assemblies) is read from it.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(root, "nuget-packages") };
        var machineCache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } cache ? cache : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(root, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="cmshazards-under-test" value="{_packed.Feed}" />
                <add key="stand-ins" value="{standIns}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <!-- Stand-ins only from the stand-in feed, whatever another source may hold under those IDs. -->
              <packageSourceMapping>
                <packageSource key="stand-ins">
                  <package pattern="EPiServer.*" />
                </packageSource>
                <packageSource key="cmshazards-under-test">
                  <package pattern="CmsHazards" />
                  <package pattern="CmsHazards.Cli" />
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
              <fallbackPackageFolders>
                <add key="machine" value="{machineCache}" />
              </fallbackPackageFolders>
            </configuration>
            """);

        // The old-style site gets its packages as nuget.exe restore lays them out: unpacked into ..\packages.
        ZipFile.ExtractToDirectory(_packed.Package, Path.Combine(sites, "packages", "CmsHazards." + _packed.Version));
        ZipFile.ExtractToDirectory(uiCore, Path.Combine(sites, "packages", "EPiServer.CMS.UI.Core.11.20.0"));

        // The build: the MSBuild task reports at the web.config element when no analyzer runs.
        var built = new List<(string, string, string, string, string, string)>();
        foreach (var site in Sites)
        {
            var build = Dotnet.Run(Path.Combine(sites, site), environment, "build", site + ".csproj", "-tl:off", "-nodeReuse:false", "--no-incremental", _packed.VersionProperty, "-p:RunAnalyzers=false");
            Assert.True(build.ExitCode == 0, build.ToString());
            built.AddRange(build.Diagnostics.Select(l => Seen(BuildWarning, l, sites)));
        }

        // The tool, as the README's CI steps install and run it.
        var tools = Path.Combine(root, "tools");
        var install = Dotnet.Run(root, environment, "tool", "install", "CmsHazards.Cli", "--tool-path", tools, "--version", _packed.Version);
        Assert.True(install.ExitCode == 0, install.ToString());
        var scan = Dotnet.Tool(Path.Combine(tools, "cmshazards"), sites, "scan", _packed.VersionProperty);

        Assert.Equal(1, scan.ExitCode);
        var scanned = scan.Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => ToolWarning.IsMatch(l)).Select(l => Seen(ToolWarning, l, sites)).ToList();
        Assert.Equal(Sites.Length, built.Count);
        Assert.Equal(built.Order(), scanned.Order());
        Assert.Contains($"{Sites.Length} CMS sites checked: {Sites.Length} warnings (CMSH101: {Sites.Length}), 0 info.", scan.Output, StringComparison.Ordinal);

        // Every site names the assembly the build compiles against, the metapackage's included.
        Assert.All(scanned, s => Assert.StartsWith("CMS UI 11.20.0 (EPiServer.Cms.Shell.UI 11.20.0.0) opens a WebSocket", s.Item6, StringComparison.Ordinal));
    }

    /// <summary>A diagnostic line as (file relative to the sites, line, column, severity, ID, message).</summary>
    private static (string, string, string, string, string, string) Seen(Regex shape, string line, string sites)
    {
        var match = shape.Match(line);
        Assert.True(match.Success, line);
        var file = match.Groups["file"].Value;
        if (Path.IsPathRooted(file)) file = Path.GetRelativePath(sites, file);
        return (file.Replace('\\', '/'), match.Groups["line"].Value, match.Groups["column"].Value, match.Groups["severity"].Value, match.Groups["id"].Value, match.Groups["message"].Value);
    }

    /// <summary>
    /// Stand-ins for Optimizely's packages (their feed is not NuGet's): EPiServer.CMS.UI.Core 11.20.0 with
    /// EPiServer.Cms.Shell.UI 11.20.0.0, EPiServer.CMS.UI depending on it, and the EPiServer.CMS metapackage
    /// depending on EPiServer.CMS.UI, as the real ones do.
    /// </summary>
    /// <returns>The EPiServer.CMS.UI.Core package.</returns>
    private string StandInPackages(string feed)
    {
        Directory.CreateDirectory(feed);
        var output = Path.Combine(feed, "..", "stand-in-build");
        var build = Dotnet.Run(_packed.RepositoryRoot, "build", "samples/StandIns/EPiServer.Cms.Shell.UI/EPiServer.Cms.Shell.UI.csproj", "-c", "Release", "-o", output, "-tl:off", "-nodeReuse:false");
        Assert.True(build.ExitCode == 0, build.ToString());

        var uiCore = StandInPackage.Write(feed, "EPiServer.CMS.UI.Core", "11.20.0", null, ("lib/net45/EPiServer.Cms.Shell.UI.dll", Path.Combine(output, "EPiServer.Cms.Shell.UI.dll")));
        StandInPackage.Write(feed, "EPiServer.CMS.UI", "11.20.0", "EPiServer.CMS.UI.Core");
        StandInPackage.Write(feed, "EPiServer.CMS", "11.20.0", "EPiServer.CMS.UI");
        return uiCore;
    }
}
