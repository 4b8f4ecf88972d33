using CmsHazards.Rules;
using CmsHazards.Upgrade;
using Xunit;

namespace CmsHazards.Tests.Upgrade;

/// <summary>
/// Which assemblyBinding blocks the site's runtime (CLR 4, v4.0.30319) reads, from their appliesTo: blocks for an
/// earlier runtime are skipped without a word; one whose appliesTo names no runtime is CMSH303.
/// </summary>
public class RuntimeReadingTests
{
    [Fact]
    public void A_block_for_an_earlier_runtime_is_not_judged_and_not_reported()
    {
        var site = new UpgradeSite("applies-to");

        // The v2.0.50727 block says Newtonsoft.Json 6.0.0.0; the v4.0.30319 block, which CLR 4 reads, says 12.0.0.0 as bin holds.
        Assert.Empty(site.Findings(RuleIds.StaleBindingRedirect, UpgradeSite.Cms1120));
        Assert.Empty(site.Findings(RuleIds.DuplicateBindingRedirect, UpgradeSite.Cms1120));
        var newtonsoft = site.Bindings.Entries.Where(e => e.Identity!.Name == "Newtonsoft.Json").ToList();
        Assert.Equal(new[] { RedirectPlacement.OtherRuntime, RedirectPlacement.Read }, newtonsoft.Select(e => e.Placement));
        Assert.Equal("12.0.0.0", Assert.Single(site.Bindings.Effective).Redirects[0].NewVersionAttribute!.Value);
    }

    [Fact]
    public void A_block_whose_appliesTo_names_no_runtime_is_never_read_and_is_CMSH303_without_a_fix()
    {
        var site = new UpgradeSite("applies-to");

        var finding = Assert.Single(site.Findings(RuleIds.UnreadBindingRedirect, UpgradeSite.Cms1120));

        Assert.Equal(
            "The <assemblyBinding> at Web.config(20) has appliesTo=\"v4.0\", which names no runtime version: a runtime reads the block only when one of " +
            "the values between ';' is its own version written whole (v4.0.30319 for every .NET Framework 4.x), so this site's runtime never reads its " +
            "binding redirects (EPiServer). Set appliesTo=\"v4.0.30319\" or remove the attribute.",
            finding.Message);
        Assert.Equal("/site/Web.config", finding.Location!.Path);
        Assert.Equal("(20,6)", finding.Location.Start.ToString());
        Assert.Empty(finding.Fixes);
        Assert.Equal(FindingPlacement.AtLocation, finding.Placement);
    }

    [Theory]
    [InlineData("v4.0.30319", RedirectPlacement.Read)]
    [InlineData("V4.0.30319", RedirectPlacement.Read)]
    [InlineData("v2.0.50727;v4.0.30319", RedirectPlacement.Read)]
    [InlineData("", RedirectPlacement.Read)]
    [InlineData("v2.0.50727", RedirectPlacement.OtherRuntime)]
    [InlineData("v1.0.3705;v1.1.4322;", RedirectPlacement.OtherRuntime)]
    [InlineData("v4.0", RedirectPlacement.AppliesToNoRuntime)]
    [InlineData(" v4.0.30319", RedirectPlacement.AppliesToNoRuntime)]
    [InlineData("v2.0.50727; v4.0.30319", RedirectPlacement.AppliesToNoRuntime)]
    [InlineData("4.0.30319", RedirectPlacement.AppliesToNoRuntime)]
    [InlineData(";", RedirectPlacement.AppliesToNoRuntime)]
    public void AppliesTo_is_split_at_semicolons_and_each_part_compared_whole_without_case(string appliesTo, RedirectPlacement expected)
    {
        var site = new UpgradeSite("applies-to");
        var text = site.WebConfig.Text.Replace("appliesTo=\"v4.0\"", "appliesTo=\"" + appliesTo + "\"");

        var entry = site.WithWebConfig(text).Entries.Single(e => e.Identity!.Name == "EPiServer");

        Assert.Equal(expected, entry.Placement);
    }
}
