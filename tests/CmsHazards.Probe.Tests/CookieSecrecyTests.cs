using Microsoft.AspNetCore.Http;
using Xunit;

namespace CmsHazards.Probe.Tests;

/// <summary>
/// The editor's cookie is a password in all but name: no verdict, format, output file or error path may print
/// it, nor another site's cookie from the same file. Every output is searched for both values.
/// </summary>
public class CookieSecrecyTests
{
    public static TheoryData<string, string, bool> Runs()
    {
        var runs = new TheoryData<string, string, bool>();
        foreach (var scenario in new[] { "websockets-work", "upgrade-dropped", "upgrade-then-silence", "server-websockets-off", "echoes-the-cookie", "connection-failed", "tls-failed" })
        {
            foreach (var format in new[] { "text", "json", "sarif" })
            {
                runs.Add(scenario, format, false);
                runs.Add(scenario, format, true);
            }
        }

        return runs;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task No_output_of_any_verdict_or_format_holds_a_cookie_value(string scenario, string format, bool toFile)
    {
        using var certificate = scenario == "tls-failed" ? TestSite.SelfSignedCertificate() : null;
        await using var site = scenario switch
        {
            "server-websockets-off" => await TestSite.StartAsync(TestSite.IisWithWebSocketsOff),
            "echoes-the-cookie" => await TestSite.StartAsync(EchoesTheCookie),
            "upgrade-then-silence" => await TestSite.StartAsync(TestSite.AcceptsThenDrops),
            _ => await TestSite.StartAsync(TestSite.AnswersHeartbeats, certificate: certificate),
        };
        await using var proxy = scenario == "upgrade-dropped" ? new TestProxy(site, TestProxy.Behaviour.StripsUpgrade) : null;
        var address = scenario switch
        {
            "upgrade-dropped" => proxy!.Address.ToString(),
            "connection-failed" => SilentListener.RefusingAddress().ToString(),
            "tls-failed" => $"https://127.0.0.1:{site.Port}/",
            _ => site.Address.ToString(),
        };
        var folder = ProbeRun.NewFolder();
        var args = new List<string> { "probe", address, "--cookie-file", ProbeRun.NetscapeCookieFile(folder), "--format", format };
        if (toFile) args.AddRange(new[] { "--output", "report.out" });

        var run = await ProbeRun.RunInAsync(ProbeRun.QuickHeartbeat, folder, args.ToArray());

        var verdict = scenario == "echoes-the-cookie" ? "not-an-editor" : scenario;
        var everything = run.Output + run.Error + (toFile ? File.ReadAllText(Path.Combine(folder, "report.out")) : "");
        Assert.True(everything.Contains(verdict, StringComparison.Ordinal), $"no {verdict} in:\n{everything}");
        Assert.DoesNotContain(TestSite.EditorSession, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(ProbeRun.OtherSiteSession, everything, StringComparison.Ordinal);
        if (scenario == "echoes-the-cookie") Assert.Contains("(cookie value not shown)", everything, StringComparison.Ordinal);
    }

    /// <summary>A hostile or careless site that puts the request's cookie in its redirect and its page title.</summary>
    private static async Task EchoesTheCookie(HttpContext context)
    {
        var cookie = context.Request.Headers.Cookie.ToString();
        context.Response.Headers.Location = "/Util/login?was=" + cookie;
        context.Response.StatusCode = 302;
        context.Response.Headers.SetCookie = $"{TestSite.CookieName}={TestSite.EditorSession}; path=/; HttpOnly";
        await context.Response.WriteAsync($"<html><head><title>{cookie}</title></head></html>");
    }

    [Fact]
    public async Task A_cookie_header_file_with_a_line_break_in_a_value_is_refused_without_quoting_it()
    {
        var folder = ProbeRun.NewFolder();
        File.WriteAllText(Path.Combine(folder, "cookie.txt"), $"{TestSite.CookieName}={TestSite.EditorSession}\u0001X-Injected: yes");

        var run = await ProbeRun.RunInAsync(null, folder, "probe", "http://127.0.0.1:9/", "--cookie-file", "cookie.txt");

        Assert.Equal("", run.Output);
        Assert.Equal("cmshazards probe: the cookie file holds a cookie whose name or value has a control character or line break; copy the cookie again.", run.Error.Split('\n')[0].TrimEnd('\r'));
        Assert.DoesNotContain(TestSite.EditorSession, run.Error, StringComparison.Ordinal);
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task A_cookie_file_with_no_cookie_for_the_host_is_refused_without_quoting_it()
    {
        var folder = ProbeRun.NewFolder();
        var file = ProbeRun.NetscapeCookieFile(folder, host: "edit.example.com");

        var run = await ProbeRun.RunInAsync(null, folder, "probe", "http://127.0.0.1:9/", "--cookie-file", file);

        Assert.Equal("cmshazards probe: no cookie in the cookie file is for 127.0.0.1 (3 for another host, path or scheme); export the cookies of a browser logged in to that site as an editor.", run.Error.Split('\n')[0].TrimEnd('\r'));
        Assert.DoesNotContain(TestSite.EditorSession, run.Output + run.Error, StringComparison.Ordinal);
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task A_Netscape_line_with_the_wrong_number_of_fields_is_refused_by_its_line_number_only()
    {
        var folder = ProbeRun.NewFolder();
        File.WriteAllText(Path.Combine(folder, "cookies.txt"), $"# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/\tFALSE\t0\t{TestSite.CookieName}\t{TestSite.EditorSession}\n127.0.0.1 FALSE / {TestSite.EditorSession}\n");

        var run = await ProbeRun.RunInAsync(null, folder, "probe", "http://127.0.0.1:9/", "--cookie-file", "cookies.txt");

        Assert.Equal("cmshazards probe: line 3 of the cookie file does not have the 7 tab-separated fields of a Netscape cookie file.", run.Error.Split('\n')[0].TrimEnd('\r'));
        Assert.DoesNotContain(TestSite.EditorSession, run.Output + run.Error, StringComparison.Ordinal);
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task A_cookie_value_given_where_the_file_name_belongs_is_not_echoed()
    {
        var run = await ProbeRun.RunAsync("probe", "http://127.0.0.1:9/", "--cookie-file", $"{TestSite.CookieName}={TestSite.EditorSession}");

        Assert.Equal("cmshazards probe: cannot read the file given with --cookie-file: there is no such file.", run.Error.Split('\n')[0].TrimEnd('\r'));
        Assert.DoesNotContain(TestSite.EditorSession, run.Output + run.Error, StringComparison.Ordinal);
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task Expired_cookies_are_not_sent_and_are_counted_in_a_note()
    {
        await using var site = await TestSite.StartAsync(TestSite.AnswersHeartbeats);
        var folder = ProbeRun.NewFolder();
        File.WriteAllText(Path.Combine(folder, "cookies.txt"), string.Join("\n",
            "# Netscape HTTP Cookie File",
            $"#HttpOnly_127.0.0.1\tFALSE\t/\tFALSE\t0\t{TestSite.CookieName}\t{TestSite.EditorSession}",
            $"127.0.0.1\tFALSE\t/\tFALSE\t1000000000\told\t{ProbeRun.OtherSiteSession}"));

        var run = await ProbeRun.RunInAsync(ProbeRun.QuickHeartbeat, folder, "probe", site.Address.ToString(), "--cookie-file", "cookies.txt");

        Assert.Equal("verdict: websockets-work (works, exit code 0)", run.Lines[1]);
        Assert.Contains("  note      cookies in the file not sent: 1 expired", run.Lines);
        Assert.Contains(run.Lines, l => l.EndsWith(", no subprotocol, 1 cookie (value not shown)", StringComparison.Ordinal));
        Assert.DoesNotContain(ProbeRun.OtherSiteSession, run.Output + run.Error, StringComparison.Ordinal);
    }
}
