using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace CmsHazards.Analyzers.Tests;

/// <summary>
/// The analyzer keeps a web.config snapshot's parse and its last verdict across compilations. The verdict depends on
/// more than that snapshot: each test here keeps the very same web.config snapshot, changes one other input that
/// decides the verdict, and sees the verdict change.
/// </summary>
public class VerdictCacheTests
{
    private const string KeyOff = "<add key=\"Epi.WebSockets.Enabled\" value=\"false\" />";

    private const string PlainSite = "<configuration>\n  <appSettings>\n  </appSettings>\n  <system.web><httpRuntime targetFramework=\"4.8\" /></system.web>\n</configuration>\n";

    private const string SiteWithKeyOff = "<configuration>\n  <appSettings>\n    " + KeyOff + "\n  </appSettings>\n  <system.web><httpRuntime targetFramework=\"4.8\" /></system.web>\n</configuration>\n";

    private const string RemovesTheKey = "<configuration xmlns:xdt=\"http://schemas.microsoft.com/XML-Document-Transform\">\n  <appSettings>\n    <add key=\"Epi.WebSockets.Enabled\" xdt:Transform=\"Remove\" xdt:Locator=\"Match(key)\" />\n  </appSettings>\n</configuration>\n";

    private const string LeavesTheKey = "<configuration xmlns:xdt=\"http://schemas.microsoft.com/XML-Document-Transform\">\n  <appSettings>\n    <add key=\"Other\" value=\"1\" xdt:Transform=\"Insert\" />\n  </appSettings>\n</configuration>\n";

    [Fact]
    public async Task Host_properties()
    {
        var webConfig = Snapshot("/site/Web.config", PlainSite);

        Assert.Equal("CMSH101", Assert.Single(await RunAsync(new[] { webConfig }, new() { ["CmsHostIisVersion"] = "7.5" })));
        Assert.Empty(await RunAsync(new[] { webConfig }, new() { ["CmsHostIisVersion"] = "7.5", ["CmsHostWebSockets"] = "true" }));
        Assert.Equal("CMSH100", Assert.Single(await RunAsync(new[] { webConfig }, new())));
    }

    [Fact]
    public async Task Build_configuration()
    {
        var webConfig = Snapshot("/site/Web.config", SiteWithKeyOff);
        var transform = Snapshot("/site/Web.Release.config", RemovesTheKey);

        Assert.Empty(await RunAsync(new[] { webConfig, transform }, new() { ["CmsHostIisVersion"] = "7.5", ["Configuration"] = "Debug" }));
        Assert.Equal("CMSH101", Assert.Single(await RunAsync(new[] { webConfig, transform }, new() { ["CmsHostIisVersion"] = "7.5", ["Configuration"] = "Release" })));
    }

    [Fact]
    public async Task Transform_text()
    {
        var webConfig = Snapshot("/site/Web.config", SiteWithKeyOff);
        var release = new Dictionary<string, string> { ["CmsHostIisVersion"] = "7.5", ["Configuration"] = "Release" };

        Assert.Empty(await RunAsync(new[] { webConfig, Snapshot("/site/Web.Release.config", LeavesTheKey) }, release));
        Assert.Equal("CMSH101", Assert.Single(await RunAsync(new[] { webConfig, Snapshot("/site/Web.Release.config", RemovesTheKey) }, release)));
    }

    [Fact]
    public async Task Referenced_UI_version()
    {
        var webConfig = Snapshot("/site/Web.config", PlainSite);
        var host = new Dictionary<string, string> { ["CmsHostIisVersion"] = "7.5" };

        Assert.Equal("CMSH101", Assert.Single(await RunAsync(new[] { webConfig }, host, ui: "11.20.0.0")));
        Assert.Empty(await RunAsync(new[] { webConfig }, host, ui: "9.3.0.0"));
        Assert.Equal("CMSH101", Assert.Single(await RunAsync(new[] { webConfig }, host, ui: "10.0.2.0")));
    }

    [Fact]
    public async Task ConfigSource_file()
    {
        var webConfig = Snapshot("/site/Web.config", "<configuration>\n  <appSettings configSource=\"AppSettings.config\" />\n  <system.web><httpRuntime targetFramework=\"4.8\" /></system.web>\n</configuration>\n");
        var host = new Dictionary<string, string> { ["CmsHostIisVersion"] = "7.5" };

        Assert.Empty(await RunAsync(new[] { webConfig, Snapshot("/site/AppSettings.config", "<appSettings>\n  " + KeyOff + "\n</appSettings>\n") }, host));
        Assert.Equal("CMSH101", Assert.Single(await RunAsync(new[] { webConfig, Snapshot("/site/AppSettings.config", "<appSettings>\n</appSettings>\n") }, host)));
    }

    private static FileSnapshot Snapshot(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));

    private static async Task<IEnumerable<string>> RunAsync(IEnumerable<AdditionalText> files, Dictionary<string, string> properties, string ui = "11.20.0.0")
    {
        var compilation = CSharpCompilation.Create(
            "Site",
            new[] { CSharpSyntaxTree.ParseText("namespace Site { public class EPiServerApplication : EPiServer.Global { } }", path: "/site/Global.asax.cs") },
            StandIns.Runtime.Append(StandIns.EPiServer()).Append(StandIns.Ui("EPiServer.Cms.Shell.UI", ui)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var withProject = new Dictionary<string, string>(properties) { ["MSBuildProjectDirectory"] = "/site" };
        var options = new AnalyzerOptions(files.ToImmutableArray(), new BuildOptions(withProject));
        var diagnostics = await SiteCompilation.AnalyzeAsync(compilation, options, ImmutableArray.Create<DiagnosticAnalyzer>(new SiteAnalyzer()));
        return diagnostics.Select(d => d.Id);
    }

    private sealed class BuildOptions(IReadOnlyDictionary<string, string> properties) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(properties.ToDictionary(p => "build_property." + p.Key, p => p.Value));

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Values(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Values(new Dictionary<string, string>());

        private sealed class Values(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
