using System.Text;
using CmsHazards.Analyzers.AspNetCore;
using CmsHazards.CodeFixes.AspNetCore;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace CmsHazards.Analyzers.Tests.AspNetCore;

/// <summary>
/// A small CMS 12 site as a test: its C# (Startup.cs or Program.cs), appsettings files and web.config as
/// additional files, the CMS 12 stand-ins and real Microsoft.Extensions assemblies, and its MSBuild properties.
/// </summary>
internal sealed class Cms12SiteTest : CSharpCodeFixTest<SiteAnalyzer, UiOptionsCodeFix, DefaultVerifier>
{
    public const string Folder = "/site";
    public const string StartupPath = Folder + "/Startup.cs";
    public const string AppSettingsPath = Folder + "/appsettings.json";

    private readonly Dictionary<string, string> _properties = new() { ["MSBuildProjectDirectory"] = Folder };
    private bool _topLevel;

    public Cms12SiteTest(string? uiVersion = null)
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(Cms12StandIns.Runtime);
        TestState.AdditionalReferences.AddRange(Cms12StandIns.Extensions);
        TestState.AdditionalReferences.Add(Cms12StandIns.ShellUi(uiVersion ?? "12.23.0.0"));
        TestState.AdditionalReferences.Add(Cms12StandIns.AspNetCore);
        TestState.AdditionalReferences.Add(Cms12StandIns.AspNetIdentity);
    }

    public Cms12SiteTest WithSource(string path, string code)
    {
        TestState.Sources.Add((path, code));
        _topLevel |= path.EndsWith("Program.cs", StringComparison.Ordinal);
        return this;
    }

    public Cms12SiteTest WithSourceFixture(string path, string fixture) => WithSource(path, Fixture(fixture).ToString());

    public Cms12SiteTest ExpectFixedSourceFixture(string path, string fixture)
    {
        FixedState.Sources.Add((path, Fixture(fixture).ToString()));
        return this;
    }

    public Cms12SiteTest ExpectFixedSource(string path, string code)
    {
        FixedState.Sources.Add((path, code));
        return this;
    }

    public Cms12SiteTest WithFile(string path, string text) => WithFile(path, SourceText.From(text, new UTF8Encoding(false)));

    public Cms12SiteTest WithFile(string path, SourceText text)
    {
        TestState.AdditionalFiles.Add((path, text));
        return this;
    }

    public Cms12SiteTest ExpectFixedFile(string path, SourceText text)
    {
        FixedState.AdditionalFiles.Add((path, text));
        return this;
    }

    /// <summary>An .editorconfig beside the site's code: what Roslyn's formatter, and so the C# fix, lays new code out by.</summary>
    public Cms12SiteTest WithEditorConfig(string text)
    {
        TestState.AnalyzerConfigFiles.Add((Folder + "/.editorconfig", text));
        return this;
    }

    public Cms12SiteTest WithProperty(string name, string value)
    {
        _properties[name] = value;
        return this;
    }

    public Cms12SiteTest Expect(params DiagnosticResult[] diagnostics)
    {
        ExpectedDiagnostics.AddRange(diagnostics);
        return this;
    }

    /// <summary>Diagnostics that remain once the fix is applied.</summary>
    public Cms12SiteTest ExpectFixed(params DiagnosticResult[] diagnostics)
    {
        FixedState.ExpectedDiagnostics.AddRange(diagnostics);
        return this;
    }

    public Task VerifyAsync()
    {
        var config = new StringBuilder("is_global = true\n");
        foreach (var (name, value) in _properties) config.Append("build_property.").Append(name).Append(" = ").Append(value).Append('\n');
        TestState.AnalyzerConfigFiles.Add(("/.globalconfig", config.ToString()));
        if (_topLevel) TestState.OutputKind = OutputKind.ConsoleApplication;
        return RunAsync(CancellationToken.None);
    }

    protected override ParseOptions CreateParseOptions() => new CSharpParseOptions(LanguageVersion.Latest);

    protected override CompilationOptions CreateCompilationOptions() =>
        ((CSharpCompilationOptions)base.CreateCompilationOptions()).WithNullableContextOptions(NullableContextOptions.Enable);

    public static SourceText Fixture(string fixture) => SiteTest.Fixture(fixture);

    public static DiagnosticResult Cmsh100() => new("CMSH100", DiagnosticSeverity.Info);

    public static DiagnosticResult Cmsh101() => new("CMSH101", DiagnosticSeverity.Warning);

    public static DiagnosticResult Cmsh102() => new("CMSH102", DiagnosticSeverity.Warning);

    public static DiagnosticResult Cmsh200() => new("CMSH200", DiagnosticSeverity.Warning);
}
