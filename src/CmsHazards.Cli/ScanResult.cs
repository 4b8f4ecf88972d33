using CmsHazards.Rules;
using CmsHazards.Text;

namespace CmsHazards.Cli;

/// <summary>One finding as the CLI reports it: the rule from the catalogue, the core's message, and where.</summary>
/// <param name="Path">The full path of the file; null for a finding about no file.</param>
/// <param name="Start">Where the finding starts in the file; null when it is about the file as a whole.</param>
internal sealed record ReportedFinding(RuleInfo Rule, string Message, string? Path, LinePosition? Start, LinePosition? End)
{
    public bool IsHazard => Rule.IsHazard;
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

    public int Count(Severity severity) => Findings.Count(f => f.Rule.DefaultSeverity == severity);
}
