using CmsHazards.Rules;
using CmsHazards.Upgrade;
using Xunit;
using Xunit.Abstractions;

namespace CmsHazards.Tests.Upgrade;

public class ScratchTests(ITestOutputHelper output)
{
    [Fact]
    public void Scratch()
    {
        foreach (var folder in new[] { "applies-to", "duplicate-merged", "malformed" })
        {
            var site = new UpgradeSite(folder);
            foreach (var id in new[] { RuleIds.StaleBindingRedirect, RuleIds.DuplicateBindingRedirect, RuleIds.UnreadBindingRedirect })
            {
                foreach (var f in site.Findings(id, UpgradeSite.Cms1120))
                {
                    output.WriteLine($"{folder} {f.RuleId} {f.Location?.Start} fixes={f.Fixes.Count} {f.Placement}: {f.Message}");
                }
            }
        }
    }
}
