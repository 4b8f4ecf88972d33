using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using CmsHazards.Rules;

namespace CmsHazards.Cli;

/// <summary>
/// The report as a SARIF 2.1.0 log, for code scanning (GitHub, Azure DevOps): one run, every rule of the
/// catalogue with its help link, one result per finding with its file and region. File locations are relative
/// to the working folder, through the base ID SRCROOT, so code scanning resolves them against the checkout.
/// </summary>
internal static class SarifReport
{
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    public const string SourceRoot = "SRCROOT";
    public const string InformationUri = "https://github.com/cmshazards/cmshazards";

    public static void Write(ScanResult result, CliConsole console, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,

            // The log is a file, never embedded in HTML: messages keep their <element> names readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();

        WriteTool(json);
        WriteInvocation(json, result);

        json.WriteStartObject("originalUriBaseIds");
        json.WriteStartObject(SourceRoot);
        json.WriteString("uri", new Uri(Path.TrimEndingDirectorySeparator(console.WorkingDirectory) + Path.DirectorySeparatorChar).AbsoluteUri);
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartArray("results");
        foreach (var finding in result.Findings) WriteResult(json, finding, console);
        json.WriteEndArray();

        // Regions count UTF-16 code units, as .NET strings (and the analyzer's positions) do.
        json.WriteString("columnKind", "utf16CodeUnits");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The version of cmshazards, without the source revision the SDK appends after '+'.</summary>
    public static string ToolVersion
    {
        get
        {
            var informational = typeof(SarifReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            var plus = informational.IndexOf('+');
            return plus < 0 ? informational : informational.Substring(0, plus);
        }
    }

    private static void WriteTool(Utf8JsonWriter json)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "CmsHazards");
        json.WriteString("semanticVersion", ToolVersion);
        json.WriteString("informationUri", InformationUri);
        json.WriteStartArray("rules");
        foreach (var rule in RuleCatalog.ReportedBy(FrontEnds.Cli))
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            WriteText(json, "shortDescription", rule.Title);
            WriteText(json, "fullDescription", rule.Description);
            json.WriteString("helpUri", rule.HelpLink);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.DefaultSeverity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("category", rule.Category);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Files that could not be read make the run unsuccessful, and are told as notifications.</summary>
    private static void WriteInvocation(Utf8JsonWriter json, ScanResult result)
    {
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", result.Errors.Count == 0);
        if (result.Errors.Count > 0)
        {
            json.WriteStartArray("toolExecutionNotifications");
            foreach (var error in result.Errors)
            {
                json.WriteStartObject();
                json.WriteString("level", "error");
                WriteText(json, "message", error);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteResult(Utf8JsonWriter json, ReportedFinding finding, CliConsole console)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.Rule.Id);
        json.WriteNumber("ruleIndex", RuleCatalog.ReportedBy(FrontEnds.Cli).ToList().IndexOf(finding.Rule));
        json.WriteString("level", Level(finding.Rule.DefaultSeverity));
        WriteText(json, "message", finding.Message);
        if (finding.Path is { } path)
        {
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            WriteArtifactLocation(json, path, console);
            if (finding.Start is { } start && finding.End is { } end)
            {
                // SARIF lines and columns are one-based, and endColumn is the column just after the region.
                json.WriteStartObject("region");
                json.WriteNumber("startLine", start.Line + 1);
                json.WriteNumber("startColumn", start.Character + 1);
                json.WriteNumber("endLine", end.Line + 1);
                json.WriteNumber("endColumn", end.Character + 1);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteArtifactLocation(Utf8JsonWriter json, string path, CliConsole console)
    {
        json.WriteStartObject("artifactLocation");
        var display = console.Display(path);
        if (Path.IsPathRooted(display))
        {
            json.WriteString("uri", new Uri(path).AbsoluteUri);
        }
        else
        {
            var segments = display.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Select(Uri.EscapeDataString);
            json.WriteString("uri", string.Join("/", segments));
            json.WriteString("uriBaseId", SourceRoot);
        }

        json.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Info => "note",
        _ => "none",
    };
}
