namespace CmsHazards.Cli;

/// <summary>The cmshazards command: parses the command line, runs the scan, writes the report, sets the exit code.</summary>
internal static class Program
{
    public const int NoHazards = 0;
    public const int HazardsFound = 1;
    public const int UsageOrReadError = 2;

    public static int Main(string[] args)
    {
        // Before anything else: MSBuild's assemblies must come from the SDK, and the runtime binds them once.
        Evaluation.MsBuildRegistration.EnsureRegistered();
        return Run(args, new CliConsole(
            Console.Out,
            Console.Error,
            Directory.GetCurrentDirectory(),
            progressInterval: TimeSpan.FromSeconds(1),
            errorIsTerminal: !Console.IsErrorRedirected));
    }

    /// <summary>The whole command, with its console passed in, so tests run it in-process on fixture trees.</summary>
    public static int Run(IReadOnlyList<string> args, CliConsole console)
    {
        Evaluation.MsBuildRegistration.EnsureRegistered();
        return CmsHazardsCommand.Run(args, console);
    }

    /// <summary><c>cmshazards scan</c>: scans, writes the report, and returns the exit code.</summary>
    public static int Scan(ScanOptions options, CliConsole console)
    {
        var progress = new ScanProgress(console.Error, console.ProgressInterval, console.ErrorIsTerminal);
        var result = Scanner.Run(options, console, progress);
        foreach (var error in result.Errors) console.Error.WriteLine($"cmshazards: error: {error}");

        try
        {
            WriteReport(options, result, console);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"cmshazards: error: cannot write {options.OutputPath}: {e.Message}");
            return UsageOrReadError;
        }

        if (result.Errors.Count > 0) return UsageOrReadError;
        return result.Findings.Any(f => f.IsHazard) ? HazardsFound : NoHazards;
    }

    /// <summary>The whole command with the probe's network replaced (name lookup, heartbeat timing), for the probe's tests.</summary>
    internal static int RunProbe(IReadOnlyList<string> args, CliConsole console, Probe.ProbeNetwork? network = null)
    {
        Evaluation.MsBuildRegistration.EnsureRegistered();
        return CmsHazardsCommand.Run(args, console, network);
    }

    /// <summary>
    /// The report goes to --output or standard output. The list of fixed files and the summary are for the
    /// person at the console: on standard output beside a text report, on standard error when standard output
    /// carries the SARIF log.
    /// </summary>
    private static void WriteReport(ScanOptions options, ScanResult result, CliConsole console)
    {
        var toFile = options.OutputPath is not null;
        var humans = options.Format != ReportFormat.Text && !toFile ? console.Error : console.Out;
        TextReport.WriteFixes(result, console, humans);

        if (options.Format == ReportFormat.Sarif)
        {
            if (toFile)
            {
                using var file = File.Create(Path.GetFullPath(options.OutputPath!, console.WorkingDirectory));
                SarifReport.Write(result, console, file);
            }
            else
            {
                using var buffer = new MemoryStream();
                SarifReport.Write(result, console, buffer);
                console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            }
        }
        else if (options.Format == ReportFormat.GitHub)
        {
            using var file = toFile ? new StreamWriter(Path.GetFullPath(options.OutputPath!, console.WorkingDirectory)) : null;
            GitHubReport.Write(result, console, file ?? console.Out);
        }
        else if (toFile)
        {
            using var file = new StreamWriter(Path.GetFullPath(options.OutputPath!, console.WorkingDirectory));
            TextReport.WriteFindings(result, console, file);
            file.WriteLine(TextReport.Summary(result));
        }
        else
        {
            TextReport.WriteFindings(result, console, console.Out);
        }

        humans.WriteLine(TextReport.Summary(result));
    }
}
