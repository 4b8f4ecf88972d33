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

    [Fact]
    public void A_redirect_without_newVersion_or_with_a_backwards_range_is_named_malformed_and_gets_no_fix()
    {
        var site = new UpgradeSite("malformed");

        var findings = site.Findings(RuleIds.StaleBindingRedirect, UpgradeSite.Cms1120);

        Assert.Equal(2, findings.Count);
        Assert.Equal(
            "The binding redirect for EPiServer at Web.config(7) (oldVersion=\"0.0.0.0-11.20.0.0\") is malformed: it has no newVersion, so the runtime " +
            "redirects no reference with it: a reference to another version of EPiServer than 11.20.0.0, which the build compiles against and copies to bin " +
            "(from EPiServer.CMS.Core 11.20.0), fails to load (0x80131040) unless another redirect sends it there. Correct it by hand: CmsHazards does not guess what it should say.",
            findings[0].Message);
        Assert.Equal(
            "The binding redirect for Newtonsoft.Json at Web.config(11) (oldVersion=\"12.0.0.0-0.0.0.0\" newVersion=\"12.0.0.0\") is malformed: its oldVersion range " +
            "runs backwards (12.0.0.0 is above 0.0.0.0) and holds no version, so the runtime redirects no reference with it: a reference to another version of " +
            "Newtonsoft.Json than 12.0.0.0, which the build compiles against and copies to bin (from Newtonsoft.Json 12.0.3), fails to load (0x80131040) unless " +
            "another redirect sends it there. Correct it by hand: CmsHazards does not guess what it should say.",
            findings[1].Message);
        Assert.Equal(new[] { "(7,10)", "(11,10)" }, findings.Select(f => f.Location!.Start.ToString()));
        Assert.All(findings, f => Assert.Empty(f.Fixes));
    }

    [Fact]
    public void A_malformed_redirect_beside_one_that_sends_every_older_reference_to_bin_is_left_alone()
    {
        var site = new UpgradeSite("malformed");

        // EPiServer.Framework: 0.0.0.0-11.20.0.0 to 11.20.0.0, and a second redirect whose newVersion is "eleven".
        Assert.DoesNotContain(StaleRedirect.Find(site.Bindings, UpgradeSite.Cms1120), s => s.Entry.Identity!.Name == "EPiServer.Framework");
    }

    [Fact]
    public void A_single_version_oldVersion_says_which_references_miss_the_redirect_and_the_fix_makes_it_a_range()
    {
        var site = new UpgradeSite("matching");
        // The first redirect of the file, EPiServer.Cms.Shell.UI's, with one version as oldVersion.
        const string Range = "oldVersion=\"0.0.0.0-11.20.0.0\"";
        var at = site.WebConfig.Text.IndexOf(Range, StringComparison.Ordinal);
        var text = site.WebConfig.Text.Substring(0, at) + "oldVersion=\"11.19.0.0\"" + site.WebConfig.Text.Substring(at + Range.Length);
        var variant = site.WithWebConfigText(text);

        var finding = Assert.Single(variant.Findings(RuleIds.StaleBindingRedirect, UpgradeSite.Cms1120));

        Assert.Equal(
            "The binding redirect for EPiServer.Cms.Shell.UI at Web.config(17) (oldVersion=\"11.19.0.0\" newVersion=\"11.20.0.0\") does not match " +
            "EPiServer.Cms.Shell.UI 11.20.0.0, which the build compiles against and copies to bin (from EPiServer.CMS.UI.Core 11.20.0): " +
            "oldVersion names the one version 11.19.0.0, so references to other versions below 11.20.0.0 are not redirected and fail to load (0x80131040). " +
            "Set oldVersion=\"11.19.0.0-11.20.0.0\" newVersion=\"11.20.0.0\", or start the range at 0.0.0.0 to redirect older references too.",
            finding.Message);
        var edit = Assert.Single(variant.FixOf(finding));
        Assert.Equal(text.Replace("oldVersion=\"11.19.0.0\"", "oldVersion=\"11.19.0.0-11.20.0.0\""), edit.ApplyTo(text));
    }

    [Fact]
    public void The_first_entry_that_redirects_is_judged_when_an_earlier_one_has_only_a_codeBase()
    {
        var site = new UpgradeSite("duplicate-merged");

        var stale = StaleRedirect.Find(site.Bindings, UpgradeSite.Cms1120);

        // EPiServer: a codeBase at line 24, then the redirect at line 28 that the runtime uses.
        Assert.Equal(new[] { "EPiServer.Framework", "EPiServer" }, stale.Select(s => s.Entry.Identity!.Name));
        Assert.Equal("(28,10)", Location(stale[1]));
        Assert.StartsWith("The binding redirect for EPiServer at Web.config(28) (oldVersion=\"0.0.0.0-11.19.0.0\" newVersion=\"11.19.0.0\") does not match EPiServer 11.20.0.0", stale[1].Message);
    }

    private static string Location(StaleRedirect stale) => stale.Redirect.Element.File.Lines.GetPosition(stale.Redirect.Element.NameSpan.Start).ToString();

    private static string EncodedTextOf(byte[] bytes) => Text.EncodedText.Decode(bytes).Text;
}
