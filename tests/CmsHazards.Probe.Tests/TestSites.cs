using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CmsHazards.Probe.Tests;

/// <summary>
/// A Kestrel site on 127.0.0.1, port 0, answering at the CMS UI's socket endpoint the way a scenario needs.
/// The site lives for one test; disposing it stops Kestrel, which ends every connection still open.
/// </summary>
internal sealed class TestSite : IAsyncDisposable
{
    public const string Endpoint = "/EPiServer/Shell/socket/endpoint/";
    public const string CookieName = ".EPiServerLogin";

    /// <summary>The editor's session: the value no output may ever contain.</summary>
    public const string EditorSession = "Ed1t0r-S3ss10n-5c1f0e7a9b2d4c6e";

    private readonly WebApplication app;

    private TestSite(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public int Port => Address.Port;

    /// <summary>What the site does at the endpoint for a request that carries the editor's cookie.</summary>
    public delegate Task Editor(HttpContext context);

    public static Task<TestSite> StartAsync(Editor editor, Func<HttpContext, Task>? stranger = null, X509Certificate2? certificate = null) =>
        StartOpenAsync(async context =>
        {
            if (context.Request.Path != Endpoint)
            {
                context.Response.StatusCode = 404;
                return;
            }

            if (context.Request.Cookies[CookieName] != EditorSession)
            {
                await (stranger ?? RedirectToLogin)(context);
                return;
            }

            await editor(context);
        }, certificate);

    /// <summary>A site whose every request is answered by <paramref name="handle"/>, cookie or not.</summary>
    public static async Task<TestSite> StartOpenAsync(RequestDelegate handle, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (certificate is not null) listen.UseHttps(certificate);
            });
        });
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(handle);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new TestSite(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
    }

    /// <summary>CMS 11's forms authentication and CMS 12's cookie authentication both send strangers to log in.</summary>
    public static Task RedirectToLogin(HttpContext context)
    {
        context.Response.Redirect("/Util/login?ReturnUrl=" + Uri.EscapeDataString(context.Request.Path));
        return Task.CompletedTask;
    }

    /// <summary>The CMS endpoint: a WebSocket that echoes the client's heartbeat; a plain GET gets a page.</summary>
    public static async Task AnswersHeartbeats(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync("<!DOCTYPE html><html><head><title>Episerver</title></head><body></body></html>");
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[1024];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", context.RequestAborted);
                return;
            }

            if (Encoding.UTF8.GetString(buffer, 0, received.Count) == "/epi/heartbeat")
            {
                await socket.SendAsync(buffer.AsMemory(0, received.Count), WebSocketMessageType.Text, true, context.RequestAborted);
            }
        }
    }

    /// <summary>
    /// Accepts the upgrade, then kills the connection without a close frame when the first heartbeat arrives, as
    /// a hop that cannot carry frames does. Waiting for the heartbeat (rather than a delay) makes sure the probe has
    /// read the 101 first: a reset that overtakes unread data discards it.
    /// </summary>
    public static async Task AcceptsThenDrops(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await socket.ReceiveAsync(new byte[1024], context.RequestAborted);
        context.Abort();
    }

    /// <summary>IIS 8+ with the WebSocket Protocol feature off: its detailed 503.0 page.</summary>
    public static async Task IisWithWebSocketsOff(HttpContext context)
    {
        context.Response.StatusCode = 503;
        context.Response.Headers.Server = "Microsoft-IIS/10.0";
        context.Response.Headers["X-Powered-By"] = "ASP.NET";
        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync("""
            <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
            <html xmlns="http://www.w3.org/1999/xhtml"><head><title>IIS 10.0 Detailed Error - 503.0 - Service Unavailable</title></head>
            <body><div id="content"><div class="content-container"><h3>HTTP Error 503.0 - Service Unavailable</h3>
            <h4>WebSocket request made to a site where WebSockets are disabled.</h4></div></div></body></html>
            """);
    }

    /// <summary>ASP.NET in its 4.0 compatibility mode: System.Web's yellow screen for AcceptWebSocketRequest.</summary>
    public static async Task AspNetInCompatibilityMode(HttpContext context)
    {
        context.Response.StatusCode = 500;
        context.Response.Headers.Server = "Microsoft-IIS/10.0";
        context.Response.Headers["X-AspNet-Version"] = "4.0.30319";
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync("""
            <html><head><title>WebSockets is unsupported in the current application configuration. To enable this, set the following configuration switch in Web.config:</title></head>
            <body><h2><i>WebSockets is unsupported in the current application configuration. To enable this, set the following configuration switch in Web.config:<br><br>&lt;system.web&gt;<br>&nbsp;&nbsp;&lt;httpRuntime targetFramework=&quot;4.5&quot; /&gt;<br>&lt;/system.web&gt;</i></h2></body></html>
            """);
    }

    /// <summary>A self-signed certificate for 127.0.0.1: TLS that a browser (and the probe) must refuse.</summary>
    public static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=staging.cms.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

        // Kestrel needs the private key in a form the platform's TLS stack can load.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(limit.Token);
        await app.DisposeAsync();
    }
}
