using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Configuration;
using CmsHazards.Hosting;
using CmsHazards.Versions;

namespace CmsHazards.Rules
{
    /// <summary>
    /// Everything the rules know about one site, gathered by a front end: the Roslyn analyzer from the
    /// compilation, the MSBuild task from the project, the CLI from the file system.
    /// </summary>
    public sealed class SiteFacts
    {
        /// <param name="buildConfiguration">The build configuration ("Release"); null when unknown, and then no transform applies.</param>
        /// <param name="webConfigTransform">Web.$(Configuration).config beside the web.config, if the project has one.</param>
        /// <param name="appSettingsTransform">The configSource file's transform for the build configuration, if any.</param>
        /// <param name="folderWebConfigs">The web.config files of folders (Views/, modules/_protected/...), which never configure the site.</param>
        public SiteFacts(
            CmsUiReference? cmsUi,
            ConfigFile webConfig,
            ConfigFile? appSettingsFile,
            HostDeclaration host,
            string? buildConfiguration = null,
            ConfigFile? webConfigTransform = null,
            ConfigFile? appSettingsTransform = null,
            IReadOnlyList<ConfigFile>? folderWebConfigs = null)
        {
            CmsUi = cmsUi;
            WebConfig = webConfig ?? throw new ArgumentNullException(nameof(webConfig));
            AppSettingsFile = appSettingsFile;
            Host = host ?? HostDeclaration.None;
            BuildConfiguration = string.IsNullOrWhiteSpace(buildConfiguration) ? null : buildConfiguration!.Trim();
            WebConfigTransform = webConfigTransform;
            AppSettingsTransform = appSettingsTransform;
            FolderWebConfigs = folderWebConfigs ?? Array.Empty<ConfigFile>();
        }

        /// <summary>The CMS UI the site compiles against, or null when it references none.</summary>
        public CmsUiReference? CmsUi { get; }

        /// <summary>The site's root web.config.</summary>
        public ConfigFile WebConfig { get; }

        /// <summary>The file named by the root appSettings' configSource, or null when there is none or it is missing.</summary>
        public ConfigFile? AppSettingsFile { get; }

        public HostDeclaration Host { get; }

        /// <summary>The build configuration the transforms belong to ("Release"), or null when unknown.</summary>
        public string? BuildConfiguration { get; }

        /// <summary>Web.$(Configuration).config, or null when the project has none for this configuration.</summary>
        public ConfigFile? WebConfigTransform { get; }

        /// <summary>The transform of the configSource file for this configuration (AppSettings.Release.config), or null.</summary>
        public ConfigFile? AppSettingsTransform { get; }

        /// <summary>Views/web.config, modules/_protected/**/web.config and the like: they configure folders, never the site.</summary>
        public IReadOnlyList<ConfigFile> FolderWebConfigs { get; }

        /// <summary>The same site with some files as a fix would leave them (matched by path); the rest unchanged.</summary>
        internal SiteFacts WithFiles(Func<ConfigFile, ConfigFile> replace) => new SiteFacts(
            CmsUi,
            replace(WebConfig),
            AppSettingsFile is null ? null : replace(AppSettingsFile),
            Host,
            BuildConfiguration,
            WebConfigTransform,
            AppSettingsTransform,
            FolderWebConfigs.Select(replace).ToList());

        /// <summary>Resolves a configSource value against the web.config's folder, the way ASP.NET does.</summary>
        public static string ResolveConfigSource(string webConfigPath, string configSource)
        {
            var folder = System.IO.Path.GetDirectoryName(webConfigPath) ?? "";
            var relative = configSource.Replace('\\', System.IO.Path.DirectorySeparatorChar).Replace('/', System.IO.Path.DirectorySeparatorChar);
            return System.IO.Path.Combine(folder, relative);
        }
    }
}
