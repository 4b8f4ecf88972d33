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

    /// <summary>"2 CMS sites checked: 2 warnings (CMSH101: 1, CMSH200: 1), 1 info (CMSH100: 1), 1 file fixed."</summary>
    public static string Summary(ScanResult result)
    {
        var parts = new List<string>();
        var errors = result.Count(Severity.Error);
        if (errors > 0) parts.Add(Count(errors, "error", "errors") + PerRule(result, Severity.Error));
        parts.Add(Count(result.Count(Severity.Warning), "warning", "warnings") + PerRule(result, Severity.Warning));
        parts.Add(result.Count(Severity.Info) + " info" + PerRule(result, Severity.Info));
        // Files, not fixes: several fixes of one web.config (a namespace added, redirects moved in) are one file fixed.
        var filesFixed = result.Fixes.Select(f => f.Path).Distinct(StringComparer.Ordinal).Count();
        if (filesFixed > 0) parts.Add(Count(filesFixed, "file", "files") + " fixed");
        if (result.Errors.Count > 0) parts.Add(Count(result.Errors.Count, "file or folder", "files or folders") + " not read");
        if (result.ReadWithoutMsBuild.Count > 0) parts.Add(Count(result.ReadWithoutMsBuild.Count, "project", "projects") + " read without MSBuild");
        return $"{Count(result.SitesChecked, "CMS site", "CMS sites")} checked: {string.Join(", ", parts)}.";
    }

    /// <summary>" (CMSH101: 2, CMSH200: 1)": how many findings of the severity each rule has; empty for none.</summary>
    private static string PerRule(ScanResult result, Severity severity)
    {
        var rules = result.Findings.Where(f => f.Rule.DefaultSeverity == severity)
            .GroupBy(f => f.Rule.Id)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {g.Count()}")
            .ToList();
        return rules.Count == 0 ? "" : " (" + string.Join(", ", rules) + ")";
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
