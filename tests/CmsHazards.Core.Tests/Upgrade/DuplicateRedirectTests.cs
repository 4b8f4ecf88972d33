using CmsHazards.Rules;
using CmsHazards.Upgrade;
using Xunit;

namespace CmsHazards.Tests.Upgrade;

/// <summary>CMSH302: a second dependentAssembly for one assembly identity.</summary>
public class DuplicateRedirectTests
{
    [Fact]
    public void The_later_entry_for_the_same_identity_is_the_one_without_effect()
    {
        var site = new UpgradeSite("duplicate");

        var duplicate = Assert.Single(DuplicateRedirect.Find(site.Bindings));

        Assert.Equal(
            "EPiServer.Framework has a second dependentAssembly at Web.config(15) (newVersion=\"11.19.0.0\"); the runtime uses the first one, " +
            "at Web.config(5) (newVersion=\"11.20.0.0\"), for every version the second one names, so the second has no effect. Remove the one at Web.config(15).",
            duplicate.Message);
    }

    [Fact]
    public void The_fix_removes_the_entry_without_effect_and_its_lines_only()
    {
        var site = new UpgradeSite("duplicate");

        var edits = site.FixOf(Assert.Single(site.Findings(RuleIds.DuplicateBindingRedirect)));

        Assert.Equal(site.Expected("Web.config"), site.BytesAfter(edits, "Web.config"));
        Assert.Empty(DuplicateRedirect.Find(site.WithWebConfig(Text.EncodedText.Decode(site.BytesAfter(edits, "Web.config")).Text)));
    }

    [Fact]
    public void The_entry_the_runtime_uses_is_the_one_CMSH301_judges()
    {
        var site = new UpgradeSite("duplicate");

        // The ignored entry says 11.19.0.0; the one in effect says 11.20.0.0, which the build compiles.
        Assert.Empty(StaleRedirect.Find(site.Bindings, UpgradeSite.Cms1120));
    }

    [Fact]
    public void Another_culture_or_token_is_another_identity()
    {
        var site = new UpgradeSite("duplicate");
        var text = Text.EncodedText.Decode(FixtureFiles.Bytes("Upgrade/duplicate/Web.config")).Text
            .Replace("<assemblyIdentity name=\"episerver.framework\" publicKeyToken=\"8FE83DEA738B45B7\" />", "<assemblyIdentity name=\"episerver.framework\" publicKeyToken=\"8FE83DEA738B45B7\" culture=\"sv\" />");

        Assert.Empty(DuplicateRedirect.Find(site.WithWebConfig(text)));
    }

    [Fact]
    public void A_later_entry_with_a_codeBase_of_a_new_version_takes_effect_and_is_not_reported()
    {
        var site = new UpgradeSite("duplicate-merged");

        // Newtonsoft.Json: a redirect, then a codeBase the runtime merges in; EPiServer: a codeBase, then a redirect.
        var duplicate = Assert.Single(DuplicateRedirect.Find(site.Bindings));

        Assert.Equal("EPiServer.Framework", duplicate.Later.Identity!.Name);
    }

    [Fact]
    public void A_later_entry_part_of_which_still_applies_is_reported_without_a_fix()
    {
        var site = new UpgradeSite("duplicate-merged");

        var finding = Assert.Single(site.Findings(RuleIds.DuplicateBindingRedirect, UpgradeSite.Cms1120));

        // 0.0.0.0-11.19.0.0 goes to 11.19.0.0 by the first entry; 11.19.0.1-11.20.0.0 to 11.20.0.0 by the second.
        Assert.Equal(
            "EPiServer.Framework has a second dependentAssembly at Web.config(18) (newVersion=\"11.20.0.0\"): the runtime combines the entries of one assembly " +
            "and, for a version asked for, takes the first bindingRedirect in document order whose oldVersion holds it (and the first codeBase of that version), " +
            "so the one at Web.config(14) (newVersion=\"11.19.0.0\") overrides part of what the one at Web.config(18) says, and the rest of it still applies. " +
            "Merge them into one dependentAssembly that says what you mean: removing either changes what the runtime does.",
            finding.Message);
        Assert.Equal("(18,8)", finding.Location!.Start.ToString());
        Assert.Empty(finding.Fixes);
    }

    [Fact]
    public void Once_CMSH301_sets_the_first_entry_the_later_one_has_no_effect_and_its_removal_keeps_every_other_byte()
    {
        var site = new UpgradeSite("duplicate-merged");
        var afterStale = Text.EncodedText.Decode(site.BytesAfter(site.FixAll(site.Findings(RuleIds.StaleBindingRedirect, UpgradeSite.Cms1120)), "Web.config")).Text;
        var next = site.WithWebConfigText(afterStale);

        var finding = Assert.Single(next.Findings(RuleIds.DuplicateBindingRedirect, UpgradeSite.Cms1120));
        var edit = Assert.Single(next.FixOf(finding));

        Assert.Equal(
            "EPiServer.Framework has a second dependentAssembly at Web.config(18) (newVersion=\"11.20.0.0\"); the runtime uses the first one, " +
            "at Web.config(14) (newVersion=\"11.20.0.0\"), for every version the second one names, so the second has no effect. Remove the one at Web.config(18).",
            finding.Message);
        var expected = Text.EncodedText.Decode(site.Expected("Web.config"));
        Assert.Equal(expected.Text, edit.ApplyTo(afterStale));
        Assert.Empty(site.WithWebConfigText(expected.Text).Findings(RuleIds.DuplicateBindingRedirect, UpgradeSite.Cms1120));
        Assert.Empty(site.WithWebConfigText(expected.Text).Findings(RuleIds.StaleBindingRedirect, UpgradeSite.Cms1120));
    }

    [Fact]
    public void A_later_codeBase_of_a_version_an_earlier_entry_gives_has_no_effect()
    {
        var site = new UpgradeSite("duplicate-merged");
        var text = site.WebConfig.Text.Replace(
            "<bindingRedirect oldVersion=\"0.0.0.0-12.0.0.0\" newVersion=\"12.0.0.0\" />",
            "<bindingRedirect oldVersion=\"0.0.0.0-12.0.0.0\" newVersion=\"12.0.0.0\" /><codeBase version=\"12.0.0.0\" href=\"lib/Newtonsoft.Json.dll\" />");

        var duplicate = DuplicateRedirect.Find(site.WithWebConfig(text)).Single(d => d.Later.Identity!.Name == "Newtonsoft.Json");

        Assert.False(duplicate.LaterTakesEffect);
        Assert.Equal(
            "Newtonsoft.Json has a second dependentAssembly at Web.config(10) (codeBase version=\"12.0.0.0\"); the runtime uses the first one, at Web.config(5) " +
            "(newVersion=\"12.0.0.0\"), for every version the second one names, so the second has no effect. Remove the one at Web.config(10).",
            duplicate.Message);
    }

    [Fact]
    public void A_redirect_whose_versions_earlier_entries_hold_between_them_has_no_effect()
    {
        var site = new UpgradeSite("duplicate");
        var text = site.WebConfig.Text
            .Replace("<bindingRedirect oldVersion=\"0.0.0.0-11.20.0.0\" newVersion=\"11.20.0.0\" />\r\n      </dependentAssembly>\r\n      <dependentAssembly>\r\n        <assemblyIdentity name=\"EPiServer\"",
                "<bindingRedirect oldVersion=\"0.0.0.0-11.0.0.0\" newVersion=\"11.20.0.0\" />\r\n      </dependentAssembly>\r\n      <dependentAssembly>\r\n        <assemblyIdentity name=\"EPiServer.Framework\" publicKeyToken=\"8fe83dea738b45b7\" />\r\n        <bindingRedirect oldVersion=\"11.0.0.1-11.20.0.0\" newVersion=\"11.20.0.0\" />\r\n      </dependentAssembly>\r\n      <dependentAssembly>\r\n        <assemblyIdentity name=\"EPiServer\"");
        Assert.NotEqual(site.WebConfig.Text, text);

        var duplicate = Assert.Single(DuplicateRedirect.Find(site.WithWebConfig(text)));

        // The second entry (11.0.0.1-11.20.0.0) overlaps nothing before it: merged in, not reported. 0.0.0.0-11.19.0.0 at the
        // end lies within 0.0.0.0-11.0.0.0 and 11.0.0.1-11.20.0.0 together.
        Assert.False(duplicate.LaterTakesEffect);
        Assert.Equal(
            "EPiServer.Framework has another dependentAssembly at Web.config(19) (newVersion=\"11.19.0.0\"); the runtime uses the ones before it, from the first " +
            "at Web.config(5) (newVersion=\"11.20.0.0\"), for every version this one names, so it has no effect. Remove the one at Web.config(19).",
            duplicate.Message);
    }
}
