using System;
using System.Collections.Generic;

namespace CmsHazards.Configuration
{
    /// <summary>
    /// A site's root web.config, seen the way ASP.NET sees the application root: elements directly under
    /// <c>&lt;configuration&gt;</c>, or under a <c>&lt;location&gt;</c> whose path is the root ("." or none).
    /// Copies under <c>&lt;location path="..."&gt;</c> for other paths, and anything commented out, never count.
    /// </summary>
    public sealed class WebConfig
    {
        public const string ConfigurationElement = "configuration";

        private WebConfig(ConfigFile file, ConfigElement configuration)
        {
            File = file;
            Configuration = configuration;
        }

        public ConfigFile File { get; }

        public ConfigElement Configuration { get; }

        /// <summary>Views a parsed file as a web.config; null when it has no <c>&lt;configuration&gt;</c> root.</summary>
        public static WebConfig? From(ConfigFile file) => From(file, file.Root);

        /// <summary>Views a configuration tree (a file's own, or one a transform produced) as the web.config <paramref name="file"/>.</summary>
        internal static WebConfig? From(ConfigFile file, ConfigElement? root) =>
            root is { Name: ConfigurationElement } ? new WebConfig(file, root) : null;

        /// <summary>The root <c>&lt;appSettings&gt;</c> element, if any (the first, as .NET rejects a second).</summary>
        public ConfigElement? AppSettingsElement => FirstRootSection("appSettings");

        /// <summary>The file name that <c>&lt;appSettings configSource="..."&gt;</c> gives, if any.</summary>
        public string? AppSettingsConfigSource
        {
            get
            {
                var value = AppSettingsElement?.AttributeValue("configSource");
                return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
            }
        }

        /// <summary>The effective root <c>&lt;system.web&gt;&lt;httpRuntime&gt;</c>.</summary>
        public ConfigElement? HttpRuntime => FirstRootSection("system.web")?.FirstChild("httpRuntime");

        public ConfigElement? SystemWeb => FirstRootSection("system.web");

        /// <summary>The effective root <c>&lt;system.webServer&gt;&lt;webSocket&gt;</c>.</summary>
        public ConfigElement? WebSocket
        {
            get
            {
                ConfigElement? found = null;
                foreach (var section in RootSections("system.webServer"))
                {
                    found = section.FirstChild("webSocket") ?? found;
                }

                return found;
            }
        }

        /// <summary>
        /// The appSettings that take effect. With configSource, the entries come from that file, which
        /// the caller supplies (null when it does not exist).
        /// </summary>
        public AppSettings GetAppSettings(ConfigFile? configSourceFile) => GetAppSettings(configSourceFile, configSourceFile?.Root, null);

        /// <summary>
        /// As <see cref="GetAppSettings(ConfigFile)"/>, with the configSource file's entries as its transform left them,
        /// and the file the <c>file</c> attribute names (null when there is none or it is missing).
        /// </summary>
        internal AppSettings GetAppSettings(ConfigFile? configSourceFile, ConfigElement? configSourceRoot, ConfigFile? fileAttributeFile)
        {
            var declaration = AppSettingsElement;
            if (declaration is null) return new AppSettings(null, File, null);
            if (AppSettingsConfigSource is null) return new AppSettings(declaration, File, declaration, fileAttributeFile);

            var entries = configSourceRoot is { Name: "appSettings" } root ? root : null;
            return new AppSettings(declaration, entries is null ? null : configSourceFile, entries, fileAttributeFile);
        }

        /// <summary>
        /// The <c>&lt;location&gt;</c> elements for paths other than the root: what they hold applies to requests
        /// below that path, never to the application as <c>ConfigurationManager.AppSettings</c> sees it.
        /// </summary>
        public IEnumerable<ConfigElement> LocationsBelowRoot
        {
            get
            {
                foreach (var child in Configuration.ChildrenNamed("location"))
                {
                    if (!IsRootPath(child.AttributeValue("path"))) yield return child;
                }
            }
        }

        private ConfigElement? FirstRootSection(string name)
        {
            foreach (var section in RootSections(name)) return section;
            return null;
        }

        private IEnumerable<ConfigElement> RootSections(string name)
        {
            foreach (var child in Configuration.Children)
            {
                if (child.Name == name)
                {
                    yield return child;
                }
                else if (child.Name == "location" && IsRootPath(child.AttributeValue("path")))
                {
                    foreach (var section in child.ChildrenNamed(name)) yield return section;
                }
            }
        }

        private static bool IsRootPath(string? path)
        {
            var trimmed = path?.Trim();
            return string.IsNullOrEmpty(trimmed) || trimmed == ".";
        }
    }
}
