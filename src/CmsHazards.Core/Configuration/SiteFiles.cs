using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CmsHazards.Hosting;
using CmsHazards.Rules;
using CmsHazards.Versions;

namespace CmsHazards.Configuration
{
    /// <summary>
    /// Picks the site's root web.config among the configuration files a project holds. Views/web.config and
    /// modules/_protected/**/web.config configure folders, never the site, and do not count.
    /// </summary>
    public static class SiteFiles
    {
        public static bool IsWebConfig(string path) =>
            string.Equals(Path.GetFileName(path), "web.config", StringComparison.OrdinalIgnoreCase);

        public static bool IsPackagesConfig(string path) =>
            string.Equals(Path.GetFileName(path), "packages.config", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// The root web.config: the one <paramref name="explicitPath"/> names (the <c>CmsWebConfig</c> property,
        /// for sites that keep it in Setup/ or Configurations/), else the one in the project folder, else the
        /// shallowest one outside Views and modules folders.
        /// </summary>
        public static string? ChooseWebConfig(IEnumerable<string> paths, string? projectDirectory, string? explicitPath)
        {
            var all = paths.ToList();
            if (!string.IsNullOrWhiteSpace(explicitPath))
            {
                var wanted = Normalize(Absolute(explicitPath!.Trim(), projectDirectory));
                return all.FirstOrDefault(p => SamePath(Normalize(p), wanted));
            }

            var candidates = all.Where(IsWebConfig).Where(p => !IsFolderConfiguration(p, projectDirectory)).ToList();
            if (!string.IsNullOrWhiteSpace(projectDirectory))
            {
                var folder = Normalize(projectDirectory!).TrimEnd('/');
                var beside = candidates.FirstOrDefault(p => SamePath(Folder(Normalize(p)), folder));
                if (beside is not null) return beside;
            }

            return candidates
                .OrderBy(p => Normalize(p).Count(c => c == '/'))
                .ThenBy(p => p, StringComparer.Ordinal)
                .FirstOrDefault();
        }

        /// <summary>
        /// The transform of a configuration file for a build configuration: Web.Release.config beside Web.config,
        /// AppSettings.Release.config beside AppSettings.config; names compared without case, as on Windows.
        /// Null when there is no build configuration or no such file.
        /// </summary>
        public static string? TransformOf(IEnumerable<string> paths, string configPath, string? buildConfiguration)
        {
            if (string.IsNullOrWhiteSpace(buildConfiguration)) return null;
            var name = Path.GetFileNameWithoutExtension(configPath) + "." + buildConfiguration!.Trim() + Path.GetExtension(configPath);
            var folder = Folder(Normalize(configPath));
            return paths.FirstOrDefault(p =>
                string.Equals(Path.GetFileName(p), name, StringComparison.OrdinalIgnoreCase) && SamePath(Folder(Normalize(p)), folder));
        }

        /// <summary>
        /// The web.config files of Views and modules folders below the site: ASP.NET applies them to requests for
        /// those folders, and the CMS never reads its appSettings from them.
        /// </summary>
        public static IReadOnlyList<string> FolderWebConfigs(IEnumerable<string> paths, string webConfigPath, string? projectDirectory)
        {
            var siteFolder = string.IsNullOrWhiteSpace(projectDirectory) ? Folder(Normalize(webConfigPath)) : Normalize(projectDirectory!).TrimEnd('/');
            return paths
                .Where(IsWebConfig)
                .Where(p => !SamePath(p, webConfigPath))
                .Where(p => Normalize(p).StartsWith(siteFolder + "/", StringComparison.OrdinalIgnoreCase) && IsFolderConfiguration(p, siteFolder))
                .ToList();
        }

        /// <summary>
        /// Reads what the rules need about a site's configuration: the root web.config, its transform for the build
        /// configuration, the file its (deployed) appSettings configSource names and that file's transform, and the
        /// folder web.configs. <paramref name="read"/> returns null for a path it cannot read, which counts as missing.
        /// The CLI, the MSBuild task and the analyzer all gather files this way. Null when the web.config cannot be read.
        /// </summary>
        public static SiteFacts? ReadSite(
            CmsUiReference? cmsUi,
            HostDeclaration host,
            string webConfigPath,
            IReadOnlyCollection<string> paths,
            string? projectDirectory,
            string? buildConfiguration,
            Func<string, ConfigFile?> read)
        {
            var webConfig = read(webConfigPath);
            if (webConfig is null) return null;

            ConfigFile? ReadAmong(string? path)
            {
                var found = path is null ? null : paths.FirstOrDefault(p => SamePath(p, path));
                return found is null ? null : read(found);
            }

            var webConfigTransform = ReadAmong(TransformOf(paths, webConfigPath, buildConfiguration));

            // The transform may point configSource at another file; the deployed one is the one that counts.
            ConfigFile? appSettingsFile = null;
            ConfigFile? appSettingsTransform = null;
            var deployed = webConfig.Error is null && webConfigTransform?.Error is null
                ? DeployedConfiguration.Build(webConfig, webConfigTransform, null, null, buildConfiguration)
                : null;
            var configSource = deployed?.Deployed.AppSettingsConfigSource ?? WebConfig.From(webConfig)?.AppSettingsConfigSource;
            if (configSource is not null)
            {
                var appSettingsPath = SiteFacts.ResolveConfigSource(webConfigPath, configSource);
                appSettingsFile = ReadAmong(appSettingsPath);
                if (appSettingsFile is not null) appSettingsTransform = ReadAmong(TransformOf(paths, appSettingsPath, buildConfiguration));
            }

            var folderWebConfigs = FolderWebConfigs(paths, webConfigPath, projectDirectory).Select(read).Where(f => f is not null).Select(f => f!).ToList();
            return new SiteFacts(cmsUi, webConfig, appSettingsFile, host, buildConfiguration, webConfigTransform, appSettingsTransform, folderWebConfigs);
        }

        /// <summary>
        /// The files the root appSettings' configSource names, as written and as the build configuration's transform
        /// deploys it (a transform may point it elsewhere): what a front end that reads the disk must look for, so
        /// that <see cref="ReadSite"/> finds them among its paths.
        /// </summary>
        public static IReadOnlyList<string> ConfigSourcePaths(ConfigFile webConfig, ConfigFile? webConfigTransform, string? buildConfiguration)
        {
            var sources = new List<string>();
            if (WebConfig.From(webConfig)?.AppSettingsConfigSource is { } written) sources.Add(written);
            if (webConfig.Error is null && webConfigTransform is { Error: null }
                && DeployedConfiguration.Build(webConfig, webConfigTransform, null, null, buildConfiguration)?.Deployed?.AppSettingsConfigSource is { } deployed)
            {
                sources.Add(deployed);
            }

            return sources.Select(s => SiteFacts.ResolveConfigSource(webConfig.Path, s)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        /// <summary>Whether two paths name the same file; Windows paths ignore case, and so do we.</summary>
        public static bool SamePath(string a, string b) =>
            string.Equals(Normalize(a).TrimEnd('/'), Normalize(b).TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

        private static bool IsFolderConfiguration(string path, string? projectDirectory)
        {
            var normalized = Normalize(path);
            if (!string.IsNullOrWhiteSpace(projectDirectory))
            {
                var folder = Normalize(projectDirectory!).TrimEnd('/') + "/";
                if (normalized.StartsWith(folder, StringComparison.OrdinalIgnoreCase)) normalized = normalized.Substring(folder.Length);
            }

            var segments = normalized.Split('/');
            return segments.Take(segments.Length - 1).Any(s =>
                s.Equals("Views", StringComparison.OrdinalIgnoreCase) || s.Equals("modules", StringComparison.OrdinalIgnoreCase));
        }

        private static string Absolute(string path, string? baseDirectory) =>
            string.IsNullOrWhiteSpace(baseDirectory) || Path.IsPathRooted(path) ? path : Path.Combine(baseDirectory!, path);

        private static string Folder(string normalizedPath)
        {
            var slash = normalizedPath.LastIndexOf('/');
            return slash < 0 ? "" : normalizedPath.Substring(0, slash);
        }

        private static string Normalize(string path)
        {
            var parts = new List<string>();
            var p = path.Replace('\\', '/');
            var rooted = p.StartsWith("/", StringComparison.Ordinal);
            foreach (var part in p.Split('/'))
            {
                if (part.Length == 0 || part == ".") continue;
                if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..") parts.RemoveAt(parts.Count - 1);
                else parts.Add(part);
            }

            return (rooted ? "/" : "") + string.Join("/", parts);
        }
    }
}
