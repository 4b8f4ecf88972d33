namespace CmsHazards.Cli.Probe;

/// <summary>
/// The cookie of a logged-in editor, read from <c>--cookie-file</c>: a Netscape cookie file (what browser
/// extensions and <c>curl -c</c> export) or the value of a <c>Cookie:</c> request header copied from the
/// browser's developer tools. It is a password in all but name, so nothing in this type hands a value to a
/// report: the values go only into the request header, and <see cref="Secrets"/> lets every writer check that
/// none of them leaks through an answer that echoes it.
/// </summary>
internal sealed class EditorCookie
{
    private EditorCookie(string? header, int count, IReadOnlyList<string> secrets, string? note)
    {
        Header = header;
        Count = count;
        Secrets = secrets;
        Note = note;
    }

    public static EditorCookie None { get; } = new EditorCookie(null, 0, Array.Empty<string>(), null);

    /// <summary>The Cookie header value to send; null for none.</summary>
    public string? Header { get; }

    /// <summary>How many cookies are sent.</summary>
    public int Count { get; }

    /// <summary>Every value read from the file, whether sent or not, for the writers to keep out of any output.</summary>
    public IReadOnlyList<string> Secrets { get; }

    /// <summary>What a person should know about the file (expired or non-matching cookies), without a value.</summary>
    public string? Note { get; }

    /// <summary>
    /// Reads the cookies in <paramref name="text"/> that a browser would send to <paramref name="target"/>.
    /// Returns null and a sentence when the file cannot be used; the sentence never quotes the file.
    /// </summary>
    public static EditorCookie? Read(string text, ProbeTarget target, DateTimeOffset now, out string? problem)
    {
        problem = null;
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var looksNetscape = lines.Any(l => l.Split('\t').Length == 7 && !l.StartsWith("#", StringComparison.Ordinal) || l.StartsWith("#HttpOnly_", StringComparison.Ordinal))
            || lines.Any(l => l.StartsWith("# Netscape HTTP Cookie File", StringComparison.OrdinalIgnoreCase) || l.StartsWith("# HTTP Cookie File", StringComparison.OrdinalIgnoreCase));
        return looksNetscape ? ReadNetscape(lines, target, now, out problem) : ReadHeader(text, out problem);
    }

    /// <summary>"name=value; name2=value2", with or without the "Cookie:" that developer tools copy along.</summary>
    private static EditorCookie? ReadHeader(string text, out string? problem)
    {
        problem = null;
        var value = text.Trim();
        if (value.StartsWith("Cookie:", StringComparison.OrdinalIgnoreCase)) value = value.Substring("Cookie:".Length).Trim();
        if (value.Length == 0)
        {
            problem = "the cookie file is empty; put the editor's Cookie header value (name=value; ...) or a Netscape cookie file in it.";
            return null;
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var part in value.Split(';'))
        {
            var pair = part.Trim();
            if (pair.Length == 0) continue;
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                problem = "the cookie file is neither a Netscape cookie file nor a Cookie header value (name=value; name2=value2).";
                return null;
            }

            pairs.Add((pair.Substring(0, equals).Trim(), pair.Substring(equals + 1).Trim()));
        }

        return Build(pairs, null, out problem);
    }

    /// <summary>
    /// Tab-separated lines: domain, include-subdomains flag, path, secure, expiry (Unix seconds, 0 for a session
    /// cookie), name, value. "#HttpOnly_" before the domain marks an HttpOnly cookie, which is exactly the kind an
    /// authentication cookie is, so it must not be skipped as a comment.
    /// </summary>
    private static EditorCookie? ReadNetscape(string[] lines, ProbeTarget target, DateTimeOffset now, out string? problem)
    {
        var pairs = new List<(string Name, string Value)>();
        var allValues = new List<string>();
        int expired = 0, elsewhere = 0, number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("#HttpOnly_", StringComparison.Ordinal)) line = line.Substring("#HttpOnly_".Length);
            else if (line.StartsWith("#", StringComparison.Ordinal) || line.Trim().Length == 0) continue;

            var fields = line.Split('\t');
            if (fields.Length != 7)
            {
                problem = $"line {number} of the cookie file does not have the 7 tab-separated fields of a Netscape cookie file.";
                return null;
            }

            allValues.Add(fields[6]);
            var domain = fields[0].Trim().TrimStart('.').ToLowerInvariant();
            var subdomains = fields[1].Trim().Equals("TRUE", StringComparison.OrdinalIgnoreCase) || fields[0].TrimStart().StartsWith(".", StringComparison.Ordinal);
            var host = target.Host.ToLowerInvariant();
            var domainMatches = host == domain || (subdomains && host.EndsWith("." + domain, StringComparison.Ordinal));
            var cookiePath = fields[2].Trim().Length == 0 ? "/" : fields[2].Trim();
            var pathMatches = target.Endpoint.AbsolutePath.StartsWith(cookiePath, StringComparison.Ordinal);
            var secureOnly = fields[3].Trim().Equals("TRUE", StringComparison.OrdinalIgnoreCase);
            if (!domainMatches || !pathMatches || (secureOnly && !target.Secure))
            {
                elsewhere++;
                continue;
            }

            if (long.TryParse(fields[4].Trim(), out var expires) && expires > 0 && DateTimeOffset.FromUnixTimeSeconds(Math.Min(expires, 253402300799)) <= now)
            {
                expired++;
                continue;
            }

            pairs.Add((fields[5].Trim(), fields[6]));
        }

        var notes = new List<string>();
        if (expired > 0) notes.Add($"{expired} expired");
        if (elsewhere > 0) notes.Add($"{elsewhere} for another host, path or scheme");
        var note = notes.Count == 0 ? null : "cookies in the file not sent: " + string.Join(", ", notes);
        if (pairs.Count == 0)
        {
            problem = $"no cookie in the cookie file is for {target.Host}{(notes.Count > 0 ? " (" + string.Join(", ", notes) + ")" : "")}; export the cookies of a browser logged in to that site as an editor.";
            return null;
        }

        var cookie = Build(pairs, note, out problem);
        return cookie is null ? null : new EditorCookie(cookie.Header, cookie.Count, allValues.Where(v => v.Length > 0).Distinct().ToList(), note);
    }

    private static EditorCookie? Build(List<(string Name, string Value)> pairs, string? note, out string? problem)
    {
        problem = null;

        // A line break in a value would end the Cookie header and start a header of the file's choosing.
        if (pairs.Any(p => p.Name.Length == 0 || p.Name.Any(c => char.IsControl(c) || c is ' ' or ';' or '=') || p.Value.Any(char.IsControl)))
        {
            problem = "the cookie file holds a cookie whose name or value has a control character or line break; copy the cookie again.";
            return null;
        }

        var header = string.Join("; ", pairs.Select(p => p.Name + "=" + p.Value));
        return new EditorCookie(header, pairs.Count, pairs.Select(p => p.Value).Where(v => v.Length > 0).Distinct().ToList(), note);
    }
}
