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
    /// Picks the site's configuration files among the files a project holds (the root web.config, its transforms, the
    /// appSettings file configSource names, the file appSettings' file attribute names) and reads them. Views/web.config and modules/_protected/**/web.config
    /// configure folders, never the site.
    /// </summary>
    public static class SiteConfigurationFiles
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
            if (TransformFileName(configPath, buildConfiguration) is not { } name) return null;
            var folder = Folder(Normalize(configPath));
            return paths.FirstOrDefault(p =>
                string.Equals(Path.GetFileName(p), name, StringComparison.OrdinalIgnoreCase) && SamePath(Folder(Normalize(p)), folder));
        }

        /// <summary>
        /// The packages.config that goes with a web.config: the one beside it, else the one with the shortest path.
        /// </summary>
        public static string? ClosestPackagesConfig(IEnumerable<string> paths, string webConfigPath)
        {
            var folder = Path.GetDirectoryName(webConfigPath) ?? "";
            var packages = paths.Where(IsPackagesConfig).ToList();
            return packages.FirstOrDefault(p => SamePath(Path.GetDirectoryName(p) ?? "", folder))
                ?? packages.OrderBy(p => p.Length).FirstOrDefault();
        }

        /// <summary>"Web.Release.config" for Web.config and Release; null without a build configuration.</summary>
        public static string? TransformFileName(string configPath, string? buildConfiguration) =>
            string.IsNullOrWhiteSpace(buildConfiguration)
                ? null
                : Path.GetFileNameWithoutExtension(configPath) + "." + buildConfiguration!.Trim() + Path.GetExtension(configPath);

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
        /// Reads the site's configuration files: the root web.config, its transform for the build
        /// configuration, the file its (deployed) appSettings configSource names and that file's transform, and the
        /// folder web.configs. <paramref name="read"/> returns null for a path it cannot read, which counts as missing;
        /// <paramref name="availability"/> says whether a file not among <paramref name="paths"/> is missing or not handed over yet.
        /// The CLI, the MSBuild task and the analyzer all gather files this way. Null when the web.config cannot be read.
        /// </summary>
        public static SiteConfiguration? Read(
            string webConfigPath,
            IReadOnlyCollection<string> paths,
            string? projectDirectory,
            string? buildConfiguration,
            Func<string, ConfigFile?> read,
            FileAvailability? availability = null)
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
                var appSettingsPath = SiteConfiguration.ResolveConfigSource(webConfigPath, configSource);
                appSettingsFile = ReadAmong(appSettingsPath);
                if (appSettingsFile is not null) appSettingsTransform = ReadAmong(TransformOf(paths, appSettingsPath, buildConfiguration));
            }

            // <appSettings file="...">: its entries override the inline ones; a file that is not there is ignored, as .NET does.
            var overridesPath = FileAttributePath(
                configSource is null ? (deployed?.Deployed ?? WebConfig.From(webConfig))?.AppSettingsElement : appSettingsFile?.Root,
                configSource is null ? webConfigPath : appSettingsFile?.Path);
            var appSettingsOverrides = ReadAmong(overridesPath);

            var folderWebConfigs = FolderWebConfigs(paths, webConfigPath, projectDirectory).Select(read).Where(f => f is not null).Select(f => f!).ToList();
            return new SiteConfiguration(webConfig, appSettingsFile, buildConfiguration, webConfigTransform, appSettingsTransform, folderWebConfigs, availability, appSettingsOverrides);
        }

        /// <summary>
        /// The files the appSettings configSource names that exist on disk (as written, and as the build
        /// configuration's transform deploys it, for a transform may point it elsewhere), each with its own transform,
        /// and the file the appSettings <c>file</c> attribute names (inline, or in the configSource file).
        /// They can live in any folder, so a front end that reads the disk (the MSBuild task, the CLI) adds them to
        /// the paths it hands <see cref="Read"/>. <paramref name="read"/> reads web.config and its transform.
        /// </summary>
        /// <param name="missing">Collects the files looked for that do not exist, for the analyzer to tell them from files it was not handed yet.</param>
        public static IReadOnlyList<string> ConfigSourceFilesOnDisk(
            IReadOnlyCollection<string> paths, string webConfigPath, string? buildConfiguration, Func<string, ConfigFile?> read, ICollection<string>? missing = null)
        {
            var webConfig = read(webConfigPath);
            if (webConfig is null) return Array.Empty<string>();
            var transformPath = TransformOf(paths, webConfigPath, buildConfiguration);
            var transform = transformPath is null ? null : read(transformPath);

            var sources = new List<string>();
            if (WebConfig.From(webConfig)?.AppSettingsConfigSource is { } written) sources.Add(written);
            if (webConfig.Error is null && transform is { Error: null }
                && DeployedConfiguration.Build(webConfig, transform, null, null, buildConfiguration)?.Deployed?.AppSettingsConfigSource is { } deployed)
            {
                sources.Add(deployed);
            }

            // <appSettings file="..."> beside inline entries, as written and as deployed: relative to web.config.
            var fileAttributes = new List<string>();
            void AddFileAttribute(ConfigElement? entries, string? holder)
            {
                if (FileAttributePath(entries, holder) is { } path) fileAttributes.Add(path);
            }

            if (WebConfig.From(webConfig) is { AppSettingsConfigSource: null } writtenConfig) AddFileAttribute(writtenConfig.AppSettingsElement, webConfigPath);
            if (webConfig.Error is null && transform is { Error: null }
                && DeployedConfiguration.Build(webConfig, transform, null, null, buildConfiguration)?.Deployed is { AppSettingsConfigSource: null } deployedConfig)
            {
                AddFileAttribute(deployedConfig.AppSettingsElement, webConfigPath);
            }

            var found = new List<string>();
            foreach (var source in sources.Select(s => SiteConfiguration.ResolveConfigSource(webConfigPath, s)).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (FindFile(source) is not { } file)
                {
                    missing?.Add(FullPath(source));
                    continue;
                }

                found.Add(file);
                if (TransformFileName(file, buildConfiguration) is { } name && FindFile(Path.Combine(Path.GetDirectoryName(file) ?? "", name)) is { } fileTransform)
                {
                    found.Add(fileTransform);
                }

                // A configSource file's own file= attribute is relative to that file.
                AddFileAttribute(read(file)?.Root, file);
            }

            foreach (var path in fileAttributes.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (FindFile(path) is { } file) found.Add(file);
                else missing?.Add(FullPath(path));
            }

            return found;
        }

        /// <summary>The path an appSettings element's <c>file</c> attribute names, against the file that holds it; null without one.</summary>
        private static string? FileAttributePath(ConfigElement? appSettings, string? holderPath)
        {
            if (appSettings is not { Name: "appSettings" } || holderPath is null) return null;
            var value = appSettings.AttributeValue("file");
            return string.IsNullOrWhiteSpace(value) ? null : SiteConfiguration.ResolveConfigSource(holderPath, value!.Trim());
        }

        /// <summary>
        /// The file at a path written on Windows, where names ignore case: configSource="appsettings.config" names
        /// AppSettings.config there, and must on Linux too. Null when there is none.
        /// </summary>
        public static string? FindFile(string path)
        {
            try
            {
                if (File.Exists(path)) return path;
                var folder = Path.GetDirectoryName(path);
                if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder)) return null;
                return Directory.EnumerateFiles(folder).FirstOrDefault(f => SamePath(f, path));
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or IOException or UnauthorizedAccessException)
            {
                // A value no file system takes (.NET Framework refuses '|' in a path), or a folder that cannot be listed: no file.
                return null;
            }
        }

        /// <summary>The full path, or the path as it is when the platform refuses it (it names no file then).</summary>
        private static string FullPath(string path)
        {
            try
            {
                return Path.GetFullPath(path);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
            {
                return path;
            }
        }

        /// <summary>
        /// The file <c>CmsWebConfig</c> names, as the fact the rules report when it is not among <paramref name="paths"/>;
        /// null when the property is not set or its file is there. <paramref name="pathTried"/> is the full path the
        /// build tried, when it knows; <paramref name="missingOnDisk"/> whether that file is known not to exist.
        /// </summary>
        public static NamedWebConfig? UnfoundWebConfig(IEnumerable<string> paths, string? projectDirectory, string? explicitPath, string? pathTried, bool missingOnDisk)
        {
            if (string.IsNullOrWhiteSpace(explicitPath) || ChooseWebConfig(paths, projectDirectory, explicitPath) is not null) return null;
            var tried = string.IsNullOrWhiteSpace(pathTried) ? Normalize(Absolute(explicitPath!.Trim(), projectDirectory)) : pathTried!.Trim();
            return new NamedWebConfig(explicitPath!.Trim(), tried, missingOnDisk);
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
