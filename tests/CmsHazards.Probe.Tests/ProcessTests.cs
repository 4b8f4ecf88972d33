using System.Text.Json;
using CmsHazards.TestSupport;
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

        var (exitCode, output, error) = await BuiltTool.RunAsync(folder, "probe", site.Address.ToString(), "--cookie-file", "cookie-header.txt", "--format", "json");

        using var report = JsonDocument.Parse(output);
        Assert.Equal("server-websockets-off", report.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("cmshazards probe: server-websockets-off: HTTP/1.1 503 Service Unavailable, with IIS's \"WebSocket request made to a site where WebSockets are disabled\".", error.TrimEnd());
        Assert.DoesNotContain(TestSite.EditorSession, output + error, StringComparison.Ordinal);
        Assert.Equal(1, exitCode);
    }
}
