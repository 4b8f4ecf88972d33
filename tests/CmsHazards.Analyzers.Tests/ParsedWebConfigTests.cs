using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace CmsHazards.Analyzers.Tests;

/// <summary>
/// The IDE makes a new compilation on every keystroke in a C# file and hands it the same web.config snapshot.
/// Those compilations must reuse what the first one parsed, not parse or copy it again.
/// </summary>
[Collection(AllocationMeasurement.Name)]
public class ParsedWebConfigTests
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzer = ImmutableArray.Create<DiagnosticAnalyzer>(new SiteAnalyzer());

    [Fact]
    public async Task A_keystroke_reuses_the_parsed_web_config_without_copying_it()
    {
        var bytes = Encoding.UTF8.GetBytes(LargeWebConfig(1024 * 1024));
        var site = new SiteCompilation();
        var options = site.Options(new FileSnapshot(SiteCompilation.WebConfigPath, bytes));
        var first = await SiteCompilation.AnalyzeAsync(SiteCompilation.NewCompilation(), options, Analyzer);
        Assert.Equal("CMSH101", Assert.Single(first).Id);

        // The least of a few keystrokes: the first ones after start-up also pay for the driver's own warm-up.
        var allocated = long.MaxValue;
        for (var keystroke = 0; keystroke < 3; keystroke++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var next = await SiteCompilation.AnalyzeAsync(SiteCompilation.NewCompilation(), options, Analyzer);
            allocated = Math.Min(allocated, GC.GetTotalAllocatedBytes(precise: true) - before);
            Assert.Equal(first.Select(d => d.ToString()), next.Select(d => d.ToString()));
        }

        // Reusing the parse costs the compilation and the analyzer driver under 100 KB whatever the file's size;
        // parsing or copying 1 MB of configuration allocates several times the file's size.
        Assert.True(allocated < bytes.Length / 4, $"A keystroke allocated {allocated:N0} bytes with a {bytes.Length:N0}-byte web.config.");
    }

    /// <summary>The test file's web.config with location blocks added until it has <paramref name="size"/> characters.</summary>
    private static string LargeWebConfig(int size)
    {
        var text = new StringBuilder(WebSocketsAnalyzerTests.WebConfig);
        var end = text.ToString().LastIndexOf("</configuration>", StringComparison.Ordinal);
        for (var i = 0; text.Length < size; i++)
        {
            text.Insert(end, $"  <location path=\"archive/{i}\">\n    <system.web>\n      <httpRuntime maxRequestLength=\"1048576\" />\n    </system.web>\n  </location>\n");
        }

        return text.ToString();
    }
}

/// <summary>Tests that count the bytes the whole process allocates run alone, with no other test allocating meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurement
{
    public const string Name = "Allocation measurement";
}
