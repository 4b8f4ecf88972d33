using CmsHazards.Versions;

namespace CmsHazards.Cli.Evaluation;

/// <summary>Where a property got its value: the project file, the line and the column of its element (one-based).</summary>
internal sealed record PropertyOrigin(string File, int Line, int Column);

/// <summary>A property's evaluated value, and where it was set; no origin for global and environment properties.</summary>
internal sealed record EvaluatedProperty(string Value, PropertyOrigin? Origin);

/// <summary>
/// A project as MSBuild evaluated it (or, where MSBuild could not, as <see cref="FileReaderEvaluator"/> read its
/// files): the properties CmsHazards reads, with where each was set, and the package items.
/// </summary>
internal sealed class EvaluatedProject
{
    /// <summary>The properties that decide what CmsHazards reports, read from every project evaluated.</summary>
    public static readonly IReadOnlyList<string> PropertiesRead = new[]
    {
        Hosting.HostDeclaration.WebSocketsProperty,
        Hosting.HostDeclaration.IisVersionProperty,
        WebConfigProperty,
        NoWarnProperty,
        ConfigurationProperty,
        AssetsFileProperty,
        TargetFrameworkProperty,
        Infrastructure.InfrastructureFacts.FilesProperty,
        Infrastructure.CmsHostApp.Property,
        AspNetCore.CmsAppSettings.EnvironmentProperty,
        WebSdkProperty,
    };

    /// <summary>"true" in a project of Microsoft.NET.Sdk.Web: an ASP.NET Core application, which a CMS 12/13 site is.</summary>
    public const string WebSdkProperty = "UsingMicrosoftNETSdkWeb";

    public const string TargetFrameworkProperty = "TargetFramework";

    public const string WebConfigProperty = "CmsWebConfig";
    public const string NoWarnProperty = "NoWarn";
    public const string ConfigurationProperty = "Configuration";

    /// <summary>Where NuGet writes the restore's result; the SDK and NuGet's targets set it.</summary>
    public const string AssetsFileProperty = "ProjectAssetsFile";

    private readonly IReadOnlyDictionary<string, EvaluatedProperty> _properties;

    public EvaluatedProject(string projectPath, IReadOnlyDictionary<string, EvaluatedProperty> properties, ProjectPackageItems items, bool byMsBuild)
    {
        ProjectPath = projectPath;
        Directory = Path.GetDirectoryName(projectPath)!;
        _properties = new Dictionary<string, EvaluatedProperty>(properties, StringComparer.OrdinalIgnoreCase);
        Items = items;
        ByMsBuild = byMsBuild;
    }

    public string ProjectPath { get; }

    public string Directory { get; }

    public ProjectPackageItems Items { get; }

    /// <summary>True when MSBuild evaluated the project; false when its files were read without MSBuild.</summary>
    public bool ByMsBuild { get; }

    /// <summary>A property's value; null when it is undefined or empty, as MSBuild treats both alike.</summary>
    public string? this[string name] => _properties.TryGetValue(name, out var property) && property.Value.Length > 0 ? property.Value : null;

    /// <summary>Where the property got its value; null for a global property, an environment variable or an undefined one.</summary>
    public PropertyOrigin? DeclaredAt(string name) => _properties.TryGetValue(name, out var property) ? property.Origin : null;

    /// <summary>The build configuration the project evaluated to: the one -c gives, else the project's default.</summary>
    public string Configuration => this[ConfigurationProperty] ?? "Debug";

    /// <summary>The restore's assets file, where the project says it is, else where the SDK puts it.</summary>
    public string AssetsFilePath => this[AssetsFileProperty] is { } path
        ? Path.GetFullPath(path, Directory)
        : Path.Combine(Directory, "obj", "project.assets.json");
}

/// <summary>Something said about a project while reading it: where, and what (a missing import, a fallback).</summary>
internal sealed record ProjectNote(string Path, int Line, int Column, string Text);
