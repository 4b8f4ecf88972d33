namespace CmsHazards.Cli.Probe;

/// <summary>Why the probe got no HTTP answer at all.</summary>
internal enum ConnectionFailureKind
{
    /// <summary>The host name did not resolve.</summary>
    Dns,

    /// <summary>No TCP connection: refused, unreachable, reset, or closed before any answer.</summary>
    Connection,

    /// <summary>The TLS handshake failed: untrusted or wrong certificate, protocol mismatch.</summary>
    Tls,

    /// <summary>A step did not finish within --timeout.</summary>
    Timeout,
}

/// <summary>The step at which the probe was when something happened, for timings and messages.</summary>
internal enum ProbeStep
{
    Resolve,
    Connect,
    Tls,
    Response,
}

internal sealed record ConnectionFailure(ConnectionFailureKind Kind, ProbeStep Step, string Detail);

/// <summary>The HTTP answer to the upgrade request, as it came over the wire.</summary>
/// <param name="Body">Up to the first 64 KB of a non-101 answer's body, decoded as UTF-8; empty for 101.</param>
internal sealed record UpgradeAnswer(string StatusLine, int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
{
    public string? Header(string name) => Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
}

/// <summary>What happened on the WebSocket after 101, measured from the moment it opened.</summary>
internal sealed class SocketConversation
{
    /// <summary>Why the 101 is not a handshake a browser accepts; null when it is.</summary>
    public string? HandshakeProblem { get; set; }

    /// <summary>How long the client's heartbeat lets the connection go without an answer: two intervals.</summary>
    public TimeSpan Window { get; set; }

    public int HeartbeatsSent { get; set; }

    /// <summary>How many messages came back within the heartbeat window.</summary>
    public int Answers { get; set; }

    /// <summary>When the first message came back; null when none did within the heartbeat window.</summary>
    public TimeSpan? AnsweredAfter { get; set; }

    /// <summary>Whether the first message was the heartbeat echoed (any message keeps the client alive).</summary>
    public bool AnswerWasHeartbeat { get; set; }

    public int AnswerLength { get; set; }

    /// <summary>When the connection ended within the heartbeat window; null when it did not.</summary>
    public TimeSpan? DroppedAfter { get; set; }

    /// <summary>How it ended: a close frame and its status, or the connection gone without one.</summary>
    public string? DropDetail { get; set; }

    /// <summary>The heartbeat window that passed without an answer, when it did.</summary>
    public TimeSpan? SilentFor { get; set; }

    /// <summary>Whether the probe's close was answered by the other side's close, and how long that took.</summary>
    public bool ClosedCleanly { get; set; }

    public TimeSpan? CloseTook { get; set; }

    public string? CloseDetail { get; set; }
}

/// <summary>Everything one probe saw: the facts a verdict is decided from and the evidence shown with it.</summary>
internal sealed class UpgradeObservation
{
    public UpgradeObservation(ProbeTarget target, int cookiesSent)
    {
        Target = target;
        CookiesSent = cookiesSent;
    }

    public ProbeTarget Target { get; }

    public int CookiesSent { get; }

    public string? RemoteAddress { get; set; }

    public ConnectionFailure? Failure { get; set; }

    public UpgradeAnswer? Answer { get; set; }

    public SocketConversation? Socket { get; set; }

    /// <summary>Step durations in the order they happened: resolve, connect, tls, response, heartbeat, close.</summary>
    public List<KeyValuePair<string, TimeSpan>> Timings { get; } = new();

    /// <summary>Facts worth showing that decide nothing (the certificate's subject, cookies not sent).</summary>
    public List<string> Notes { get; } = new();
}
