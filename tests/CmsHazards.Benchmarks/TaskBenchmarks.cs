using System.Collections;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CmsHazards.Benchmarks.Inputs;
using CmsHazards.Build;
using CmsHazards.Configuration;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CmsHazards.Benchmarks;

/// <summary>
/// What the InspectCmsSite task costs in a site whose project.assets.json is 10 MB, against one Utf8JsonReader
/// pass over that file. The task never reads the assets file: ResolvePackageAssets has already turned it into
/// the <c>@(ReferencePath)</c> items the task gets, so the task's input is those items and the web.config on disk.
/// </summary>
[MemoryDiagnoser]
public class TaskBenchmarks
{
    public const int AssetsSize = 10 * 1024 * 1024;

    private readonly NullBuildEngine _engine = new();
    private string _site = "";
    private byte[] _assets = Array.Empty<byte>();
    private ITaskItem[] _references = Array.Empty<ITaskItem>();
    private ITaskItem[] _packageReferences = Array.Empty<ITaskItem>();
    private ITaskItem[] _configFiles = Array.Empty<ITaskItem>();

    [GlobalSetup]
    public void Setup()
    {
        var assets = ProjectAssets.Create(AssetsSize);
        _assets = assets.Json;
        _references = assets.ReferencePaths();
        _packageReferences = assets.PackageReferences();

        _site = Directory.CreateTempSubdirectory("cmshazards-bench-").FullName;
        File.WriteAllBytes(Path.Combine(_site, "Web.config"), WebConfigs.Bytes(WebConfigs.TypicalName));
        File.WriteAllText(Path.Combine(_site, "Web.Debug.config"), "<configuration xmlns:xdt=\"http://schemas.microsoft.com/XML-Document-Transform\" />");
        File.WriteAllText(Path.Combine(_site, "Web.Release.config"), "<configuration xmlns:xdt=\"http://schemas.microsoft.com/XML-Document-Transform\" />");
        _configFiles = new[] { "Web.config", "Web.Debug.config", "Web.Release.config" }.Select(f => (ITaskItem)new TaskItem(Path.Combine(_site, f))).ToArray();

        // An SDK-style project file that declares the packages: with the analyzer, the task reads it to hand the
        // analyzer each PackageReference element (CMSH304/305).
        File.WriteAllText(Path.Combine(_site, "Site.csproj"),
            "<Project Sdk=\"Microsoft.NET.Sdk\">\r\n  <PropertyGroup>\r\n    <TargetFramework>net48</TargetFramework>\r\n  </PropertyGroup>\r\n  <ItemGroup>\r\n" +
            string.Concat(_packageReferences.Select(p => $"    <PackageReference Include=\"{p.ItemSpec}\" Version=\"{p.GetMetadata("Version")}\" />\r\n")) +
            "  </ItemGroup>\r\n</Project>\r\n");
        var handing = Task(reportFindings: false);
        if (!handing.Execute() || HandedOverText.ToPackages(handing.DeclaredPackages)?.Count != _packageReferences.Length)
        {
            throw new InvalidOperationException($"The task did not hand over the {_packageReferences.Length} PackageReference elements (handed: {handing.DeclaredPackages}).");
        }

        // The run must do the whole job: find the UI version among the references, read web.config, report.
        var task = Task(reportFindings: true);
        if (!task.Execute() || task.CmsUiVersion != ProjectAssets.UiVersion || _engine.Warnings != 1)
        {
            throw new InvalidOperationException($"The task did not find CMS UI {ProjectAssets.UiVersion} and its CMSH101 (found {task.CmsUiVersion}, {_engine.Warnings} warnings).");
        }

        Console.WriteLine($"// project.assets.json: {_assets.Length:N0} bytes, {assets.Packages.Count} packages, {_references.Length} ReferencePath items");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_site, recursive: true);

    /// <summary>The floor: one pass of a forward-only JSON reader over the assets file's bytes, in memory.</summary>
    [Benchmark(Baseline = true, Description = "floor: Utf8JsonReader over project.assets.json")]
    public int Utf8JsonReaderFloor()
    {
        var reader = new Utf8JsonReader(_assets, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var tokens = 0;
        while (reader.Read()) tokens++;
        return tokens;
    }

    /// <summary>A build with the analyzer: the task finds the version and the files, and hands them over.</summary>
    [Benchmark(Description = "task: facts for the analyzer")]
    public bool TaskHandsOverFacts() => Task(reportFindings: false).Execute();

    /// <summary>A build without an analyzer (RunAnalyzers=false, old MSBuild): the task also decides and reports.</summary>
    [Benchmark(Description = "task: facts and findings (no analyzer)")]
    public bool TaskReportsFindings() => Task(reportFindings: true).Execute();

    private InspectCmsSite Task(bool reportFindings) => new()
    {
        BuildEngine = _engine,
        ProjectDirectory = _site,
        ProjectFile = Path.Combine(_site, "Site.csproj"),
        ConfigFiles = _configFiles,
        References = _references,
        PackageReferences = _packageReferences,
        HostIisVersion = "7.5",
        ReportFindings = reportFindings,
    };

    /// <summary>An MSBuild host that only counts warnings: logging costs the benchmark nothing it would not cost MSBuild.</summary>
    private sealed class NullBuildEngine : IBuildEngine
    {
        public int Warnings { get; private set; }

        public bool ContinueOnError => false;
        public int LineNumberOfTaskNode => 0;
        public int ColumnNumberOfTaskNode => 0;
        public string ProjectFileOfTaskNode => "/site/Site.csproj";

        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => throw new NotSupportedException();
        public void LogCustomEvent(CustomBuildEventArgs e) { }
        public void LogErrorEvent(BuildErrorEventArgs e) { }
        public void LogMessageEvent(BuildMessageEventArgs e) { }
        public void LogWarningEvent(BuildWarningEventArgs e) => Warnings++;
    }
}
