using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CmsHazards.Analyzers.Tests;

/// <summary>
/// Runs the analyzer the way the compiler does, without the test framework in between, so that tests can hand
/// it files that fail to load and watch for analyzer exceptions (what a build would show as AD0001).
/// </summary>
internal static class DirectAnalysis
{
    public sealed record Outcome(ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<Exception> AnalyzerExceptions)
    {
        public IReadOnlyList<string> Lines => Diagnostics
            .Select(d => $"{(d.Location.IsInSource ? Path.GetFileName(d.Location.SourceTree!.FilePath) : d.Location.GetLineSpan().Path is { Length: > 0 } p ? Path.GetFileName(p) : "")}{(d.Location == Location.None ? "" : Position(d.Location.GetLineSpan().StartLinePosition))}: {d.Id}: {d.GetMessage()}")
            .OrderBy(l => l, StringComparer.Ordinal)
            .ToList();
    }

    // As build output shows it: one-based.
    private static string Position(LinePosition position) => $"({position.Line + 1},{position.Character + 1})";

    /// <param name="ui">The CMS UI assembly the site references; EPiServer.Cms.Shell.UI 11.20.0.0 when null.</param>
    public static async Task<Outcome> RunAsync(IEnumerable<AdditionalText> files, IReadOnlyDictionary<string, string>? properties = null, bool concurrent = true, string? applicationClass = SiteTest.ApplicationClass, MetadataReference? ui = null)
    {
        var sources = applicationClass is null
            ? Array.Empty<SyntaxTree>()
            : new[] { CSharpSyntaxTree.ParseText(applicationClass.Replace("{|#0:", "").Replace("|}", ""), path: SiteTest.GlobalAsaxPath) };
        var compilation = CSharpCompilation.Create(
            "Site",
            sources,
            StandIns.Runtime.Append(StandIns.EPiServer()).Append(ui ?? StandIns.Ui("EPiServer.Cms.Shell.UI", "11.20.0.0")),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, concurrentBuild: concurrent));

        var exceptions = new List<Exception>();
        var options = new AnalyzerOptions(files.ToImmutableArray(), new GlobalOptionsProvider(properties ?? new Dictionary<string, string>()));
        var withAnalyzers = compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new SiteAnalyzer()),
            new CompilationWithAnalyzersOptions(options, (e, _, _) => { lock (exceptions) exceptions.Add(e); }, concurrent, logAnalyzerExecutionTime: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        return new Outcome(diagnostics, exceptions);
    }

    /// <summary>An additional file as the compiler holds it; <paramref name="load"/> may throw, as a locked file does.</summary>
    public sealed class File(string path, Func<SourceText?> load) : AdditionalText
    {
        public File(string path, string text) : this(path, () => SourceText.From(text)) { }

        public override string Path { get; } = path;

        public override SourceText? GetText(CancellationToken cancellationToken = default) => load();
    }

    private sealed class GlobalOptionsProvider(IReadOnlyDictionary<string, string> properties) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(properties
            .ToDictionary(p => "build_property." + p.Key, p => p.Value)
            .Append(new KeyValuePair<string, string>("build_property.MSBuildProjectDirectory", SiteTest.Folder))
            .GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value));

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;
    }

    private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
