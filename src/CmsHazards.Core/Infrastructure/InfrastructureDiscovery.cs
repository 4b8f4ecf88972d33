using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace CmsHazards.Infrastructure
{
    /// <summary>
    /// Finds infrastructure files in a folder tree the user asked to scan (the CLI), and says which
    /// <c>CmsHostInfrastructure</c> value would make a build read them. Builds never walk a tree: they read what the
    /// property names.
    /// </summary>
    public static class InfrastructureDiscovery
    {
        /// <summary>Folders that hold copies, downloads or tools' state, never the files a team deploys from.</summary>
        private static readonly string[] SkippedFolders = { "bin", "obj", "node_modules", ".git", ".vs", ".terraform", "packages", ".bicep" };

        /// <summary>How many files a scan looks at, so a tree with a huge generated folder does not stall it.</summary>
        public const int MaxFilesLookedAt = 200_000;

        /// <summary>The infrastructure files under <paramref name="root"/>, in path order.</summary>
        public static IReadOnlyList<string> Find(string root)
        {
            var found = new List<string>();
            var pending = new Stack<string>();
            pending.Push(root);
            var looked = 0;
            while (pending.Count > 0 && looked < MaxFilesLookedAt)
            {
                var folder = pending.Pop();
                string[] files, folders;
                try
                {
                    files = Directory.GetFiles(folder);
                    folders = Directory.GetDirectories(folder);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    continue;
                }

                foreach (var file in files)
                {
                    if (++looked > MaxFilesLookedAt) break;
                    if (IsInfrastructure(file)) found.Add(file);
                }

                foreach (var sub in folders)
                {
                    var name = Path.GetFileName(sub);
                    if (!SkippedFolders.Contains(name, StringComparer.OrdinalIgnoreCase)) pending.Push(sub);
                }
            }

            found.Sort(StringComparer.Ordinal);
            return found;
        }

        /// <summary>By name for Bicep and Terraform; a .json file by the ARM schema it declares at its start.</summary>
        public static bool IsInfrastructure(string path)
        {
            var language = InfrastructureFile.LanguageOf(path, "");
            if (language is null)
            {
                var name = Path.GetFileName(path);
                if (!name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".jsonc", StringComparison.OrdinalIgnoreCase)) return false;
                return InfrastructureFile.LanguageOf(path, Head(path)) != null;
            }

            return true;
        }

        // The schema is declared in the first lines of every real template; 4 KB is read, never the whole file.
        private static string Head(string path)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                var buffer = new byte[4096];
                var read = stream.Read(buffer, 0, buffer.Length);
                return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return "";
            }
        }

        /// <summary>
        /// The property that would make a build of the project in <paramref name="projectDirectory"/> read these
        /// files: <c>&lt;CmsHostInfrastructure&gt;..\infra\main.bicep;..\infra\prod.bicepparam&lt;/CmsHostInfrastructure&gt;</c>.
        /// Paths are relative to the project and written with backslashes, as project files write them (MSBuild
        /// reads them on every system).
        /// </summary>
        public static string PropertyFor(string projectDirectory, IEnumerable<string> files)
        {
            var relative = files.Select(f => RelativePath(projectDirectory, f).Replace('/', '\\')).ToList();

            // Three or more files of one kind in one folder: a glob keeps the line short and takes new files too.
            var parts = new List<string>();
            foreach (var group in relative.GroupBy(r => (Folder: FolderOf(r), Extension: Path.GetExtension(r).ToLowerInvariant())))
            {
                if (group.Count() >= 3) parts.Add((group.Key.Folder.Length == 0 ? "" : group.Key.Folder + "\\") + "*" + group.Key.Extension);
                else parts.AddRange(group);
            }

            return $"<{Property}>{string.Join(";", parts)}</{Property}>";
        }

        public const string Property = "CmsHostInfrastructure";

        private static string FolderOf(string relative)
        {
            var slash = relative.LastIndexOf('\\');
            return slash < 0 ? "" : relative.Substring(0, slash);
        }

        // Path.GetRelativePath is not in netstandard2.0.
        private static string RelativePath(string from, string to)
        {
            var fromParts = Path.GetFullPath(from).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            var toParts = Path.GetFullPath(to).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            var common = 0;
            while (common < fromParts.Length && common < toParts.Length - 1 && string.Equals(fromParts[common], toParts[common], comparison)) common++;
            if (common == 0) return Path.GetFullPath(to);
            var up = Enumerable.Repeat("..", fromParts.Length - common);
            return string.Join("/", up.Concat(toParts.Skip(common)));
        }
    }
}
