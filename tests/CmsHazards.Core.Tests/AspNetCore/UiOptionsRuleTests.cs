using CmsHazards.AspNetCore;
using CmsHazards.Fixes;
using CmsHazards.Hosting;
using CmsHazards.Json;
using CmsHazards.Rules;
using CmsHazards.Rules.WebSockets;
using CmsHazards.Text;
using CmsHazards.Versions;
using Xunit;

namespace CmsHazards.Tests.AspNetCore;

/// <summary>
/// The CMS 12/13 WebSockets rule on the engine: what it decides with the C# the analyzer reads, and what it says where a
/// front end (the MSBuild task, the cmshazards command) reads no C#.
/// </summary>
public class UiOptionsRuleTests
{
    private static readonly CmsUiReference Ui = CmsUiReference.FromAssembly("EPiServer.Cms.Shell.UI", new Version(12, 23, 0, 0));

    private const string Opens = "CMS UI 12.23.0 (EPiServer.Cms.Shell.UI 12.23.0.0) opens a WebSocket from the edit interface";
    private const string Declared = "but the hosts are declared without WebSockets (CmsHostWebSockets=false). Editors will get \"A real-time connection could not be established with the server\". Set UIOptions.WebSocketEnabled to false: services.Configure<UIOptions>(o => o.WebSocketEnabled = false).";

    private static SiteFacts Site(string? webSockets, CmsAppSettings? appSettings, CmsStartupCode? code)
    {
        var site = new SiteFacts(Ui, HostDeclaration.Read(webSockets, null), null);
        if (appSettings is not null) site = site.With(() => appSettings);
        if (code is not null) site = site.With(() => code);
        return site;
    }

    private static CmsAppSettings AppSettings(string text) => CmsAppSettings.Read(new[] { JsonFile.Parse("/site/appsettings.json", text) }, null);

    private static FileLocation At(int line, int start, int length) =>
        new("/site/Startup.cs", new TextSpan(start, length), new LinePosition(line, 8), new LinePosition(line, 8 + length));

    [Fact]
    public void Without_the_CSharp_the_verdict_says_so_and_offers_only_the_appsettings_fix()
    {
        var finding = Assert.Single(SiteCheck.Run(Site("false", AppSettings("{ \"AllowedHosts\": \"*\" }"), null)));

        Assert.Equal("CMSH101", finding.RuleId);
        Assert.Equal(
            Opens + " unless the site's C# turns it off (UIOptions.WebSocketEnabled is on by default, and no appsettings file turns it off), " + Declared + UiOptionsRule.CodeNotRead,
            finding.Message);
        Assert.Null(finding.Location);
        Assert.Equal("CmsHostWebSockets", finding.Setting);
        var fix = Assert.Single(finding.Fixes);
        Assert.Equal("Turn off CMS UI WebSockets in appsettings.json", fix.Title);
        Assert.Equal("SetJsonProperty(appsettings.json, EPiServer:CmsUI:UI:WebSocketEnabled, false)", Assert.Single(fix.Changes).ToString());
    }

    [Fact]
    public void Without_the_CSharp_the_switch_off_in_appsettings_decides()
    {
        var findings = SiteCheck.Run(Site("false", AppSettings("{ \"EPiServer\": { \"CmsUI\": { \"UI\": { \"WebSocketEnabled\": false } } } }"), null));

        Assert.Empty(findings);
    }

    [Fact]
    public void With_the_CSharp_the_call_that_adds_CMS_takes_the_CSharp_fix_first()
    {
        var code = new CmsStartupCode(At(10, 250, 8), "AddCms()", null, Array.Empty<SwitchSetting>());

        var finding = Assert.Single(SiteCheck.Run(Site("false", AppSettings("{ }"), code)));

        Assert.Equal(Opens + " (UIOptions.WebSocketEnabled is on by default), " + Declared, finding.Message);
        Assert.Equal(FindingPlacement.OnCmsStartup, finding.Placement);
        Assert.Equal(new[] { "Turn off CMS UI WebSockets (UIOptions.WebSocketEnabled = false)", "Turn off CMS UI WebSockets in appsettings.json" }, finding.Fixes.Select(f => f.Title));
        var change = Assert.IsType<SetUiOptionsInCode>(Assert.Single(finding.Fixes[0].Changes));
        Assert.Equal(("/site/Startup.cs", 250, 8, "WebSocketEnabled", "false"), (change.Path, change.Anchor.Start, change.Anchor.Length, change.Property, change.Value));

        // Carried through the analyzer's diagnostic properties and back, as the code fix reads it.
        var decoded = FixCodec.Decode(FixCodec.Encode(finding.Fixes));
        Assert.True(decoded[0].IsSameEditAs(finding.Fixes[0]));
        Assert.Null(change.PlanEdits("class Startup { }"));
    }

    [Fact]
    public void A_switch_set_in_CSharp_leaves_no_appsettings_fix_since_CSharp_overrides_the_file()
    {
        var setting = new SwitchSetting(SwitchState.On, SwitchPhase.Configure, "Configure<UIOptions>", "true", At(11, 300, 4));
        var code = new CmsStartupCode(At(10, 250, 8), "AddCms()", null, new[] { setting });

        var finding = Assert.Single(SiteCheck.Run(Site("false", AppSettings("{ }"), code)));

        Assert.Equal(new[] { "Turn off CMS UI WebSockets (UIOptions.WebSocketEnabled = false)" }, finding.Fixes.Select(f => f.Title));
        Assert.Equal("Startup.cs(12)", finding.Location!.Describe());
    }

    [Fact]
    public void A_compilation_without_UIOptions_is_not_decided()
    {
        Assert.Empty(SiteCheck.Run(Site("false", AppSettings("{ }"), CmsStartupCode.WithoutUiOptions)));
    }

    [Fact]
    public void A_CMS_11_site_is_left_to_the_web_config_rule()
    {
        var site = new SiteFacts(CmsUiReference.FromAssembly("EPiServer.Cms.Shell.UI", new Version(11, 20, 0, 0)), HostDeclaration.Read("false", null), null);

        Assert.DoesNotContain(SiteCheck.Rules.Where(r => r.AppliesTo(site)), r => r is UiOptionsRule);
    }
}
