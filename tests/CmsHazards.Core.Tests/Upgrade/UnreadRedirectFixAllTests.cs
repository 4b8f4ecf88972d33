using CmsHazards.Fixes;
using CmsHazards.Rules;
using CmsHazards.Rules.Upgrade;
using CmsHazards.Text;
using CmsHazards.Upgrade;
using Xunit;

namespace CmsHazards.Tests.Upgrade;

/// <summary>
/// CMSH303 on a site with both kinds of unread redirect: Fix All makes every fix in one edit per file, the moves land in
/// one assemblyBinding, and the result is the same bytes however the fixes are made (together, or one by one in either
/// order), so the next build reads every redirect.
/// </summary>
public class UnreadRedirectFixAllTests
{
    [Fact]
    public void Fix_all_adds_the_namespace_and_moves_both_redirects_into_that_assemblyBinding_in_one_edit_per_file()
    {
        var site = new UpgradeSite("unread-all", null, null, "Views/Web.config");
        var findings = site.Findings(RuleIds.UnreadBindingRedirect);
        Assert.Equal(
            new[] { BindingRedirectFixes.MoveToRootTitle, BindingRedirectFixes.AddNamespaceTitle, BindingRedirectFixes.MoveToRootTitle },
            findings.Select(f => Assert.Single(f.Fixes).Title));

        var edits = site.FixAll(findings);

        Assert.Equal(new[] { "/site/Views/Web.config", "/site/Web.config" }, edits.Select(e => e.Path));
        Assert.Equal(site.Expected("Web.config"), site.BytesAfter(edits, "Web.config"));
        Assert.Equal(site.Expected("Views/Web.config"), site.BytesAfter(edits, "Views/Web.config"));
        var after = site.WithWebConfig(EncodedText.Decode(site.BytesAfter(edits, "Web.config")).Text);
        Assert.DoesNotContain(UnreadRedirect.Find(after), u => u.DecidedBy.File.Path == "/site/Web.config");
        Assert.Equal(new[] { "Newtonsoft.Json", "EPiServer.Cms.Shell.UI", "EPiServer" }, after.Effective.Select(e => e.Identity!.Name));
    }

    // The moves keep their order (the entries land in it); the namespace fix comes before, between or after them.
    [Theory]
    [InlineData(new[] { 0, 1, 2 })]
    [InlineData(new[] { 1, 0, 2 })]
    [InlineData(new[] { 0, 2, 1 })]
    public void The_fixes_made_one_by_one_with_the_namespace_fix_anywhere_give_the_same_bytes_as_fix_all(int[] order)
    {
        var site = new UpgradeSite("unread-all", null, null, "Views/Web.config");
        var findings = site.Findings(RuleIds.UnreadBindingRedirect);

        var texts = OneByOne(site, order.Select(i => findings[i].Fixes[0]));

        Assert.Equal(site.Expected("Web.config"), site.Encode("Web.config", texts["/site/Web.config"]));
        Assert.Equal(site.Expected("Views/Web.config"), site.Encode("Views/Web.config", texts["/site/Views/Web.config"]));
    }

    [Fact]
    public void Moves_into_a_root_without_runtime_create_one_runtime_with_one_assemblyBinding()
    {
        var site = new UpgradeSite("unread-moves", null, null, "Views/Web.config");
        var findings = site.Findings(RuleIds.UnreadBindingRedirect);
        Assert.Equal(2, findings.Count);

        var edits = site.FixAll(findings);
        var oneByOne = OneByOne(site, findings.Select(f => f.Fixes[0]));

        Assert.Equal(site.Expected("Web.config"), site.BytesAfter(edits, "Web.config"));
        Assert.Equal(site.Expected("Views/Web.config"), site.BytesAfter(edits, "Views/Web.config"));
        Assert.Equal(site.Expected("Web.config"), site.Encode("Web.config", oneByOne["/site/Web.config"]));
        var after = site.WithWebConfig(EncodedText.Decode(site.BytesAfter(edits, "Web.config")).Text);
        Assert.Equal(new[] { "EPiServer.Cms.Shell.UI", "EPiServer" }, after.Effective.Select(e => e.Identity!.Name));
    }

    /// <summary>Each fix planned against the files as the fixes before it left them, as the light bulb makes them.</summary>
    private static Dictionary<string, string> OneByOne(UpgradeSite site, IEnumerable<Fix> fixes)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/site/Web.config"] = site.WebConfig.Text,
            ["/site/Views/Web.config"] = site.FolderWebConfigs[0].Text,
        };
        foreach (var fix in fixes)
        {
            foreach (var edit in FixPlanner.Plan(fix, path => texts.TryGetValue(path, out var text) ? text : null)) texts[edit.Path] = edit.ApplyTo(texts[edit.Path]);
        }

        return texts;
    }
}
