using System.Collections;
using Microsoft.Build.Framework;

namespace CmsHazards.Build.Tests;

/// <summary>An MSBuild host for one task: records what the task logs, as a build log would show it.</summary>
internal sealed class RecordingBuildEngine : IBuildEngine
{
    public List<BuildWarningEventArgs> Warnings { get; } = new();
    public List<BuildErrorEventArgs> Errors { get; } = new();
    public List<BuildMessageEventArgs> Messages { get; } = new();

    public bool ContinueOnError => false;
    public int LineNumberOfTaskNode => 0;
    public int ColumnNumberOfTaskNode => 0;
    public string ProjectFileOfTaskNode { get; set; } = "/site/Site.csproj";

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => throw new NotSupportedException();
    public void LogCustomEvent(CustomBuildEventArgs e) { }
    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);
    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);
    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);

    /// <summary>"Web.config(10,4,10,15): warning CMSH101: ...", the way MSBuild's console logger writes it.</summary>
    public IEnumerable<string> WarningLines => Warnings.Select(w =>
        $"{Path.GetFileName(w.File)}({w.LineNumber},{w.ColumnNumber},{w.EndLineNumber},{w.EndColumnNumber}): warning {w.Code}: {w.Message}");
}
