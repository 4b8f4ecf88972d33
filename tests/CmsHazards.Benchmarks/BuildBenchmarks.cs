using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using CmsHazards.Analyzers;
using CmsHazards.Analyzers.Tests;
using CmsHazards.Benchmarks.Inputs;
using CmsHazards.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CmsHazards.Benchmarks;

/// <summary>
/// What CmsHazards' analyzers add to the compiler's own work on a project of 200 C# files, the in-process half of
/// build-overhead.sh: a CMS 11 site (Global.asax.cs, web.config, stand-in EPiServer and CMS UI 11.20, IIS 7.5
/// declared, so every run reports one CMSH101) and a class library of the same files without CMS, which should
/// cost nothing. Each case is a new compilation of the same syntax trees, compiled to its diagnostics as a build
/// does (binding every method body) with the analyzers running alongside, as the command-line compiler runs them.
/// </summary>
/// <remarks>
/// The two empty analyzers separate Roslyn's share from ours: one registers only a compilation start action (what
/// any analyzer costs), the other also a symbol action on every named type (what SiteAnalyzer registered to find
/// the application class until the class was looked up once per compilation).
/// </remarks>
[MemoryDiagnoser]
public class BuildBenchmarks
{
    public const string Site = "site";
    public const string Library = "library";

    private static readonly ImmutableArray<DiagnosticAnalyzer> CmsHazards = ImmutableArray.Create<DiagnosticAnalyzer>(new SiteAnalyzer());
    private static readonly ImmutableArray<DiagnosticAnalyzer> StartOnly = ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyAnalyzer(symbolAction: false));
    private static readonly ImmutableArray<DiagnosticAnalyzer> StartAndSymbols = ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyAnalyzer(symbolAction: true));

    private IReadOnlyList<SyntaxTree> _trees = Array.Empty<SyntaxTree>();
    private IReadOnlyList<MetadataReference> _references = Array.Empty<MetadataReference>();
    private AnalyzerOptions _options = null!;

    [Params(Site, Library)]
    public string Project { get; set; } = Site;

    [GlobalSetup]
    public void Setup()
    {
        var site = Project == Site;
        var trees = GeneratedSite.Features(SiteCompilation.Folder, site ? 199 : 200).ToList();
        if (site)
        {
            trees.Add(CSharpSyntaxTree.ParseText(
                "namespace Site { public class EPiServerApplication : EPiServer.Global { protected void Application_Start() { } } }",
                path: SiteCompilation.Folder + "/Global.asax.cs"));
        }

        _trees = trees;
        _references = site
            ? GeneratedSite.Framework.Concat(new[] { StandIns.EPiServer(), StandIns.Ui("EPiServer.Cms.Shell.UI", "11.20.0.0") }).ToList()
            : GeneratedSite.Framework;
        _options = site
            ? new SiteCompilation().Options(new FileSnapshot(SiteCompilation.WebConfigPath, WebConfigs.Bytes(WebConfigs.TypicalName)))
            : new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);

        var errors = NewCompilation().GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0) throw new InvalidOperationException("The generated project does not compile: " + errors[0]);
        var ours = Analyze(CmsHazards).GetAwaiter().GetResult().Where(d => d.Id.StartsWith("CMSH", StringComparison.Ordinal)).ToList();
        var expected = site ? 1 : 0;
        if (ours.Count != expected || (site && ours[0].Id != RuleIds.WebSocketsUnsupportedHost))
        {
            throw new InvalidOperationException($"Expected {expected} CMSH101, got: " + string.Join("; ", ours));
        }
    }

    /// <summary>The floor: the compiler's own work, binding every declaration and method body of a new compilation.</summary>
    [Benchmark(Baseline = true, Description = "compiler: diagnostics of a new compilation")]
    public int Compiler() => NewCompilation().GetDiagnostics().Length;

    [Benchmark(Description = "compiler + empty analyzer (compilation start)")]
    public Task<ImmutableArray<Diagnostic>> DriverStartOnly() => Analyze(StartOnly);

    [Benchmark(Description = "compiler + empty analyzer (start, symbol action on named types)")]
    public Task<ImmutableArray<Diagnostic>> DriverWithSymbolAction() => Analyze(StartAndSymbols);

    [Benchmark(Description = "compiler + CmsHazards (SiteAnalyzer)")]
    public Task<ImmutableArray<Diagnostic>> WithCmsHazards() => Analyze(CmsHazards);

    private Compilation NewCompilation() => CSharpCompilation.Create(
        "Site", _trees, _references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    // As the command-line compiler runs analyzers: concurrently, alongside the compiler's own diagnostics.
    private Task<ImmutableArray<Diagnostic>> Analyze(ImmutableArray<DiagnosticAnalyzer> analyzers) =>
        NewCompilation()
            .WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(_options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false))
            .GetAllDiagnosticsAsync();

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class EmptyAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new("BENCH000", "Never reported", "{0}", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);
        private readonly bool _symbolAction;

        public EmptyAnalyzer(bool symbolAction) => _symbolAction = symbolAction;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                if (_symbolAction) start.RegisterSymbolAction(_ => { }, SymbolKind.NamedType);
                start.RegisterCompilationEndAction(_ => { });
            });
        }
    }
}
