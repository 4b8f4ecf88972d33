namespace CmsHazards.Cli;

/// <summary>Finds the project files under the paths given, skipping what is never a site's source.</summary>
internal static class ProjectDiscovery
{
    /// <summary>
    /// Build output, dependencies and tool folders: large, and never where a site's project lives. Folders
    /// whose name starts with '.' (.git, .vs, .idea) are skipped as well.
    /// </summary>
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", "node_modules" };

    /// <returns>The full paths of the .csproj files found, each once, in ordinal order.</returns>
    public static List<string> Find(IEnumerable<string> paths, string workingDirectory, ScanProgress progress, List<string> errors)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var folders = 0;
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path, workingDirectory);
            if (File.Exists(full))
            {
                if (IsProject(full)) found.Add(full);
                else errors.Add($"{path} is neither a folder nor a .csproj.");
                continue;
            }

            if (!Directory.Exists(full))
            {
                errors.Add($"{path} does not exist.");
                continue;
            }

            var pending = new Stack<string>();
            pending.Push(full);
            while (pending.Count > 0)
            {
                var folder = pending.Pop();
                try
                {
                    foreach (var file in Directory.EnumerateFiles(folder))
                    {
                        if (IsProject(file)) found.Add(file);
                    }

                    foreach (var child in Directory.EnumerateDirectories(folder).OrderByDescending(d => d, StringComparer.Ordinal))
                    {
                        if (!IsSkipped(child)) pending.Push(child);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    errors.Add($"cannot read the folder {folder}: {e.Message}");
                }

                folders++;
                progress.Report(() => $"folders searched: {folders}, projects found: {found.Count}");
            }
        }

        return found.ToList();
    }

    private static bool IsProject(string path) => path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase);

    private static bool IsSkipped(string folder)
    {
        var name = Path.GetFileName(folder);
        if (name.StartsWith(".", StringComparison.Ordinal) || Skipped.Contains(name)) return true;

        // A link to a folder can lead back up the tree; sites are never reached only through one.
        if ((File.GetAttributes(folder) & FileAttributes.ReparsePoint) != 0) return true;

        // The folder packages.config restores into holds thousands of files and no project of the solution:
        // each of its folders is one package, with the .nupkg inside.
        return string.Equals(name, "packages", StringComparison.OrdinalIgnoreCase)
            && (File.Exists(Path.Combine(folder, "repositories.config"))
                || Directory.EnumerateDirectories(folder).Take(1).Any(package => Directory.EnumerateFiles(package, "*.nupkg").Any()));
    }
}
