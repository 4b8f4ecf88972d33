using CmsHazards.CodeFixes;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CmsHazards.Analyzers.Tests;

/// <summary>Fix All makes each edit once, however many diagnostics and projects ask for it.</summary>
public class FixAllTests
{
    [Fact]
    public async Task A_project_built_for_two_target_frameworks_gets_its_web_config_edited_once()
    {
        // One Roslyn project per target framework, both with the same web.config: each reports the same finding.
        var webConfig = new DirectAnalysis.File(SiteTest.WebConfigPath, WebSocketsAnalyzerTests.WebConfig);
        var host = new Dictionary<string, string> { ["CmsHostIisVersion"] = "7.5", ["MSBuildProjectDirectory"] = SiteTest.Folder };
        var net472 = await DirectAnalysis.RunAsync(new[] { webConfig }, host);
        var net48 = await DirectAnalysis.RunAsync(new[] { webConfig }, host);
        var diagnostics = net472.Diagnostics.Select(d => (ProjectId.CreateNewId("Site(net472)"), d))
            .Concat(net48.Diagnostics.Select(d => (ProjectId.CreateNewId("Site(net48)"), d)))
            .ToList();
        Assert.Equal(2, diagnostics.Count);

        var fixes = AdditionalFileFixAll.EachEditOnce(diagnostics, "CmsHazards.TurnOffWebSockets");

        var (project, fix) = Assert.Single(fixes);
        Assert.Equal(diagnostics[0].Item1, project);
        Assert.Equal("Turn off CMS UI WebSockets (Epi.WebSockets.Enabled=false)", fix.Title);
        Assert.Empty(AdditionalFileFixAll.EachEditOnce(diagnostics, "CmsHazards.SomethingElse"));

        // dotnet format may ask with another rule's key (the first action at the place both rules' diagnostics sit):
        // each diagnostic's first fix, once.
        Assert.Equal(fix.Title, Assert.Single(AdditionalFileFixAll.FirstFixOfEach(diagnostics)).Fix.Title);
    }

    [Fact]
    public async Task Applying_a_fix_observes_cancellation()
    {
        var outcome = await DirectAnalysis.RunAsync(
            new[] { new DirectAnalysis.File(SiteTest.WebConfigPath, WebSocketsAnalyzerTests.WebConfig) },
            new Dictionary<string, string> { ["CmsHostIisVersion"] = "7.5", ["MSBuildProjectDirectory"] = SiteTest.Folder });
        var fix = AdditionalFileCodeFix.FixesOf(Assert.Single(outcome.Diagnostics))[0];
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("Site", LanguageNames.CSharp);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AdditionalFileCodeFix.ApplyAsync(project.Solution, project.Id, fix, cancelled.Token));
    }
}
