using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace CmsHazards.Probe.Tests;

/// <summary>
/// Each verdict of <c>cmshazards probe</c>, from a real server on 127.0.0.1 that behaves as the infrastructure
/// the verdict is about, through the real command. The heartbeat timing is the CMS UI client's own.
/// </summary>
public class VerdictTests
{
    [Fact]
    public async Task A_site_that_answers_the_heartbeat_works_end_to_end()
    {
        await using var site = await TestSite.StartAsync(TestSite.AnswersHeartbeats);
        var folder = ProbeRun.NewFolder();

        var run = await ProbeRun.RunInAsync(null, folder, "probe", site.Address.ToString(), "--cookie-file", ProbeRun.NetscapeCookieFile(folder));

        Assert.Equal("", run.Error);
        Assert.Equal($"cmshazards probe ws://127.0.0.1:{site.Port}/EPiServer/Shell/socket/endpoint/", run.Lines[0]);
        Assert.Equal("verdict: websockets-work (works, exit code 0)", run.Lines[1]);
        Assert.Matches(@"^  WebSockets work end to end: HTTP/1\.1 101 Switching Protocols, the heartbeat was answered after \d+ ms, the connection stayed up for the heartbeat window \(6000 ms\), and the close was answered in \d+ ms\.$", run.Lines[2]);
        Assert.Contains($"  request   GET /EPiServer/Shell/socket/endpoint/ HTTP/1.1 to 127.0.0.1:{site.Port} (ws), Upgrade: websocket, Origin: http://127.0.0.1:{site.Port}, no subprotocol, 2 cookies (values not shown)", run.Lines);
        Assert.Contains("  answer    HTTP/1.1 101 Switching Protocols", run.Lines);
        Assert.Contains("            Upgrade: websocket", run.Lines);
        Assert.Matches(@"(?m)^  socket    2 heartbeats \(/epi/heartbeat\) sent in 6000 ms; heartbeat echoed after \d+ ms, 2 messages in all; closed cleanly \(1000 Normal Closure both ways\)\r?$", run.Output);
        Assert.Matches(@"(?m)^  timings   connect \d+ ms, response \d+ ms, heartbeat \d+ ms, close \d+ ms\r?$", run.Output);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task A_proxy_that_strips_Upgrade_gives_200_and_upgrade_dropped()
    {
        await using var site = await TestSite.StartAsync(TestSite.AnswersHeartbeats);
        await using var proxy = new TestProxy(site, TestProxy.Behaviour.StripsUpgrade);
        var folder = ProbeRun.NewFolder();

        var run = await ProbeRun.RunInAsync(null, folder, "probe", proxy.Address.ToString(), "--cookie-file", ProbeRun.HeaderCookieFile(folder));

        Assert.Equal("verdict: upgrade-dropped (hazard, exit code 1)", run.Lines[1]);
        Assert.Equal("  HTTP/1.1 200 OK to the upgrade request, with an editor cookie.", run.Lines[2]);
        Assert.StartsWith("likely cause: Something between here and the CMS dropped the Upgrade and Connection headers", run.Lines[3], StringComparison.Ordinal);
        Assert.Contains("  answer    HTTP/1.1 200 OK", run.Lines);
        Assert.Contains("            Content-Type: text/html; charset=utf-8", run.Lines);
        Assert.Contains("  body      title \"Episerver\"; 78 bytes read", run.Lines);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task A_proxy_that_passes_the_101_and_then_no_frame_gives_upgrade_then_silence_after_the_clients_window()
    {
        await using var site = await TestSite.StartAsync(TestSite.AnswersHeartbeats);
        await using var proxy = new TestProxy(site, TestProxy.Behaviour.SwallowsFrames);
        var folder = ProbeRun.NewFolder();

        var run = await ProbeRun.RunInAsync(null, folder, "probe", proxy.Address.ToString(), "--cookie-file", ProbeRun.NetscapeCookieFile(folder));

        Assert.Equal("verdict: upgrade-then-silence (hazard, exit code 1)", run.Lines[1]);
        Assert.Equal("  HTTP/1.1 101 Switching Protocols, but no frame came back within the heartbeat window (2 heartbeats sent, nothing for 6000 ms). The CMS UI client gives up the socket the same way.", run.Lines[2]);
        Assert.Contains("  socket    2 heartbeats (/epi/heartbeat) sent in 6000 ms; no frame within 6000 ms", run.Lines);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task A_server_that_kills_the_connection_after_the_upgrade_gives_upgrade_then_silence_with_the_time_it_took()
    {
        await using var site = await TestSite.StartAsync(TestSite.AcceptsThenDrops);
        var folder = ProbeRun.NewFolder();

        var run = await ProbeRun.RunInAsync(null, folder, "probe", site.Address.ToString(), "--cookie-file", ProbeRun.NetscapeCookieFile(folder));

        Assert.Equal("verdict: upgrade-then-silence (hazard, exit code 1)", run.Lines[1]);
        Assert.Matches(@"^  HTTP/1\.1 101 Switching Protocols, but the connection ended without a close frame: .+, \d+ ms after the upgrade\. The CMS UI client gives up the socket the same way\.$", run.Lines[2]);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task A_connection_that_carries_the_first_answer_and_dies_within_the_window_is_upgrade_then_silence()
    {
        await using var site = await TestSite.StartAsync(async context =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var buffer = new byte[1024];
            var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
            await socket.SendAsync(buffer.AsMemory(0, received.Count), WebSocketMessageType.Text, true, context.RequestAborted);

            // A hop whose timeout ends the connection after the first exchange: gone when the client's second
            // heartbeat comes, 3 s later.
            await socket.ReceiveAsync(buffer, context.RequestAborted);
            context.Abort();
        });
        var folder = ProbeRun.NewFolder();

        var run = await ProbeRun.RunInAsync(null, folder, "probe", site.Address.ToString(), "--cookie-file", ProbeRun.NetscapeCookieFile(folder));

        Assert.Equal("verdict: upgrade-then-silence (hazard, exit code 1)", run.Lines[1]);
        Assert.Matches(@"^  HTTP/1\.1 101 Switching Protocols, but 1 message came back, then the connection ended without a close frame: .+, \d+ ms after the upgrade\. The CMS UI client gives up the socket the same way\.$", run.Lines[2]);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task IIS_with_WebSockets_disabled_gives_server_websockets_off_naming_the_IIS_feature()
    {
        await using var site = await TestSite.StartAsync(TestSite.IisWithWebSocketsOff);
        var folder = ProbeRun.NewFolder();

        var run = await ProbeRun.RunInAsync(null, folder, "probe", site.Address.ToString(), "--cookie-file", ProbeRun.NetscapeCookieFile(folder));

        Assert.Equal("verdict: server-websockets-off (hazard, exit code 1)", run.Lines[1]);
        Assert.Equal("  HTTP/1.1 503 Service Unavailable, with IIS's \"WebSocket request made to a site where WebSockets are disabled\".", run.Lines[2]);
        Assert.StartsWith("likely cause: IIS itself refuses WebSockets for this site: the WebSocket Protocol feature is not installed", run.Lines[3], StringComparison.Ordinal);
        Assert.Contains("Install-WindowsFeature Web-WebSockets", run.Lines[4], StringComparison.Ordinal);
        Assert.Contains("            Server: Microsoft-IIS/10.0", run.Lines);
        Assert.Contains(run.Lines, l => l.StartsWith("  body      carries \"WebSocket request made to a site where WebSockets are disabled\"; title \"IIS 10.0 Detailed Error - 503.0 - Service Unavailable\"", StringComparison.Ordinal));
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task ASP_NET_in_compatibility_mode_gives_server_websockets_off_naming_httpRuntime()
    {
        await using var site = await TestSite.StartAsync(TestSite.AspNetInCompatibilityMode);
        var folder = ProbeRun.NewFolder();

        var run = await ProbeRun.RunInAsync(null, folder, "probe", site.Address.ToString(), "--cookie-file", ProbeRun.NetscapeCookieFile(folder));

        Assert.Equal("verdict: server-websockets-off (hazard, exit code 1)", run.Lines[1]);
        Assert.Equal("  HTTP/1.1 500 Internal Server Error, with ASP.NET's \"WebSockets is unsupported in the current application configuration\".", run.Lines[2]);
        Assert.StartsWith("likely cause: ASP.NET runs the site in its 4.0 compatibility mode: the root web.config's <httpRuntime> has no targetFramework of 4.5 or later", run.Lines[3], StringComparison.Ordinal);
        Assert.StartsWith("what to do: Set <httpRuntime targetFramework=\"4.5\" />", run.Lines[4], StringComparison.Ordinal);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task Without_a_cookie_the_redirect_to_login_says_the_question_is_unanswered()
    {
        await using var site = await TestSite.StartAsync(TestSite.AnswersHeartbeats);

        var run = await ProbeRun.RunAsync("probe", site.Address.ToString());

        Assert.Equal("verdict: not-an-editor (could not tell, exit code 2)", run.Lines[1]);
        Assert.Equal("  HTTP/1.1 302 Found, to a login page (/Util/login?ReturnUrl=%2FEPiServer%2FShell%2Fsocket%2Fendpoint%2F). Whether the infrastructure carries WebSockets is unanswered.", run.Lines[2]);
        Assert.Equal("likely cause: No cookie was sent, and the socket endpoint is under the CMS's protected root, which only editors reach.", run.Lines[3]);
        Assert.Contains("            Location: /Util/login?ReturnUrl=%2FEPiServer%2FShell%2Fsocket%2Fendpoint%2F", run.Lines);
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task A_cookie_that_is_not_an_editors_gets_a_redirect_to_login_and_says_so()
    {
        await using var site = await TestSite.StartAsync(TestSite.AnswersHeartbeats);
        var folder = ProbeRun.NewFolder();

        var run = await ProbeRun.RunInAsync(null, folder, "probe", site.Address.ToString(), "--cookie-file", ProbeRun.NetscapeCookieFile(folder, session: "Expired-S3ss10n-0000"));

        Assert.Equal("verdict: not-an-editor (could not tell, exit code 2)", run.Lines[1]);
        Assert.StartsWith("likely cause: The cookie sent was not accepted as an editor's", run.Lines[3], StringComparison.Ordinal);
        Assert.Equal(2, run.ExitCode);
    }

    [Theory]
    [InlineData(401, "HTTP/1.1 401 Unauthorized.")]
    [InlineData(403, "HTTP/1.1 403 Forbidden. A 403 can also come from a firewall or WAF in front of the site that refuses upgrades; the Server header and body say who answered.")]
    public async Task A_401_or_403_is_not_an_editor(int status, string summary)
    {
        await using var site = await TestSite.StartAsync(TestSite.AnswersHeartbeats, stranger: context =>
        {
            context.Response.StatusCode = status;
            if (status == 401) context.Response.Headers.WWWAuthenticate = "Bearer";
            return Task.CompletedTask;
        });

        var run = await ProbeRun.RunAsync("probe", site.Address.ToString());

        Assert.Equal("verdict: not-an-editor (could not tell, exit code 2)", run.Lines[1]);
        Assert.Equal($"  {summary} Whether the infrastructure carries WebSockets is unanswered.", run.Lines[2]);
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task Nothing_listening_is_a_connection_failure()
    {
        var address = SilentListener.RefusingAddress();

        var run = await ProbeRun.RunAsync("probe", address.ToString());

        Assert.Equal("verdict: connection-failed (could not tell, exit code 2)", run.Lines[1]);
        Assert.Equal($"  Connection: no TCP connection: 127.0.0.1:{address.Port}: ConnectionRefused (Connection refused).", run.Lines[2]);
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task A_site_that_never_answers_times_out_within_the_timeout()
    {
        using var listener = new SilentListener();

        var run = await ProbeRun.RunAsync("probe", listener.Address.ToString(), "--timeout", "1");

        Assert.Equal("verdict: timed-out (could not tell, exit code 2)", run.Lines[1]);
        Assert.Equal("  Timeout: no answer to the upgrade request within 1 second.", run.Lines[2]);
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_a_TLS_failure()
    {
        using var certificate = TestSite.SelfSignedCertificate();
        await using var site = await TestSite.StartAsync(TestSite.AnswersHeartbeats, certificate: certificate);

        var run = await ProbeRun.RunAsync("probe", $"https://127.0.0.1:{site.Port}/");

        Assert.Equal($"cmshazards probe wss://127.0.0.1:{site.Port}/EPiServer/Shell/socket/endpoint/", run.Lines[0]);
        Assert.Equal("verdict: tls-failed (could not tell, exit code 2)", run.Lines[1]);
        Assert.StartsWith("  TLS: the certificate was rejected (RemoteCertificateChainErrors); certificate CN=staging.cms.test, issued by CN=staging.cms.test, valid ", run.Lines[2], StringComparison.Ordinal);
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_a_DNS_failure()
    {
        var run = await ProbeRun.RunInAsync(ProbeRun.NoNameResolves, null, "probe", "https://cms-staging.example.invalid/");

        Assert.Equal("verdict: dns-failed (could not tell, exit code 2)", run.Lines[1]);
        Assert.StartsWith("  DNS: cms-staging.example.invalid did not resolve: HostNotFound (", run.Lines[2], StringComparison.Ordinal);
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task Root_moves_the_endpoint_and_path_replaces_it()
    {
        await using var site = await TestSite.StartOpenAsync(async context =>
        {
            if (context.Request.Path is { Value: "/secret/cms/Shell/socket/endpoint/" or "/sockets/custom" } && context.WebSockets.IsWebSocketRequest)
            {
                await TestSite.AnswersHeartbeats(context);
                return;
            }

            context.Response.StatusCode = 404;
        });

        var atRoot = await ProbeRun.RunInAsync(ProbeRun.QuickHeartbeat, null, "probe", site.Address.ToString(), "--root", "/secret/cms");
        var atPath = await ProbeRun.RunInAsync(ProbeRun.QuickHeartbeat, null, "probe", site.Address.ToString(), "--path", "/sockets/custom");
        var atDefault = await ProbeRun.RunAsync("probe", site.Address.ToString());

        Assert.Equal($"cmshazards probe ws://127.0.0.1:{site.Port}/secret/cms/Shell/socket/endpoint/", atRoot.Lines[0]);
        Assert.Equal("verdict: websockets-work (works, exit code 0)", atRoot.Lines[1]);
        Assert.Equal(0, atRoot.ExitCode);
        Assert.Equal($"cmshazards probe ws://127.0.0.1:{site.Port}/sockets/custom", atPath.Lines[0]);
        Assert.Equal("verdict: websockets-work (works, exit code 0)", atPath.Lines[1]);
        Assert.Equal(0, atPath.ExitCode);
        Assert.Equal("verdict: unexpected-answer (could not tell, exit code 2)", atDefault.Lines[1]);
        Assert.StartsWith("likely cause: No socket endpoint at this path: the protected modules root may not be /EPiServer/ (use --root", atDefault.Lines[3], StringComparison.Ordinal);
        Assert.Equal(2, atDefault.ExitCode);
    }

    [Fact]
    public async Task A_message_other_than_the_heartbeat_also_keeps_the_client_and_counts_as_an_answer()
    {
        await using var site = await TestSite.StartOpenAsync(async context =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await socket.SendAsync("{\"topic\":\"/epi/cms/notification\",\"data\":{}}"u8.ToArray(), WebSocketMessageType.Text, true, context.RequestAborted);
            var buffer = new byte[1024];
            while ((await socket.ReceiveAsync(buffer, context.RequestAborted)).MessageType != WebSocketMessageType.Close)
            {
            }

            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", context.RequestAborted);
        });

        var run = await ProbeRun.RunAsync("probe", site.Address.ToString());

        Assert.Equal("verdict: websockets-work (works, exit code 0)", run.Lines[1]);
        Assert.Matches(@"^  WebSockets work end to end: HTTP/1\.1 101 Switching Protocols, a message of 43 bytes came back after \d+ ms, the connection stayed up for the heartbeat window \(6000 ms\), and the close was answered in \d+ ms\.$", run.Lines[2]);
        Assert.Equal(0, run.ExitCode);
    }
}
