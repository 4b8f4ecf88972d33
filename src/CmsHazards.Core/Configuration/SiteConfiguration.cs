using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace CmsHazards.Configuration
{
    /// <summary>
    /// The site's XML configuration as one build deploys it: the root web.config, its transform for the build
    /// configuration, the file its appSettings configSource names with that file's transform, and the web.configs of
    /// folders. Parsed once by the front end; the deployed configuration is built from them once, when a rule first asks.
    /// </summary>
    public sealed class SiteConfiguration
    {
        private readonly Lazy<DeployedConfiguration?> _deployed;

        /// <param name="buildConfiguration">The build configuration ("Release"); null when unknown, and then no transform applies.</param>
        /// <param name="webConfigTransform">Web.$(Configuration).config beside the web.config, if the project has one.</param>
        /// <param name="appSettingsTransform">The configSource file's transform for the build configuration, if any.</param>
        /// <param name="folderWebConfigs">The web.config files of folders (Views/, modules/_protected/...), which never configure the site.</param>
        /// <param name="appSettingsOverrides">The file the root appSettings' <c>file</c> attribute names, when it exists: its entries override the inline ones.</param>
        /// <param name="availability">What the front end knows of files it did not get; by default it read the disk, so they do not exist.</param>
        public SiteConfiguration(
            ConfigFile webConfig,
            ConfigFile? appSettingsFile = null,
            string? buildConfiguration = null,
            ConfigFile? webConfigTransform = null,
            ConfigFile? appSettingsTransform = null,
            IReadOnlyList<ConfigFile>? folderWebConfigs = null,
            FileAvailability? availability = null,
            ConfigFile? appSettingsOverrides = null)
        {
            Availability = availability ?? FileAvailability.OnDisk;
            AppSettingsOverrides = appSettingsOverrides;
            WebConfig = webConfig ?? throw new ArgumentNullException(nameof(webConfig));
            AppSettingsFile = appSettingsFile;
            BuildConfiguration = string.IsNullOrWhiteSpace(buildConfiguration) ? null : buildConfiguration!.Trim();
            WebConfigTransform = webConfigTransform;
            AppSettingsTransform = appSettingsTransform;
            FolderWebConfigs = folderWebConfigs ?? Array.Empty<ConfigFile>();
            _deployed = new Lazy<DeployedConfiguration?>(BuildDeployed, LazyThreadSafetyMode.PublicationOnly);
        }

        /// <summary>The site's root web.config.</summary>
        public ConfigFile WebConfig { get; }

        /// <summary>The file named by the root appSettings' configSource, or null when there is none or it is missing.</summary>
        public ConfigFile? AppSettingsFile { get; }

        /// <summary>The build configuration the transforms belong to ("Release"), or null when unknown.</summary>
        public string? BuildConfiguration { get; }

        /// <summary>Web.$(Configuration).config, or null when the project has none for this configuration.</summary>
        public ConfigFile? WebConfigTransform { get; }

        /// <summary>The transform of the configSource file for this configuration (AppSettings.Release.config), or null.</summary>
        public ConfigFile? AppSettingsTransform { get; }

        /// <summary>Views/web.config, modules/_protected/**/web.config and the like: they configure folders, never the site.</summary>
        public IReadOnlyList<ConfigFile> FolderWebConfigs { get; }

        /// <summary>The file <c>&lt;appSettings file="..."&gt;</c> names, or null when there is none or it is missing (.NET then ignores the attribute).</summary>
        public ConfigFile? AppSettingsOverrides { get; }

        /// <summary>Whether a file the configuration names and the front end did not get does not exist, or was not handed over yet.</summary>
        public FileAvailability Availability { get; }

        /// <summary>The files the deployed configuration is made of, in the order they are applied.</summary>
        public IEnumerable<ConfigFile> DeployedFiles =>
            new[] { WebConfig, WebConfigTransform, AppSettingsFile, AppSettingsTransform, AppSettingsOverrides }.Where(f => f is not null).Select(f => f!);

        /// <summary>
        /// The configuration as deployed: web.config after its transform, appSettings after theirs. Null when one of the
        /// files cannot be read or web.config is not a .NET configuration file (CMSH200 says so).
        /// </summary>
        public DeployedConfiguration? Deployed => _deployed.Value;

        /// <summary>The same configuration with some files as a fix would leave them; the rest unchanged.</summary>
        public SiteConfiguration WithFiles(Func<ConfigFile, ConfigFile> replace) => new SiteConfiguration(
            replace(WebConfig),
            AppSettingsFile is null ? null : replace(AppSettingsFile),
            BuildConfiguration,
            WebConfigTransform,
            AppSettingsTransform,
            FolderWebConfigs.Select(replace).ToList(),
            Availability,
            AppSettingsOverrides is null ? null : replace(AppSettingsOverrides));

        /// <summary>Whether both are made of the very same parsed files (the same text snapshots) for the same build configuration.</summary>
        public bool IsSameAs(SiteConfiguration other) =>
            ReferenceEquals(WebConfig, other.WebConfig)
            && ReferenceEquals(AppSettingsFile, other.AppSettingsFile)
            && ReferenceEquals(WebConfigTransform, other.WebConfigTransform)
            && ReferenceEquals(AppSettingsTransform, other.AppSettingsTransform)
            && ReferenceEquals(AppSettingsOverrides, other.AppSettingsOverrides)
            && FolderWebConfigs.Count == other.FolderWebConfigs.Count
            && FolderWebConfigs.Zip(other.FolderWebConfigs, ReferenceEquals).All(same => same)
            && BuildConfiguration == other.BuildConfiguration
            && Availability.Equals(other.Availability);

        /// <summary>Resolves a configSource value against the web.config's folder, the way ASP.NET does.</summary>
        public static string ResolveConfigSource(string webConfigPath, string configSource)
        {
            var relative = configSource.Replace('\\', System.IO.Path.DirectorySeparatorChar).Replace('/', System.IO.Path.DirectorySeparatorChar);
            try
            {
                var folder = System.IO.Path.GetDirectoryName(webConfigPath) ?? "";
                return System.IO.Path.Combine(folder, relative);
            }
            catch (ArgumentException)
            {
                // .NET Framework (Visual Studio, msbuild.exe) refuses characters such as '|' in a path: no such file is found.
                return webConfigPath + System.IO.Path.DirectorySeparatorChar + relative;
            }
        }

        private DeployedConfiguration? BuildDeployed()
        {
            if (DeployedFiles.Any(f => f.Error is not null) || Configuration.WebConfig.From(WebConfig) is null) return null;
            return DeployedConfiguration.Build(WebConfig, WebConfigTransform, AppSettingsFile, AppSettingsTransform, BuildConfiguration, AppSettingsOverrides);
        }
    }
}
