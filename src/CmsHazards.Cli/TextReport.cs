using CmsHazards.Rules;

namespace CmsHazards.Cli;

/// <summary>
/// The report as build output reads: <c>file(line,col): warning CMSH101: message</c>, the shape editors and CI
/// logs turn into links, then a summary line.
/// </summary>
internal static class TextReport
{
    public static void WriteFindings(ScanResult result, CliConsole console, TextWriter writer)
    {
        foreach (var finding in result.Findings)
        {
            var where = finding.Path is null ? "cmshazards" : console.Display(finding.Path);
            if (finding.Start is { } start) where += $"({start.Line + 1},{start.Character + 1})";
            writer.WriteLine($"{where}: {Word(finding.Rule.DefaultSeverity)} {finding.Rule.Id}: {finding.Message}");
        }
    }

    public static void WriteFixes(ScanResult result, CliConsole console, TextWriter writer)
    {
        foreach (var fix in result.Fixes) writer.WriteLine($"fixed {console.Display(fix.Path)}: {fix.Title}");
    }

    /// <summary>"2 CMS sites checked: 1 warning, 1 info, 1 file fixed."</summary>
    public static string Summary(ScanResult result)
    {
        var parts = new List<string>();
        var errors = result.Count(Severity.Error);
        if (errors > 0) parts.Add(Count(errors, "error", "errors"));
        parts.Add(Count(result.Count(Severity.Warning), "warning", "warnings"));
        parts.Add(result.Count(Severity.Info) + " info");
        if (result.Fixes.Count > 0) parts.Add(Count(result.Fixes.Count, "file", "files") + " fixed");
        if (result.Errors.Count > 0) parts.Add(Count(result.Errors.Count, "file or folder", "files or folders") + " not read");
        return $"{Count(result.SitesChecked, "CMS site", "CMS sites")} checked: {string.Join(", ", parts)}.";
    }

    /// <summary>The word MSBuild and the compiler print for a severity: "warning CMSH101".</summary>
    public static string Word(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Info => "info",
        _ => "hidden",
    };

    private static string Count(int count, string one, string many) => count + " " + (count == 1 ? one : many);
}
