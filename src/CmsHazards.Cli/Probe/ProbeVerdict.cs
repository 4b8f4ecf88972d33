namespace CmsHazards.Cli.Probe;

/// <summary>
/// What a probe can conclude, with the exit code <c>scan</c> would give it: 0 works, 1 a hazard found, 2 the
/// probe could not tell. The IDs are the probe's own words in reports (text, JSON, SARIF); they are not rule IDs
/// of the CMSH catalogue, which speaks about what a repository declares.
/// </summary>
internal sealed record ProbeVerdict(string Id, int ExitCode, string Meaning)
{
    public const int Works = 0;
    public const int HazardFound = 1;
    public const int CouldNotTell = 2;

    public static ProbeVerdict WebSocketsWork { get; } = new("websockets-work", Works,
        "101 Switching Protocols, the heartbeat answered and the connection up for the heartbeat window (6 s): WebSockets work end to end on this path.");

    public static ProbeVerdict UpgradeThenSilence { get; } = new("upgrade-then-silence", HazardFound,
        "101, but no frame came back or the connection dropped within the heartbeat window (6 s): something in between accepts the upgrade and then buffers or kills the connection.");

    public static ProbeVerdict UpgradeDropped { get; } = new("upgrade-dropped", HazardFound,
        "200 OK to the upgrade with an editor cookie: something in between dropped the Upgrade header and the CMS answered a plain request.");

    public static ProbeVerdict ServerWebSocketsOff { get; } = new("server-websockets-off", HazardFound,
        "503 with IIS's \"WebSocket request made to a site where WebSockets are disabled\" (IIS WebSocket Protocol feature, or <webSocket enabled=\"false\">), or ASP.NET's \"WebSockets is unsupported in the current application configuration\" (httpRuntime targetFramework below 4.5): the server itself.");

    public static ProbeVerdict NotAnEditor { get; } = new("not-an-editor", CouldNotTell,
        "A redirect to a login page, 401 or 403: the request was not an editor's; the infrastructure question is unanswered.");

    public static ProbeVerdict DnsFailed { get; } = new("dns-failed", CouldNotTell,
        "The host name did not resolve.");

    public static ProbeVerdict ConnectionFailed { get; } = new("connection-failed", CouldNotTell,
        "No TCP connection (refused, unreachable, reset), or closed before any answer.");

    public static ProbeVerdict TlsFailed { get; } = new("tls-failed", CouldNotTell,
        "The TLS handshake failed (certificate not trusted, wrong name, expired; protocol mismatch).");

    public static ProbeVerdict TimedOut { get; } = new("timed-out", CouldNotTell,
        "No answer within --timeout: name lookup, connection, TLS or the upgrade answer.");

    public static ProbeVerdict UnexpectedAnswer { get; } = new("unexpected-answer", CouldNotTell,
        "Any other answer (404, 400, 200 without a cookie, a redirect elsewhere, 5xx without either sentence): shown with its evidence.");

    public static IReadOnlyList<ProbeVerdict> All { get; } = new[]
    {
        WebSocketsWork, UpgradeThenSilence, UpgradeDropped, ServerWebSocketsOff, NotAnEditor,
        DnsFailed, ConnectionFailed, TlsFailed, TimedOut, UnexpectedAnswer,
    };
}

/// <summary>A verdict about one probed site, in the words a person acts on, with the facts it rests on.</summary>
internal sealed record ProbeFinding(ProbeVerdict Verdict, string Summary, string Cause, string Action, UpgradeObservation Seen);

/// <summary>
/// Decides the verdict from what the probe saw. No I/O: every branch is a fact of the observation, so the
/// decisions are tested on observations as well as through real servers.
/// </summary>
internal static class ProbeDecision
{
    /// <summary>IIS's error for a WebSocket request to a site with WebSockets disabled (HTTP 503.0 detailed error).</summary>
    public const string IisWebSocketsDisabled = "WebSocket request made to a site where WebSockets are disabled";

    /// <summary>System.Web's error when ASP.NET is not in its 4.5 runtime mode (httpRuntime targetFramework).</summary>
    public const string AspNetWebSocketsUnsupported = "WebSockets is unsupported in the current application configuration";

    private const string TurnOff =
        "If this path cannot carry WebSockets, turn CMS UI WebSockets off (CMS 9.4-11: <add key=\"Epi.WebSockets.Enabled\" value=\"false\" /> in the root appSettings, which cmshazards scan --fix adds; CMS 12+: UIOptions.WebSocketEnabled = false) and declare <CmsHostWebSockets>false</CmsHostWebSockets> in the project so builds check it (CMSH101).";

    private const string GetACookie =
        "Log in to the edit interface in a browser as an editor, export that session's cookies (see README: the probe's cookie) and run again with --cookie-file.";

    private static readonly string[] LoginWords = { "login", "logon", "signin", "sign-in", "returnurl", "/account/", "authorize", "oauth", "saml", "openid", "wsfed" };

    public static ProbeFinding Decide(UpgradeObservation seen)
    {
        if (seen.Failure is { } failure) return Failed(seen, failure);
        var answer = seen.Answer!;
        var status = answer.StatusLine;
        var withCookie = seen.CookiesSent > 0;

        if (answer.StatusCode == 101) return Upgraded(seen, answer);

        if (answer.StatusCode >= 500 && Contains(answer.Body, IisWebSocketsDisabled))
        {
            return new ProbeFinding(ProbeVerdict.ServerWebSocketsOff,
                $"{status}, with IIS's \"{IisWebSocketsDisabled}\".",
                "IIS itself refuses WebSockets for this site: the WebSocket Protocol feature is not installed (IIS 8.0 and later have it as a role feature; IIS 7.5 has none), or configuration/system.webServer/webSocket has enabled=\"false\" in the site's web.config or applicationHost.config.",
                "Install the IIS feature (Server Manager: Web Server (IIS) > Web Server > Application Development > WebSocket Protocol; or Install-WindowsFeature Web-WebSockets) and remove <webSocket enabled=\"false\" />. " + TurnOff,
                seen);
        }

        if (answer.StatusCode >= 500 && Contains(answer.Body, AspNetWebSocketsUnsupported))
        {
            return new ProbeFinding(ProbeVerdict.ServerWebSocketsOff,
                $"{status}, with ASP.NET's \"{AspNetWebSocketsUnsupported}\".",
                "ASP.NET runs the site in its 4.0 compatibility mode: the root web.config's <httpRuntime> has no targetFramework of 4.5 or later, and the appSetting aspnet:UseTaskFriendlySynchronizationContext is not true.",
                "Set <httpRuntime targetFramework=\"4.5\" /> (or the version the site targets; it changes other ASP.NET behaviour too, so test the site), or the narrower <add key=\"aspnet:UseTaskFriendlySynchronizationContext\" value=\"true\" /> in the root appSettings. cmshazards scan reports this configuration from the repository as CMSH101. " + TurnOff,
                seen);
        }

        if (answer.StatusCode is >= 300 and < 400)
        {
            var location = answer.Header("Location") ?? "(no Location)";
            if (LoginWords.Any(w => location.Contains(w, StringComparison.OrdinalIgnoreCase)))
            {
                return NotAnEditor(seen, $"{status}, to a login page ({location}).");
            }

            return new ProbeFinding(ProbeVerdict.UnexpectedAnswer,
                $"{status}, to {location}, which is not a login page.",
                "A browser never follows a redirect for a WebSocket, so the CMS UI would fail here too; but the redirect (http to https, another host name, a missing slash) usually means the probe asked at the wrong address.",
                "Probe the address the redirect points to, or the address editors open the edit interface at.",
                seen);
        }

        if (answer.StatusCode is 401 or 403)
        {
            return NotAnEditor(seen, answer.StatusCode == 403
                ? $"{status}. A 403 can also come from a firewall or WAF in front of the site that refuses upgrades; the Server header and body say who answered."
                : $"{status}.");
        }

        if (answer.StatusCode is >= 200 and < 300)
        {
            if (LooksLikeLoginPage(answer.Body)) return NotAnEditor(seen, $"{status}, with a login form instead of the socket.");
            if (withCookie)
            {
                return new ProbeFinding(ProbeVerdict.UpgradeDropped,
                    $"{status} to the upgrade request, with an editor cookie.",
                    "Something between here and the CMS dropped the Upgrade and Connection headers, so the site answered an ordinary GET. Optimizely's WebSocket documentation: a proxy that does not support WebSockets \"most likely drops the headers and returns the 200 OK response from the server\". (If the cookie is not an editor's, the 200 may be a page the site serves to anyone: check the cookie.)",
                    "Turn on WebSocket support in each proxy, load balancer or CDN in front of the site (nginx: proxy_http_version 1.1 with the Upgrade and Connection headers passed on; Azure App Service: Web sockets On; Application Gateway, Front Door, Cloudflare: their WebSocket settings), or let editors connect without the middle tier. " + TurnOff,
                    seen);
            }

            return new ProbeFinding(ProbeVerdict.UnexpectedAnswer,
                $"{status} to the upgrade request, without a cookie.",
                "Either something in between dropped the Upgrade header, or this path is not the protected socket endpoint; without an editor's cookie the two cannot be told apart.",
                GetACookie,
                seen);
        }

        var cause = answer.StatusCode switch
        {
            404 => "No socket endpoint at this path: the protected modules root may not be /EPiServer/ (use --root, or --path for the endpoint), the site may not run the CMS UI, or CMS UI WebSockets may be turned off on the site (inferred: the endpoint is then not served).",
            400 or 426 => "The site saw the request but not as a WebSocket upgrade it accepts: something in between may have changed the Upgrade, Connection or Sec-WebSocket-* headers.",
            >= 500 when answer.Header("Server")?.Contains("IIS", StringComparison.OrdinalIgnoreCase) == true =>
                "IIS answered with an error, but its body does not carry the sentence that names the switch: IIS sends detailed errors only to requests from the server itself by default. The IIS log's substatus (503.0 for WebSockets disabled) tells; so does probing from the server.",
            >= 500 => "The site or something in front of it failed, and the body carries neither IIS's nor ASP.NET's WebSocket sentence.",
            _ => "Not an answer the CMS UI's socket endpoint gives; a browser would not open the socket either.",
        };
        return new ProbeFinding(ProbeVerdict.UnexpectedAnswer, $"{status}.", cause,
            "Look at the evidence below; probe the server directly (without proxies) to see which hop answers this way.", seen);
    }

    private static ProbeFinding Upgraded(UpgradeObservation seen, UpgradeAnswer answer)
    {
        var talk = seen.Socket!;
        var window = Milliseconds(talk.SilentFor);
        if (talk.HandshakeProblem is { } problem)
        {
            return new ProbeFinding(ProbeVerdict.UpgradeThenSilence,
                $"{answer.StatusLine}, but {problem}: a browser refuses this socket.",
                "Something between here and the CMS answered the upgrade itself, and not as RFC 6455 requires; the CMS does not answer this way.",
                "Find the hop that answers (the Server and Via headers may name it) and turn on its WebSocket support, or bypass it. " + TurnOff,
                seen);
        }

        if (talk.AnsweredAfter is { } answered && talk.DroppedAfter is null)
        {
            var what = talk.AnswerWasHeartbeat ? "the heartbeat was answered" : $"a message of {talk.AnswerLength} bytes came back";
            var close = talk.ClosedCleanly ? $", and the close was answered in {Milliseconds(talk.CloseTook)}" : $"; {talk.CloseDetail}";
            return new ProbeFinding(ProbeVerdict.WebSocketsWork,
                $"WebSockets work end to end: {answer.StatusLine}, {what} after {Milliseconds(answered)}, the connection stayed up for the heartbeat window ({Milliseconds(talk.Window)}){close}.",
                "Every hop between here and the site carries the upgrade and passes frames both ways.",
                "Nothing to fix on this path. Say so in the site's project, so builds stop asking: <CmsHostWebSockets>true</CmsHostWebSockets> (ends CMSH100). Probe again after any change to the hosts, proxies or CDN, and from the network editors use, whose path may differ.",
                seen);
        }

        var happened = talk.DroppedAfter is { } dropped
            ? $"{(talk.Answers > 0 ? $"{Count(talk.Answers, "message")} came back, then " : "")}{talk.DropDetail}, {Milliseconds(dropped)} after the upgrade"
            : $"no frame came back within the heartbeat window ({talk.HeartbeatsSent} heartbeats sent, nothing for {window})";
        return new ProbeFinding(ProbeVerdict.UpgradeThenSilence,
            $"{answer.StatusLine}, but {happened}. The CMS UI client gives up the socket the same way.",
            "Something between here and the CMS accepts the WebSocket upgrade and then buffers or kills the connection: a load balancer, reverse proxy, CDN, WAF or TLS-inspecting proxy that does not pass WebSocket frames, or an idle timeout shorter than the client's 3-second heartbeat.",
            "Probe each hop from the inside out (the server itself with --path, then the load balancer, then the public address) to find the one that stops the frames, and turn on its WebSocket support or response streaming. " + TurnOff,
            seen);
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static ProbeFinding NotAnEditor(UpgradeObservation seen, string summary)
    {
        var cause = seen.CookiesSent > 0
            ? "The cookie sent was not accepted as an editor's: it expired, belongs to another host or slot, or its user is not in WebEditors, WebAdmins or Administrators (CMS 12: the shell module's authorization policy)."
            : "No cookie was sent, and the socket endpoint is under the CMS's protected root, which only editors reach.";
        return new ProbeFinding(ProbeVerdict.NotAnEditor,
            summary + " Whether the infrastructure carries WebSockets is unanswered.", cause, GetACookie, seen);
    }

    private static ProbeFinding Failed(UpgradeObservation seen, ConnectionFailure failure) => failure.Kind switch
    {
        ConnectionFailureKind.Dns => new ProbeFinding(ProbeVerdict.DnsFailed, $"DNS: {failure.Detail}.",
            "The host name is wrong, not published yet, or resolves only inside another network.",
            "Check the URL. From CI, probe a name the runner can resolve (a staging slot's own host name, or an internal name from a runner inside that network).", seen),
        ConnectionFailureKind.Tls => new ProbeFinding(ProbeVerdict.TlsFailed, $"TLS: {failure.Detail}.",
            "The TLS handshake failed before any HTTP was spoken; a browser would refuse this connection too.",
            "Fix the certificate (name, chain, expiry), or probe the host name it is issued for. A staging certificate from a private authority must be trusted by the machine that runs the probe.", seen),
        ConnectionFailureKind.Timeout => new ProbeFinding(ProbeVerdict.TimedOut, $"Timeout: {failure.Detail}.",
            failure.Step == ProbeStep.Response
                ? "The connection was made but nothing answered the upgrade request: a site still starting, or something in between holding the request (some proxies wait for a body that a WebSocket request never sends)."
                : "Something drops the packets instead of refusing them (a firewall), or the site is very slow to accept.",
            "Raise --timeout if the site is slow to start; otherwise probe each hop from the inside out to find the one that holds the request.", seen),
        _ => new ProbeFinding(ProbeVerdict.ConnectionFailed, $"Connection: {failure.Detail}.",
            failure.Step == ProbeStep.Response
                ? "The connection was made, then closed without an answer: a proxy, firewall or server that refuses the upgrade by hanging up."
                : "Nothing accepts connections at that address and port from here: the site is down, the port or scheme is wrong, or a firewall refuses this network.",
            "Check the URL's scheme and port and that this machine may reach the site; then probe each hop from the inside out.", seen),
    };

    public static string Milliseconds(TimeSpan? span) => span is { } s ? $"{s.TotalMilliseconds:0} ms" : "-";

    private static bool Contains(string text, string sentence) => text.Contains(sentence, StringComparison.OrdinalIgnoreCase);

    /// <summary>A page with a password field is a login form, whatever its status: the cookie did not get through.</summary>
    private static bool LooksLikeLoginPage(string body) =>
        body.Contains("type=\"password\"", StringComparison.OrdinalIgnoreCase) || body.Contains("type='password'", StringComparison.OrdinalIgnoreCase) || body.Contains("type=password", StringComparison.OrdinalIgnoreCase);
}
