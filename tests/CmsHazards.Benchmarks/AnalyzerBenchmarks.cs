using System.Collections.Immutable;
using System.Xml;
using BenchmarkDotNet.Attributes;
using CmsHazards.Analyzers;
using CmsHazards.Analyzers.Tests;
using CmsHazards.Benchmarks.Inputs;
using CmsHazards.Configuration;
using CmsHazards.Hosting;
using CmsHazards.Rules;
using CmsHazards.Text;
using CmsHazards.Versions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CmsHazards.Benchmarks;

/// <summary>
/// What the analyzer costs per compilation, against reading and parsing the same web.config bytes with XmlReader.
/// </summary>
/// <remarks>
/// An analyzer never runs alone: the compiler's analyzer driver binds the compilation and raises its events
/// whatever the analyzers do. <see cref="DriverWithEmptyAnalyzer"/> measures that with an analyzer that does
/// nothing, so the analyzer's own cost is the difference. The core alone, and the IDE's per-keystroke path
/// (a new compilation with the same web.config snapshot, whose parse is cached), are measured too.
/// </remarks>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> WebSockets = ImmutableArray.Create<DiagnosticAnalyzer>(new SiteAnalyzer());
    private static readonly ImmutableArray<DiagnosticAnalyzer> Empty = ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyAnalyzer());

    private static readonly XmlReaderSettings ReadEverything = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
    };

    private readonly SiteCompilation _site = new();
    private byte[] _bytes = Array.Empty<byte>();
    private AnalyzerOptions _unchangedOptions = null!;

    [Params(WebConfigs.TypicalName, WebConfigs.LargeName)]
    public string WebConfig { get; set; } = WebConfigs.TypicalName;

    [GlobalSetup]
    public void Setup()
    {
        _bytes = WebConfigs.Bytes(WebConfig);
        _unchangedOptions = _site.Options(new FileSnapshot(SiteCompilation.WebConfigPath, _bytes));

        // A benchmark of an analyzer that found nothing would measure an early return.
        var diagnostics = SiteCompilation.AnalyzeAsync(SiteCompilation.NewCompilation(), _unchangedOptions, WebSockets).GetAwaiter().GetResult();
        if (diagnostics.Length != 1 || diagnostics[0].Id != RuleIds.WebSocketsUnsupportedHost)
        {
            throw new InvalidOperationException("Expected one CMSH101, got: " + string.Join("; ", diagnostics));
        }

        if (CoreParseAndEvaluate() != 1) throw new InvalidOperationException("The core did not find the CMSH101 the analyzer reports.");
    }

    /// <summary>
    /// The floor: decode the bytes and read every node with the safe settings the core uses, touching the name
    /// and value of every element and attribute (what any reader of the configuration must at least do).
    /// </summary>
    [Benchmark(Baseline = true, Description = "floor: XmlReader over the bytes")]
    public int XmlReaderFloor()
    {
        var characters = 0;
        using var reader = XmlReader.Create(new MemoryStream(_bytes), ReadEverything);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            characters += reader.Name.Length;
            while (reader.MoveToNextAttribute()) characters += reader.Name.Length + reader.Value.Length;
        }

        return characters;
    }

    /// <summary>The core alone, as every front end uses it: decode, parse with positions, decide.</summary>
    [Benchmark(Description = "core: decode + ConfigFile.Parse + Evaluate")]
    public int CoreParseAndEvaluate()
    {
        var webConfig = ConfigFile.Parse(SiteCompilation.WebConfigPath, EncodedText.Decode(_bytes).Text);
        var ui = CmsUiReference.FromAssembly("EPiServer.Cms.Shell.UI", new Version(11, 20, 0, 0));
        var site = new SiteFacts(ui, HostDeclaration.Read(null, "7.5"), new SiteConfiguration(webConfig));
        return SiteCheck.Run(site).Count;
    }

    /// <summary>A build: a new compilation and a web.config the analyzer has not seen (decoded and parsed here).</summary>
    [Benchmark(Description = "analyzer: new compilation, new web.config text")]
    public Task<ImmutableArray<Diagnostic>> AnalyzerNewText() =>
        SiteCompilation.AnalyzeAsync(SiteCompilation.NewCompilation(), _site.Options(new FileSnapshot(SiteCompilation.WebConfigPath, _bytes)), WebSockets);

    /// <summary>A keystroke in a C# file: a new compilation, the same web.config snapshot, so its parse is cached.</summary>
    [Benchmark(Description = "analyzer: new compilation, same web.config text")]
    public Task<ImmutableArray<Diagnostic>> AnalyzerSameText() =>
        SiteCompilation.AnalyzeAsync(SiteCompilation.NewCompilation(), _unchangedOptions, WebSockets);

    /// <summary>Roslyn's share: the same compilation and web.config text under an analyzer that does nothing.</summary>
    [Benchmark(Description = "driver: new compilation, empty analyzer")]
    public Task<ImmutableArray<Diagnostic>> DriverWithEmptyAnalyzer() =>
        SiteCompilation.AnalyzeAsync(SiteCompilation.NewCompilation(), _site.Options(new FileSnapshot(SiteCompilation.WebConfigPath, _bytes)), Empty);

    /// <summary>Registers what SiteAnalyzer registers when it has a finding, and does nothing in it.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class EmptyAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new("BENCH000", "Never reported", "{0}", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                start.RegisterSymbolAction(_ => { }, SymbolKind.NamedType);
                start.RegisterCompilationEndAction(_ => { });
            });
        }
    }
}
