using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CmsHazards.Cli.Probe;

internal enum ProbeFormat
{
    Text,
    Json,
    Sarif,
}

/// <summary>
/// The probe's report as text, JSON or SARIF. Every format is built whole and every string in it passed through
/// <see cref="Redact"/> before it is written anywhere, so a cookie value that an answer echoes (a Location, a
/// body title) cannot reach the console or a file, whatever the format.
/// </summary>
internal static class ProbeReport
{
    public const string Redacted = "(cookie value not shown)";

    /// <summary>The answer headers that say who answered and how; Set-Cookie is counted, never shown.</summary>
    private static readonly string[] EvidenceHeaders =
    {
        "Location", "Upgrade", "Connection", "Sec-WebSocket-Accept", "Sec-WebSocket-Protocol", "Sec-WebSocket-Extensions",
        "Server", "Via", "X-Powered-By", "X-AspNet-Version", "X-AspNetMvc-Version", "WWW-Authenticate", "Retry-After",
        "Content-Type", "Content-Length", "Transfer-Encoding", "CF-RAY", "X-Cache", "X-Azure-Ref", "X-Served-By", "X-Amz-Cf-Id",
    };

    public static string Write(ProbeFinding finding, ProbeFormat format, IReadOnlyList<string> secrets) => format switch
    {
        ProbeFormat.Json => RedactJson(Json(finding), secrets),
        ProbeFormat.Sarif => RedactJson(Sarif(finding), secrets),
        _ => Redact(Text(finding), secrets),
    };

    /// <summary>
    /// Every secret replaced. Values shorter than 8 characters are left: cookie files hold flags such as "true"
    /// or "en" beside the session, which are no secret, and replacing them would garble the report (and break
    /// JSON, where true is a token). A session cookie is far longer.
    /// </summary>
    public static string Redact(string text, IReadOnlyList<string> secrets)
    {
        foreach (var secret in secrets.Where(s => s.Length >= 8).OrderByDescending(s => s.Length))
        {
            text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>JSON redacted value by value, so a replacement can never change the document's structure.</summary>
    private static string RedactJson(string json, IReadOnlyList<string> secrets)
    {
        var document = JsonNode.Parse(json)!;
        Walk(document);
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + Environment.NewLine;

        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, child) in obj.ToList())
                    {
                        if (child is JsonValue value && value.TryGetValue<string>(out var text)) obj[name] = Redact(text, secrets);
                        else Walk(child);
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (array[i] is JsonValue value && value.TryGetValue<string>(out var text)) array[i] = Redact(text, secrets);
                        else Walk(array[i]);
                    }

                    break;
            }
        }
    }

    public static string Text(ProbeFinding finding)
    {
        var text = new StringBuilder();
        var exit = finding.Verdict.ExitCode switch { 0 => "works", 1 => "hazard", _ => "could not tell" };
        text.AppendLine($"cmshazards probe {finding.Seen.Target.Endpoint}");
        text.AppendLine($"verdict: {finding.Verdict.Id} ({exit}, exit code {finding.Verdict.ExitCode})");
        text.AppendLine($"  {finding.Summary}");
        text.AppendLine($"likely cause: {finding.Cause}");
        text.AppendLine($"what to do: {finding.Action}");
        text.AppendLine("evidence:");
        foreach (var (label, line) in Evidence(finding.Seen))
        {
            text.AppendLine($"  {label,-9} {line}");
        }

        return text.ToString();
    }

    /// <summary>The facts, in the order they happened, each labelled.</summary>
    public static List<(string Label, string Text)> Evidence(UpgradeObservation seen)
    {
        var lines = new List<(string, string)>();
        var cookies = seen.CookiesSent switch { 0 => "no cookie", 1 => "1 cookie (value not shown)", var n => $"{n} cookies (values not shown)" };
        var to = seen.RemoteAddress ?? $"{seen.Target.Host}:{seen.Target.Port}";
        lines.Add(("request", $"GET {seen.Target.PathAndQuery} HTTP/1.1 to {to} ({seen.Target.Endpoint.Scheme}), Upgrade: websocket, Origin: {seen.Target.Origin}, no subprotocol, {cookies}"));
        if (seen.Answer is { } answer)
        {
            lines.Add(("answer", answer.StatusLine));
            foreach (var (name, value) in Headers(answer)) lines.Add(("", $"{name}: {value}"));
            var cookiesSet = answer.Headers.Count(h => h.Key.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase));
            if (cookiesSet > 0) lines.Add(("", $"Set-Cookie: {cookiesSet} (values not shown)"));
            if (BodyFacts(answer) is { } body) lines.Add(("body", body));
        }

        if (seen.Failure is { } failure) lines.Add(("failure", $"{failure.Step}: {failure.Detail}"));
        if (seen.Socket is { } talk && talk.HandshakeProblem is null)
        {
            var socket = $"{talk.HeartbeatsSent} heartbeat{(talk.HeartbeatsSent == 1 ? "" : "s")} ({UpgradeProbe.Heartbeat}) sent in {ProbeDecision.Milliseconds(talk.Window)}; ";
            if (talk.AnsweredAfter is { } answered) socket += (talk.AnswerWasHeartbeat ? $"heartbeat echoed after {ProbeDecision.Milliseconds(answered)}" : $"a {talk.AnswerLength}-byte message after {ProbeDecision.Milliseconds(answered)}") + $", {talk.Answers} message{(talk.Answers == 1 ? "" : "s")} in all";
            if (talk.DroppedAfter is { } dropped) socket += (talk.AnsweredAfter is null ? "" : "; ") + $"{talk.DropDetail}, after {ProbeDecision.Milliseconds(dropped)}";
            else if (talk.AnsweredAfter is null) socket += $"no frame within {ProbeDecision.Milliseconds(talk.SilentFor)}";
            else socket += talk.ClosedCleanly ? "; closed cleanly (1000 Normal Closure both ways)" : $"; {talk.CloseDetail}";
            lines.Add(("socket", socket));
        }

        if (seen.Timings.Count > 0) lines.Add(("timings", string.Join(", ", seen.Timings.Select(t => $"{t.Key} {ProbeDecision.Milliseconds(t.Value)}"))));
        foreach (var note in seen.Notes) lines.Add(("note", note));
        return lines;
    }

    private static IEnumerable<(string Name, string Value)> Headers(UpgradeAnswer answer) =>
        EvidenceHeaders.SelectMany(name => answer.Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => (h.Key, h.Value)));

    /// <summary>What the body says that matters: the sentence that names a switch, and the page title. Never the body itself.</summary>
    private static string? BodyFacts(UpgradeAnswer answer)
    {
        var facts = new List<string>();
        foreach (var sentence in new[] { ProbeDecision.IisWebSocketsDisabled, ProbeDecision.AspNetWebSocketsUnsupported })
        {
            if (answer.Body.Contains(sentence, StringComparison.OrdinalIgnoreCase)) facts.Add($"carries \"{sentence}\"");
        }

        var title = Regex.Match(answer.Body, @"<title[^>]*>\s*([^<]{1,200}?)\s*</title>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        if (title.Success) facts.Add($"title \"{Regex.Replace(title.Groups[1].Value, @"\s+", " ")}\"");
        if (answer.Body.Length > 0) facts.Add($"{Encoding.UTF8.GetByteCount(answer.Body)} bytes read");
        return facts.Count == 0 ? null : string.Join("; ", facts);
    }

    private static JsonWriterOptions JsonOptions => new()
    {
        Indented = true,

        // The report is a file, never embedded in HTML: messages keep their <element> names readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Json(ProbeFinding finding)
    {
        var seen = finding.Seen;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("site", seen.Target.Site.ToString());
            json.WriteString("endpoint", seen.Target.Endpoint.ToString());
            json.WriteString("verdict", finding.Verdict.Id);
            json.WriteNumber("exitCode", finding.Verdict.ExitCode);
            json.WriteString("summary", finding.Summary);
            json.WriteString("cause", finding.Cause);
            json.WriteString("action", finding.Action);
            json.WriteNumber("cookiesSent", seen.CookiesSent);
            if (seen.RemoteAddress is { } remote) json.WriteString("remoteAddress", remote);
            if (seen.Failure is { } failure)
            {
                json.WriteStartObject("failure");
                json.WriteString("kind", failure.Kind.ToString().ToLowerInvariant());
                json.WriteString("step", failure.Step.ToString().ToLowerInvariant());
                json.WriteString("detail", failure.Detail);
                json.WriteEndObject();
            }

            if (seen.Answer is { } answer)
            {
                json.WriteStartObject("answer");
                json.WriteString("statusLine", answer.StatusLine);
                json.WriteNumber("statusCode", answer.StatusCode);
                json.WriteStartArray("headers");
                foreach (var (name, value) in Headers(answer))
                {
                    json.WriteStartObject();
                    json.WriteString("name", name);
                    json.WriteString("value", value);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                if (BodyFacts(answer) is { } body) json.WriteString("body", body);
                json.WriteEndObject();
            }

            if (seen.Socket is { } talk)
            {
                json.WriteStartObject("socket");
                if (talk.HandshakeProblem is { } problem) json.WriteString("handshakeProblem", problem);
                json.WriteNumber("heartbeatsSent", talk.HeartbeatsSent);
                json.WriteNumber("windowMs", Math.Round(talk.Window.TotalMilliseconds));
                json.WriteNumber("answers", talk.Answers);
                if (talk.AnsweredAfter is { } answered) json.WriteNumber("answeredAfterMs", Math.Round(answered.TotalMilliseconds));
                json.WriteBoolean("answerWasHeartbeat", talk.AnswerWasHeartbeat);
                if (talk.DroppedAfter is { } dropped) json.WriteNumber("droppedAfterMs", Math.Round(dropped.TotalMilliseconds));
                if (talk.DropDetail is { } drop) json.WriteString("dropDetail", drop);
                if (talk.SilentFor is { } silent) json.WriteNumber("silentForMs", Math.Round(silent.TotalMilliseconds));
                json.WriteBoolean("closedCleanly", talk.ClosedCleanly);
                if (talk.CloseDetail is { } close) json.WriteString("closeDetail", close);
                json.WriteEndObject();
            }

            json.WriteStartObject("timingsMs");
            foreach (var (step, span) in seen.Timings) json.WriteNumber(step, Math.Round(span.TotalMilliseconds));
            json.WriteEndObject();
            json.WriteStartArray("notes");
            foreach (var note in seen.Notes) json.WriteStringValue(note);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }

    /// <summary>
    /// A SARIF 2.1.0 log with one run of the probe: its verdicts as the driver's rules, one result for the probed
    /// endpoint. The verdict IDs are the probe's own; the CMSH catalogue has no rule for a probed site. A working
    /// site is a result of kind "pass", a hazard "fail" at level warning, a probe that could not tell "open":
    /// SARIF's words for the three exit codes.
    /// </summary>
    public static string Sarif(ProbeFinding finding)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("$schema", SarifReport.SchemaUri);
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", "CmsHazards probe");
            json.WriteString("semanticVersion", SarifReport.ToolVersion);
            json.WriteString("informationUri", SarifReport.InformationUri);
            json.WriteStartArray("rules");
            foreach (var verdict in ProbeVerdict.All)
            {
                json.WriteStartObject();
                json.WriteString("id", verdict.Id);
                json.WriteStartObject("shortDescription");
                json.WriteString("text", verdict.Meaning);
                json.WriteEndObject();
                json.WriteStartObject("defaultConfiguration");
                json.WriteString("level", verdict.ExitCode == ProbeVerdict.HazardFound ? "warning" : "none");
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("invocations");
            json.WriteStartObject();
            json.WriteBoolean("executionSuccessful", true);
            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteStartArray("results");
            json.WriteStartObject();
            json.WriteString("ruleId", finding.Verdict.Id);
            json.WriteNumber("ruleIndex", ProbeVerdict.All.ToList().IndexOf(finding.Verdict));
            json.WriteString("kind", finding.Verdict.ExitCode switch { ProbeVerdict.Works => "pass", ProbeVerdict.HazardFound => "fail", _ => "open" });
            json.WriteString("level", finding.Verdict.ExitCode == ProbeVerdict.HazardFound ? "warning" : "none");
            json.WriteStartObject("message");
            json.WriteString("text", $"{finding.Summary} Likely cause: {finding.Cause} What to do: {finding.Action}");
            json.WriteEndObject();
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            json.WriteString("uri", finding.Seen.Target.Endpoint.AbsoluteUri);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartObject("properties");
            json.WriteStartArray("evidence");
            foreach (var (label, text) in Evidence(finding.Seen)) json.WriteStringValue(label.Length == 0 ? text : $"{label}: {text}");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + Environment.NewLine;
    }
}
