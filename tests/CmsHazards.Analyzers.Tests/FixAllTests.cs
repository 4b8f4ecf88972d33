using CmsHazards.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
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
    /// <summary>
    /// CMSH303 with both kinds of unread redirect: a namespace-less root assemblyBinding, a redirect in a location and one
    /// in Views/Web.config. dotnet format asks Fix All once per diagnostic ID, with the key of the first fix it meets
    /// (here the namespace's); one pass makes every fix of the rule (the namespace and both moves, into that
    /// assemblyBinding) and leaves nothing to report. The light bulb's "Add the asm.v1 namespace" alone adds the namespace.
    /// </summary>
    [Fact]
    public async Task Fix_all_of_CMSH303_adds_the_namespace_and_makes_the_moves_in_one_pass()
    {
        const string ViewsWebConfigPath = SiteTest.Folder + "/Views/Web.config";
        var moveFromViews = Cmsh303().WithLocation(0).WithSpan(ViewsWebConfigPath, 8, 8, 8, 25).WithMessage(
            "The binding redirect for EPiServer.Cms.Shell.UI at Views/Web.config(8) is in a folder's web.config, which the runtime never reads: " +
            "the CLR reads binding redirects only from the application's root web.config. Move it into the root <runtime>.");
        var moveFromLocation = Cmsh303().WithLocation(0).WithSpan(SiteTest.WebConfigPath, 18, 10, 18, 27).WithMessage(
            "The binding redirect for EPiServer at Web.config(18) is inside a <location>, where the runtime never reads it: " +
            "the CLR reads binding redirects only from <configuration><runtime> of the application's web.config. Move it into the root <runtime>.");
        var test = new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithProperty("CmsHostWebSockets", "true")
            .WithFixture(SiteTest.WebConfigPath, "Upgrade/unread-all/Web.config")
            .WithFixture(ViewsWebConfigPath, "Upgrade/unread-all/Views/Web.config")
            .WithFix("CmsHazards.AddAssemblyBindingNamespace")
            .Expect(
                moveFromViews,
                Cmsh303().WithLocation(0).WithSpan(SiteTest.WebConfigPath, 8, 6, 8, 21).WithMessage(
                    "The <assemblyBinding> at Web.config(8) is not in the namespace urn:schemas-microsoft-com:asm.v1, so the runtime never reads its binding redirects (Newtonsoft.Json). " +
                    "Add xmlns=\"urn:schemas-microsoft-com:asm.v1\"."),
                moveFromLocation);

        // Fix All: one pass, byte for byte.
        test.BatchFixedState.AdditionalFiles.Add((SiteTest.WebConfigPath, SiteTest.Fixture("Upgrade/unread-all/Web.config.expected")));
        test.BatchFixedState.AdditionalFiles.Add((ViewsWebConfigPath, SiteTest.Fixture("Upgrade/unread-all/Views/Web.config.expected")));
        test.NumberOfFixAllIterations = 1;

        // The light bulb, that fix alone: the namespace, and the moves still to make.
        var original = SiteTest.Fixture("Upgrade/unread-all/Web.config");
        var namespaced = original.ToString().Replace("    <assemblyBinding>\r\n", "    <assemblyBinding xmlns=\"urn:schemas-microsoft-com:asm.v1\">\r\n");
        Assert.NotEqual(original.ToString(), namespaced);
        test.FixedState.AdditionalFiles.Add((SiteTest.WebConfigPath, Microsoft.CodeAnalysis.Text.SourceText.From(namespaced, original.Encoding)));
        test.FixedState.AdditionalFiles.Add((ViewsWebConfigPath, SiteTest.Fixture("Upgrade/unread-all/Views/Web.config")));
        test.FixedState.ExpectedDiagnostics.AddRange(new[] { moveFromViews, moveFromLocation });
        test.FixedState.MarkupHandling = MarkupMode.Allow;

        await test.VerifyAsync();
    }

    /// <summary>Asked with the moves' key, Fix All makes the rule's other fix too: every CMSH303 finding's fix, each once.</summary>
    [Fact]
    public async Task Fix_all_asked_with_one_fix_of_a_rule_makes_the_rules_other_fixes_and_leaves_other_rules_alone()
    {
        var files = new[]
        {
            new DirectAnalysis.File(SiteTest.WebConfigPath, SiteTest.Fixture("Upgrade/unread-all/Web.config").ToString()),
            new DirectAnalysis.File(SiteTest.Folder + "/Views/Web.config", SiteTest.Fixture("Upgrade/unread-all/Views/Web.config").ToString()),
        };
        var outcome = await DirectAnalysis.RunAsync(files, new Dictionary<string, string> { ["CmsHostIisVersion"] = "7.5", ["MSBuildProjectDirectory"] = SiteTest.Folder });
        var project = ProjectId.CreateNewId("Site");
        var diagnostics = outcome.Diagnostics.Select(d => (project, d)).ToList();
        Assert.Equal(new[] { "CMSH101", "CMSH303", "CMSH303", "CMSH303" }, diagnostics.Select(d => d.d.Id).OrderBy(id => id, StringComparer.Ordinal));

        var fixes = AdditionalFileFixAll.EachEditOnce(diagnostics, "CmsHazards.MoveBindingRedirectToRoot");

        Assert.Equal(
            new[] { "Add the asm.v1 namespace", "Move the binding redirect into the root <runtime>", "Move the binding redirect into the root <runtime>" },
            fixes.Select(f => f.Fix.Title).OrderBy(t => t, StringComparer.Ordinal));
    }

    private static DiagnosticResult Cmsh303() => new("CMSH303", DiagnosticSeverity.Warning);
}
