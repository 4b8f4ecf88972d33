using CmsHazards.Rules;
using CmsHazards.Upgrade;
using Xunit;

namespace CmsHazards.Tests.Upgrade;

/// <summary>CMSH303: redirects the runtime never reads, and the fixes that put them where it does.</summary>
public class UnreadRedirectTests
{
    [Fact]
    public void An_assemblyBinding_without_the_namespace_is_never_read()
    {
        var site = new UpgradeSite("no-namespace");

        var unread = Assert.Single(UnreadRedirect.Find(site.Bindings));

        Assert.Equal(
            "The <assemblyBinding> at Web.config(4) is not in the namespace urn:schemas-microsoft-com:asm.v1, so the runtime never reads its binding redirects (EPiServer.Cms.Shell.UI). " +
            "Add xmlns=\"urn:schemas-microsoft-com:asm.v1\".",
            unread.Message);
        Assert.Empty(site.Bindings.Effective);
    }

    [Fact]
    public void Adding_the_namespace_changes_only_the_start_tag_and_the_redirects_are_read()
    {
        var site = new UpgradeSite("no-namespace");

        var edits = site.FixOf(Assert.Single(site.Findings(RuleIds.UnreadBindingRedirect)));

        Assert.Equal(site.Expected("Web.config"), site.BytesAfter(edits, "Web.config"));
        var after = site.WithWebConfig(Text.EncodedText.Decode(site.BytesAfter(edits, "Web.config")).Text);
        Assert.Empty(UnreadRedirect.Find(after));
        Assert.Single(after.Effective);
    }

    [Fact]
    public void A_wrong_namespace_is_corrected_in_place()
    {
        var site = new UpgradeSite("no-namespace");
        var text = site.WebConfig.Text.Replace("<assemblyBinding>", "<assemblyBinding xmlns=\"urn:schemas-microsoft-com:asm.v2\">");
        var variant = site.WithWebConfigText(text);

        var edit = Assert.Single(variant.FixOf(Assert.Single(variant.Findings(RuleIds.UnreadBindingRedirect))));

        Assert.Equal(text.Replace("asm.v2", "asm.v1"), edit.ApplyTo(text));
    }

    [Fact]
    public void A_prefixed_assemblyBinding_in_the_namespace_is_read()
    {
        var site = new UpgradeSite("no-namespace");
        var text = site.WebConfig.Text
            .Replace("<assemblyBinding>", "<asm:assemblyBinding xmlns:asm=\"urn:schemas-microsoft-com:asm.v1\">")
            .Replace("</assemblyBinding>", "</asm:assemblyBinding>")
            .Replace("<dependentAssembly>", "<asm:dependentAssembly>")
            .Replace("</dependentAssembly>", "</asm:dependentAssembly>")
            .Replace("<assemblyIdentity", "<asm:assemblyIdentity")
            .Replace("<bindingRedirect", "<asm:bindingRedirect");

        var bindings = site.WithWebConfig(text);

        Assert.Empty(UnreadRedirect.Find(bindings));
        Assert.Equal("EPiServer.Cms.Shell.UI", Assert.Single(bindings.Effective).Identity!.Name);
    }

    [Fact]
    public void A_redirect_inside_a_location_is_moved_into_the_root_runtime()
    {
        var site = new UpgradeSite("location");

        var unread = Assert.Single(UnreadRedirect.Find(site.Bindings));
        var edits = site.FixOf(Assert.Single(site.Findings(RuleIds.UnreadBindingRedirect)));

        Assert.Equal(
            "The binding redirect for EPiServer.Cms.Shell.UI at Web.config(6) is inside a <location>, where the runtime never reads it: " +
            "the CLR reads binding redirects only from <configuration><runtime> of the application's web.config. Move it into the root <runtime>.",
            unread.Message);
        var edit = Assert.Single(edits);
        Assert.Equal(2, edit.Edits.Count);
        Assert.Equal(site.Expected("Web.config"), site.BytesAfter(edits, "Web.config"));
        var after = site.WithWebConfig(Text.EncodedText.Decode(site.BytesAfter(edits, "Web.config")).Text);
        Assert.Empty(UnreadRedirect.Find(after));
        Assert.Equal(new[] { "EPiServer", "EPiServer.Cms.Shell.UI" }, after.Effective.Select(e => e.Identity!.Name));
    }

    [Fact]
    public void A_moved_redirect_goes_into_the_first_root_block_this_runtime_reads_not_one_for_an_earlier_runtime()
    {
        var site = new UpgradeSite("location");
        var nl = site.WebConfig.Text.Contains("\r\n") ? "\r\n" : "\n";
        var rootBinding = "  <runtime>" + nl + "    <assemblyBinding xmlns=\"urn:schemas-microsoft-com:asm.v1\">";
        var text = site.WebConfig.Text.Replace(
            rootBinding,
            "  <runtime>" + nl + "    <assemblyBinding xmlns=\"urn:schemas-microsoft-com:asm.v1\" appliesTo=\"v2.0.50727\">" + nl + "    </assemblyBinding>" + nl + "    <assemblyBinding xmlns=\"urn:schemas-microsoft-com:asm.v1\">");
        Assert.NotEqual(site.WebConfig.Text, text);
        var variant = site.WithWebConfigText(text);

        var edit = Assert.Single(variant.FixOf(Assert.Single(variant.Findings(RuleIds.UnreadBindingRedirect))));

        var after = site.WithWebConfig(edit.ApplyTo(text));
        Assert.Empty(UnreadRedirect.Find(after));
        Assert.Equal(new[] { "EPiServer", "EPiServer.Cms.Shell.UI" }, after.Effective.Select(e => e.Identity!.Name));
    }

    [Fact]
    public void A_redirect_in_a_folder_web_config_moves_into_a_new_root_runtime_in_the_root_files_layout()
    {
        var site = new UpgradeSite("folder", null, null, "Views/Web.config");

        var unread = Assert.Single(UnreadRedirect.Find(site.Bindings));
        var edits = site.FixOf(Assert.Single(site.Findings(RuleIds.UnreadBindingRedirect)));

        Assert.Equal(
            "The binding redirect for EPiServer.Cms.Shell.UI at Views/Web.config(8) is in a folder's web.config, which the runtime never reads: " +
            "the CLR reads binding redirects only from the application's root web.config. Move it into the root <runtime>.",
            unread.Message);
        Assert.Equal("/site/Views/Web.config", unread.DecidedBy.File.Path);
        Assert.Equal(new[] { "/site/Views/Web.config", "/site/Web.config" }, edits.Select(e => e.Path));
        Assert.Equal(site.Expected("Web.config"), site.BytesAfter(edits, "Web.config"));
        Assert.Equal(site.Expected("Views/Web.config"), site.BytesAfter(edits, "Views/Web.config"));
    }

    [Fact]
    public void No_move_is_offered_when_the_root_already_has_an_entry_for_the_assembly()
    {
        var site = new UpgradeSite("location");
        var text = site.WebConfig.Text.Replace("<assemblyIdentity name=\"EPiServer\" ", "<assemblyIdentity name=\"EPiServer.Cms.Shell.UI\" ");
        Assert.Empty(Assert.Single(site.WithWebConfigText(text).Findings(RuleIds.UnreadBindingRedirect)).Fixes);
    }

    [Fact]
    public void Runtime_configSource_is_reported_and_not_fixed()
    {
        var site = new UpgradeSite("runtime-configsource");

        var unread = Assert.Single(UnreadRedirect.Find(site.Bindings));

        Assert.Equal(
            "<runtime configSource=\"Runtime.config\"> at Web.config(4): the CLR reads <runtime> from web.config itself and does not follow configSource, " +
            "so the binding redirects in that file are never read. Move them into web.config's <runtime>.",
            unread.Message);
        Assert.Empty(Assert.Single(site.Findings(RuleIds.UnreadBindingRedirect)).Fixes);
    }

    [Fact]
    public void Redirects_the_runtime_never_reads_are_not_judged_against_the_build()
    {
        Assert.Empty(StaleRedirect.Find(new UpgradeSite("no-namespace").Bindings, new[] { UpgradeSite.Package("EPiServer.Cms.Shell.UI", "11.21.0.0", "8fe83dea738b45b7", "EPiServer.CMS.UI.Core", "11.21.0") }));
        Assert.Empty(UnreadRedirect.Find(new UpgradeSite("matching").Bindings));
    }
}
