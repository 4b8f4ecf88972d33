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
            "at Web.config(5) (newVersion=\"11.20.0.0\"), and the second has no effect. Remove the one at Web.config(15).",
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
}
