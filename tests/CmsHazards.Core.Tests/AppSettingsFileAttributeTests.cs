using CmsHazards.Configuration;
using CmsHazards.Fixes;
using CmsHazards.Hosting;
using CmsHazards.Rules;
using CmsHazards.Text;
using CmsHazards.Versions;
using Xunit;
using static CmsHazards.Tests.ExpectedMessages;

namespace CmsHazards.Tests;

/// <summary>
/// <c>&lt;appSettings file="..."&gt;</c> as .NET Framework applies it: the file's entries are read after the inline ones
/// and override them, and a file that is not there is ignored. The verdict reads the merged entries; the fix edits the
/// place that decides.
/// </summary>
public class AppSettingsFileAttributeTests
{
    private const string Local = "/site/AppSettings.Local.config";

    private static string WebConfig(string inlineValue) => $"""
        <configuration>
          <appSettings file="AppSettings.Local.config">
            <add key="Epi.WebSockets.Enabled" value="{inlineValue}" />
          </appSettings>
          <system.web><httpRuntime targetFramework="4.8" /></system.web>
        </configuration>
        """;

    private static string LocalFile(string value) => $"""
        <appSettings>
          <add key="Epi.WebSockets.Enabled" value="{value}" />
        </appSettings>
        """;

    [Fact]
    public void The_file_s_entry_overrides_the_inline_one_that_would_leave_WebSockets_on()
    {
        Assert.Empty(Check(WebConfig("true"), LocalFile("false")));
    }

    [Fact]
    public void The_file_s_entry_turns_WebSockets_back_on_and_the_fix_edits_that_file()
    {
        var finding = Assert.Single(Check(WebConfig("false"), LocalFile("true")));

        Assert.Equal("CMSH101", finding.RuleId);
        Assert.Equal(
            $"{Ui} opens a WebSocket from the edit interface, but {OldIis}. " +
            "Editors will get \"A real-time connection could not be established with the server\". Set Epi.WebSockets.Enabled to false in AppSettings.Local.config, whose entries override the root appSettings of Web.config (appSettings file=). " +
            "Epi.WebSockets.Enabled=\"false\" at Web.config(3) does not take effect: the later Epi.WebSockets.Enabled=\"true\" at AppSettings.Local.config(2) overrides it (appSettings keys ignore case, and the last entry wins).",
            finding.Message);
        Assert.Equal(Local, finding.FixTargetPath());
    }

    [Fact]
    public void A_file_that_is_not_there_is_ignored_and_the_inline_entries_decide()
    {
        Assert.Empty(Check(WebConfig("false"), localFile: null));

        var finding = Assert.Single(Check(WebConfig("true"), localFile: null));
        Assert.Equal("CMSH101", finding.RuleId);
        Assert.Equal("/site/Web.config", finding.FixTargetPath());
    }

    [Fact]
    public void A_clear_in_the_file_undoes_the_inline_entries_and_the_fix_sets_the_key_after_it()
    {
        var finding = Assert.Single(Check(WebConfig("false"), "<appSettings>\n  <clear />\n</appSettings>"));

        Assert.Equal("CMSH101", finding.RuleId);
        Assert.EndsWith(
            "Set Epi.WebSockets.Enabled to false in AppSettings.Local.config, whose entries override the root appSettings of Web.config (appSettings file=). " +
            "Epi.WebSockets.Enabled=\"false\" at Web.config(3) does not take effect: the later <clear /> at AppSettings.Local.config(2) removes it.",
            finding.Message);
        Assert.Equal(Local, finding.FixTargetPath());
    }

    [Fact]
    public void A_file_whose_root_is_not_appSettings_is_reported_and_withholds_the_verdict()
    {
        var finding = Assert.Single(Check(WebConfig("false"), "<configuration />"));

        Assert.Equal("CMSH200", finding.RuleId);
        Assert.Equal("AppSettings.Local.config, named by <appSettings file=\"AppSettings.Local.config\"> at Web.config(2), must have <appSettings> as its root element, not <configuration>.", finding.Message);
    }

    [Fact]
    public void The_front_ends_read_the_file_among_the_site_s_files_and_find_it_on_disk()
    {
        var site = FixtureFiles.PathOf("Fixes/appsettings-file");
        var webConfig = Path.Combine(site, "Web.config");
        ConfigFile? Read(string path) => File.Exists(path) ? ConfigFile.Parse(path, EncodedText.Read(path).Text) : null;

        var missing = new List<string>();
        var onDisk = SiteConfigurationFiles.ConfigSourceFilesOnDisk(new[] { webConfig }, webConfig, "Release", Read, missing);
        var configuration = SiteConfigurationFiles.Read(webConfig, new[] { webConfig }.Concat(onDisk).ToList(), site, "Release", Read)!;

        Assert.Equal(new[] { Path.Combine(site, "AppSettings.Local.config") }, onDisk);
        Assert.Empty(missing);
        Assert.Equal("true", configuration.Deployed!.DeployedAppSettings.Find("epi.websockets.enabled")!.Value);
    }

    [Fact]
    public void The_fix_changes_only_the_value_in_the_file_byte_for_byte()
    {
        var site = FixtureFiles.PathOf("Fixes/appsettings-file");
        var texts = new[] { "Web.config", "AppSettings.Local.config" }.ToDictionary(n => Path.Combine(site, n), n => EncodedText.Read(Path.Combine(site, n)));
        var configuration = SiteConfigurationFiles.Read(Path.Combine(site, "Web.config"), texts.Keys.ToList(), site, "Release",
            path => texts.TryGetValue(path, out var text) ? ConfigFile.Parse(path, text.Text) : null)!;

        var finding = Assert.Single(SiteCheck.Run(new SiteFacts(Reference, HostDeclaration.Read(null, "7.5"), configuration)));
        var edit = Assert.Single(FixPlanner.Plan(finding.Fixes[0], path => texts.TryGetValue(path, out var text) ? text.Text : null));

        Assert.Equal(Path.Combine(site, "AppSettings.Local.config"), edit.Path);
        Assert.Equal(FixtureFiles.Bytes("Fixes/appsettings-file/AppSettings.Local.config.expected"), texts[edit.Path].Encode(edit.ApplyTo(texts[edit.Path].Text)));
    }

    private static readonly CmsUiReference Reference = new(CmsUiVersion.FromAssemblyVersion(new Version(11, 20, 0, 0)), "EPiServer.Cms.Shell.UI 11.20.0.0");

    private static IReadOnlyList<Finding> Check(string webConfig, string? localFile)
    {
        var paths = new List<string> { "/site/Web.config" };
        if (localFile is not null) paths.Add(Local);
        var configuration = SiteConfigurationFiles.Read("/site/Web.config", paths, "/site", "Release",
            path => path == "/site/Web.config" ? ConfigFile.Parse(path, webConfig) : path == Local && localFile is not null ? ConfigFile.Parse(path, localFile) : null)!;
        return SiteCheck.Run(new SiteFacts(Reference, HostDeclaration.Read(null, "7.5"), configuration));
    }
}
