using System.Reflection;
using CmsHazards.AspNetCore;
using CmsHazards.Cli.Evaluation;
using CmsHazards.Configuration;
using CmsHazards.Infrastructure;
using CmsHazards.Json;
using CmsHazards.Hosting;
using CmsHazards.Rules;
using CmsHazards.Rules.WebSockets;
using CmsHazards.Text;
using CmsHazards.Upgrade;
using CmsHazards.Versions;

namespace CmsHazards.Cli;

/// <summary>
/// A project read from disk as a CMS site: the project as MSBuild evaluated it, and the <see cref="SiteFacts"/>
/// the rules need, gathered as the MSBuild task gathers them (<see cref="SiteInspection"/>). The analyzer gathers
/// the same facts from a compilation; the difference is where the CMS UI version comes from: here the restore's
/// assets file, the project's items and packages.config, read without building.
/// </summary>
internal sealed class ScannedProject
{
    private ScannedProject(EvaluatedProject project, SiteFacts facts)
    {
        Project = project;
        Facts = facts;
    }

    public string ProjectPath => Project.ProjectPath;

    public EvaluatedProject Project { get; }

    /// <summary>What the rules decide on.</summary>
    public SiteFacts Facts { get; }

    /// <summary>
    /// Reads the evaluated project as a CMS site: a root web.config (beside the project, or where
    /// <c>CmsWebConfig</c> says) and a CMS UI reference. Null when the project is not one, as the analyzer
    /// reports nothing for such a project.
    /// </summary>
    /// <exception cref="UnreadableFileException">A file of the site could not be read.</exception>
    public static ScannedProject? Read(EvaluatedProject project, ScanOptions options, List<ProjectNote> notes)
    {
        var folder = project.Directory;

        // The files the package's targets hand the analyzer: the project folder's *.config, CmsWebConfig's file,
        // and the web.configs of Views and modules folders.
        var configFiles = Directory.EnumerateFiles(folder)
            .Where(f => f.EndsWith(".config", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        var explicitWebConfig = project[EvaluatedProject.WebConfigProperty];
        string? webConfigTried = null;
        if (explicitWebConfig is not null)
        {
            webConfigTried = Path.GetFullPath(Path.Combine(folder, explicitWebConfig.Trim().Replace('\\', Path.DirectorySeparatorChar).Replace('/', Path.DirectorySeparatorChar)));
            if (File.Exists(webConfigTried) && !configFiles.Contains(webConfigTried, StringComparer.Ordinal)) configFiles.Add(webConfigTried);
        }

        configFiles.AddRange(FolderWebConfigs(folder));

        var read = new Dictionary<string, ConfigFile>(StringComparer.Ordinal);
        ConfigFile ReadOnce(string path) => read.TryGetValue(path, out var file) ? file : read[path] = ReadConfig(path);

        // Options on the command line are global properties: they win over the project, as -p: does in MSBuild.
        var host = HostDeclaration.Read(project[HostDeclaration.WebSocketsProperty], project[HostDeclaration.IisVersionProperty]);
        var inspection = SiteInspection.Find(configFiles, folder, explicitWebConfig, project.Configuration, ReadOnce);

        // CmsWebConfig naming a file that does not exist: a CMS site that gets CMSH103 rather than no word at all.
        var unfound = inspection is null
            ? SiteConfigurationFiles.UnfoundWebConfig(configFiles, folder, explicitWebConfig, webConfigTried, missingOnDisk: true)
            : null;

        // A site without web.config (CMS 12 and later) is checked too: the rules about its packages and its appsettings
        // have something to read. Only one that shows a CMS UI counts as a site, as in the build; a project that
        // references no CMS package itself (a test project, a tool) is not read further.
        if (inspection is null && unfound is null && !project.Items.PackageReferences.Any(p => IsCmsPackage(p.Id))) return null;
        var packagesConfigPath = inspection is not null
            ? inspection.PackagesConfigPath
            : unfound is not null ? SiteConfigurationFiles.ClosestPackagesConfig(configFiles, Path.Combine(folder, "Web.config")) : null;
        var assets = ReadAssets(project, notes);
        var ui = CmsUi(project, packagesConfigPath, hasWebConfig: inspection is not null, ReadOnce, assets, notes);
        if (ui is null) return null;

        var targetFramework = project[EvaluatedProject.TargetFrameworkProperty];
        var facts = inspection is not null
            ? inspection.Facts(ui, host, targetFramework)
            : SiteInspection.WithoutWebConfig(ui, host, project.Configuration, targetFramework).With(() => unfound);
        if (facts is null) return null;

        // A CMS 12/13 site's appsettings files, as the build hands them to the analyzer. Its C# is not read without a
        // build (CmsStartupCode is left out): the rule's message says what that leaves undetermined.
        if (UiOptionsRule.Applies(ui))
        {
            facts = facts.With(() => CmsAppSettings.Read(
                Directory.EnumerateFiles(folder, "*.json").Where(CmsAppSettings.IsAppSettingsFile).OrderBy(f => f, StringComparer.Ordinal).Select(ReadJson).ToList(),
                project[CmsAppSettings.EnvironmentProperty]));
        }

        // The assemblies the build would compile against: each HintPath DLL's manifest, and the compile items of the
        // restore's packages. Packages that are not restored leave them unknown, and the scan says so once, at the
        // project, instead of comparing with nothing.
        var (assemblies, unknownBecause) = HintPathAssemblies.Read(project.Items.References, folder);
        if (unknownBecause is null && project.Items.PackageReferences.Count > 0)
        {
            var restored = assets is null
                ? (null, $"the project is not restored ({Path.GetRelativePath(folder, project.AssetsFilePath)} is missing or cannot be read), so binding redirects are not compared with the assemblies the build would use; run dotnet restore (or nuget restore) and scan again")
                : RestoredPackages.CompileAssemblies(assets, targetFramework);
            assemblies = restored.Assemblies is null ? null : (assemblies ?? Array.Empty<ReferencedAssembly>()).Concat(restored.Assemblies).ToList();
            unknownBecause = restored.UnknownBecause;
        }

        var hasRedirects = facts.Configuration?.Deployed is { } deployed && AssemblyBindings.From(deployed.Deployed, facts.Configuration.FolderWebConfigs).Entries.Count > 0;
        var projectFile = ReadOnce(project.ProjectPath);
        if (unknownBecause is not null && hasRedirects && projectFile.Root is { } projectRoot)
        {
            var start = projectFile.Lines.GetPosition(projectRoot.NameSpan.Start);
            notes.Add(new ProjectNote(project.ProjectPath, start.Line + 1, start.Character + 1, "binding redirects not checked: " + unknownBecause + "."));
        }

        var centralPackagesPath = ProjectProperties.FindAbove(folder, "Directory.Packages.props");
        var (infrastructure, missing, suggestion) = InfrastructureFiles(folder, options, project);
        facts = facts
            .With(() => new InfrastructureFacts(infrastructure.Select(LoadInfrastructure).ToList(), project[CmsHostApp.Property], missing))
            .With(() => unknownBecause is not null ? ReferencedAssemblies.Unknown(unknownBecause) : new ReferencedAssemblies(assemblies ?? Array.Empty<ReferencedAssembly>()))
            .With(() => PackageDeclarations.Read(
                packagesConfigPath is { } packagesConfig ? ReadOnce(packagesConfig) : null,
                projectFile,
                centralPackagesPath is null ? null : ReadOnce(centralPackagesPath),
                project.Items));
        return new ScannedProject(project, facts) { InfrastructureSuggestion = suggestion };
    }

    /// <summary>An appsettings file as the host reads it (comments and trailing commas accepted); one too large is refused by the reader, with its reason.</summary>
    /// <exception cref="UnreadableFileException">The file system refused the file.</exception>
    private static JsonFile ReadJson(string path)
    {
        try
        {
            return new FileInfo(path).Length > JsonFile.MaxLength * 4L
                ? JsonFile.TooLarge(path)
                : JsonFile.Parse(path, EncodedText.Read(path).Text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UnreadableFileException(path, e);
        }
    }

    /// <summary>
    /// The CMS UI the site compiles against, from the surest source there is: the restore's assets file
    /// (transitive packages included), the project's PackageReference, PackageVersion or HintPath items (the
    /// HintPath's assembly when it is on disk), else packages.config, which the analyzer reads last as well.
    /// </summary>
    private static CmsUiReference? CmsUi(EvaluatedProject project, string? packagesConfigPath, bool hasWebConfig, Func<string, ConfigFile> read, object? assets, List<ProjectNote> notes)
    {
        var assetsFile = project.AssetsFilePath;
        if (assets is not null && RestoredPackages.CmsUi(assets, assetsFile, project[EvaluatedProject.TargetFrameworkProperty]) is { } restored) return restored;

        var fromItems = CompiledHintPath(project) ?? CmsUiPackageReference.FromItems(project.Items);
        if (fromItems is not null) return fromItems;
        var fromPackagesConfig = packagesConfigPath is { } packagesConfig ? CmsUiReference.FromPackagesConfig(read(packagesConfig)) : null;
        if (fromPackagesConfig is not null) return fromPackagesConfig;

        // A site whose CMS packages bring the UI transitively (the EPiServer.CMS metapackage, Commerce) shows it
        // only in the restore's graph. Without one, passing it would be a silent pass on a possible hazard. A project
        // without web.config that shows no UI (a class library of the solution) is not a site, as in the build.
        if (hasWebConfig && !File.Exists(assetsFile) && project.Items.PackageReferences.FirstOrDefault(p => IsCmsPackage(p.Id)) is { } cms)
        {
            throw new ProjectNotEvaluatedException(
                $"references {cms.Id}, which can bring CMS UI transitively, but the project has not been restored ({Path.GetRelativePath(project.Directory, assetsFile)} is missing); run dotnet restore, then cmshazards scan",
                project.ProjectPath, 0, 0);
        }

        // Without web.config a web project may still be a CMS 12/13 site whose UI only the restore shows: say so rather
        // than pass it in silence. A class library of the solution referencing CMS packages is not a site, and gets no note.
        if (!hasWebConfig && !File.Exists(assetsFile) && string.Equals(project[EvaluatedProject.WebSdkProperty], "true", StringComparison.OrdinalIgnoreCase) && project.Items.PackageReferences.FirstOrDefault(p => IsCmsPackage(p.Id)) is { } unrestored)
        {
            notes.Add(new ProjectNote(project.ProjectPath, 0, 0,
                $"not checked: it references {unrestored.Id}, which can bring CMS UI transitively, but it has not been restored ({Path.GetRelativePath(project.Directory, assetsFile)} is missing); run dotnet restore, then cmshazards scan."));
        }

        return null;
    }

    /// <summary>The restore's assets file, read once; null when there is none, or it cannot be read (a note says why).</summary>
    private static object? ReadAssets(EvaluatedProject project, List<ProjectNote> notes)
    {
        var assetsFile = project.AssetsFilePath;
        if (!File.Exists(assetsFile)) return null;
        if (MsBuildRegistration.Problem is { } problem)
        {
            notes.Add(new ProjectNote(assetsFile, 0, 0, $"not read, for {problem}; packages that arrive transitively are not seen."));
            return null;
        }

        try
        {
            return RestoredPackages.Read(assetsFile);
        }
        catch (InvalidDataException e)
        {
            notes.Add(new ProjectNote(assetsFile, 0, 0, $"cannot be read ({e.Message}); the project's own package items are read instead."));
            return null;
        }
    }

    private static bool IsCmsPackage(string id) =>
        id.StartsWith("EPiServer.", StringComparison.OrdinalIgnoreCase) || id.StartsWith("Optimizely.", StringComparison.OrdinalIgnoreCase);

    /// <summary>A UI assembly referenced by HintPath that is on disk (the packages folder is restored): what the build compiles against.</summary>
    private static CmsUiReference? CompiledHintPath(EvaluatedProject project)
    {
        foreach (var name in CmsUiReference.UiAssemblyNames)
        {
            foreach (var reference in project.Items.References)
            {
                if (reference.HintPath is not { } hintPath) continue;
                if (!string.Equals(Path.GetFileNameWithoutExtension(hintPath.Replace('\\', '/')), name, StringComparison.OrdinalIgnoreCase)) continue;
                var file = Path.GetFullPath(hintPath.Replace('\\', Path.DirectorySeparatorChar), project.Directory);
                if (AssemblyIdentity(file) is { } identity) return identity;
            }
        }

        return null;
    }

    /// <summary>The identity of an assembly file, as the compiler reads it; null when there is no such assembly.</summary>
    public static CmsUiReference? AssemblyIdentity(string file)
    {
        if (!File.Exists(file)) return null;
        try
        {
            var name = AssemblyName.GetAssemblyName(file);
            return name.Name is { } simpleName && name.Version is { } version ? CmsUiReference.FromAssembly(simpleName, version) : null;
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
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
    private static (IReadOnlyList<string> Files, IReadOnlyList<string> Missing, string? Suggestion) InfrastructureFiles(string folder, ScanOptions options, EvaluatedProject properties)
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

    /// <summary>
    /// Where a finding with no place of its own belongs: the element that declares the MSBuild property it rests on
    /// (<see cref="Finding.Setting"/>); for a CMS 12/13 finding, which the analyzer puts on the call that adds CMS, the
    /// project element when no declaration is behind it.
    /// </summary>
    public ConfigElement? DeclarationBehind(Finding finding)
    {
        if (finding.Setting is { } setting && Project.DeclaredAt(setting) is { } origin && ElementAt(origin, setting) is { } declared)
        {
            return declared;
        }

        return finding.Placement == FindingPlacement.OnCmsStartup ? Declarations(Project.ProjectPath)?.Root : null;
    }

    /// <summary>The element of that name that starts on the origin's line.</summary>
    private ConfigElement? ElementAt(PropertyOrigin origin, string name)
    {
        if (Declarations(origin.File) is not { } file) return null;
        return Descendants(file.Root).FirstOrDefault(e =>
            string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase) && file.Lines.GetPosition(e.StartTag.Start).Line + 1 == origin.Line);
    }

    /// <summary>A project or imported file that declares properties, read once per scan however many findings it places; null when it cannot be read.</summary>
    private ConfigFile? Declarations(string path)
    {
        if (_declarations.TryGetValue(path, out var file)) return file;
        try
        {
            file = ReadConfig(path);
        }
        catch (UnreadableFileException)
        {
            file = null;
        }

        return _declarations[path] = file;
    }

    private readonly Dictionary<string, ConfigFile?> _declarations = new Dictionary<string, ConfigFile?>(StringComparer.Ordinal);

    private static IEnumerable<ConfigElement> Descendants(ConfigElement? element)
    {
        if (element is null) yield break;
        yield return element;
        foreach (var child in element.Children)
        {
            foreach (var descendant in Descendants(child)) yield return descendant;
        }
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
