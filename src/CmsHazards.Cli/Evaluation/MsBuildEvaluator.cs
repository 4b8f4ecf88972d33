using System.Runtime.CompilerServices;
using CmsHazards.Versions;
using Microsoft.Build.Definition;
using Microsoft.Build.Evaluation;
using Microsoft.Build.Evaluation.Context;
using Microsoft.Build.Exceptions;
using Microsoft.Build.Framework;

namespace CmsHazards.Cli.Evaluation;

/// <summary>
/// Evaluates projects with MSBuild itself: properties, conditions, property functions, Choose/When, imports and
/// SDK defaults exactly as <c>dotnet build</c> sees them, with the global properties of the command line.
/// Evaluation only: no target runs, nothing is restored or built. Imports missing on this machine (the
/// WebApplication targets of Visual Studio on Linux) are skipped and named in a note, as Visual Studio would
/// need them only to build.
/// </summary>
internal sealed class MsBuildEvaluator : IDisposable
{
    // Evaluation loads what it imports and nothing else. A missing, empty or invalid import is skipped, not fatal;
    // an SDK that cannot be resolved is fatal, for without it nothing the SDK imports (Directory.Build.props
    // among them) would be seen, and the file reader reads at least those.
    private const ProjectLoadSettings LoadSettings =
        ProjectLoadSettings.IgnoreMissingImports | ProjectLoadSettings.IgnoreEmptyImports | ProjectLoadSettings.IgnoreInvalidImports
        | ProjectLoadSettings.FailOnUnresolvedSdk | ProjectLoadSettings.DoNotEvaluateElementsWithFalseCondition;

    private readonly ProjectCollection _collection;
    private readonly EvaluationContext _context = EvaluationContext.Create(EvaluationContext.SharingPolicy.Shared);
    private readonly SkippedImports _skipped = new();

    private MsBuildEvaluator(IReadOnlyDictionary<string, string> globalProperties)
    {
        _collection = new ProjectCollection(
            globalProperties.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase),
            new[] { _skipped },
            ToolsetDefinitionLocations.Default);
    }

    /// <summary>
    /// The evaluator, or null when MSBuild is not there (<see cref="MsBuildRegistration.Problem"/> says why).
    /// Not inlined, so that no Microsoft.Build type is touched before MSBuildLocator has registered.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static IProjectEvaluator? Create(IReadOnlyDictionary<string, string> globalProperties) =>
        MsBuildRegistration.Problem is null ? new Adapter(new MsBuildEvaluator(globalProperties)) : null;

    /// <exception cref="ProjectNotEvaluatedException">MSBuild cannot evaluate the project; the message says why.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private EvaluatedProject Evaluate(string projectPath, List<ProjectNote> notes)
    {
        _skipped.Clear();
        Project project;
        try
        {
            project = Project.FromFile(projectPath, new ProjectOptions
            {
                ProjectCollection = _collection,
                LoadSettings = LoadSettings,
                EvaluationContext = _context,
            });
        }
        catch (InvalidProjectFileException e)
        {
            throw new ProjectNotEvaluatedException(e.BaseMessage, e.ProjectFile is { Length: > 0 } file ? file : projectPath, e.LineNumber, e.ColumnNumber);
        }

        try
        {
            foreach (var (importing, line, column, import) in _skipped.Missing.Distinct())
            {
                notes.Add(new ProjectNote(importing, line, column,
                    $"the import {import} does not exist on this machine; MSBuild evaluated the project without it, so what only it sets is not seen."));
            }

            var properties = new Dictionary<string, EvaluatedProperty>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in EvaluatedProject.PropertiesRead)
            {
                if (project.GetProperty(name) is not { } property) continue;
                var origin = property.Xml is { } xml && !property.IsGlobalProperty && !property.IsEnvironmentProperty
                    ? new PropertyOrigin(xml.Location.File, xml.Location.Line, xml.Location.Column)
                    : null;
                properties[name] = new EvaluatedProperty(property.EvaluatedValue, origin);
            }

            var items = new ProjectPackageItems(
                project.GetItems("PackageReference").Select(i => new PackageItem(i.EvaluatedInclude, i.GetMetadataValue("Version"), i.GetMetadataValue("VersionOverride"), DeclaredIn(i, "VersionOverride", "Version"))),
                project.GetItems("PackageVersion").Select(i => new PackageItem(i.EvaluatedInclude, i.GetMetadataValue("Version"), null, DeclaredIn(i, "Version"))),
                project.GetItems("Reference").Select(i => new AssemblyReferenceItem(i.EvaluatedInclude, i.GetMetadataValue("HintPath"), DeclaredIn(i, "HintPath"))));
            return new EvaluatedProject(projectPath, properties, items, byMsBuild: true);
        }
        finally
        {
            _collection.UnloadProject(project);
        }
    }

    /// <summary>The file that wrote the item's version: where its metadata is set, else where the item is.</summary>
    private static string DeclaredIn(ProjectItem item, params string[] metadata)
    {
        foreach (var name in metadata)
        {
            if (item.GetMetadata(name)?.Xml?.ContainingProject?.FullPath is { Length: > 0 } path && item.GetMetadataValue(name).Length > 0) return Path.GetFileName(path);
        }

        return Path.GetFileName(item.Xml.ContainingProject.FullPath);
    }

    public void Dispose()
    {
        _collection.UnregisterAllLoggers();
        _collection.Dispose();
    }

    /// <summary>
    /// Collects the imports evaluation skipped because their file does not exist. MSBuild tells them as
    /// <see cref="ProjectImportedEventArgs"/> with <c>ImportIgnored</c> and the path the import expanded to;
    /// imports whose condition is false are not missing and carry no path.
    /// </summary>
    private sealed class SkippedImports : ILogger
    {
        public List<(string Importing, int Line, int Column, string Import)> Missing { get; } = new();

        public LoggerVerbosity Verbosity { get; set; } = LoggerVerbosity.Diagnostic;

        public string? Parameters { get; set; }

        public void Clear() => Missing.Clear();

        public void Initialize(IEventSource eventSource) => eventSource.MessageRaised += (_, e) =>
        {
            // A missing file is told with the path it expanded to; an import whose condition is false has none.
            if (e is ProjectImportedEventArgs { ImportIgnored: true, ImportedProjectFile: { Length: > 0 } expanded } skipped
                && !File.Exists(expanded)
                && skipped.UnexpandedProject is { Length: > 0 } unexpanded
                && !string.IsNullOrEmpty(skipped.ProjectFile))
            {
                Missing.Add((skipped.ProjectFile!, skipped.LineNumber, skipped.ColumnNumber, unexpanded));
            }
        };

        public void Shutdown()
        {
        }
    }

    /// <summary>Keeps Microsoft.Build types out of the signatures the scanner sees.</summary>
    private sealed class Adapter : IProjectEvaluator
    {
        private readonly MsBuildEvaluator _evaluator;

        public Adapter(MsBuildEvaluator evaluator) => _evaluator = evaluator;

        public EvaluatedProject Evaluate(string projectPath, List<ProjectNote> notes) => _evaluator.Evaluate(projectPath, notes);

        public void Dispose() => _evaluator.Dispose();
    }
}

/// <summary>Evaluates a project file into what CmsHazards reads of it.</summary>
internal interface IProjectEvaluator : IDisposable
{
    /// <exception cref="ProjectNotEvaluatedException">The project cannot be evaluated.</exception>
    EvaluatedProject Evaluate(string projectPath, List<ProjectNote> notes);
}

/// <summary>A project its evaluator could not evaluate, with where and why.</summary>
internal sealed class ProjectNotEvaluatedException : Exception
{
    public ProjectNotEvaluatedException(string reason, string file, int line, int column)
        : base(reason)
    {
        File = file;
        Line = line;
        Column = column;
    }

    public string File { get; }

    public int Line { get; }

    public int Column { get; }
}
