using System.Diagnostics;

namespace CmsHazards.TestSupport;

/// <summary>
/// The cmshazards tool built beside the tests, run as a process the way CI runs it: arguments, working folder,
/// standard output and error, exit code. Shared, as a linked source file, by the test projects that run it.
/// </summary>
internal static class BuiltTool
{
    /// <summary>How long a run may take before it is stopped and the test fails: a hang is a failure, never a wait.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, params string[] args)
    {
        // The test host names the dotnet it runs on; the tool rolls forward to it.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "cmshazards.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("cmshazards did not finish within a minute.");
        }

        return (process.ExitCode, await output, await error);
    }
}
