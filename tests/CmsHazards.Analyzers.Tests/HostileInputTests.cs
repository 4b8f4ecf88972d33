using System.Collections.Concurrent;
using CmsHazards.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace CmsHazards.Analyzers.Tests;

/// <summary>What a repository can throw at the analyzer: never an analyzer exception, always a clear diagnostic.</summary>
public class HostileInputTests
{
    private static readonly Dictionary<string, string> OldIis = new() { ["CmsHostIisVersion"] = "7.5" };

    [Fact]
    public async Task A_web_config_that_fails_to_load_is_CMSH001_not_an_analyzer_exception()
    {
        var outcome = await DirectAnalysis.RunAsync(new[] { new DirectAnalysis.File(SiteTest.WebConfigPath, () => throw new IOException("The process cannot access the file 'Web.config' because it is being used by another process.")) }, OldIis);

        Assert.Empty(outcome.AnalyzerExceptions);
        Assert.Equal(
            new[] { ": CMSH001: CmsHazards could not check this site (IOException: The process cannot access the file 'Web.config' because it is being used by another process.). The build goes on without its checks." },
            outcome.Lines);

        // CmsHazards' own failure is said, and never fails a correct build that treats warnings as errors.
        Assert.Equal(DiagnosticSeverity.Info, Assert.Single(outcome.Diagnostics).Severity);
    }

    [Fact]
    public async Task A_100_MB_web_config_is_skipped_with_a_message_and_never_turned_into_a_string()
    {
        var huge = new LargeText(100 * 1024 * 1024);

        var outcome = await DirectAnalysis.RunAsync(new[] { new DirectAnalysis.File(SiteTest.WebConfigPath, () => huge) }, OldIis);

        Assert.Empty(outcome.AnalyzerExceptions);
        Assert.Equal(
            new[] { "Web.config(1,1): CMSH200: Web.config is not read: it is 100 MB, larger than the 4 MB CmsHazards reads (IIS itself refuses a web.config over 250 KB unless MaxWebConfigFileSizeInKB is raised). CmsHazards checks nothing in it." },
            outcome.Lines);
        Assert.False(huge.WasRead);
    }

    [Theory]
    [InlineData("", "Web.config(1,1): CMSH200: Web.config cannot be read as XML at line 1, column 1: Root element is missing. CmsHazards checks nothing in it until it is fixed.")]
    [InlineData("\u0000\u0001garbage", "Web.config(1,1): CMSH200: Web.config cannot be read as XML at line 1, column 1: '.', hexadecimal value 0x00, is an invalid character. Line 1, position 1. CmsHazards checks nothing in it until it is fixed.")]
    [InlineData(
        "<?xml version=\"1.0\"?><!DOCTYPE configuration SYSTEM \"http://example.invalid/evil.dtd\"><configuration/>",
        "Web.config(1,22): CMSH200: Web.config cannot be read as XML at line 1, column 22: it has a DTD (<!DOCTYPE ...>), which is never read, so no entity is fetched or expanded. CmsHazards checks nothing in it until it is fixed.")]
    public async Task Empty_binary_and_DTD_files_get_CMSH200_and_nothing_else(string text, string expected)
    {
        var outcome = await DirectAnalysis.RunAsync(new[] { new DirectAnalysis.File(SiteTest.WebConfigPath, text) }, OldIis);

        Assert.Empty(outcome.AnalyzerExceptions);
        Assert.Equal(new[] { expected }, outcome.Lines);
    }

    [Fact]
    public async Task Parallel_analysis_of_many_sites_gives_what_sequential_analysis_gives()
    {
        var sites = Enumerable.Range(0, 48).Select(Site).ToList();

        var sequential = new List<IReadOnlyList<string>>();
        foreach (var (files, properties) in sites) sequential.Add((await DirectAnalysis.RunAsync(files, properties, concurrent: false)).Lines);

        var parallel = new ConcurrentDictionary<int, IReadOnlyList<string>>();
        await Parallel.ForEachAsync(Enumerable.Range(0, sites.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var outcome = await DirectAnalysis.RunAsync(sites[i].Files, sites[i].Properties, concurrent: true);
            Assert.Empty(outcome.AnalyzerExceptions);
            parallel[i] = outcome.Lines;
        });

        Assert.Equal(sequential, Enumerable.Range(0, sites.Count).Select(i => parallel[i]));
        Assert.Contains(sequential, lines => lines.Any(l => l.Contains(": CMSH101: ")));
        Assert.Contains(sequential, lines => lines.Any(l => l.Contains(": CMSH100: ")));
        Assert.Contains(sequential, lines => lines.Count == 0);
    }

    private static (IReadOnlyList<DirectAnalysis.File> Files, Dictionary<string, string> Properties) Site(int i)
    {
        var key = (i % 4) switch
        {
            0 => "<add key=\"Epi.WebSockets.Enabled\" value=\"false\" />",
            1 => "<add key=\"Epi.WebSockets.Enabled\" value=\"true\" />",
            _ => "<add key=\"webpages:Version\" value=\"3.0.0.0\" />",
        };
        var runtime = i % 3 == 0 ? "<httpRuntime />" : "<httpRuntime targetFramework=\"4.7.2\" />";
        var text = $"<configuration>\n  <appSettings>\n    {key}\n  </appSettings>\n  <system.web>\n    {runtime}\n  </system.web>\n</configuration>\n";
        var properties = (i % 5) switch
        {
            0 => new Dictionary<string, string> { ["CmsHostIisVersion"] = "7.5" },
            1 => new Dictionary<string, string> { ["CmsHostWebSockets"] = "true" },
            2 => new Dictionary<string, string> { ["CmsHostWebSockets"] = "false" },
            _ => new Dictionary<string, string>(),
        };
        return (new[] { new DirectAnalysis.File(SiteTest.WebConfigPath, text) }, properties);
    }

    /// <summary>A text that reports a huge length and records whether anyone read its characters.</summary>
    private sealed class LargeText(int length) : SourceText
    {
        public bool WasRead { get; private set; }

        public override char this[int position] { get { WasRead = true; return ' '; } }

        public override System.Text.Encoding? Encoding => System.Text.Encoding.UTF8;

        public override int Length => length;

        public override void CopyTo(int sourceIndex, char[] destination, int destinationIndex, int count)
        {
            WasRead = true;
            Array.Fill(destination, ' ', destinationIndex, count);
        }
    }
}
