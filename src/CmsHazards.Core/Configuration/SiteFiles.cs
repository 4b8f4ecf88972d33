using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

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
