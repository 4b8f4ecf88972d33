using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Hosting;
using CmsHazards.Rules;
using CmsHazards.Versions;

namespace CmsHazards.Configuration
{
    /// <summary>
    /// The facts of a site as a front end that reads the disk gathers them (the MSBuild task during a build, the
    /// <c>cmshazards</c> command without one): the root web.config among the project's configuration files, the
    /// files its appSettings configSource names (which can live in any folder), and the <see cref="SiteFacts"/>
    /// the rules decide on. One implementation, so the build and the command see the same files.
    /// </summary>
    public sealed class SiteInspection
    {
        private readonly string? _projectDirectory;
        private readonly string? _buildConfiguration;
        private readonly Func<string, ConfigFile?> _read;

        private SiteInspection(string webConfigPath, IReadOnlyList<string> paths, IReadOnlyList<string> configSourceFiles, string? projectDirectory, string? buildConfiguration, Func<string, ConfigFile?> read)
        {
            WebConfigPath = webConfigPath;
            Paths = paths;
            ConfigSourceFiles = configSourceFiles;
            _projectDirectory = projectDirectory;
            _buildConfiguration = buildConfiguration;
            _read = read;
        }

        /// <summary>The site's root web.config.</summary>
        public string WebConfigPath { get; }

        /// <summary>Every configuration file of the site: the project's and those configSource names.</summary>
        public IReadOnlyList<string> Paths { get; }

        /// <summary>The files configSource names that do not exist, as full paths: the analyzer says so of them, and of others that it has not seen them yet.</summary>
        public IReadOnlyList<string> MissingFiles { get; private set; } = Array.Empty<string>();

        /// <summary>The files configSource names (and their transforms) that are not among the project's configuration files.</summary>
        public IReadOnlyList<string> ConfigSourceFiles { get; }

        /// <param name="configFiles">The project's configuration files, as the package's targets list them.</param>
        /// <param name="explicitWebConfig"><c>$(CmsWebConfig)</c>, when the site's web.config is not beside the project.</param>
        /// <param name="read">Reads a configuration file; null for one that cannot be read, which counts as missing.</param>
        /// <returns>Null when the project has no root web.config, or it cannot be read: not a site these rules check.</returns>
        public static SiteInspection? Find(
            IReadOnlyList<string> configFiles,
            string? projectDirectory,
            string? explicitWebConfig,
            string? buildConfiguration,
            Func<string, ConfigFile?> read)
        {
            var webConfigPath = SiteConfigurationFiles.ChooseWebConfig(configFiles, projectDirectory, explicitWebConfig);
            if (webConfigPath is null || read(webConfigPath) is null) return null;

            var missing = new List<string>();
            var configSourceFiles = SiteConfigurationFiles.ConfigSourceFilesOnDisk(configFiles, webConfigPath, buildConfiguration, read, missing)
                .Where(p => !configFiles.Any(f => SiteConfigurationFiles.SamePath(f, p)))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            var paths = configFiles.Concat(configSourceFiles).ToList();
            return new SiteInspection(webConfigPath, paths, configSourceFiles, projectDirectory, buildConfiguration, read) { MissingFiles = missing.Distinct(StringComparer.OrdinalIgnoreCase).ToList() };
        }

        /// <summary>The packages.config that goes with the site's web.config, if any.</summary>
        public string? PackagesConfigPath => SiteConfigurationFiles.ClosestPackagesConfig(Paths, WebConfigPath);

        /// <summary>
        /// What the rules decide on, for the CMS UI and the hosts given, with the build configuration and the target
        /// framework as build properties; null when web.config cannot be read. Facts only one front end has are
        /// added with <c>With</c>.
        /// </summary>
        public SiteFacts? Facts(CmsUiReference? cmsUi, HostDeclaration host, string? targetFramework = null)
        {
            var configuration = SiteConfigurationFiles.Read(WebConfigPath, Paths, _projectDirectory, _buildConfiguration, _read);
            if (configuration is null) return null;
            return new SiteFacts(cmsUi, host, configuration, BuildProperties(_buildConfiguration, targetFramework));
        }

        /// <summary>
        /// The facts of a CMS site that has no web.config (CMS 12 and later): only the rules about its packages,
        /// references and hosts have anything to read.
        /// </summary>
        public static SiteFacts WithoutWebConfig(CmsUiReference? cmsUi, HostDeclaration host, string? buildConfiguration, string? targetFramework) =>
            new SiteFacts(cmsUi, host, null, BuildProperties(buildConfiguration, targetFramework));

        private static Dictionary<string, string> BuildProperties(string? buildConfiguration, string? targetFramework)
        {
            var properties = new Dictionary<string, string>();
            if (!string.IsNullOrWhiteSpace(buildConfiguration)) properties["Configuration"] = buildConfiguration!;
            if (!string.IsNullOrWhiteSpace(targetFramework)) properties[Rules.Upgrade.Cms11PackageRule.TargetFrameworkProperty] = targetFramework!.Trim();
            return properties;
        }
    }
}
