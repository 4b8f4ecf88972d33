using System;
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
        public SiteFacts(CmsUiReference? cmsUi, ConfigFile webConfig, ConfigFile? appSettingsFile, HostDeclaration host)
        {
            CmsUi = cmsUi;
            WebConfig = webConfig ?? throw new ArgumentNullException(nameof(webConfig));
            AppSettingsFile = appSettingsFile;
            Host = host ?? HostDeclaration.None;
        }

        /// <summary>The CMS UI the site compiles against, or null when it references none.</summary>
        public CmsUiReference? CmsUi { get; }

        /// <summary>The site's root web.config.</summary>
        public ConfigFile WebConfig { get; }

        /// <summary>The file named by the root appSettings' configSource, or null when there is none or it is missing.</summary>
        public ConfigFile? AppSettingsFile { get; }

        public HostDeclaration Host { get; }

        /// <summary>Resolves a configSource value against the web.config's folder, the way ASP.NET does.</summary>
        public static string ResolveConfigSource(string webConfigPath, string configSource)
        {
            var folder = System.IO.Path.GetDirectoryName(webConfigPath) ?? "";
            var relative = configSource.Replace('\\', System.IO.Path.DirectorySeparatorChar).Replace('/', System.IO.Path.DirectorySeparatorChar);
            return System.IO.Path.Combine(folder, relative);
        }
    }
}
