using System.Text.RegularExpressions;
using CmsHazards.Analyzers.Tests;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CmsHazards.Cli.Tests;

/// <summary>
/// The CLI and the analyzer, given the same site, report the same rule, severity, message and configuration
/// location. The fixtures (tests/Fixtures/Cli/Same) take the CMS UI version from packages.config and reference
/// no UI assembly, so both front ends name the same version source in their messages.
/// </summary>
public class SameDiagnosticsTests
{
    private static readonly Regex Line = new(@"^(?<file>[^(]+?)(?:\((?<line>\d+),(?<column>\d+)\))?: (?<severity>\w+) (?<id>CMSH\d+): (?<message>.*)$");

    [Theory]
    [InlineData("OldIis")]
    [InlineData("WebSocketOff")]
    [InlineData("BadDeclaration")]
    [InlineData("MissingConfigSource")]
    [InlineData("Doctype")]
    public async Task The_CLI_reports_what_the_analyzer_reports(string site)
    {
        using var tree = FixtureTree.Copy("Same");

        var analyzer = (await AnalyzerRun.DiagnosticsAsync(tree.PathOf(site))).Select(d => AnalyzerRun.Seen(d, tree.Root)).ToList();
        var cli = CliSeen(CliRun.InProcess(tree.Root, "scan", site));

        Assert.NotEmpty(analyzer);
        Assert.Equal(Sorted(analyzer), Sorted(cli));
    }

    [Fact]
    public async Task Where_the_analyzer_uses_the_application_class_the_CLI_uses_its_web_config_location()
    {
        using var tree = FixtureTree.Copy("Same");

        var diagnostic = Assert.Single(await AnalyzerRun.DiagnosticsAsync(tree.PathOf("OldIis")));

        Assert.Equal("OldIis/Global.asax.cs", Path.GetRelativePath(tree.Root, diagnostic.Location.GetLineSpan().Path).Replace('\\', '/'));
        Assert.Equal("OldIis/Web.config(3,4)", AnalyzerRun.Seen(diagnostic, tree.Root).Place);
    }

    [Fact]
    public async Task The_sample_site_gets_the_build_s_finding_with_the_version_read_from_packages_config()
    {
        var repository = RepositoryRoot();
        var sample = Path.Combine(repository, "samples", "Cms11Site");

        // As the sample builds: against the stand-in EPiServer.Cms.Shell.UI 11.20.0.0 (samples/StandIns).
        // The sample's stale binding redirect (CMSH301) needs the assembly itself, which only a build has.
        var diagnostics = await AnalyzerRun.DiagnosticsAsync(sample, StandIns.Ui("EPiServer.Cms.Shell.UI", "11.20.0.0"));
        Assert.Equal(new[] { "CMSH101", "CMSH301" }, diagnostics.Select(d => d.Id).Order());
        var build = Assert.Single(diagnostics, d => d.Id == "CMSH101");
        var cli = CliSeen(CliRun.InProcess(repository, "scan", "samples"));

        // Without a build there is no assembly; packages.config names the same CMS UI version.
        var expected = AnalyzerRun.Seen(build, repository);
        expected = expected with { Message = expected.Message.Replace("(EPiServer.Cms.Shell.UI 11.20.0.0)", "(packages.config (EPiServer.CMS.UI 11.20.0))", StringComparison.Ordinal) };
        Assert.Contains(expected, cli);
        Assert.Equal("samples/Cms11Site/Global.asax.cs", Path.GetRelativePath(repository, build.Location.GetLineSpan().Path).Replace('\\', '/'));
    }

    /// <summary>
    /// The CLI's findings as <see cref="Seen"/>. A finding about a host declaration has no place in the
    /// analyzer; the CLI puts it on the project element that declares the value, which is checked here and then
    /// left out of the comparison.
    /// </summary>
    private static List<Seen> CliSeen(CliRun run)
    {
        var seen = new List<Seen>();
        foreach (var line in run.OutLines.Where(l => Line.IsMatch(l)))
        {
            var match = Line.Match(line);
            var place = match.Groups["line"].Success ? $"{match.Groups["file"].Value}({match.Groups["line"].Value},{match.Groups["column"].Value})" : match.Groups["file"].Value;
            if (match.Groups["id"].Value == "CMSH103")
            {
                Assert.EndsWith(".csproj", match.Groups["file"].Value, StringComparison.Ordinal);
                place = null;
            }

            seen.Add(new Seen(match.Groups["id"].Value, match.Groups["severity"].Value, match.Groups["message"].Value, place));
        }

        return seen;
    }

    private static List<Seen> Sorted(IEnumerable<Seen> seen) =>
        seen.OrderBy(s => s.Id, StringComparer.Ordinal).ThenBy(s => s.Place, StringComparer.Ordinal).ToList();

    private static string RepositoryRoot()
    {
        for (var folder = AppContext.BaseDirectory; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, "Analyzers.sln"))) return folder;
        }

        throw new InvalidOperationException("The tests run outside the repository: Analyzers.sln not found above " + AppContext.BaseDirectory);
    }

    internal static string Repository => RepositoryRoot();
}
