using CmsHazards.Fixes;
using CmsHazards.Rules;
using CmsHazards.Text;
using Xunit;

namespace CmsHazards.Tests.Upgrade;

/// <summary>
/// Fixes planned from the file as it was read, applied after another fix moved text: dotnet format computes every
/// diagnostic of a pass first and then applies one rule's fixes after another's, so the CMSH301 fix may meet a
/// web.config in which CMSH101's appSetting was inserted above its redirect. The XML changes find their element by its
/// path and markup, the offset only a hint; where that cannot tell which element is meant, they refuse and say why.
/// </summary>
public class ShiftedFixTests
{
    private const string WebConfig = "/site/Web.config";

    /// <summary>What CMSH101's fix does to web.config: one line inserted in the root appSettings.</summary>
    private static readonly FileChange TurnOffWebSockets = new SetAppSetting(WebConfig, "Epi.WebSockets.Enabled", "false");

    [Fact]
    public void A_stale_redirect_fix_planned_before_an_appSetting_was_inserted_above_it_applies_byte_for_byte()
    {
        var site = new UpgradeSite("stale-bom-crlf");
        var findings = site.Findings(RuleIds.StaleBindingRedirect, UpgradeSite.Cms1120);
        var shifted = Apply(site.WebConfig.Text, TurnOffWebSockets);

        // Carried as the analyzer carries it to the code fix: encoded in the diagnostic, decoded when applied.
        var carried = FixCodec.Decode(FixCodec.Encode(new[] { Fix.Combine(findings.Select(f => f.Fixes[0]).ToList()) }));
        var edits = FixPlanner.Plan(Assert.Single(carried), path => path == WebConfig ? shifted : null, out var refusal);

        Assert.Null(refusal);
        var expected = EncodedText.Decode(site.Expected("Web.config")).Text.Replace(
            "    <add key=\"webpages:Version\" value=\"3.0.0.0\" />\r\n",
            "    <add key=\"webpages:Version\" value=\"3.0.0.0\" />\r\n    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\r\n");
        Assert.Equal(EncodedText.Decode(site.Expected("Web.config")).Encode(expected), EncodedText.Decode(site.Expected("Web.config")).Encode(Assert.Single(edits).ApplyTo(shifted)));
    }

    [Fact]
    public void The_index_a_search_builds_is_forgotten_when_the_plan_is_done()
    {
        var site = new UpgradeSite("stale-bom-crlf");
        var fix = Fix.Combine(site.Findings(RuleIds.StaleBindingRedirect, UpgradeSite.Cms1120).Select(f => f.Fixes[0]).ToList());
        var shifted = Apply(site.WebConfig.Text, TurnOffWebSockets);
        var indexed = typeof(XmlElementPath).GetField("_indexed", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

        Assert.Single(FixPlanner.Plan(fix, _ => shifted));

        // The search of the moved text indexed the file's elements while planning; the thread keeps none of it afterwards.
        Assert.Null(indexed.GetValue(null));
    }

    [Fact]
    public void A_duplicate_removed_after_lines_were_inserted_above_it_goes_with_its_own_lines_only()
    {
        var site = new UpgradeSite("duplicate");
        var finding = Assert.Single(site.Findings(RuleIds.DuplicateBindingRedirect));
        var shifted = Apply(site.WebConfig.Text, TurnOffWebSockets);

        var edits = FixPlanner.Plan(Assert.Single(finding.Fixes), _ => shifted, out var refusal);

        Assert.Null(refusal);
        var expected = Apply(EncodedText.Decode(site.Expected("Web.config")).Text, TurnOffWebSockets);
        Assert.Equal(expected, Assert.Single(edits).ApplyTo(shifted));
        Assert.Contains("<add key=\"Epi.WebSockets.Enabled\" value=\"false\" />", expected);
        Assert.DoesNotContain("episerver.framework", expected);
    }

    [Fact]
    public void A_move_into_the_root_runtime_applies_after_lines_were_inserted_above_both_ends()
    {
        var site = new UpgradeSite("location");
        var finding = Assert.Single(site.Findings(RuleIds.UnreadBindingRedirect), f => f.Fixes.Count > 0);
        var shifted = CommentAdded(Apply(site.WebConfig.Text, TurnOffWebSockets));

        var edits = FixPlanner.Plan(finding.Fixes[0], _ => shifted, out var refusal);

        Assert.Null(refusal);
        var expected = CommentAdded(Apply(EncodedText.Decode(site.Expected("Web.config")).Text, TurnOffWebSockets));
        Assert.Equal(expected, Assert.Single(edits).ApplyTo(shifted));
    }

    [Fact]
    public void Two_identical_entries_whose_offset_moved_cannot_be_told_apart_and_the_fix_refuses()
    {
        const string entry =
            "      <dependentAssembly>\r\n" +
            "        <assemblyIdentity name=\"EPiServer\" publicKeyToken=\"8fe83dea738b45b7\" culture=\"neutral\" />\r\n" +
            "        <bindingRedirect oldVersion=\"0.0.0.0-11.20.0.0\" newVersion=\"11.20.0.0\" />\r\n" +
            "      </dependentAssembly>\r\n";
        var text = "<configuration>\r\n  <appSettings>\r\n  </appSettings>\r\n  <runtime>\r\n    <assemblyBinding xmlns=\"urn:schemas-microsoft-com:asm.v1\">\r\n" +
                   entry + entry + "    </assemblyBinding>\r\n  </runtime>\r\n</configuration>\r\n";
        var site = new UpgradeSite("duplicate", webConfigText: text);
        var fix = Assert.Single(Assert.Single(site.Findings(RuleIds.DuplicateBindingRedirect)).Fixes);

        // Where nothing moved, the offset tells the second entry from the first, as it always did.
        var unshifted = Assert.Single(FixPlanner.Plan(fix, _ => text));
        Assert.Equal(text.Remove(text.LastIndexOf(entry, StringComparison.Ordinal), entry.Length), unshifted.ApplyTo(text));

        var shifted = Apply(text, TurnOffWebSockets);
        Assert.Empty(FixPlanner.Plan(fix, _ => shifted, out var refusal));
        Assert.Equal(
            "Web.config has 2 elements that fit the one the fix was made for (<configuration>/<runtime>/<assemblyBinding>/<dependentAssembly>) " +
            "and none is where it was; which one is meant cannot be told, so the fix is not applied",
            refusal);
    }

    [Fact]
    public void A_redirect_edited_since_the_fix_was_planned_is_not_edited_again_and_the_fix_says_why()
    {
        var site = new UpgradeSite("stale-bom-crlf");
        var finding = site.Findings(RuleIds.StaleBindingRedirect, UpgradeSite.Cms1120)[0];
        var edited = site.WebConfig.Text.Replace(
            "<bindingRedirect oldVersion=\"0.0.0.0-11.19.0.0\" newVersion=\"11.19.0.0\" />",
            "<bindingRedirect oldVersion=\"0.0.0.0-11.21.0.0\" newVersion=\"11.21.0.0\" />");

        Assert.Empty(FixPlanner.Plan(Assert.Single(finding.Fixes), _ => edited, out var refusal));
        Assert.Equal(
            "Web.config no longer has the element the fix was made for (<configuration>/<runtime>/<assemblyBinding>/<dependentAssembly>/" +
            "<bindingRedirect oldVersion=\"0.0.0.0-11.19.0.0\" newVersion=\"11.19.0.0\" />); the file changed since, so the fix is not applied",
            refusal);
    }

    [Fact]
    public void An_entry_that_is_gone_is_not_looked_for_elsewhere()
    {
        var site = new UpgradeSite("duplicate");
        var finding = Assert.Single(site.Findings(RuleIds.DuplicateBindingRedirect));
        var fixedText = EncodedText.Decode(site.Expected("Web.config")).Text;

        Assert.Empty(FixPlanner.Plan(Assert.Single(finding.Fixes), _ => fixedText, out var refusal));
        Assert.StartsWith("Web.config no longer has the element the fix was made for (<configuration>/<runtime>/<assemblyBinding>/<dependentAssembly>)", refusal);
    }

    [Fact]
    public void A_change_whose_element_description_is_not_a_path_is_not_decoded()
    {
        Assert.Null(FileChange.Create(nameof(SetXmlAttribute), WebConfig, new[] { "12", "bindingRedirect", "newVersion", "11.20.0.0", "not a path" }));
        Assert.Null(FileChange.Create(nameof(SetXmlAttribute), WebConfig, new[] { "12", "bindingRedirect", "newVersion", "11.20.0.0" }));
        Assert.NotNull(FileChange.Create(nameof(SetXmlAttribute), WebConfig, new[] { "12", "bindingRedirect", "newVersion", "11.20.0.0", "17:<bindingRedirect>0:" }));
    }

    private static string CommentAdded(string text)
    {
        var root = text.IndexOf("<configuration>", StringComparison.Ordinal);
        return text.Insert(root, "<!-- a comment added since -->\r\n");
    }

    private static string Apply(string text, FileChange change)
    {
        var edits = change.PlanEdits(text);
        Assert.NotNull(edits);
        var edit = Assert.Single(edits!);
        return new FileEdit(change.Path, new[] { edit }).ApplyTo(text);
    }
}
