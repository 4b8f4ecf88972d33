using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CmsHazards.Cli.Probe;

/// <summary>What the probe reaches the network through; tests replace the name lookup, never the sockets.</summary>
internal sealed class ProbeNetwork
{
    public static ProbeNetwork Default { get; } = new();

    public Func<string, CancellationToken, Task<IPAddress[]>> Resolve { get; init; } = (host, cancel) => Dns.GetHostAddressesAsync(host, cancel);

    /// <summary>
    /// The CMS UI client's heartbeat interval (MessageHub.js: 3000 ms). It sends a heartbeat when the socket
    /// opens and every interval after it, and closes the socket when two are outstanding: an answer must come
    /// within two intervals.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(3);
}

/// <summary>
/// The handshake the CMS UI client makes, over the real network, with every fact recorded.
///
/// Why not ClientWebSocket for the upgrade: the verdicts that matter most are failed upgrades, and they are told
/// apart by the status line, the headers and the body: 200 (a proxy dropped Upgrade), 3xx to a login page,
/// 401/403, and 503 or 500 whose body carries IIS's or ASP.NET's own sentence naming the switch.
/// ClientWebSocket (with CollectHttpResponseDetails) gives the status code and headers of a failed upgrade, but
/// not the status line as sent nor the body, and it reports TLS, DNS and connection failures as one
/// WebSocketException whose inner exceptions vary by platform. So the request is written by hand, as HTTP/1.1
/// over a socket (and SslStream for wss), exactly as a browser sends it: GET with Upgrade: websocket,
/// Connection: Upgrade, Sec-WebSocket-Key/Version 13, the site's Origin, no subprotocol. After a valid 101 the
/// same stream goes to the framework's own WebSocket implementation (WebSocket.CreateFromStream), so framing,
/// masking and the close handshake are not ours.
/// </summary>
internal static class UpgradeProbe
{
    public const string Heartbeat = "/epi/heartbeat";
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private const int HeadLimit = 64 * 1024;
    private const int BodyLimit = 64 * 1024;

    /// <summary>The close handshake gets at most this long: a site that carried the heartbeat has answered.</summary>
    private static readonly TimeSpan CloseLimit = TimeSpan.FromSeconds(5);

    public static async Task<UpgradeObservation> RunAsync(ProbeTarget target, EditorCookie cookie, TimeSpan timeout, ProbeNetwork network, CancellationToken cancel)
    {
        var seen = new UpgradeObservation(target, cookie.Count);
        if (cookie.Note is { } note) seen.Notes.Add(note);
        var clock = Stopwatch.StartNew();

        // Every step before the answer shares one deadline: --timeout bounds the wait for the site to answer.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);

        var addresses = await ResolveAsync(target, network, seen, clock, deadline.Token, cancel, timeout).ConfigureAwait(false);
        if (addresses is null) return seen;

        using var socket = await ConnectAsync(target, addresses, seen, clock, deadline.Token, cancel, timeout).ConfigureAwait(false);
        if (socket is null) return seen;

        Stream stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            if (target.Secure)
            {
                var tls = await AuthenticateAsync(target, stream, seen, clock, deadline.Token, cancel, timeout).ConfigureAwait(false);
                if (tls is null) return seen;
                stream = tls;
            }

            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            var started = clock.Elapsed;
            byte[] head;
            byte[] rest;
            try
            {
                var request = Encoding.ASCII.GetBytes(Request(target, key, cookie));
                await stream.WriteAsync(request, deadline.Token).ConfigureAwait(false);
                (head, rest) = await ReadHeadAsync(stream, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                seen.Failure = new ConnectionFailure(ConnectionFailureKind.Timeout, ProbeStep.Response, $"no answer to the upgrade request within {Seconds(timeout)}");
                return seen;
            }
            catch (Exception e) when (e is IOException or SocketException)
            {
                seen.Failure = new ConnectionFailure(ConnectionFailureKind.Connection, ProbeStep.Response, "the connection ended before an answer to the upgrade request: " + Describe(e));
                return seen;
            }

            seen.Timings.Add(new("response", clock.Elapsed - started));
            if (head.Length == 0)
            {
                seen.Failure = new ConnectionFailure(ConnectionFailureKind.Connection, ProbeStep.Response, "the other side closed the connection without answering the upgrade request");
                return seen;
            }

            var (statusLine, statusCode, headers) = ParseHead(head);
            if (statusCode != 101)
            {
                var body = await ReadBodyAsync(stream, rest, headers, statusCode, deadline.Token).ConfigureAwait(false);
                seen.Answer = new UpgradeAnswer(statusLine, statusCode, headers, body);
                return seen;
            }

            seen.Answer = new UpgradeAnswer(statusLine, statusCode, headers, "");
            seen.Socket = new SocketConversation { HandshakeProblem = HandshakeProblem(seen.Answer, key) };
            if (seen.Socket.HandshakeProblem is null)
            {
                await ConverseAsync(new PrefixedStream(rest, stream), seen, network, clock, cancel).ConfigureAwait(false);
            }

            return seen;
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<IPAddress[]?> ResolveAsync(ProbeTarget target, ProbeNetwork network, UpgradeObservation seen, Stopwatch clock, CancellationToken deadline, CancellationToken cancel, TimeSpan timeout)
    {
        if (IPAddress.TryParse(target.Host.Trim('[', ']'), out var literal)) return new[] { literal };
        var started = clock.Elapsed;
        try
        {
            var addresses = await network.Resolve(target.Host, deadline).ConfigureAwait(false);
            seen.Timings.Add(new("resolve", clock.Elapsed - started));
            if (addresses.Length > 0) return addresses;
            seen.Failure = new ConnectionFailure(ConnectionFailureKind.Dns, ProbeStep.Resolve, $"{target.Host} has no address");
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            seen.Failure = new ConnectionFailure(ConnectionFailureKind.Timeout, ProbeStep.Resolve, $"the name {target.Host} did not resolve within {Seconds(timeout)}");
        }
        catch (SocketException e)
        {
            seen.Failure = new ConnectionFailure(ConnectionFailureKind.Dns, ProbeStep.Resolve, $"{target.Host} did not resolve: {Describe(e)}");
        }

        return null;
    }

    private static async Task<Socket?> ConnectAsync(ProbeTarget target, IPAddress[] addresses, UpgradeObservation seen, Stopwatch clock, CancellationToken deadline, CancellationToken cancel, TimeSpan timeout)
    {
        var started = clock.Elapsed;
        var failures = new List<string>();
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, target.Port, deadline).ConfigureAwait(false);
                seen.Timings.Add(new("connect", clock.Elapsed - started));
                seen.RemoteAddress = new IPEndPoint(address, target.Port).ToString();
                return socket;
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                socket.Dispose();
                seen.Failure = new ConnectionFailure(ConnectionFailureKind.Timeout, ProbeStep.Connect, $"no TCP connection to {new IPEndPoint(address, target.Port)} within {Seconds(timeout)}");
                return null;
            }
            catch (SocketException e)
            {
                socket.Dispose();
                failures.Add($"{new IPEndPoint(address, target.Port)}: {Describe(e)}");
            }
        }

        seen.Failure = new ConnectionFailure(ConnectionFailureKind.Connection, ProbeStep.Connect, "no TCP connection: " + string.Join("; ", failures));
        return null;
    }

    private static async Task<SslStream?> AuthenticateAsync(ProbeTarget target, Stream stream, UpgradeObservation seen, Stopwatch clock, CancellationToken deadline, CancellationToken cancel, TimeSpan timeout)
    {
        var started = clock.Elapsed;
        var errors = SslPolicyErrors.None;
        string? certificate = null;
        var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = target.Host,

                // The browser's rules: the certificate must chain to a trusted root and name the host. The
                // callback only records what was wrong, for the evidence; it accepts nothing the default rejects.
                RemoteCertificateValidationCallback = (_, cert, _, policyErrors) =>
                {
                    errors = policyErrors;
                    if (cert is not null)
                    {
                        using var x509 = new X509Certificate2(cert);
                        certificate = $"{x509.Subject}, issued by {x509.Issuer}, valid {x509.NotBefore:yyyy-MM-dd} to {x509.NotAfter:yyyy-MM-dd}";
                    }

                    return policyErrors == SslPolicyErrors.None;
                },
            }, deadline).ConfigureAwait(false);
            seen.Timings.Add(new("tls", clock.Elapsed - started));
            seen.Notes.Add($"TLS {tls.SslProtocol}; certificate {certificate}");
            return tls;
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            seen.Failure = new ConnectionFailure(ConnectionFailureKind.Timeout, ProbeStep.Tls, $"the TLS handshake did not finish within {Seconds(timeout)}");
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            var why = errors == SslPolicyErrors.None ? Describe(e) : $"the certificate was rejected ({errors})";
            seen.Failure = new ConnectionFailure(ConnectionFailureKind.Tls, ProbeStep.Tls, why + (certificate is null ? "" : $"; certificate {certificate}"));
        }

        await tls.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    /// <summary>The request a browser sends for <c>new WebSocket(url)</c> from a page of the site, without extensions.</summary>
    private static string Request(ProbeTarget target, string key, EditorCookie cookie)
    {
        var request = new StringBuilder()
            .Append("GET ").Append(target.PathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(target.HostHeader).Append("\r\n")
            .Append("Upgrade: websocket\r\n")
            .Append("Connection: Upgrade\r\n")
            .Append("Sec-WebSocket-Key: ").Append(key).Append("\r\n")
            .Append("Sec-WebSocket-Version: 13\r\n")
            .Append("Origin: ").Append(target.Origin).Append("\r\n")
            .Append("User-Agent: cmshazards-probe/").Append(SarifReport.ToolVersion).Append("\r\n")
            .Append("Cache-Control: no-cache\r\n");
        if (cookie.Header is { } header) request.Append("Cookie: ").Append(header).Append("\r\n");
        return request.Append("\r\n").ToString();
    }

    /// <summary>Reads up to the blank line that ends the head; what came after it belongs to the body or the socket.</summary>
    private static async Task<(byte[] Head, byte[] Remainder)> ReadHeadAsync(Stream stream, CancellationToken cancel)
    {
        var buffer = new byte[HeadLimit];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancel).ConfigureAwait(false);
            if (read == 0) return (Array.Empty<byte>(), Array.Empty<byte>());
            length += read;
            var end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
            if (end >= 0) return (buffer[..(end + 4)], buffer[(end + 4)..length]);
        }

        throw new IOException($"the answer's head is longer than {HeadLimit / 1024} KB");
    }

    private static (string StatusLine, int StatusCode, List<KeyValuePair<string, string>> Headers) ParseHead(byte[] head)
    {
        // Header values are Latin-1 on the wire; a status line or header that is not text is shown as it decodes.
        var lines = Encoding.Latin1.GetString(head).Split("\r\n");
        var statusLine = lines[0];
        var parts = statusLine.Split(' ', 3);
        var statusCode = parts.Length >= 2 && parts[0].StartsWith("HTTP/", StringComparison.Ordinal) && int.TryParse(parts[1], out var code) ? code : 0;
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers.Add(new(line.Substring(0, colon).Trim(), line.Substring(colon + 1).Trim()));
        }

        return (statusLine, statusCode, headers);
    }

    /// <summary>
    /// The body of a refused upgrade, where IIS and ASP.NET say which switch is off. Content-Length, chunked or
    /// up to the close, at most 64 KB, within the deadline; a body that does not come in time is taken as far as
    /// it came.
    /// </summary>
    private static async Task<string> ReadBodyAsync(Stream stream, byte[] rest, List<KeyValuePair<string, string>> headers, int statusCode, CancellationToken deadline)
    {
        if (statusCode is 204 or 304 || statusCode < 200) return "";
        string? Header(string name) => headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();
        var chunked = Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true;
        long? declared = long.TryParse(Header("Content-Length"), out var contentLength) ? contentLength : null;

        var raw = new MemoryStream();
        raw.Write(rest);
        var buffer = new byte[16 * 1024];
        try
        {
            while (raw.Length < BodyLimit + 1024 && !(declared is { } d && raw.Length >= d) && !(chunked && EndsChunked(raw)))
            {
                var read = await stream.ReadAsync(buffer, deadline).ConfigureAwait(false);
                if (read == 0) break;
                raw.Write(buffer, 0, read);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            // The head is the answer; the body is evidence on top of it.
        }

        var bytes = raw.ToArray();
        if (chunked) bytes = Unchunk(bytes);
        if (declared is { } limit && bytes.Length > limit) bytes = bytes[..(int)limit];
        if (bytes.Length > BodyLimit) bytes = bytes[..BodyLimit];
        return Encoding.UTF8.GetString(bytes);
    }

    private static bool EndsChunked(MemoryStream raw) => raw.Length >= 5 && raw.GetBuffer().AsSpan(0, (int)raw.Length).EndsWith("0\r\n\r\n"u8);

    private static byte[] Unchunk(byte[] raw)
    {
        var body = new MemoryStream();
        var at = 0;
        while (at < raw.Length)
        {
            var lineEnd = raw.AsSpan(at).IndexOf("\r\n"u8);
            if (lineEnd < 0) break;
            var sizeText = Encoding.ASCII.GetString(raw, at, lineEnd).Split(';')[0].Trim();
            if (!int.TryParse(sizeText, System.Globalization.NumberStyles.HexNumber, null, out var size) || size <= 0) break;
            at += lineEnd + 2;
            var take = Math.Min(size, raw.Length - at);
            body.Write(raw, at, take);
            at += take + 2;
        }

        return body.ToArray();
    }

    /// <summary>What a browser checks before it calls a 101 an open WebSocket (RFC 6455, 4.1).</summary>
    private static string? HandshakeProblem(UpgradeAnswer answer, string key)
    {
        if (!string.Equals(answer.Header("Upgrade"), "websocket", StringComparison.OrdinalIgnoreCase))
            return $"the 101 answer has Upgrade: {answer.Header("Upgrade") ?? "(none)"} instead of websocket";
        if (answer.Header("Connection")?.Split(',').Any(t => t.Trim().Equals("Upgrade", StringComparison.OrdinalIgnoreCase)) != true)
            return $"the 101 answer has Connection: {answer.Header("Connection") ?? "(none)"} instead of Upgrade";
        var expected = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
        if (answer.Header("Sec-WebSocket-Accept") != expected)
            return answer.Header("Sec-WebSocket-Accept") is null ? "the 101 answer has no Sec-WebSocket-Accept" : "the 101 answer's Sec-WebSocket-Accept does not match the key sent";
        if (answer.Header("Sec-WebSocket-Protocol") is { } protocol)
            return $"the 101 answer picks the subprotocol {protocol}, which was not asked for";
        return null;
    }

    /// <summary>
    /// The client's first seconds: a heartbeat when the socket opens and another one interval later; the client
    /// gives the socket up when two are outstanding, so the connection must carry an answer, and must stay up,
    /// for two intervals. Any message counts as an answer, as it does for the client. Then a clean close, bounded.
    /// </summary>
    private static async Task ConverseAsync(Stream stream, UpgradeObservation seen, ProbeNetwork network, Stopwatch clock, CancellationToken cancel)
    {
        var talk = seen.Socket!;
        using var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        var opened = clock.Elapsed;
        talk.Window = network.HeartbeatInterval * 2;
        var windowEnds = opened + talk.Window;
        var nextHeartbeat = opened;
        var message = new byte[4096];
        var heartbeat = Encoding.UTF8.GetBytes(Heartbeat);
        var receive = socket.ReceiveAsync(message.AsMemory(), cancel).AsTask();
        try
        {
            while (true)
            {
                // One reading of the clock per turn: a timer that wakes a hair early must not let the window
                // check and the heartbeat check see two different times (and send a third heartbeat at its end).
                var now = clock.Elapsed;
                if (now >= windowEnds) break;
                if (now >= nextHeartbeat && nextHeartbeat < windowEnds)
                {
                    await socket.SendAsync(heartbeat, WebSocketMessageType.Text, endOfMessage: true, cancel).ConfigureAwait(false);
                    talk.HeartbeatsSent++;
                    nextHeartbeat += network.HeartbeatInterval;
                }

                var wake = (nextHeartbeat < windowEnds ? nextHeartbeat : windowEnds) - clock.Elapsed;
                if (await Task.WhenAny(receive, Task.Delay(wake > TimeSpan.Zero ? wake : TimeSpan.Zero, cancel)).ConfigureAwait(false) != receive) continue;

                var result = await receive.ConfigureAwait(false);
                var after = clock.Elapsed - opened;
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    talk.DroppedAfter = after;
                    talk.DropDetail = $"the other side closed the WebSocket ({(int?)socket.CloseStatus} {socket.CloseStatus}{(string.IsNullOrEmpty(socket.CloseStatusDescription) ? "" : ": " + socket.CloseStatusDescription)})";
                    return;
                }

                if (result.EndOfMessage)
                {
                    talk.Answers++;
                    if (talk.AnsweredAfter is null)
                    {
                        talk.AnsweredAfter = after;
                        talk.AnswerLength = result.Count;
                        talk.AnswerWasHeartbeat = result.MessageType == WebSocketMessageType.Text && Encoding.UTF8.GetString(message, 0, result.Count) == Heartbeat;
                        seen.Timings.Add(new("heartbeat", after));
                    }
                }

                receive = socket.ReceiveAsync(message.AsMemory(), cancel).AsTask();
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            // A send or a receive found the connection gone.
            talk.DroppedAfter = clock.Elapsed - opened;
            talk.DropDetail = "the connection ended without a close frame: " + Describe(e);
            return;
        }

        if (talk.AnsweredAfter is null)
        {
            // Nothing came: the pending receive ends with the socket; the silence is already recorded.
            talk.SilentFor = windowEnds - opened;
            _ = receive.ContinueWith(t => t.Exception, TaskScheduler.Default);
            return;
        }

        // The clean close: ours, then theirs, read through the receive that is already waiting (a late
        // heartbeat echo may come first).
        var closing = clock.Elapsed;
        using var closeLimit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        closeLimit.CancelAfter(CloseLimit);
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "cmshazards probe done", closeLimit.Token).ConfigureAwait(false);
            while ((await receive.WaitAsync(closeLimit.Token).ConfigureAwait(false)).MessageType != WebSocketMessageType.Close)
            {
                receive = socket.ReceiveAsync(message.AsMemory(), closeLimit.Token).AsTask();
            }

            talk.ClosedCleanly = socket.State == WebSocketState.Closed;
            talk.CloseTook = clock.Elapsed - closing;
            seen.Timings.Add(new("close", talk.CloseTook.Value));
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
        {
            talk.CloseDetail = e is OperationCanceledException && !cancel.IsCancellationRequested
                ? $"the other side did not answer the close within {Seconds(CloseLimit)}"
                : "the close failed: " + Describe(e);
            _ = receive.ContinueWith(t => t.Exception, TaskScheduler.Default);
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds == 1 ? "1 second" : $"{span.TotalSeconds:0.###} seconds";

    /// <summary>An exception as one sentence: the innermost socket error is the fact; wrappers add nothing.</summary>
    private static string Describe(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socketError) return $"{socketError.SocketErrorCode} ({socketError.Message})";
        }

        return e.GetBaseException().Message;
    }
}
