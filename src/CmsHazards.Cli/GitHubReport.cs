namespace CmsHazards.Cli;

/// <summary>
/// The report as GitHub Actions workflow commands: <c>::warning file=...,line=...,col=...,title=...::message</c>,
/// which the runner turns into annotations on the pull request's files. Notes (CMSH100) become
/// <c>::notice</c>. Escaping follows the runner's rules: in the message <c>%</c>, CR and LF are percent-encoded;
/// in property values <c>:</c> and <c>,</c> are too (the runner's toolkit, command.ts, escapeData/escapeProperty).
/// </summary>
internal static class GitHubReport
{
    public static void Write(ScanResult result, CliConsole console, TextWriter writer)
    {
        foreach (var finding in result.Findings)
        {
            var properties = new List<string>();
            if (finding.Path is { } path)
            {
                // Relative to the working folder, which in a workflow is the checkout; '/' as the runner shows paths.
                properties.Add("file=" + Property(console.Display(path).Replace('\\', '/')));
                if (finding.Start is { } start)
                {
                    properties.Add("line=" + (start.Line + 1));
                    properties.Add("col=" + (start.Character + 1));
                    if (finding.End is { } end)
                    {
                        properties.Add("endLine=" + (end.Line + 1));
                        if (end.Line == start.Line) properties.Add("endColumn=" + (end.Character + 1));
                    }
                }
            }

            properties.Add("title=" + Property(finding.Rule.Id + ": " + finding.Rule.Title));
            writer.WriteLine($"::{Command(finding)} {string.Join(",", properties)}::{Data(finding.Message)}");
        }
    }

    private static string Command(ReportedFinding finding) => finding.Rule.DefaultSeverity switch
    {
        Rules.Severity.Error => "error",
        Rules.Severity.Warning => "warning",
        _ => "notice",
    };

    /// <summary>A message: '%', CR and LF encoded, so one finding is one command.</summary>
    internal static string Data(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    /// <summary>A property value: also ':' and ',', which end a value.</summary>
    internal static string Property(string text) => Data(text).Replace(":", "%3A").Replace(",", "%2C");
}
