using System.Text;
using CmsHazards.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace CmsHazards.Analyzers.Tests;

/// <summary>
/// A small CMS site as a test: its C# files (with markup where the diagnostic must be), its web.config and
/// packages.config as additional files, its references, and the MSBuild properties it declares.
/// </summary>
internal sealed class SiteTest : CSharpCodeFixTest<SiteAnalyzer, AdditionalFileCodeFix, DefaultVerifier>
{
    public const string Folder = "/site";
    public const string WebConfigPath = Folder + "/Web.config";
    public const string GlobalAsaxPath = Folder + "/Global.asax.cs";

    /// <summary>The application class of a CMS 7-11 site, with markup on its name.</summary>
    public const string ApplicationClass = "namespace Site { public class {|#0:EPiServerApplication|} : EPiServer.Global { } }";

    private readonly Dictionary<string, string> _properties = new() { ["MSBuildProjectDirectory"] = Folder };
    private readonly StringBuilder _ruleSeverities = new();

    public SiteTest()
    {
        // No reference pack is needed: the runtime's own core library and the stand-ins are enough.
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(StandIns.Runtime);
        TestState.AdditionalReferences.Add(StandIns.EPiServer());
    }

    public SiteTest WithUi(string version = "11.20.0.0", string assembly = "EPiServer.Cms.Shell.UI")
    {
        TestState.AdditionalReferences.Add(StandIns.Ui(assembly, version));
        return this;
    }

    /// <summary>A CMS UI assembly at a version, resolved from a package folder whose path names the package.</summary>
    public SiteTest WithPackagedUi(string assembly, string version, string path)
    {
        TestState.AdditionalReferences.Add(StandIns.FromPackage(assembly, version, path));
        return this;
    }

    public SiteTest WithSource(string path, string code)
    {
        TestState.Sources.Add((path, code));
        return this;
    }

    public SiteTest WithApplicationClass() => WithSource(GlobalAsaxPath, ApplicationClass);

    public SiteTest WithFile(string path, string text) => WithFile(path, SourceText.From(text, new UTF8Encoding(true)));

    public SiteTest WithFile(string path, SourceText text)
    {
        TestState.AdditionalFiles.Add((path, text));
        return this;
    }

    /// <summary>A fixture file's exact bytes, its encoding detected from its byte order mark.</summary>
    public SiteTest WithFixture(string path, string fixture) => WithFile(path, Fixture(fixture));

    public SiteTest ExpectFixedFixture(string path, string fixture)
    {
        FixedState.AdditionalFiles.Add((path, Fixture(fixture)));
        return this;
    }

    public SiteTest ExpectFixedFile(string path, string text)
    {
        FixedState.AdditionalFiles.Add((path, SourceText.From(text, new UTF8Encoding(true))));
        return this;
    }

    /// <summary>Turns a rule off as an .editorconfig does (dotnet_diagnostic.ID.severity = none), for a site that exists to show another rule.</summary>
    public SiteTest WithoutRule(string ruleId)
    {
        _ruleSeverities.Append("dotnet_diagnostic.").Append(ruleId).Append(".severity = none\n");
        return this;
    }

    public SiteTest WithProperty(string name, string value)
    {
        _properties[name] = value;
        return this;
    }

    /// <summary>Applies the fix with this equivalence key instead of the first one offered.</summary>
    public SiteTest WithFix(string equivalenceKey)
    {
        CodeActionEquivalenceKey = equivalenceKey;
        return this;
    }

    public SiteTest Expect(params DiagnosticResult[] diagnostics)
    {
        ExpectedDiagnostics.AddRange(diagnostics);
        return this;
    }

    /// <summary>Checks that no fix is offered: the diagnostics stay, and no document changes.</summary>
    public SiteTest ExpectNoFix()
    {
        FixedState.ExpectedDiagnostics.AddRange(ExpectedDiagnostics);
        FixedState.MarkupHandling = MarkupMode.Allow;
        return this;
    }

    public Task VerifyAsync()
    {
        // How MSBuild hands build_property values to analyzers: a global analyzer config.
        var config = new StringBuilder("is_global = true\n");
        foreach (var (name, value) in _properties) config.Append("build_property.").Append(name).Append(" = ").Append(value).Append('\n');
        config.Append(_ruleSeverities);
        TestState.AnalyzerConfigFiles.Add(("/.globalconfig", config.ToString()));
        if (TestState.Sources.Count == 0) TestState.Sources.Add(("/site/Startup.cs", "namespace Site { internal static class Startup { } }"));
        return RunAsync(CancellationToken.None);
    }

    public static SourceText Fixture(string fixture)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture.Replace('/', Path.DirectorySeparatorChar));
        using var stream = File.OpenRead(path);
        return SourceText.From(stream, encoding: new UTF8Encoding(false), canBeEmbedded: false);
    }

    public static DiagnosticResult Cmsh100() => new DiagnosticResult("CMSH100", DiagnosticSeverity.Info);

    public static DiagnosticResult Cmsh101() => new DiagnosticResult("CMSH101", DiagnosticSeverity.Warning);

    public static DiagnosticResult Cmsh102() => new DiagnosticResult("CMSH102", DiagnosticSeverity.Warning);

    public static DiagnosticResult Cmsh201() => new DiagnosticResult("CMSH201", DiagnosticSeverity.Info);

    public static DiagnosticResult Cmsh103() => new DiagnosticResult("CMSH103", DiagnosticSeverity.Warning);

    public static DiagnosticResult Cmsh200() => new DiagnosticResult("CMSH200", DiagnosticSeverity.Warning);
}
