using CmsHazards.Configuration;
using CmsHazards.Versions;

namespace CmsHazards.Cli.Evaluation;

/// <summary>
/// The fallback where MSBuild cannot evaluate a project (no .NET SDK on the machine, an SDK that cannot be
/// resolved, an error in an import): reads the project file, the nearest Directory.Build.props and
/// Directory.Build.targets and Directory.Packages.props as files (<see cref="ProjectProperties"/>). It sees less
/// than MSBuild: the caller says so in a note for every project read this way.
/// </summary>
internal sealed class FileReaderEvaluator : IProjectEvaluator
{
    /// <summary>What the file reader may miss, for the note that says a project was read without MSBuild.</summary>
    public const string WhatMayBeMissed =
        "imports other than Directory.Build.props and Directory.Build.targets, property functions, Choose/When, SDK defaults and packages that arrive transitively are not seen";

    private readonly IReadOnlyDictionary<string, string> _globalProperties;

    public FileReaderEvaluator(IReadOnlyDictionary<string, string> globalProperties) => _globalProperties = globalProperties;

    public EvaluatedProject Evaluate(string projectPath, List<ProjectNote> notes)
    {
        var project = ScannedProject.ReadConfig(projectPath);
        if (project.Error is { } error)
        {
            // MSBuild refuses such a project too; nothing it declares can be known.
            throw new ProjectNotEvaluatedException(
                $"not well-formed XML: {error.Message}",
                projectPath, error.Position.Line + 1, error.Position.Character + 1);
        }

        void Note(ConfigElement element, string text)
        {
            var start = element.File.Lines.GetPosition(element.NameSpan.Start);
            notes.Add(new ProjectNote(element.File.Path, start.Line + 1, start.Character + 1, text));
        }

        var properties = ProjectProperties.Read(projectPath, project, _globalProperties, ScannedProject.ReadConfig, Note);
        var values = new Dictionary<string, EvaluatedProperty>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value, declaredAt) in properties.All)
        {
            PropertyOrigin? origin = null;
            if (declaredAt is not null)
            {
                var start = declaredAt.File.Lines.GetPosition(declaredAt.StartTag.Start);
                origin = new PropertyOrigin(declaredAt.File.Path, start.Line + 1, start.Character + 1);
            }

            values[name] = new EvaluatedProperty(value, origin);
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(projectPath))!;
        var centralPackagesPath = ProjectProperties.FindAbove(folder, "Directory.Packages.props");
        var items = CmsUiPackageReference.ReadItems(project, centralPackagesPath is null ? null : ScannedProject.ReadConfig(centralPackagesPath), properties.Expand)
            ?? new ProjectPackageItems(Array.Empty<PackageItem>(), Array.Empty<PackageItem>(), Array.Empty<AssemblyReferenceItem>());
        return new EvaluatedProject(Path.GetFullPath(projectPath), values, items, byMsBuild: false);
    }

    public void Dispose()
    {
    }
}
