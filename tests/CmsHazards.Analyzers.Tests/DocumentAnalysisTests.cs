using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;
using static CmsHazards.Analyzers.Tests.ExpectedMessages;

namespace CmsHazards.Analyzers.Tests;

/// <summary>
/// The analyzer as an editor runs it: for an open document, the syntax and semantic analysis of that one file
/// (<see cref="CompilationWithAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(SyntaxTree, System.Threading.CancellationToken)"/>
/// and <see cref="CompilationWithAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(SemanticModel, TextSpan?, System.Threading.CancellationToken)"/>),
/// never the end of the compilation. A finding placed on the site's code must come from that analysis of
/// Global.asax.cs, or Visual Studio shows it only after a build and offers no light bulb.
/// </summary>
public class DocumentAnalysisTests
{
    private const string GlobalAsax = "namespace Site { public class EPiServerApplication : EPiServer.Global { } }";
    private const string Message = $"{Ui} opens a WebSocket from the edit interface, but {OldIis}. {Consequence}";

    [Fact]
    public async Task The_open_Global_asax_cs_shows_CMSH101_on_the_application_class_live()
    {
        var site = Site(GlobalAsax);
        var diagnostics = await DocumentDiagnostics(site, SiteTest.GlobalAsaxPath);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("CMSH101", diagnostic.Id);
        Assert.Equal(Message, diagnostic.GetMessage());
        Assert.Equal(SiteTest.GlobalAsaxPath, diagnostic.Location.SourceTree!.FilePath);
        Assert.Equal(GlobalAsax.IndexOf("EPiServerApplication", StringComparison.Ordinal), diagnostic.Location.SourceSpan.Start);
        Assert.Equal("EPiServerApplication".Length, diagnostic.Location.SourceSpan.Length);
        var webConfig = Assert.Single(diagnostic.AdditionalLocations).GetLineSpan();
        Assert.Equal((SiteTest.WebConfigPath, 5, 3), (webConfig.Path, webConfig.StartLinePosition.Line, webConfig.StartLinePosition.Character));
        Assert.DoesNotContain(WellKnownDiagnosticTags.CompilationEnd, diagnostic.Descriptor.CustomTags);
        Assert.True(diagnostic.Properties.ContainsKey(SiteAnalyzer.FixesProperty));
    }

    [Fact]
    public async Task Another_open_document_shows_nothing()
    {
        var site = Site(GlobalAsax);
        Assert.Empty(await DocumentDiagnostics(site, SiteTest.Folder + "/Startup.cs"));
    }

    [Fact]
    public async Task A_build_reports_the_finding_once_on_the_application_class()
    {
        var site = Site(GlobalAsax);
        var diagnostic = Assert.Single(await site.GetAnalyzerDiagnosticsAsync());
        Assert.Equal("CMSH101", diagnostic.Id);
        Assert.Equal(SiteTest.GlobalAsaxPath, diagnostic.Location.SourceTree!.FilePath);
        Assert.DoesNotContain(WellKnownDiagnosticTags.CompilationEnd, diagnostic.Descriptor.CustomTags);
    }

    [Fact]
    public async Task Without_an_application_class_the_finding_comes_at_the_end_of_the_compilation_with_its_tag()
    {
        var site = Site("namespace Site { public class Global { } }");
        Assert.Empty(await DocumentDiagnostics(site, SiteTest.GlobalAsaxPath));

        var diagnostic = Assert.Single(await site.GetAnalyzerDiagnosticsAsync());
        Assert.Equal("CMSH101", diagnostic.Id);
        Assert.Equal(Message, diagnostic.GetMessage());
        Assert.Equal(SiteTest.WebConfigPath, diagnostic.Location.GetLineSpan().Path);
        Assert.Contains(WellKnownDiagnosticTags.CompilationEnd, diagnostic.Descriptor.CustomTags);
    }

    [Fact]
    public async Task An_application_class_nested_in_another_type_is_found()
    {
        var site = Site("namespace Site { public static class Hosting { public class Application : EPiServer.Global { } } }");
        var diagnostic = Assert.Single(await DocumentDiagnostics(site, SiteTest.GlobalAsaxPath));
        Assert.Equal("CMSH101", diagnostic.Id);
        Assert.Equal("Application", site.Compilation.SyntaxTrees.Single(t => t.FilePath == SiteTest.GlobalAsaxPath).GetText().ToString(diagnostic.Location.SourceSpan));
    }

    /// <summary>
    /// A site whose references are files on disk, as the compiler gets them: the references are told apart by
    /// file name before anything is bound, and the site with the UI assembly is still recognised.
    /// </summary>
    [Fact]
    public async Task A_site_referencing_the_UI_assembly_by_file_is_recognised_and_a_library_is_not_looked_at()
    {
        using var folder = new TemporaryFolder();
        var runtime = StandIns.Runtime.Cast<PortableExecutableReference>().Select(r => MetadataReference.CreateFromFile(r.FilePath!)).ToList();
        var episerver = folder.Write("EPiServer", "11.20.0.0", "namespace EPiServer { public class Global { } }");
        var ui = folder.Write("EPiServer.Cms.Shell.UI", "11.20.0.0", "namespace EPiServer.Cms.Shell.UI { public static class Marker { } }");

        var library = CSharpCompilation.Create("Library", new[] { CSharpSyntaxTree.ParseText("class C { }") }, runtime.Append(episerver));
        Assert.False(CompilationReferences.MayReference(library, CmsHazards.Versions.CmsUiReference.UiAssemblyNames));

        var site = Site(GlobalAsax, runtime.Append(episerver).Append(ui));
        Assert.True(CompilationReferences.MayReference(site.Compilation, CmsHazards.Versions.CmsUiReference.UiAssemblyNames));
        var diagnostic = Assert.Single(await DocumentDiagnostics(site, SiteTest.GlobalAsaxPath));
        Assert.Equal(Message, diagnostic.GetMessage());

        // A reference with no file name could be anything: the identities are read.
        Assert.True(CompilationReferences.MayReference(library.AddReferences(StandIns.Ui("Other", "1.0.0.0")), CmsHazards.Versions.CmsUiReference.UiAssemblyNames));
    }

    /// <summary>Global.asax.cs, Startup.cs, web.config with appSettings on line 6, IIS 7.5 declared: one CMSH101.</summary>
    private static CompilationWithAnalyzers Site(string globalAsax, IEnumerable<MetadataReference>? references = null)
    {
        var compilation = CSharpCompilation.Create(
            "Site",
            new[]
            {
                CSharpSyntaxTree.ParseText(globalAsax, path: SiteTest.GlobalAsaxPath),
                CSharpSyntaxTree.ParseText("namespace Site { public class Startup { public void Configuration() { } } }", path: SiteTest.Folder + "/Startup.cs"),
            },
            references ?? StandIns.Runtime.Append(StandIns.EPiServer()).Append(StandIns.Ui("EPiServer.Cms.Shell.UI", "11.20.0.0")),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new AnalyzerOptions(
            ImmutableArray.Create<AdditionalText>(new DirectAnalysis.File(SiteTest.WebConfigPath, WebSocketsAnalyzerTests.WebConfig)),
            new Properties(new Dictionary<string, string>
            {
                ["build_property.MSBuildProjectDirectory"] = SiteTest.Folder,
                ["build_property.CmsHostIisVersion"] = "7.5",
            }));
        return compilation.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new SiteAnalyzer()),
            new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
    }

    /// <summary>What an editor shows for one open document: its syntax, then its semantic analysis.</summary>
    private static async Task<IReadOnlyList<Diagnostic>> DocumentDiagnostics(CompilationWithAnalyzers site, string path)
    {
        var tree = site.Compilation.SyntaxTrees.Single(t => t.FilePath == path);
        var syntax = await site.GetAnalyzerSyntaxDiagnosticsAsync(tree, CancellationToken.None);
        var semantic = await site.GetAnalyzerSemanticDiagnosticsAsync(site.Compilation.GetSemanticModel(tree), null, CancellationToken.None);
        return syntax.Concat(semantic).ToList();
    }

    private sealed class Properties(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(new Dictionary<string, string>());

        private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }

    private sealed class TemporaryFolder : IDisposable
    {
        private readonly string _path = Directory.CreateTempSubdirectory("cmshazards-references-").FullName;

        /// <summary>Compiles a stand-in assembly of this name and version into the folder and references the file.</summary>
        public MetadataReference Write(string name, string version, string code)
        {
            var path = Path.Combine(_path, name + ".dll");
            var compilation = CSharpCompilation.Create(
                name,
                new[] { CSharpSyntaxTree.ParseText($"[assembly: System.Reflection.AssemblyVersion(\"{version}\")]\n{code}") },
                StandIns.Runtime,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var result = compilation.Emit(path);
            Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
            return MetadataReference.CreateFromFile(path);
        }

        public void Dispose() => Directory.Delete(_path, recursive: true);
    }
}
