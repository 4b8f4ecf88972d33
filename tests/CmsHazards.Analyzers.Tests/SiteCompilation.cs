using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CmsHazards.Analyzers.Tests;

/// <summary>
/// A CMS 11 site as the compiler sees it, without the testing library's verifier: Global.asax.cs with the
/// application class, the stand-in EPiServer and CMS UI 11.20 assemblies, its web.config as an additional file,
/// and the build properties CmsHazards.props makes visible (the host is IIS 7.5, so the analyzer has a CMSH101
/// to report on every run). For tests of what one compilation after another costs, and for the benchmarks.
/// </summary>
internal sealed class SiteCompilation
{
    public const string Folder = "/site";
    public const string WebConfigPath = Folder + "/Web.config";

    private static readonly SyntaxTree GlobalAsax = CSharpSyntaxTree.ParseText(
        "namespace Site { public class EPiServerApplication : EPiServer.Global { protected void Application_Start() { } } }",
        path: Folder + "/Global.asax.cs");

    private static readonly IReadOnlyList<MetadataReference> References =
        StandIns.Runtime.Concat(new[] { StandIns.EPiServer(), StandIns.Ui("EPiServer.Cms.Shell.UI", "11.20.0.0") }).ToList();

    private readonly BuildProperties _properties = new(new Dictionary<string, string>
    {
        ["build_property.MSBuildProjectDirectory"] = Folder,
        ["build_property.CmsHostIisVersion"] = "7.5",
    });

    /// <summary>
    /// A new compilation of the same code, as the compiler makes one per build and the IDE one per edit. Its
    /// syntax tree and references are shared, so what differs between runs is binding and analysis alone.
    /// </summary>
    public static Compilation NewCompilation() => CSharpCompilation.Create(
        "Site", new[] { GlobalAsax }, References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    public AnalyzerOptions Options(AdditionalText webConfig) => new(ImmutableArray.Create(webConfig), _properties);

    /// <summary>Runs the analyzers on a compilation the way a build does, one analyzer after the other.</summary>
    public static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, AnalyzerOptions options, ImmutableArray<DiagnosticAnalyzer> analyzers) =>
        compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
                options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false))
            .GetAnalyzerDiagnosticsAsync();

    /// <summary>The global options of a build: <c>build_property.*</c> values, as MSBuild's generated .globalconfig holds them.</summary>
    private sealed class BuildProperties : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global;

        public BuildProperties(IReadOnlyDictionary<string, string> values) => _global = new Options(values);

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(new Dictionary<string, string>());

            private readonly IReadOnlyDictionary<string, string> _values;

            public Options(IReadOnlyDictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
        }
    }
}

/// <summary>
/// An additional file as the command-line compiler holds one: its bytes are decoded from a stream on the first
/// <see cref="GetText"/>, as the compiler reads the file (a large file becomes a chunked text), and the text is
/// kept, so one instance is one snapshot of the file.
/// </summary>
internal sealed class FileSnapshot : AdditionalText
{
    private readonly byte[] _bytes;
    private SourceText? _text;

    public FileSnapshot(string path, byte[] bytes)
    {
        Path = path;
        _bytes = bytes;
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) =>
        _text ??= SourceText.From(new MemoryStream(_bytes, writable: false), encoding: null, SourceHashAlgorithm.Sha256, throwIfBinaryDetected: true, canBeEmbedded: false);
}
