using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using CmsHazards.Configuration;
using CmsHazards.Hosting;
using CmsHazards.Rules;
using CmsHazards.Text;
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

        /// <summary><c>@(PackageReference)</c> and <c>@(PackageVersion)</c>: the versions the project asks for.</summary>
        public ITaskItem[] PackageReferences { get; set; } = Array.Empty<ITaskItem>();

        public ITaskItem[] PackageVersions { get; set; } = Array.Empty<ITaskItem>();

        /// <summary><c>$(Configuration)</c>: picks the Web.$(Configuration).config transform of the deployed configuration.</summary>
        public string? Configuration { get; set; }

        public string? HostWebSockets { get; set; }

        public string? HostIisVersion { get; set; }

        /// <summary>True when no analyzer runs in this build (RunAnalyzers=false, or a compiler too old to load it).</summary>
        public bool ReportFindings { get; set; }

        /// <summary>Files the analyzer must see that the static targets cannot know: the file configSource names.</summary>
        [Output]
        public ITaskItem[] AdditionalFiles { get; private set; } = Array.Empty<ITaskItem>();

        [Output]
        public string? CmsUiVersion { get; private set; }

        [Output]
        public string? CmsUiVersionSource { get; private set; }

        public override bool Execute()
        {
            try
            {
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
            var ui = FromReferences();
            var packagesConfig = configFiles.FirstOrDefault(SiteConfigurationFiles.IsPackagesConfig);
            var declared = packagesConfig is null ? null : ReadConfig(packagesConfig) is { } packages ? CmsUiReference.FromPackagesConfig(packages) : null;

            ReportDisagreement(ui, declared);
            ui ??= declared;
            if (ui is null) return; // not a CMS site: nothing more to read

            CmsUiVersion = ui.Version.ToString();
            CmsUiVersionSource = ui.Source;

            // The file configSource names and its transform can live in any folder: the static targets cannot know
            // them, so they are found here and handed to the analyzer as well.
            var inspection = SiteInspection.Find(configFiles, ProjectDirectory, WebConfig, Configuration, ReadConfig);
            if (inspection is null) return;
            AdditionalFiles = inspection.ConfigSourceFiles.Select(p => (ITaskItem)new TaskItem(p)).ToArray();
            if (!ReportFindings) return;

            var site = inspection.Facts(ui, HostDeclaration.Read(HostWebSockets, HostIisVersion))?
                .With(() => new ReferencedAssemblies(References.Select(ReferencedAssembly)));
            if (site is null) return;
            foreach (var finding in SiteCheck.Run(site)) Report(finding);
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
            string? file = BuildEngine?.ProjectFileOfTaskNode;
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

        /// <summary>A reference as the build resolved it: its identity from FusionName, its package from NuGet's metadata.</summary>
        private static ReferencedAssembly ReferencedAssembly(ITaskItem reference)
        {
            var identity = reference.GetMetadata("FusionName") is { Length: > 0 } fusionName ? TryAssemblyName(fusionName) : null;
            var token = identity?.GetPublicKeyToken();
            return new ReferencedAssembly(
                identity?.Name ?? Path.GetFileNameWithoutExtension(reference.ItemSpec),
                identity?.Version,
                token is { Length: > 0 } ? string.Concat(token.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))) : null,
                reference.GetMetadata("NuGetPackageId"),
                reference.GetMetadata("NuGetPackageVersion"));
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
