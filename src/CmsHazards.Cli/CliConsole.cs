namespace CmsHazards.Cli;

/// <summary>
/// Where the CLI writes and what it runs in: the process's console in Program, captured writers and a
/// fixture folder in tests, which run the whole CLI in-process.
/// </summary>
internal sealed class CliConsole
{
    /// <param name="progressInterval">How often a long scan reports progress on <paramref name="error"/>; null for never.</param>
    /// <param name="errorIsTerminal">Whether progress may rewrite its line in place.</param>
    public CliConsole(TextWriter output, TextWriter error, string workingDirectory, TimeSpan? progressInterval = null, bool errorIsTerminal = false)
    {
        Out = output;
        Error = error;
        WorkingDirectory = Path.GetFullPath(workingDirectory);
        ProgressInterval = progressInterval;
        ErrorIsTerminal = errorIsTerminal;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public string WorkingDirectory { get; }

    public TimeSpan? ProgressInterval { get; }

    public bool ErrorIsTerminal { get; }

    /// <summary>A path as a person at this console reads it: relative to the working folder when inside it.</summary>
    public string Display(string path)
    {
        var relative = Path.GetRelativePath(WorkingDirectory, path);
        return relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? path
            : relative;
    }
}
