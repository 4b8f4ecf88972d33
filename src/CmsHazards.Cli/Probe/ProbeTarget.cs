namespace CmsHazards.Cli.Probe;

/// <summary>
/// Where the probe connects: the site the editor opens, and the socket endpoint the CMS UI client derives from
/// it. The client takes the page's base URL, swaps <c>http</c> for <c>ws</c>, and resolves the route
/// <c>{moduleArea: "Shell", controller: "socket", action: "endpoint"}</c> under the protected modules root
/// (<c>epi/shell/socket/MessageHub.js</c> and <c>hub.js</c> in the CMS UI), so the default endpoint is
/// <c>/EPiServer/Shell/socket/endpoint/</c>. CMS 11 sites move the root with the protected modules
/// <c>rootPath</c>, CMS 12/13 sites with <c>ProtectedModuleOptions.RootPath</c>: <c>--root</c> follows them.
/// </summary>
internal sealed class ProbeTarget
{
    public const string DefaultRoot = "/EPiServer/";
    public const string EndpointUnderRoot = "Shell/socket/endpoint/";

    private ProbeTarget(Uri site, Uri endpoint)
    {
        Site = site;
        Endpoint = endpoint;
    }

    /// <summary>The site as given, http or https.</summary>
    public Uri Site { get; }

    /// <summary>The WebSocket endpoint, ws or wss.</summary>
    public Uri Endpoint { get; }

    public bool Secure => Endpoint.Scheme == "wss";

    public string Host => Endpoint.IdnHost;

    public int Port => Endpoint.Port;

    /// <summary>The request target of the upgrade request: path and query.</summary>
    public string PathAndQuery => Endpoint.PathAndQuery;

    /// <summary>The Host header: the port only when it is not the scheme's default, as browsers send it.</summary>
    public string HostHeader => Endpoint.Authority;

    /// <summary>The Origin a browser sends from a page of this site: the http(s) origin, never ws.</summary>
    public string Origin => $"{(Secure ? "https" : "http")}://{Endpoint.Authority}";

    /// <summary>
    /// The endpoint for <paramref name="url"/>; null and a sentence when the URL cannot be probed.
    /// <paramref name="path"/>, when given, is the endpoint itself (absolute path, or relative to the site URL);
    /// otherwise <paramref name="root"/> (default /EPiServer/) followed by Shell/socket/endpoint/.
    /// </summary>
    public static ProbeTarget? Create(string url, string? root, string? path, out string? problem)
    {
        problem = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var site) || site.Scheme is not ("http" or "https" or "ws" or "wss"))
        {
            problem = $"'{url}' is not an http or https URL; give the site's address, such as https://edit.example.com/.";
            return null;
        }

        if (site.UserInfo.Length > 0)
        {
            // A password in the URL would be printed with every report: the cookie file is the one way in.
            problem = "the URL carries a user name or password; give the address without them, and the editor's cookie with --cookie-file.";
            return null;
        }

        var webSocketScheme = site.Scheme is "https" or "wss" ? "wss" : "ws";
        var httpScheme = webSocketScheme == "wss" ? "https" : "http";
        var siteRoot = new UriBuilder(site) { Scheme = httpScheme, Port = site.IsDefaultPort ? -1 : site.Port }.Uri;

        string relative;
        if (!string.IsNullOrWhiteSpace(path))
        {
            relative = path!.Trim();
        }
        else
        {
            var protectedRoot = string.IsNullOrWhiteSpace(root) ? DefaultRoot : root!.Trim();
            if (protectedRoot.Contains("://", StringComparison.Ordinal) || protectedRoot.Contains('?') || protectedRoot.Contains('#'))
            {
                problem = $"--root '{protectedRoot}' is not a path; give the protected modules root, such as /EPiServer/ or /secret/cms/.";
                return null;
            }

            if (!protectedRoot.EndsWith('/')) protectedRoot += "/";
            relative = protectedRoot + EndpointUnderRoot;
        }

        if (relative.Contains("://", StringComparison.Ordinal) || !Uri.TryCreate(siteRoot, relative, out var endpointHttp))
        {
            problem = $"--path '{relative}' is not a path on the site; give one such as /EPiServer/Shell/socket/endpoint/.";
            return null;
        }

        var endpoint = new UriBuilder(endpointHttp) { Scheme = webSocketScheme, Port = endpointHttp.IsDefaultPort ? -1 : endpointHttp.Port, Fragment = "" }.Uri;
        return new ProbeTarget(siteRoot, endpoint);
    }
}
