using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CmsHazards.Probe.Tests;

/// <summary>
/// A reverse proxy over TCP on 127.0.0.1, port 0, in front of a <see cref="TestSite"/>, that mishandles
/// WebSockets the way real infrastructure does. Each connection is served until either side closes or the proxy
/// is disposed; every loop ends with its connection.
/// </summary>
internal sealed class TestProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private readonly int backendPort;
    private readonly Behaviour behaviour;

    public enum Behaviour
    {
        /// <summary>Removes Upgrade and Connection, as a proxy without WebSocket support does with hop-by-hop headers.</summary>
        StripsUpgrade,

        /// <summary>Passes the upgrade and its 101, then passes no frame in either direction (buffers them for ever).</summary>
        SwallowsFrames,
    }

    public TestProxy(TestSite backend, Behaviour behaviour)
    {
        backendPort = backend.Port;
        this.behaviour = behaviour;
        listener.Start();
        accepting = AcceptAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                connections.Add(ServeAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        using var backend = new TcpClient();
        try
        {
            var fromClient = client.GetStream();
            var head = await ReadHeadAsync(fromClient);
            if (head is null) return;
            await backend.ConnectAsync(IPAddress.Loopback, backendPort, stop.Token);
            var toBackend = backend.GetStream();

            if (behaviour == Behaviour.StripsUpgrade)
            {
                var lines = head.Split("\r\n").Where(l => !l.StartsWith("Upgrade:", StringComparison.OrdinalIgnoreCase) && !l.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase));
                await toBackend.WriteAsync(Encoding.Latin1.GetBytes(string.Join("\r\n", lines)), stop.Token);
                await Task.WhenAny(fromClient.CopyToAsync(toBackend, stop.Token), toBackend.CopyToAsync(fromClient, stop.Token));
                return;
            }

            await toBackend.WriteAsync(Encoding.Latin1.GetBytes(head), stop.Token);
            var answer = await ReadHeadAsync(toBackend);
            if (answer is null) return;
            await fromClient.WriteAsync(Encoding.Latin1.GetBytes(answer), stop.Token);

            // From here on every byte is taken and none passed on, in both directions.
            await Task.WhenAny(fromClient.CopyToAsync(Stream.Null, stop.Token), toBackend.CopyToAsync(Stream.Null, stop.Token));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // One side went away; the connection is over.
        }
    }

    /// <summary>Reads byte by byte up to the blank line, so nothing after the head is consumed here.</summary>
    private async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 64 * 1024)
        {
            if (await stream.ReadAsync(one, stop.Token) == 0) return null;
            head.Add(one[0]);
            if (head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n') return Encoding.Latin1.GetString(head.ToArray());
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Stop();
        await accepting.WaitAsync(TimeSpan.FromSeconds(5));
        stop.Dispose();
    }
}

/// <summary>A listener that accepts connections and never says a word: what a hung site or a holding proxy looks like.</summary>
internal sealed class SilentListener : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> held = new();
    private readonly CancellationTokenSource stop = new();

    public SilentListener()
    {
        listener.Start();
        _ = HoldAsync();
    }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    private async Task HoldAsync()
    {
        try
        {
            while (true)
            {
                var socket = await listener.AcceptSocketAsync(stop.Token);
                lock (held) held.Add(socket);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>A port that was just free on 127.0.0.1: connecting to it is refused.</summary>
    public static Uri RefusingAddress()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        lock (held)
        {
            foreach (var socket in held) socket.Dispose();
        }

        stop.Dispose();
    }
}
