using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace CmsHazards.Probe.Tests;

/// <summary>The built tool, run as a process the way CI runs it: Main, the console, the exit code.</summary>
public class ProcessTests
{
    [Fact]
    public async Task The_built_tool_probes_a_site_and_exits_with_1_on_a_hazard()
    {
        await using var site = await TestSite.StartAsync(TestSite.IisWithWebSocketsOff);
        var folder = ProbeRun.NewFolder();
        ProbeRun.HeaderCookieFile(folder);

        var (exitCode, output, error) = await RunToolAsync(folder, "probe", site.Address.ToString(), "--cookie-file", "cookie-header.txt", "--format", "json");

        using var report = JsonDocument.Parse(output);
        Assert.Equal("server-websockets-off", report.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("cmshazards probe: server-websockets-off: HTTP/1.1 503 Service Unavailable, with IIS's \"WebSocket request made to a site where WebSockets are disabled\".", error.TrimEnd());
        Assert.DoesNotContain(TestSite.EditorSession, output + error, StringComparison.Ordinal);
        Assert.Equal(1, exitCode);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunToolAsync(string workingDirectory, params string[] args)
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
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
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
