using System.Diagnostics;
using System.Text;

namespace CmsHazards.EndToEnd.Tests;

/// <summary>Runs the dotnet CLI as a user would, and keeps what it printed.</summary>
internal static class Dotnet
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public sealed record Result(int ExitCode, string Output)
    {
        /// <summary>
        /// The lines that carry a CmsHazards diagnostic (CMSH...), as the console logger prints them while it
        /// builds; the summary after "Build succeeded." or "Build FAILED." repeats them and is left out.
        /// </summary>
        public IReadOnlyList<string> Diagnostics => Output
            .Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .TakeWhile(l => l != "Build succeeded." && l != "Build FAILED.")
            .Where(l => l.Contains(": warning CMSH", StringComparison.Ordinal) || l.Contains(": error CMSH", StringComparison.Ordinal) || l.Contains(": info CMSH", StringComparison.Ordinal))
            .ToList();

        public override string ToString() => $"exit code {ExitCode}{Environment.NewLine}{Output}";
    }

    public static Result Run(string workingDirectory, params string[] arguments) => Run(workingDirectory, new Dictionary<string, string>(), arguments);

    /// <param name="environment">Variables for the process; MSBuild reads them as properties.</param>
    public static Result Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Start("dotnet", workingDirectory, environment, arguments);

    /// <summary>Runs an installed .NET tool (its launcher in a --tool-path folder), as CI runs it.</summary>
    public static Result Tool(string launcher, string workingDirectory, params string[] arguments)
    {
        // The launcher finds the runtime through DOTNET_ROOT where dotnet is not installed where it looks by default.
        var environment = new Dictionary<string, string>();
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host) environment["DOTNET_ROOT"] = Path.GetDirectoryName(host)!;
        return Start(launcher, workingDirectory, environment, arguments);
    }

    private static Result Start(string program, string workingDirectory, IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        // Builds leave no MSBuild or compiler servers behind, and print plain lines whatever the terminal.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        foreach (var (name, value) in environment) start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish within {Limit}:{Environment.NewLine}{output}");
        }

        process.WaitForExit();
        lock (output) return new Result(process.ExitCode, output.ToString());
    }

    /// <summary>dotnet build with the options that make its output one line per diagnostic.</summary>
    public static Result Build(string workingDirectory, string project, params string[] extra) =>
        Run(workingDirectory, new[] { "build", project, "-tl:off", "-nodeReuse:false", "--no-incremental" }.Concat(extra).ToArray());
}
