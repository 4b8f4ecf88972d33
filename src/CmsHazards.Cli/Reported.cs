using CmsHazards.Analyzers;
using CmsHazards.Text;
using Microsoft.CodeAnalysis;

namespace CmsHazards.Cli;

/// <summary>
/// The rule catalogue: the analyzer's own descriptors, so the CLI reports the same IDs, titles, default
/// severities and help links as a build, and a rule added to the analyzer appears here with nothing else to do.
/// </summary>
internal static class RuleCatalog
{
    public static IReadOnlyList<DiagnosticDescriptor> Rules { get; } = new WebSocketsAnalyzer().SupportedDiagnostics;

    public static DiagnosticDescriptor For(string ruleId) =>
        Rules.FirstOrDefault(r => r.Id == ruleId) ?? throw new InvalidOperationException($"The analyzer has no descriptor for {ruleId}.");

    /// <summary>The word MSBuild and the compiler print for a severity: "warning CMSH101".</summary>
    public static string Word(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => "hidden",
    };

    /// <summary>A hazard fails the scan, as a warning marks a build; a note (info) does not.</summary>
    public static bool IsHazard(DiagnosticSeverity severity) => severity >= DiagnosticSeverity.Warning;
}

/// <summary>One finding as the CLI reports it: the rule, the core's message, and where.</summary>
/// <param name="Path">The full path of the file; null for a finding about no file.</param>
/// <param name="Start">Where the finding starts in the file; null when it is about the file as a whole.</param>
internal sealed record ReportedFinding(DiagnosticDescriptor Rule, string Message, string? Path, LinePosition? Start, LinePosition? End)
{
    public bool IsHazard => RuleCatalog.IsHazard(Rule.DefaultSeverity);
}

/// <summary>A file that <c>--fix</c> changed, and the fix it applied.</summary>
internal sealed record AppliedFix(string Path, string Title);

/// <summary>Everything a scan found, for the report writers.</summary>
internal sealed class ScanResult
{
    public int SitesChecked { get; set; }

    public List<ReportedFinding> Findings { get; } = new();

    public List<AppliedFix> Fixes { get; } = new();

    /// <summary>Files and folders that could not be read, each as a sentence; any of them makes the exit code 2.</summary>
    public List<string> Errors { get; } = new();

    /// <summary>Projects MSBuild could not evaluate, read from their files instead (each told in a note).</summary>
    public List<string> ReadWithoutMsBuild { get; } = new();

    public int Count(DiagnosticSeverity severity) => Findings.Count(f => f.Rule.DefaultSeverity == severity);
}
