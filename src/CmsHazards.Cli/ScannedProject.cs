using CmsHazards.Configuration;
using CmsHazards.Infrastructure;
using CmsHazards.Hosting;
using CmsHazards.Rules;
using CmsHazards.Text;
using CmsHazards.Upgrade;
using CmsHazards.Versions;

namespace CmsHazards.Cli;

/// <summary>
/// A site found on disk: its project file, the properties the project declares, and the <see cref="SiteFacts"/>
/// the rules need, gathered from the files alone. The analyzer gathers the same facts from a compilation
/// (CompilationSite); the differences are the version source and the hosts' declaration, read here from
/// files and options instead of assemblies and MSBuild.
/// </summary>
internal sealed class ScannedProject
{
    private ScannedProject(string projectPath, ProjectProperties properties, SiteFacts facts)
    {
        ProjectPath = projectPath;
        Properties = properties;
        Facts = facts;
    }

    public string ProjectPath { get; }

    public ProjectProperties Properties { get; }

    /// <summary>What the rules decide on.</summary>
    public SiteFacts Facts { get; }

    /// <summary>
    /// Reads the project as a CMS site: a .csproj with a root web.config (beside it, or where
    /// <c>CmsWebConfig</c> says) and a CMS UI reference (a PackageReference or HintPath in the project, or
    /// packages.config). Null when the project is not one, as the analyzer reports nothing for such a project.
    /// </summary>
    /// <exception cref="UnreadableFileException">A file of the site could not be read.</exception>
    public static ScannedProject? Read(string projectPath, ScanOptions options, Action<ConfigElement, string> note)
    {
        var project = ReadConfig(projectPath);
        if (project.Error is { } error)
        {
            // MSBuild refuses such a project too; nothing it declares can be known.
            throw new UnreadableFileException(projectPath, new InvalidDataException(
                $"not well-formed XML at line {error.Position.Line + 1}, column {error.Position.Character + 1}: {error.Message}"));
        }

        var properties = ProjectProperties.Read(projectPath, project, options.Configuration, ReadConfig, note);
        var folder = Path.GetDirectoryName(Path.GetFullPath(projectPath))!;

        // The files the package's targets hand the analyzer: the project folder's *.config and CmsWebConfig's file.
        var configFiles = Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".config", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        var explicitWebConfig = properties[ProjectProperties.WebConfigProperty];
        if (explicitWebConfig is not null)
        {
            var path = Path.GetFullPath(Path.Combine(folder, explicitWebConfig.Replace('\\', Path.DirectorySeparatorChar)));
            if (File.Exists(path)) configFiles.Add(path);
        }

        var webConfigPath = SiteConfigurationFiles.ChooseWebConfig(configFiles, folder, explicitWebConfig);
        if (webConfigPath is null) return null;

        // The project file first: its PackageReference or HintPath names what the build compiles against, the
        // assembly the analyzer reads the version from. packages.config last, as in the analyzer.
        var centralPackagesPath = ProjectProperties.FindAbove(folder, "Directory.Packages.props");
        var ui = CmsUiPackageReference.FromProjectFile(project, centralPackagesPath is null ? null : ReadConfig(centralPackagesPath), properties.Expand);
        if (ui is null && SiteConfigurationFiles.ClosestPackagesConfig(configFiles, webConfigPath) is { } packagesConfigPath)
        {
            ui = CmsUiReference.FromPackagesConfig(ReadConfig(packagesConfigPath));
        }

        if (ui is null) return null;

        // Options on the command line win over the project, as -p: global properties do in MSBuild.
        var host = HostDeclaration.Read(
            options.HostWebSockets ?? properties[HostDeclaration.WebSocketsProperty],
            options.IisVersion ?? properties[HostDeclaration.IisVersionProperty]);

        // The files the build would hand the analyzer: the folder's *.config (transforms among them), the
        // web.configs of Views and modules, and the file configSource names (as written or as the transform
        // deploys it) with its own transform.
        var paths = configFiles.Concat(FolderWebConfigs(folder)).ToList();
        var read = new Dictionary<string, ConfigFile>(StringComparer.Ordinal);
        ConfigFile ReadOnce(string path) => read.TryGetValue(path, out var file) ? file : read[path] = ReadConfig(path);
        paths.AddRange(SiteConfigurationFiles.ConfigSourceFilesOnDisk(paths, webConfigPath, options.Configuration, ReadOnce));

        var configuration = SiteConfigurationFiles.Read(webConfigPath, paths, folder, options.Configuration, ReadOnce);
        if (configuration is null) return null;
        var buildProperties = new Dictionary<string, string>();
        if (options.Configuration is { } buildConfiguration) buildProperties["Configuration"] = buildConfiguration;
        if (properties[Rules.Upgrade.Cms11PackageRule.TargetFrameworkProperty] is { } targetFramework) buildProperties[Rules.Upgrade.Cms11PackageRule.TargetFrameworkProperty] = targetFramework;

        // The assemblies the build would compile against: each HintPath DLL's manifest. A packages folder that is not
        // restored leaves them unknown, and the scan says so once, at the project, instead of comparing with nothing.
        var (assemblies, unknownBecause) = HintPathAssemblies.Read(project, folder, properties.Expand);
        var hasRedirects = configuration.Deployed is { } deployed && AssemblyBindings.From(deployed.Deployed, configuration.FolderWebConfigs).Entries.Count > 0;
        if (unknownBecause is not null && hasRedirects && project.Root is { } projectRoot) note(projectRoot, "binding redirects not checked: " + unknownBecause + ".");
        var packagesConfigFile = SiteConfigurationFiles.ClosestPackagesConfig(configFiles, webConfigPath);
        var (infrastructure, missing, suggestion) = InfrastructureFiles(folder, options, properties);
        var facts = new SiteFacts(ui, host, configuration, buildProperties)
            .With(() => new InfrastructureFacts(infrastructure.Select(LoadInfrastructure).ToList(), properties[CmsHostApp.Property], missing))
            .With(() => unknownBecause is not null ? ReferencedAssemblies.Unknown(unknownBecause) : new ReferencedAssemblies(assemblies ?? Array.Empty<ReferencedAssembly>()))
            .With(() => new ProjectPackages(
                (packagesConfigFile is null ? Array.Empty<DeclaredPackage>() : DeclaredPackages.FromPackagesConfig(ReadOnce(packagesConfigFile)))
                    .Concat(DeclaredPackages.FromProjectFile(project, centralPackagesPath is null ? null : ReadOnce(centralPackagesPath), properties.Expand))));
        return new ScannedProject(projectPath, properties, facts) { InfrastructureSuggestion = suggestion };
    }

    /// <summary>
    /// Set when the site's infrastructure files were found in the scanned folders rather than named: the property
    /// that makes a build read them too.
    /// </summary>
    public string? InfrastructureSuggestion { get; private init; }

    /// <summary>
    /// The infrastructure files of a site: --infrastructure (files or folders) first, else what the project's
    /// CmsHostInfrastructure names (paths or globs relative to the project), else those found in the scanned folders.
    /// </summary>
    private static (IReadOnlyList<string> Files, IReadOnlyList<string> Missing, string? Suggestion) InfrastructureFiles(string folder, ScanOptions options, ProjectProperties properties)
    {
        var files = new List<string>();
        var missing = new List<string>();
        void Add(string baseFolder, string written)
        {
            var path = Path.GetFullPath(Path.Combine(baseFolder, written.Replace('\\', Path.DirectorySeparatorChar)));
            if (written.IndexOfAny(new[] { '*', '?' }) >= 0) files.AddRange(Glob(baseFolder, written));
            else if (Directory.Exists(path)) files.AddRange(InfrastructureDiscovery.Find(path));
            else if (File.Exists(path)) files.Add(path);
            else missing.Add(written);
        }

        if (options.Infrastructure.Count > 0)
        {
            foreach (var written in options.Infrastructure) Add(Directory.GetCurrentDirectory(), written);
        }
        else if (properties[InfrastructureFacts.FilesProperty] is { } named)
        {
            foreach (var written in InfrastructureFacts.SplitList(named)) Add(folder, written);
        }
        else if (options.FoundInfrastructure.Value is { Count: > 0 } found)
        {
            return (found, missing, InfrastructureDiscovery.PropertyFor(folder, found));
        }

        return (files.Distinct(StringComparer.Ordinal).ToList(), missing, null);
    }

    // MSBuild's wildcards: * and ? within a name, ** for any folders.
    private static IEnumerable<string> Glob(string baseFolder, string pattern)
    {
        var normalized = pattern.Replace('\\', '/');
        var firstWildcard = normalized.IndexOfAny(new[] { '*', '?' });
        var slash = normalized.LastIndexOf('/', firstWildcard);
        var root = slash >= 0 ? normalized.Substring(0, slash) : ".";
        var rootPath = Path.GetFullPath(Path.Combine(baseFolder, root));
        if (!Directory.Exists(rootPath)) return Array.Empty<string>();
        var rest = slash >= 0 ? normalized.Substring(slash + 1) : normalized;
        var regex = new System.Text.RegularExpressions.Regex(
            "^" + System.Text.RegularExpressions.Regex.Escape(rest).Replace(@"\*\*/", "(.*/)?").Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]") + "$",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        return Directory.EnumerateFiles(rootPath, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Where(f => regex.IsMatch(Path.GetRelativePath(rootPath, f).Replace('\\', '/')))
            .OrderBy(f => f, StringComparer.Ordinal);
    }

    /// <exception cref="UnreadableFileException">The file system refused the file.</exception>
    private static InfrastructureFile LoadInfrastructure(string path)
    {
        try
        {
            return InfrastructureFile.Load(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UnreadableFileException(path, e);
        }
    }

    /// <summary>
    /// The web.configs of Views and modules folders, at the depths the package's targets look (build/CmsHazards.targets):
    /// Views/, Views/*/, Areas/*/Views/, modules/, modules/*/ and modules/*/*/, so a scan sees what a build sees and a
    /// large modules folder is never walked to the bottom.
    /// </summary>
    private static IEnumerable<string> FolderWebConfigs(string folder)
    {
        var options = new EnumerationOptions { IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive };
        IEnumerable<string> Below(IEnumerable<string> folders, string name) => folders.SelectMany(f => Directory.EnumerateDirectories(f, name, options));
        IEnumerable<string> Children(IEnumerable<string> folders) => Below(folders, "*");

        var root = new[] { folder };
        var views = Below(root, "Views").ToList();
        var modules = Below(root, "modules").ToList();
        var modulesChildren = Children(modules).ToList();
        var folders = views.Concat(Children(views)).Concat(Below(Children(Below(root, "Areas")), "Views"))
            .Concat(modules).Concat(modulesChildren).Concat(Children(modulesChildren));
        return folders.SelectMany(f => Directory.EnumerateFiles(f, "*.config", options)).Where(SiteConfigurationFiles.IsWebConfig);
    }

    /// <summary>Reads a configuration file as its bytes say (byte order mark, UTF-8 or UTF-16), DTDs off.</summary>
    /// <exception cref="UnreadableFileException">The file system refused the file.</exception>
    public static ConfigFile ReadConfig(string path)
    {
        try
        {
            return ConfigFile.Parse(path, EncodedText.Read(path).Text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UnreadableFileException(path, e);
        }
    }

    /// <summary>Where a finding with no place of its own belongs: the project element that declared the value.</summary>
    public ConfigElement? DeclarationBehind(Finding finding)
    {
        foreach (var name in new[] { HostDeclaration.WebSocketsProperty, HostDeclaration.IisVersionProperty })
        {
            if (Properties.DeclaredAt(name) is not { } element) continue;
            var alone = name == HostDeclaration.WebSocketsProperty
                ? HostDeclaration.Read(Properties[name], null)
                : HostDeclaration.Read(null, Properties[name]);
            if (alone.Problems.Any(p => finding.Message.StartsWith(p, StringComparison.Ordinal))) return element;
        }

        return null;
    }
}

/// <summary>A file of a site that could not be read: the scan goes on without that site and exits with 2.</summary>
internal sealed class UnreadableFileException : Exception
{
    public UnreadableFileException(string path, Exception reason)
        : base(reason.Message, reason)
    {
        Path = path;
    }

    public string Path { get; }
}
