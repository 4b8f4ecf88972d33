using CmsHazards.Rules;
using CmsHazards.Upgrade;
using CmsHazards.Versions;
using Xunit;

namespace CmsHazards.Tests.Upgrade;

/// <summary>CMSH301: redirects that do not send references to the assembly the build compiles against.</summary>
public class StaleRedirectTests
{
    private const string LoadFailure = "fails with \"The located assembly's manifest definition does not match the assembly reference\" (0x80131040)";

    [Fact]
    public void A_redirect_to_another_version_or_a_range_that_stops_short_is_reported_at_the_redirect()
    {
        var site = new UpgradeSite("stale-bom-crlf");

        var stale = StaleRedirect.Find(site.Bindings, UpgradeSite.Cms1120);

        Assert.Equal(2, stale.Count);
        Assert.Equal(
            "The binding redirect for EPiServer.Cms.Shell.UI at Web.config(17) (oldVersion=\"0.0.0.0-11.19.0.0\" newVersion=\"11.19.0.0\") does not match " +
            "EPiServer.Cms.Shell.UI 11.20.0.0, which the build compiles against and copies to bin (from EPiServer.CMS.UI.Core 11.20.0): " +
            $"the runtime asks for 11.19.0.0 and {LoadFailure}. Set oldVersion=\"0.0.0.0-11.20.0.0\" newVersion=\"11.20.0.0\".",
            stale[0].Message);
        Assert.Equal(
            "The binding redirect for EPiServer.Framework at Web.config(30) (oldVersion=\"0.0.0.0 - 11.19.0.0\" newVersion=\"11.20.0.0\") does not match " +
            "EPiServer.Framework 11.20.0.0, which the build compiles against and copies to bin (from EPiServer.Framework 11.20.0): " +
            "oldVersion does not reach 11.20.0.0, so references to the versions between are not redirected and fail to load (0x80131040). " +
            "Set oldVersion=\"0.0.0.0 - 11.20.0.0\" newVersion=\"11.20.0.0\".",
            stale[1].Message);
        Assert.Equal("(17,10)", Location(stale[0]));
        Assert.Equal("(30,10)", Location(stale[1]));
    }

    [Fact]
    public void The_fix_changes_only_the_version_values_and_keeps_BOM_CRLF_and_comments()
    {
        var site = new UpgradeSite("stale-bom-crlf");
        var findings = site.Findings(RuleIds.StaleBindingRedirect, UpgradeSite.Cms1120);

        var edits = site.FixAll(findings);

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal(FindingPlacement.OnSiteCode, f.Placement));
        Assert.Equal(site.Expected("Web.config"), site.BytesAfter(edits, "Web.config"));
    }

    [Fact]
    public void Each_fix_alone_changes_its_own_redirect()
    {
        var site = new UpgradeSite("stale-bom-crlf");
        var findings = site.Findings(RuleIds.StaleBindingRedirect, UpgradeSite.Cms1120);

        var afterFirst = EncodedTextOf(site.BytesAfter(site.FixOf(findings[0]), "Web.config"));

        Assert.Contains("<bindingRedirect oldVersion=\"0.0.0.0-11.20.0.0\" newVersion=\"11.20.0.0\" />", afterFirst);
        Assert.Contains("oldVersion=\"0.0.0.0 - 11.19.0.0\"", afterFirst);
        Assert.Equal("EPiServer.Framework", Assert.Single(StaleRedirect.Find(site.WithWebConfig(afterFirst), UpgradeSite.Cms1120)).Entry.Identity!.Name);
    }

    [Fact]
    public void Fix_all_fixes_every_redirect_of_a_file_in_one_edit_of_that_file()
    {
        var site = new UpgradeSite("stale-tabs-one-line");
        var stale = StaleRedirect.Find(site.Bindings, UpgradeSite.Cms1120);

        var edits = site.FixAll(site.Findings(RuleIds.StaleBindingRedirect, UpgradeSite.Cms1120));

        Assert.Equal(new[] { "EPiServer.Cms.Shell.UI", "Newtonsoft.Json", "System.Web.Mvc" }, stale.Select(s => s.Entry.Identity!.Name));
        var edit = Assert.Single(edits);
        Assert.Equal("/site/Web.config", edit.Path);
        Assert.Equal(site.Expected("Web.config"), site.BytesAfter(edits, "Web.config"));
    }

    [Fact]
    public void After_the_fix_the_next_evaluation_is_clean()
    {
        var site = new UpgradeSite("stale-tabs-one-line");
        var fixedText = EncodedTextOf(site.BytesAfter(site.FixAll(site.Findings(RuleIds.StaleBindingRedirect, UpgradeSite.Cms1120)), "Web.config"));

        Assert.Empty(site.WithWebConfigText(fixedText).Findings(RuleIds.StaleBindingRedirect, UpgradeSite.Cms1120));

        Assert.Empty(StaleRedirect.Find(site.WithWebConfig(fixedText), UpgradeSite.Cms1120));
    }

    [Fact]
    public void A_package_version_says_nothing_about_the_assembly_version()
    {
        var site = new UpgradeSite("stale-tabs-one-line");

        var newtonsoft = StaleRedirect.Find(site.Bindings, UpgradeSite.Cms1120).Single(s => s.Entry.Identity!.Name == "Newtonsoft.Json");

        Assert.Contains("does not match Newtonsoft.Json 12.0.0.0, which the build compiles against and copies to bin (from Newtonsoft.Json 12.0.3)", newtonsoft.Message);
        Assert.Contains("Set oldVersion=\"0.0.0.0-12.0.0.0\" newVersion=\"12.0.0.0\".", newtonsoft.Message);
    }

    [Fact]
    public void Framework_assemblies_are_judged_only_when_a_package_brings_them()
    {
        var site = new UpgradeSite("stale-tabs-one-line");

        var names = StaleRedirect.Find(site.Bindings, UpgradeSite.Cms1120).Select(s => s.Entry.Identity!.Name).ToList();

        Assert.Contains("System.Web.Mvc", names);
        Assert.DoesNotContain("System.Net.Http", names);
    }

    [Fact]
    public void A_redirect_for_an_assembly_the_build_never_sees_is_left_alone()
    {
        var site = new UpgradeSite("stale-bom-crlf");

        Assert.DoesNotContain(StaleRedirect.Find(site.Bindings, UpgradeSite.Cms1120), s => s.Entry.Identity!.Name == "Castle.Core");
    }

    [Fact]
    public void A_site_whose_redirects_match_gets_nothing() =>
        Assert.Empty(StaleRedirect.Find(new UpgradeSite("matching").Bindings, UpgradeSite.Cms1120));

    [Fact]
    public void Of_several_assemblies_of_one_name_the_redirect_is_judged_by_the_highest_its_identity_matches()
    {
        var site = new UpgradeSite("matching");
        IReadOnlyList<ReferencedAssembly> With(params ReferencedAssembly[] more) => UpgradeSite.Cms1120.Concat(more).ToList();

        // Another token is another assembly; a lower version of the same one leaves the highest deciding.
        Assert.Empty(StaleRedirect.Find(site.Bindings, With(UpgradeSite.Package("EPiServer.Cms.Shell.UI", "11.30.0.0", "0000000000000000", "Other.Package", "1.0.0"))));
        Assert.Empty(StaleRedirect.Find(site.Bindings, With(UpgradeSite.Package("EPiServer.Cms.Shell.UI", "11.1.0.0", "8fe83dea738b45b7", "EPiServer.CMS.UI.Core", "11.1.0"))));

        // A higher one, named in another case, is what the runtime will find in bin.
        var stale = Assert.Single(StaleRedirect.Find(site.Bindings, With(
            UpgradeSite.Package("EPiServer.Cms.Shell.UI", "11.1.0.0", "8fe83dea738b45b7", "EPiServer.CMS.UI.Core", "11.1.0"),
            UpgradeSite.Package("episerver.cms.shell.ui", "11.21.0.0", "8fe83dea738b45b7", "EPiServer.CMS.UI.Core", "11.21.0"))));
        Assert.Equal(new Version(11, 21, 0, 0), stale.CompiledVersion);
        Assert.Equal("EPiServer.Cms.Shell.UI", stale.Entry.Identity!.Name);
    }

    [Fact]
    public void Without_the_resolved_assemblies_nothing_is_judged() =>
        Assert.Empty(new UpgradeSite("stale-bom-crlf").Findings(RuleIds.StaleBindingRedirect, null));

    [Fact]
    public void A_pre_release_package_is_judged_by_its_assembly_version()
    {
        var site = new UpgradeSite("matching");
        var preRelease = UpgradeSite.Cms1120
            .Where(a => a.Name != "EPiServer.Cms.Shell.UI")
            .Append(UpgradeSite.Package("EPiServer.Cms.Shell.UI", "11.20.0.0", "8fe83dea738b45b7", "EPiServer.CMS.UI.Core", "11.20.0-feature-012879"))
            .ToList();
        var ahead = UpgradeSite.Cms1120
            .Where(a => a.Name != "EPiServer.Cms.Shell.UI")
            .Append(UpgradeSite.Package("EPiServer.Cms.Shell.UI", "11.21.0.0", "8fe83dea738b45b7", "EPiServer.CMS.UI.Core", "11.21.0-pre-021"))
            .ToList();

        Assert.Empty(StaleRedirect.Find(site.Bindings, preRelease));
        var stale = Assert.Single(StaleRedirect.Find(site.Bindings, ahead));
        Assert.Contains("EPiServer.Cms.Shell.UI 11.21.0.0, which the build compiles against and copies to bin (from EPiServer.CMS.UI.Core 11.21.0-pre-021)", stale.Message);
    }

    [Fact]
    public void A_transform_that_replaces_runtime_decides_for_its_configuration_and_no_fix_edits_the_transform()
    {
        var debug = new UpgradeSite("transform-runtime", "Debug");
        var release = new UpgradeSite("transform-runtime", "Release");

        Assert.Empty(StaleRedirect.Find(debug.Bindings, UpgradeSite.Cms1120));
        var stale = Assert.Single(StaleRedirect.Find(release.Bindings, UpgradeSite.Cms1120));
        Assert.StartsWith("The binding redirect for EPiServer.Cms.Shell.UI at Web.Release.config(7) ", stale.Message);
        var finding = Assert.Single(release.Findings(RuleIds.StaleBindingRedirect, UpgradeSite.Cms1120));
        Assert.Equal("/site/Web.Release.config", finding.Location!.Path);
        Assert.Equal("(7,10)", finding.Location.Start.ToString());
        Assert.Empty(finding.Fixes);
        Assert.Empty(debug.Findings(RuleIds.StaleBindingRedirect, UpgradeSite.Cms1120));
    }

    [Fact]
    public void An_unsigned_reference_matches_by_name_and_a_different_token_is_another_assembly()
    {
        var site = new UpgradeSite("stale-bom-crlf");
        var otherToken = new[] { UpgradeSite.Package("EPiServer.Cms.Shell.UI", "11.20.0.0", "0123456789abcdef", "Other", "1.0.0") };
        var unsigned = new[] { new ReferencedAssembly("EPiServer.Cms.Shell.UI", new Version(11, 20, 0, 0)) };

        Assert.Empty(StaleRedirect.Find(site.Bindings, otherToken));
        Assert.Contains("(a reference of the project)", Assert.Single(StaleRedirect.Find(site.Bindings, unsigned)).Message);
    }

    private static string Location(StaleRedirect stale) => stale.Redirect.Element.File.Lines.GetPosition(stale.Redirect.Element.NameSpan.Start).ToString();

    private static string EncodedTextOf(byte[] bytes) => Text.EncodedText.Decode(bytes).Text;
}
