namespace CmsHazards.Cli.Tests;

/// <summary>
/// A copy of a fixture tree under tests/Fixtures/Cli in a fresh temporary folder, so that --fix can write and
/// nothing above the tree (this repository's own Directory.Build.props) is read as the site's.
/// </summary>
internal sealed class FixtureTree : IDisposable
{
    private FixtureTree(string root) => Root = root;

    public string Root { get; }

    public static string FixturePath(string relative) =>
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "Cli", relative.Replace('/', Path.DirectorySeparatorChar));

    public static FixtureTree Copy(string fixture)
    {
        var root = Path.Combine(Path.GetTempPath(), "cmshazards-cli-" + Guid.NewGuid().ToString("N"));
        var source = FixturePath(fixture);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return new FixtureTree(root);
    }

    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    public void Write(string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.WriteAllText(PathOf(relative), text);
    }

    /// <summary>Every file of the tree and its bytes, keyed by its path relative to the tree with '/'.</summary>
    public SortedDictionary<string, byte[]> Snapshot() => new(
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(Root, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllBytes),
        StringComparer.Ordinal);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless; a failing clean-up must not fail the test.
        }
    }
}

/// <summary>What one run of the CLI printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>The lines of standard output, with the platform's path separator shown as '/'.</summary>
    public string[] OutLines => Lines(Out);

    public string[] ErrorLines => Lines(Error);

    private static string[] Lines(string text) =>
        text.Replace(Path.DirectorySeparatorChar, '/').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>Runs the whole command in this process, in <paramref name="workingDirectory"/>, with no progress reports.</summary>
    public static CliRun InProcess(string workingDirectory, params string[] args) => InProcess(workingDirectory, null, args);

    public static CliRun InProcess(string workingDirectory, TimeSpan? progressInterval, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = Program.Run(args, new CliConsole(output, error, workingDirectory, progressInterval));
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
