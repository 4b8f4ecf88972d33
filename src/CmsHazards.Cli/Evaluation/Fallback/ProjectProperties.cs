using CmsHazards.Configuration;

namespace CmsHazards.Cli.Evaluation;

/// <summary>
/// The fallback where MSBuild cannot evaluate a project (<see cref="FileReaderEvaluator"/>). The MSBuild
/// properties a project declares, read the way MSBuild evaluates them but without MSBuild: the
/// nearest Directory.Build.props, the project file, then the nearest Directory.Build.targets, each
/// <c>&lt;PropertyGroup&gt;</c> in order, a later value replacing an earlier one. Conditions on the build
/// configuration are evaluated (<see cref="MsBuildCondition"/>), so hosts declared per configuration are read
/// for the configuration asked for. Imports other than those two files are not followed.
/// </summary>
internal sealed class ProjectProperties
{
    /// <summary>The properties whose value decides what CmsHazards reports; a note says when one cannot be read.</summary>
    private static readonly IReadOnlyList<string> Watched = EvaluatedProject.PropertiesRead;

    // MSBuild property names ignore case.
    private readonly Dictionary<string, (string Value, ConfigElement? DeclaredAt)> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _global = new(StringComparer.OrdinalIgnoreCase);

    private ProjectProperties()
    {
    }

    /// <summary>Where a property got its value, or null when no project file set it.</summary>
    public ConfigElement? DeclaredAt(string name) => _values.TryGetValue(name, out var entry) ? entry.DeclaredAt : null;

    /// <summary>A property's value as MSBuild would see it; an undefined property is empty, as in MSBuild.</summary>
    public string? this[string name] => _values.TryGetValue(name, out var entry) && entry.Value.Length > 0 ? entry.Value : null;

    /// <summary>Expands <c>$(Name)</c> references with these values; null when MSBuild alone could.</summary>
    public string? Expand(string text) => MsBuildCondition.Expand(text, Lookup);

    /// <param name="projectPath">The .csproj.</param>
    /// <param name="project">The parsed .csproj.</param>
    /// <param name="globalProperties">The global properties of the command line (-c, -p:Name=Value, the host options).</param>
    /// <param name="read">Reads and parses another project file (Directory.Build.props/targets).</param>
    /// <param name="note">Told, in a sentence, about a declaration that cannot be evaluated without MSBuild.</param>
    public static ProjectProperties Read(string projectPath, ConfigFile project, IReadOnlyDictionary<string, string> globalProperties, Func<string, ConfigFile> read, Action<ConfigElement, string> note)
    {
        var properties = new ProjectProperties();
        var directory = Path.GetDirectoryName(Path.GetFullPath(projectPath))!;
        foreach (var (name, value) in globalProperties) properties.SetGlobal(name, value);

        // The defaults the SDK and Microsoft.Common.props give, which the project's own conditions test.
        properties.Set("Configuration", "Debug", null);
        properties.Set("Platform", "AnyCPU", null);
        properties.Set("MSBuildProjectDirectory", directory, null);
        properties.Set("MSBuildProjectName", Path.GetFileNameWithoutExtension(projectPath), null);
        properties.Set("MSBuildProjectFile", Path.GetFileName(projectPath), null);

        if (FindAbove(directory, "Directory.Build.props") is { } props) properties.Evaluate(read(props), note);
        properties.Evaluate(project, note);
        if (FindAbove(directory, "Directory.Build.targets") is { } targets) properties.Evaluate(read(targets), note);
        return properties;
    }

    /// <summary>The nearest file of that name in the folder or a folder above it, as MSBuild finds it.</summary>
    public static string? FindAbove(string directory, string fileName)
    {
        for (var folder = directory; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            var candidate = Path.Combine(folder, fileName);
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }

    private void SetGlobal(string name, string value)
    {
        _values[name] = (value, null);
        _global.Add(name);
    }

    private void Set(string name, string value, ConfigElement? declaredAt)
    {
        // A global property (from the command line) cannot be changed by the project, as in MSBuild.
        if (!_global.Contains(name)) _values[name] = (value, declaredAt);
    }

    private string? Lookup(string name)
    {
        if (_values.TryGetValue(name, out var entry)) return entry.Value;

        // MSBuild reads environment variables as properties; anything else undefined is empty.
        return Environment.GetEnvironmentVariable(name) ?? "";
    }

    private void Evaluate(ConfigFile file, Action<ConfigElement, string> note)
    {
        if (file.Root is not { Name: "Project" } root) return;
        Set("MSBuildThisFileDirectory", Path.GetDirectoryName(file.Path) + Path.DirectorySeparatorChar, null);

        foreach (var group in root.ChildrenNamed("PropertyGroup"))
        {
            if (!ConditionHolds(group, note, group.Children.Select(p => p.Name))) continue;
            foreach (var property in group.Children)
            {
                if (!ConditionHolds(property, note, new[] { property.Name })) continue;
                var text = ConfigElementText.TextOf(property);
                var value = text is null ? null : Expand(text);
                if (value is null)
                {
                    if (IsWatched(property.Name))
                    {
                        note(property, $"{property.Name} is not a plain value ('{text}'); cmshazards reads it only without MSBuild property functions or items, and ignores it here.");
                    }

                    continue;
                }

                Set(property.Name, value, property);
            }
        }
    }

    /// <summary>Every property read, with the element that set it.</summary>
    public IEnumerable<(string Name, string Value, ConfigElement? DeclaredAt)> All =>
        _values.Select(p => (p.Key, p.Value.Value, p.Value.DeclaredAt));

    private bool ConditionHolds(ConfigElement element, Action<ConfigElement, string> note, IEnumerable<string> declares)
    {
        var condition = element.AttributeValue("Condition");
        if (string.IsNullOrWhiteSpace(condition)) return true;
        var holds = MsBuildCondition.Evaluate(condition, Lookup);
        if (holds is not null) return holds.Value;

        var watched = declares.Where(IsWatched).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (watched.Count > 0)
        {
            note(element, $"cmshazards cannot evaluate Condition=\"{condition}\" without MSBuild, so it ignores the {string.Join(" and ", watched)} set there; declare the hosts with --host-websockets or --iis-version.");
        }

        return false;
    }

    private static bool IsWatched(string name) => Watched.Contains(name, StringComparer.OrdinalIgnoreCase);
}
