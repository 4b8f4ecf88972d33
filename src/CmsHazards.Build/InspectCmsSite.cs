using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using CmsHazards.Compilers;
using CmsHazards.Configuration;
using CmsHazards.Hosting;
using CmsHazards.Infrastructure;
using CmsHazards.Rules;
using CmsHazards.Text;
using CmsHazards.Upgrade;
using CmsHazards.Versions;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CmsHazards.Build
{
    /// <summary>
    /// Inspects a CMS site during the build: which CMS UI the build really compiles against, where the site's
    /// configuration is, and which files it pulls in. Hands these facts to the analyzer, and reports the
    /// findings itself only when no analyzer runs (<see cref="ReportFindings"/>), so one hazard is one warning.
    /// </summary>
    public sealed class InspectCmsSite : Task
    {
        [Required]
        public string ProjectDirectory { get; set; } = "";

        /// <summary><c>$(CmsWebConfig)</c>: the site's root web.config when it is not beside the project.</summary>
        public string? WebConfig { get; set; }

        /// <summary>The configuration files of the project folder (web.config, Web.*.config, packages.config ...).</summary>
        public ITaskItem[] ConfigFiles { get; set; } = Array.Empty<ITaskItem>();

        /// <summary><c>@(ReferencePath)</c>: the assemblies the compiler gets, with NuGet metadata where they come from packages.</summary>
        public ITaskItem[] References { get; set; } = Array.Empty<ITaskItem>();

        /// <summary><c>@(ReferenceCopyLocalPaths)</c>: what lands in bin beside the compile references (CMSH301).</summary>
        public ITaskItem[] CopyLocalReferences { get; set; } = Array.Empty<ITaskItem>();

        /// <summary><c>$(TargetFramework)</c>: CMSH305 looks for CMS 11 packages in .NET 5+ projects.</summary>
        public string? TargetFramework { get; set; }

        /// <summary><c>$(MSBuildProjectFullPath)</c>: where PackageReference items are written, for CMSH304/305's place.</summary>
        public string? ProjectFile { get; set; }

        /// <summary><c>$(DirectoryPackagesPropsPath)</c>: Central Package Management's versions, when the file exists.</summary>
        public string? CentralPackagesFile { get; set; }

        /// <summary><c>@(PackageReference)</c> and <c>@(PackageVersion)</c>: the versions the project asks for.</summary>
        public ITaskItem[] PackageReferences { get; set; } = Array.Empty<ITaskItem>();

        public ITaskItem[] PackageVersions { get; set; } = Array.Empty<ITaskItem>();

        /// <summary><c>$(Configuration)</c>: picks the Web.$(Configuration).config transform of the deployed configuration.</summary>
        public string? Configuration { get; set; }

        public string? HostWebSockets { get; set; }

        public string? HostIisVersion { get; set; }

        /// <summary><c>$(CmsHostEnvironment)</c>: the ASP.NET Core environment of a CMS 12/13 site, whose appsettings.{Environment}.json the hosts read.</summary>
        public string? HostEnvironment { get; set; }

        /// <summary>The files <c>CmsHostInfrastructure</c> names: ARM, Bicep or Terraform that deploy the site.</summary>
        public ITaskItem[] InfrastructureFiles { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>Files <c>CmsHostInfrastructure</c> names that do not exist.</summary>
        public ITaskItem[] MissingInfrastructureFiles { get; set; } = Array.Empty<ITaskItem>();

        /// <summary><c>$(CmsHostAppService)</c>: which web app in those files hosts the CMS.</summary>
        public string? HostAppService { get; set; }

        /// <summary>True when no analyzer runs in this build (RunAnalyzers=false, or a compiler too old to load it).</summary>
        public bool ReportFindings { get; set; }

        /// <summary><c>$(CscToolPath)</c> and <c>$(CSharpCoreTargetsPath)</c>: where a compiler package that replaces MSBuild's compiler lies.</summary>
        public string? CscToolPath { get; set; }

        public string? CSharpCoreTargetsPath { get; set; }

        /// <summary>
        /// False when the build compiles with a compiler package older than the analyzer's Roslyn: the targets then take
        /// the analyzer out of <c>@(Analyzer)</c> (no CS8032) and this task reports the findings in its place.
        /// </summary>
        [Output]
        public bool CompilerLoadsAnalyzer { get; private set; } = true;

        /// <summary>Files the analyzer must see that the static targets cannot know: the file configSource names.</summary>
        [Output]
        public ITaskItem[] AdditionalFiles { get; private set; } = Array.Empty<ITaskItem>();

        /// <summary>
        /// The files configSource (or appSettings file=) names that do not exist, as <see cref="HandedOverText"/>: the
        /// targets pass them to the analyzer (<c>CmsHazardsMissingConfigFiles</c>), which then tells them from files it
        /// has not been handed yet.
        /// </summary>
        [Output]
        public string MissingConfigFiles { get; private set; } = "";

        /// <summary>The files <c>CmsHostInfrastructure</c> names that do not exist, as <see cref="HandedOverText"/> (<c>CmsHazardsMissingInfrastructure</c>).</summary>
        [Output]
        public string MissingInfrastructure { get; private set; } = "";

        /// <summary>
        /// The packages PackageReference and PackageVersion declare, each with its element, as <see cref="HandedOverText"/>
        /// (<c>CmsHazardsDeclaredPackages</c>): the analyzer sees only the assemblies of the packages, named by their
        /// folders, and none of the project file, so CMSH304 and CMSH305 rest on what this task read.
        /// </summary>
        [Output]
        public string DeclaredPackages { get; private set; } = "";

        /// <summary><see cref="ProjectDirectory"/> as <see cref="HandedOverText"/> (<c>CmsHazardsProjectDirectory</c>): a '#' in it survives.</summary>
        [Output]
        public string EscapedProjectDirectory => HandedOverText.Escape(ProjectDirectory ?? "");

        [Output]
        public string? CmsUiVersion { get; private set; }

        [Output]
        public string? CmsUiVersionSource { get; private set; }

        public override bool Execute()
        {
            try
            {
                DecideCompiler();
                Inspect();
            }
            catch (Exception e) when (e is not OutOfMemoryException and not StackOverflowException)
            {
                // CMSH001 is CmsHazards' own failure: said in the build log at the rule's severity, never failing a correct build.
                Log.LogMessage(null, RuleIds.InspectionFailed, null, BuildEngine?.ProjectFileOfTaskNode, 0, 0, 0, 0, MessageImportance.High,
                    "CmsHazards could not inspect this project ({0}: {1}). The build goes on without its checks.",
                    e.GetType().Name, e.Message);
            }

            return !Log.HasLoggedErrors;
        }

        private void Inspect()
        {
            var configFiles = ConfigFiles.Select(f => Path.GetFullPath(f.GetMetadata("FullPath") is { Length: > 0 } full ? full : f.ItemSpec)).ToList();

            // The file CmsWebConfig names: read when it exists, said (CMSH103) when it does not.
            string? webConfigTried = null;
            if (!string.IsNullOrWhiteSpace(WebConfig))
            {
                try
                {
                    webConfigTried = Path.GetFullPath(Path.Combine(ProjectDirectory, WebConfig!.Trim().Replace('\\', Path.DirectorySeparatorChar).Replace('/', Path.DirectorySeparatorChar)));
                    if (File.Exists(webConfigTried) && !configFiles.Any(f => SiteConfigurationFiles.SamePath(f, webConfigTried))) configFiles.Add(webConfigTried);
                }
                catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
                {
                    // A value .NET Framework refuses as a path names no file: CMSH103 says so with the value as written.
                    webConfigTried = null;
                }
            }
            var ui = FromReferences();
            var packagesConfig = configFiles.FirstOrDefault(SiteConfigurationFiles.IsPackagesConfig);
            var declared = packagesConfig is null ? null : ReadConfig(packagesConfig) is { } packages ? CmsUiReference.FromPackagesConfig(packages) : null;

            ReportDisagreement(ui, declared);
            ui ??= declared;
            if (ui is null) return; // not a CMS site: nothing more to read

            CmsUiVersion = ui.Version.ToString();
            CmsUiVersionSource = ui.Source;
            MissingInfrastructure = HandedOverText.Join(MissingInfrastructureFiles.Select(m => m.ItemSpec));
            if (!ReportFindings) DeclaredPackages = HandedOverText.FromPackages(DeclaredPackageReferences());

            // The file configSource names and its transform can live in any folder: the static targets cannot know
            // them, so they are found here and handed to the analyzer as well.
            var inspection = SiteInspection.Find(configFiles, ProjectDirectory, WebConfig, Configuration, ReadConfig);
            if (inspection is null)
            {
                // A site without web.config (CMS 12 and later): only the rules about its packages have anything to read.
                // One whose web.config cannot be read has been warned about, and is not checked further.
                if (ReportFindings && SiteConfigurationFiles.ChooseWebConfig(configFiles, ProjectDirectory, WebConfig) is null)
                {
                    var unfound = SiteConfigurationFiles.UnfoundWebConfig(configFiles, ProjectDirectory, WebConfig, webConfigTried, missingOnDisk: true);
                    Check(SiteInspection.WithoutWebConfig(ui, Host, Configuration, TargetFramework).With(() => unfound), configFiles);
                }

                return;
            }

            AdditionalFiles = inspection.ConfigSourceFiles.Select(p => (ITaskItem)new TaskItem(p)).ToArray();
            MissingConfigFiles = HandedOverText.Join(inspection.MissingFiles);
            if (!ReportFindings) return;

            Check(inspection.Facts(ui, Host, TargetFramework), configFiles);
        }

        private HostDeclaration Host => HostDeclaration.Read(HostWebSockets, HostIisVersion);

        private void Check(SiteFacts? facts, IReadOnlyList<string> configFiles)
        {
            if (facts is null) return;
            var site = facts
                .With(() => new ReferencedAssemblies(ResolvedReferences.From(References, CopyLocalReferences)))
                .With(() => DeclaredPackagesOf(configFiles))
                .With(() => new InfrastructureFacts(InfrastructureFiles.Select(f => ReadInfrastructure(f.GetMetadata("FullPath") is { Length: > 0 } full ? full : f.ItemSpec)).Where(f => f is not null).ToList()!, HostAppService, MissingInfrastructureFiles.Select(m => m.ItemSpec).ToList()))
                .With(() => ReadAppSettings(configFiles));

            // A CMS 12/13 site's C# (CmsStartupCode) is read only by the analyzer: the rule says so in its message. Where the
            // analyzer runs, this task reports nothing (ReportFindings), so one hazard is one warning.
            foreach (var finding in SiteCheck.Run(site)) Report(finding);
        }

        private void DecideCompiler()
        {
            var compiler = BuildCompiler.Find(new[] { CscToolPath, CSharpCoreTargetsPath }, RoslynVersionIn);
            if (compiler is null || compiler.LoadsAnalyzer) return;

            CompilerLoadsAnalyzer = false;
            ReportFindings = true;
            Log.LogMessage(MessageImportance.Normal,
                "CmsHazards: this build compiles with {0} ({1}), older than Roslyn {2}, which CmsHazards' analyzer needs; the build step reports CmsHazards' findings instead.",
                compiler.Name, compiler.Evidence, BuildCompiler.AnalyzerRoslyn);
        }

        /// <summary>The version of the Roslyn assembly in a compiler folder, read from its metadata; null when there is none.</summary>
        private static Version? RoslynVersionIn(string folder)
        {
            try
            {
                var roslyn = Path.Combine(folder, "Microsoft.CodeAnalysis.dll");
                return File.Exists(roslyn) ? AssemblyName.GetAssemblyName(roslyn).Version : null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or ArgumentException)
            {
                return null;
            }
        }

        /// <summary>The appsettings files of the project folder (the content root) among those the targets list, read as the host reads them.</summary>
        private AspNetCore.CmsAppSettings ReadAppSettings(IReadOnlyList<string> configFiles)
        {
            var json = new List<Json.JsonFile>();
            foreach (var path in configFiles.Where(AspNetCore.CmsAppSettings.IsAppSettingsFile).Distinct(StringComparer.Ordinal))
            {
                if (!SiteConfigurationFiles.SamePath(Path.GetDirectoryName(path) ?? "", Path.GetFullPath(ProjectDirectory))) continue;
                try
                {
                    if (!File.Exists(path)) continue;
                    // Checked before reading, as for web.config; a file too large is given to the reader as text it refuses
                    // (only its length is looked at), so CMSH200 says why it is not read.
                    json.Add(new FileInfo(path).Length > Json.JsonFile.MaxLength * 4L
                        ? Json.JsonFile.TooLarge(path)
                        : Json.JsonFile.Parse(path, EncodedText.Read(path).Text));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Log.LogMessage(MessageImportance.Low, "CmsHazards: {0} could not be read: {1}", path, e.Message);
                }
            }

            return AspNetCore.CmsAppSettings.Read(json, HostEnvironment);
        }

        /// <summary>An infrastructure file from disk; one that cannot be opened is left out, and said so in the detailed log.</summary>
        private InfrastructureFile? ReadInfrastructure(string path)
        {
            try
            {
                if (!File.Exists(path))
                {
                    Log.LogMessage(MessageImportance.Low, "CmsHazards: CmsHostInfrastructure names {0}, which does not exist.", path);
                    return null;
                }

                return InfrastructureFile.Load(path);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                Log.LogMessage(MessageImportance.Low, "CmsHazards: {0} could not be read: {1}", path, e.Message);
                return null;
            }
        }

        /// <summary>
        /// The UI assembly among the references the compiler gets. MSBuild has already resolved them (for
        /// PackageReference from the assets file, transitive packages included; for packages.config from
        /// HintPath), so nothing is parsed twice and the version is the one the build compiles against.
        /// </summary>
        private CmsUiReference? FromReferences()
        {
            foreach (var name in CmsUiReference.UiAssemblyNames)
            {
                foreach (var reference in References)
                {
                    if (!string.Equals(Path.GetFileNameWithoutExtension(reference.ItemSpec), name, StringComparison.OrdinalIgnoreCase)) continue;

                    var fusionName = reference.GetMetadata("FusionName");
                    if (fusionName.Length > 0 && TryAssemblyName(fusionName) is { Version: { } version } identity)
                    {
                        return CmsUiReference.FromAssembly(identity.Name ?? name, version);
                    }

                    var packageVersion = Versions.CmsUiVersion.Parse(reference.GetMetadata("NuGetPackageVersion"));
                    if (packageVersion is not null)
                    {
                        return new CmsUiReference(packageVersion, reference.GetMetadata("NuGetPackageId") + " " + packageVersion);
                    }

                    var fromFolder = CmsUiReference.FromPackageFolder(reference.GetMetadata("HintPath") is { Length: > 0 } hint ? hint : reference.ItemSpec);
                    if (fromFolder is not null) return fromFolder;
                }
            }

            return null;
        }

        // Where sources disagree, the compiled version wins; the detailed log says so, for whoever wonders.
        private void ReportDisagreement(CmsUiReference? compiled, CmsUiReference? packagesConfig)
        {
            if (compiled is null) return;
            if (packagesConfig is not null && !packagesConfig.Version.Equals(compiled.Version))
            {
                Log.LogMessage(MessageImportance.Low, "CmsHazards: {0} names CMS UI {1}, but the build compiles against {2}; the compiled version counts.",
                    packagesConfig.Source, packagesConfig.Version, compiled.Source);
            }

            var versions = PackageVersions.Select(v => new PackageItem(v.ItemSpec, v.GetMetadata("Version"), null, "PackageVersion")).ToList();
            foreach (var package in PackageReferences)
            {
                if (!CmsUiReference.IsUiPackage(package.ItemSpec)) continue;
                var item = new PackageItem(package.ItemSpec, package.GetMetadata("Version"), package.GetMetadata("VersionOverride"), "PackageReference");
                if (CmsUiPackageReference.AskedVersion(item, versions) is { } asked && !asked.Version.Equals(compiled.Version))
                {
                    Log.LogMessage(MessageImportance.Low, "CmsHazards: PackageReference {0} asks for {1}, but the build compiles against {2}; the compiled version counts.",
                        package.ItemSpec, asked.Version, compiled.Source);
                }
            }
        }

        private void Report(Finding finding)
        {
            // A finding about a project property (CMSH103) belongs to the project, not to the package's targets file.
            string? file = string.IsNullOrEmpty(ProjectFile) ? BuildEngine?.ProjectFileOfTaskNode : ProjectFile;
            int line = 0, column = 0, endLine = 0, endColumn = 0;
            if (finding.Location is { } location)
            {
                file = location.Path;
                line = location.Start.Line + 1;
                column = location.Start.Character + 1;
                endLine = location.End.Line + 1;
                endColumn = location.End.Character + 1;
            }

            // Messages may hold braces from a web.config value, so they are passed as an argument, never as a format.
            switch (finding.Rule.DefaultSeverity)
            {
                case Severity.Error:
                    Log.LogError(null, finding.RuleId, null, file, line, column, endLine, endColumn, "{0}", finding.Message);
                    break;
                case Severity.Warning:
                    Log.LogWarning(null, finding.RuleId, null, file, line, column, endLine, endColumn, "{0}", finding.Message);
                    break;
                default:
                    Log.LogMessage(null, finding.RuleId, null, file, line, column, endLine, endColumn, MessageImportance.Normal, "{0}", finding.Message);
                    break;
            }
        }

        // Each file is read once per build, however many times the inspection looks at it.
        private readonly Dictionary<string, ConfigFile?> _read = new Dictionary<string, ConfigFile?>(StringComparer.Ordinal);

        private ConfigFile? ReadConfig(string path)
        {
            if (!_read.TryGetValue(path, out var file)) _read[path] = file = ReadConfigOnce(path);
            return file;
        }

        private ConfigFile? ReadConfigOnce(string path)
        {
            try
            {
                // Checked before reading: a 100 MB file under a configuration name costs the build nothing.
                var length = new FileInfo(path).Length;
                if (length > ConfigFile.MaxLength * 4L) return ConfigFile.TooLarge(path, length);
                return ConfigFile.Parse(path, EncodedText.Read(path).Text);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Log.LogWarning(null, RuleIds.ConfigurationUnreadable, null, path, 0, 0, 0, 0,
                    "{0} cannot be read ({1}); CmsHazards checks nothing in it.", Path.GetFileName(path), e.Message);
                return null;
            }
        }

        /// <summary>
        /// The packages the project declares, with the element that declares each (<see cref="PackageDeclarations"/>),
        /// with versions as MSBuild evaluated them.
        /// </summary>
        private ProjectPackages DeclaredPackagesOf(IReadOnlyList<string> configFiles) =>
            PackagesDeclaredIn(configFiles.FirstOrDefault(SiteConfigurationFiles.IsPackagesConfig) is { } path ? ReadConfig(path) : null);

        /// <summary>
        /// What the analyzer is handed: the PackageReference side only (it reads packages.config itself, an
        /// AdditionalFile the IDE keeps live). A project without PackageReference items reads no file for it.
        /// </summary>
        private IReadOnlyList<DeclaredPackage> DeclaredPackageReferences() =>
            PackageReferences.Length == 0
                ? Array.Empty<DeclaredPackage>()
                : PackagesDeclaredIn(null).All;

        private ProjectPackages PackagesDeclaredIn(ConfigFile? packagesConfig)
        {
            var project = string.IsNullOrEmpty(ProjectFile) || !File.Exists(ProjectFile) ? null : ReadConfig(ProjectFile!);
            var central = string.IsNullOrEmpty(CentralPackagesFile) || !File.Exists(CentralPackagesFile) ? null : ReadConfig(CentralPackagesFile!);
            var evaluated = new ProjectPackageItems(
                PackageReferences.Select(p => new PackageItem(p.ItemSpec, p.GetMetadata("Version"), p.GetMetadata("VersionOverride"), "PackageReference")),
                PackageVersions.Select(v => new PackageItem(v.ItemSpec, v.GetMetadata("Version"), null, "PackageVersion")),
                Array.Empty<AssemblyReferenceItem>());
            return PackageDeclarations.Read(packagesConfig, project, central, evaluated);
        }

        private static AssemblyName? TryAssemblyName(string fusionName)
        {
            try
            {
                return new AssemblyName(fusionName);
            }
            catch (Exception e) when (e is ArgumentException or FileLoadException)
            {
                return null;
            }
        }

    }
}
