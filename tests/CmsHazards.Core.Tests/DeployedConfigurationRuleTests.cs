using CmsHazards.Configuration;
using CmsHazards.Hosting;
using CmsHazards.Rules;
using CmsHazards.Versions;
using Xunit;
using static CmsHazards.Tests.ExpectedMessages;

namespace CmsHazards.Tests;

/// <summary>
/// The WebSockets verdict about the configuration that is deployed: the transform of the build configuration,
/// keys that do not take effect (CMSH102), and transforms CmsHazards cannot read (CMSH201).
/// </summary>
public class DeployedConfigurationRuleTests
{
    private const string Xdt = "xmlns:xdt=\"http://schemas.microsoft.com/XML-Document-Transform\"";

    /// <summary>WebSockets turned off at the root, appSettings on line 3, the key on line 5.</summary>
    private const string TurnedOff = """
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <appSettings>
            <add key="webpages:Version" value="3.0.0.0" />
            <add key="Epi.WebSockets.Enabled" value="false" />
          </appSettings>
          <system.web>
            <httpRuntime targetFramework="4.7.2" />
          </system.web>
        </configuration>
        """;

    /// <summary>The same site without the key: WebSockets on.</summary>
    private static readonly string WithoutKey = TurnedOff.Replace("    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\n", "");

    private const string RemovesTheKey = $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration {Xdt}>
          <appSettings>
            <add key="Epi.WebSockets.Enabled" xdt:Transform="Remove" xdt:Locator="Match(key)" />
          </appSettings>
        </configuration>
        """;

    [Fact]
    public void A_transform_that_removes_the_key_brings_back_CMSH101_at_the_transform_line()
    {
        var finding = Assert.Single(Evaluate(TurnedOff, transform: RemovesTheKey, iis: "7.5"));

        Assert.Equal("CMSH101", finding.RuleId);
        Assert.Equal(
            $"{Ui} opens a WebSocket from the edit interface, but {OldIis}. {Consequence} " +
            "Epi.WebSockets.Enabled=\"false\" at Web.config(5) does not take effect in the Release configuration: xdt:Transform=\"Remove\" at Web.Release.config(4) removes it. " +
            "No fix is offered: the transform decides; change it at Web.Release.config(4).",
            finding.Message);
        Assert.Equal("/site/Web.Release.config", finding.Location!.Path);
        Assert.Equal("(4,6)", finding.Location.Start.ToString());
        Assert.Empty(finding.Fixes);
    }

    [Fact]
    public void Without_the_transform_of_another_configuration_the_key_takes_effect() =>
        Assert.Empty(Evaluate(TurnedOff, transform: RemovesTheKey, iis: "7.5", configuration: "Debug"));

    [Fact]
    public void A_transform_that_removes_the_key_on_an_undeclared_host_is_CMSH102()
    {
        var finding = Assert.Single(Evaluate(TurnedOff, transform: RemovesTheKey));

        Assert.Equal("CMSH102", finding.RuleId);
        Assert.Equal(
            "Epi.WebSockets.Enabled=\"false\" at Web.config(5) does not take effect in the Release configuration: xdt:Transform=\"Remove\" at Web.Release.config(4) removes it. " +
            $"{Opens} No fix is offered: the transform decides; change it at Web.Release.config(4).",
            finding.Message);
    }

    [Fact]
    public void A_transform_that_sets_the_key_to_true_is_named()
    {
        var finding = Assert.Single(Evaluate(TurnedOff, transform: $"""
            <configuration {Xdt}>
              <appSettings>
                <add key="Epi.WebSockets.Enabled" value="true" xdt:Transform="SetAttributes(value)" xdt:Locator="Match(key)" />
              </appSettings>
            </configuration>
            """));

        Assert.Equal("CMSH102", finding.RuleId);
        Assert.StartsWith(
            "Epi.WebSockets.Enabled=\"false\" at Web.config(5) does not take effect in the Release configuration: xdt:Transform=\"SetAttributes(value)\" at Web.Release.config(3) sets it to \"true\".",
            finding.Message);
        Assert.Equal("(3,6)", finding.Location!.Start.ToString());
    }

    [Fact]
    public void A_transform_that_replaces_appSettings_without_the_key_is_named()
    {
        var finding = Assert.Single(Evaluate(TurnedOff, transform: $"""
            <configuration {Xdt}>
              <appSettings xdt:Transform="Replace">
                <add key="webpages:Version" value="3.0.0.0" />
              </appSettings>
            </configuration>
            """));

        Assert.StartsWith(
            "Epi.WebSockets.Enabled=\"false\" at Web.config(5) does not take effect in the Release configuration: xdt:Transform=\"Replace\" at Web.Release.config(2) replaces <appSettings> at Web.config(3), which then lacks it.",
            finding.Message);
    }

    [Fact]
    public void A_transform_that_inserts_a_later_true_overrides_the_key()
    {
        var finding = Assert.Single(Evaluate(TurnedOff, transform: $"""
            <configuration {Xdt}>
              <appSettings>
                <add key="epi.websockets.enabled" value="true" xdt:Transform="Insert" />
              </appSettings>
            </configuration>
            """));

        Assert.Equal(
            "Epi.WebSockets.Enabled=\"false\" at Web.config(5) does not take effect in the Release configuration: the later epi.websockets.enabled=\"true\" at Web.Release.config(3) overrides it (appSettings keys ignore case, and the last entry wins). " +
            $"{Opens} No fix is offered: the transform decides; change it at Web.Release.config(3).",
            finding.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("no")]
    [InlineData("off")]
    [InlineData("disabled")]
    [InlineData("False.")]
    public void A_value_that_is_not_a_boolean_false_is_CMSH102_with_a_fix(string value)
    {
        var finding = Assert.Single(Evaluate(TurnedOff.Replace("value=\"false\"", $"value=\"{value}\""), configuration: null));

        Assert.Equal("CMSH102", finding.RuleId);
        Assert.Equal(
            $"Epi.WebSockets.Enabled=\"{value}\" at Web.config(5) does not take effect: \"{value}\" is not a value Boolean.TryParse reads as false (it takes \"false\" in any casing, with white space around it, and nothing else), so WebSockets stay on. " +
            $"{Opens} Write \"false\".",
            finding.Message);
        Assert.Equal(new[] { FixKind.TurnOffWebSockets }, finding.FixKinds());
        Assert.Equal("/site/Web.config", finding.FixTargetPath());
        Assert.Equal("(5,6)", finding.Location!.Start.ToString());
    }

    [Fact]
    public void A_later_duplicate_in_any_casing_overrides_the_key()
    {
        var config = TurnedOff.Replace("  </appSettings>", "    <add key=\"EPI.WEBSOCKETS.ENABLED\" value=\"true\" />\n  </appSettings>");

        var finding = Assert.Single(Evaluate(config, configuration: null));

        Assert.Equal(
            "Epi.WebSockets.Enabled=\"false\" at Web.config(5) does not take effect: the later EPI.WEBSOCKETS.ENABLED=\"true\" at Web.config(6) overrides it (appSettings keys ignore case, and the last entry wins). " +
            $"{Opens} Remove the later entry, or set it to \"false\".",
            finding.Message);
        Assert.Equal("(6,6)", finding.Location!.Start.ToString());
        Assert.Equal(new[] { FixKind.TurnOffWebSockets }, finding.FixKinds());
    }

    [Fact]
    public void A_later_remove_undoes_the_key()
    {
        var config = TurnedOff.Replace("  </appSettings>", "    <remove key=\"Epi.WebSockets.Enabled\" />\n  </appSettings>");

        var finding = Assert.Single(Evaluate(config, configuration: null));

        Assert.StartsWith(
            "Epi.WebSockets.Enabled=\"false\" at Web.config(5) does not take effect: the later <remove key=\"Epi.WebSockets.Enabled\"> at Web.config(6) removes it.",
            finding.Message);
    }

    [Fact]
    public void A_key_in_a_location_below_the_root_is_moved_to_the_root()
    {
        var config = """
            <configuration>
              <appSettings />
              <location path="EPiServer">
                <appSettings>
                  <add key="Epi.WebSockets.Enabled" value="false" />
                </appSettings>
              </location>
              <system.web><httpRuntime targetFramework="4.8" /></system.web>
            </configuration>
            """;

        var finding = Assert.Single(Evaluate(config, configuration: null));

        Assert.Equal("CMSH102", finding.RuleId);
        Assert.Equal(
            "Epi.WebSockets.Enabled=\"false\" at Web.config(5) does not take effect: it sits in <location path=\"EPiServer\"> at Web.config(3), and the CMS reads the application's appSettings, which a location below the root does not change. " +
            $"{Opens} Move the key to the root appSettings.",
            finding.Message);
        Assert.Equal(new[] { FixKind.MoveWebSocketsKeyToRoot }, finding.FixKinds());
        Assert.Equal("/site/Web.config", finding.KeyToMove()!.Value.Path);
        Assert.Equal("(5,8)", ConfigFile.Parse("/site/Web.config", config).Lines.GetPosition(finding.KeyToMove()!.Value.Offset).ToString());
    }

    [Fact]
    public void A_key_in_the_root_location_takes_effect() =>
        Assert.Empty(Evaluate("<configuration><location path=\".\"><appSettings><add key=\"Epi.WebSockets.Enabled\" value=\"false\" /></appSettings></location></configuration>", iis: "7.5"));

    [Fact]
    public void A_key_in_a_folder_web_config_is_named_by_its_folder()
    {
        var views = "<configuration>\n  <appSettings>\n    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\n  </appSettings>\n</configuration>";

        var finding = Assert.Single(Evaluate(WithoutKey, configuration: null, iis: "7.5",
            folders: new[] { ("/site/Views/Web.config", views) }));

        Assert.Equal("CMSH101", finding.RuleId);
        Assert.Equal(
            $"{Ui} opens a WebSocket from the edit interface, but {OldIis}. {Consequence} " +
            "Epi.WebSockets.Enabled=\"false\" at Views/Web.config(3) does not take effect: Views/Web.config configures requests for its folder only, and the CMS reads appSettings from the site's root web.config.",
            finding.Message);
        Assert.Equal("/site/Views/Web.config", finding.Location!.Path);
        Assert.Equal(new[] { FixKind.MoveWebSocketsKeyToRoot }, finding.FixKinds());
    }

    [Fact]
    public void A_key_beside_a_configSource_whose_file_is_missing_gets_no_fix()
    {
        var config = """
            <configuration>
              <appSettings configSource="AppSettings.config">
                <add key="Epi.WebSockets.Enabled" value="false" />
              </appSettings>
              <system.web><httpRuntime targetFramework="4.8" /></system.web>
            </configuration>
            """;

        var finding = Assert.Single(Evaluate(config, configuration: null));

        Assert.Equal(
            "Epi.WebSockets.Enabled=\"false\" at Web.config(3) does not take effect: <appSettings configSource=\"AppSettings.config\"> at Web.config(2) takes its entries from AppSettings.config, which does not exist. " +
            $"{Opens} No fix is offered: the appSettings come from 'AppSettings.config' (configSource at Web.config(2)), which was not found; add the key there.",
            finding.Message);
        Assert.Empty(finding.Fixes);
        Assert.Null(finding.FixTargetPath());
    }

    [Fact]
    public void A_key_beside_a_configSource_moves_into_its_file()
    {
        var config = """
            <configuration>
              <appSettings configSource="AppSettings.config">
                <add key="Epi.WebSockets.Enabled" value="false" />
              </appSettings>
              <system.web><httpRuntime targetFramework="4.8" /></system.web>
            </configuration>
            """;

        var finding = Assert.Single(Evaluate(config, configuration: null, appSettings: "<appSettings>\n</appSettings>"));

        Assert.StartsWith(
            "Epi.WebSockets.Enabled=\"false\" at Web.config(3) does not take effect: <appSettings configSource=\"AppSettings.config\"> at Web.config(2) takes its entries from AppSettings.config alone, and .NET rejects entries written beside configSource.",
            finding.Message);
        Assert.Equal(new[] { FixKind.MoveWebSocketsKeyToRoot }, finding.FixKinds());
        Assert.Equal("/site/AppSettings.config", finding.FixTargetPath());
    }

    [Fact]
    public void The_transform_of_the_configSource_file_counts_too()
    {
        var config = "<configuration>\n  <appSettings configSource=\"AppSettings.config\" />\n  <system.web><httpRuntime targetFramework=\"4.8\" /></system.web>\n</configuration>";
        var appSettings = "<appSettings>\n  <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\n</appSettings>";
        var transform = $"<appSettings {Xdt}>\n  <add key=\"Epi.WebSockets.Enabled\" xdt:Transform=\"Remove\" xdt:Locator=\"Match(key)\" />\n</appSettings>";

        var finding = Assert.Single(Evaluate(config, appSettings: appSettings, appSettingsTransform: transform));

        Assert.StartsWith(
            "Epi.WebSockets.Enabled=\"false\" at AppSettings.config(2) does not take effect in the Release configuration: xdt:Transform=\"Remove\" at AppSettings.Release.config(2) removes it.",
            finding.Message);
        Assert.Empty(Evaluate(config, appSettings: appSettings, appSettingsTransform: transform, configuration: "Debug"));
    }

    [Fact]
    public void A_fix_that_the_transform_would_undo_is_not_offered()
    {
        var config = WithoutKey;
        var finding = Assert.Single(Evaluate(config, iis: "7.5", transform: $"""
            <configuration {Xdt}>
              <appSettings xdt:Transform="Replace">
                <add key="webpages:Version" value="3.0.0.0" />
              </appSettings>
            </configuration>
            """));

        Assert.Equal("CMSH101", finding.RuleId);
        Assert.Equal(
            $"{Ui} opens a WebSocket from the edit interface, but {OldIis}. {Consequence} " +
            "No fix is offered: the key set in Web.config would not take effect in the Release configuration, because xdt:Transform=\"Replace\" at Web.Release.config(2) replaces <appSettings> at Web.config(3), which then lacks it.",
            finding.Message);
        Assert.Empty(finding.Fixes);
        Assert.Null(finding.FixTargetPath());
    }

    [Fact]
    public void A_fix_the_transform_leaves_alone_is_offered()
    {
        var config = WithoutKey;

        var finding = Assert.Single(Evaluate(config, iis: "7.5", transform: $"""
            <configuration {Xdt}>
              <system.web>
                <compilation xdt:Transform="RemoveAttributes(debug)" />
              </system.web>
            </configuration>
            """));

        Assert.Equal(new[] { FixKind.TurnOffWebSockets }, finding.FixKinds());
    }

    [Fact]
    public void A_transform_CmsHazards_cannot_read_where_the_verdict_looks_withholds_the_verdict()
    {
        var findings = Evaluate(TurnedOff, iis: "7.5", transform: $"""
            <configuration {Xdt}>
              <appSettings>
                <add key="Epi.WebSockets.Enabled" value="true" xdt:Transform="InsertIfMissing" />
              </appSettings>
            </configuration>
            """);

        var finding = Assert.Single(findings);
        Assert.Equal("CMSH201", finding.RuleId);
        Assert.Equal(
            "xdt:Transform=\"InsertIfMissing\" at Web.Release.config(3) is not an XDT transform CmsHazards reads (it reads Insert, InsertBefore, InsertAfter, Remove, RemoveAll, Replace, SetAttributes and RemoveAttributes). " +
            "CmsHazards gives no WebSockets verdict in the Release configuration until it can read this transform. The binding redirect checks go on.",
            finding.Message);
        Assert.Equal("/site/Web.Release.config", finding.Location!.Path);
        Assert.Equal("(3,52)", finding.Location.Start.ToString());
    }

    [Fact]
    public void A_transform_CmsHazards_cannot_read_elsewhere_is_reported_and_the_checks_go_on()
    {
        var findings = Evaluate(WithoutKey, iis: "7.5", transform: $"""
            <configuration {Xdt}>
              <connectionStrings>
                <add name="EPiServerDB" xdt:Transform="SetAttributes" xdt:Locator="Condition(starts-with(@name, 'EPi'))" />
              </connectionStrings>
            </configuration>
            """);

        Assert.Equal(new[] { "CMSH201", "CMSH101" }, findings.Select(f => f.RuleId));
        Assert.EndsWith("It does not reach appSettings, system.web or system.webServer, or runtime, so the WebSockets and binding redirect checks go on.", findings[0].Message);
    }

    [Fact]
    public void A_transform_that_cannot_be_read_is_CMSH200_and_nothing_is_guessed()
    {
        var finding = Assert.Single(Evaluate(TurnedOff, iis: "7.5", transform: "<configuration>\n  <appSettings>\n</configuration>"));

        Assert.Equal("CMSH200", finding.RuleId);
        Assert.StartsWith("Web.Release.config cannot be read as XML at line 3", finding.Message);
    }

    [Fact]
    public void HttpRuntime_evidence_is_read_from_the_deployed_root_element()
    {
        var lowered = $"""
            <configuration {Xdt}>
              <system.web>
                <httpRuntime targetFramework="4.0" xdt:Transform="SetAttributes(targetFramework)" />
              </system.web>
            </configuration>
            """;
        var inLocation = $"""
            <configuration {Xdt}>
              <location path="EPiServer" xdt:Transform="Insert">
                <system.web>
                  <httpRuntime targetFramework="4.0" />
                </system.web>
              </location>
            </configuration>
            """;
        var config = WithoutKey;

        var finding = Assert.Single(Evaluate(config, webSockets: "true", transform: lowered));
        Assert.Equal(
            $"{Ui} opens a WebSocket from the edit interface, but ASP.NET runs in its 4.0 compatibility mode, which refuses WebSockets (<httpRuntime targetFramework=\"4.0\"> at Web.Release.config(3) is below 4.5, and aspnet:UseTaskFriendlySynchronizationContext is not true). {Consequence}",
            finding.Message);
        Assert.Equal("/site/Web.Release.config", finding.Location!.Path);
        Assert.Empty(Evaluate(config, webSockets: "true", transform: inLocation));
    }

    [Fact]
    public void A_transform_that_removes_targetFramework_is_named()
    {
        var config = WithoutKey;

        var finding = Assert.Single(Evaluate(config, webSockets: "true", transform: $"""
            <configuration {Xdt}>
              <system.web>
                <httpRuntime xdt:Transform="RemoveAttributes(targetFramework)" />
              </system.web>
            </configuration>
            """));

        Assert.Contains("(<httpRuntime> at Web.config(7) has no targetFramework (xdt:Transform=\"RemoveAttributes(targetFramework)\" at Web.Release.config(3) removes it), and", finding.Message);
        Assert.Equal("/site/Web.Release.config", finding.Location!.Path);
    }

    [Fact]
    public void WebSocket_switched_off_by_the_transform_at_the_root_is_evidence_and_in_a_location_is_not()
    {
        var config = WithoutKey;
        var atRoot = $"<configuration {Xdt}>\n  <system.webServer xdt:Transform=\"Insert\">\n    <webSocket enabled=\"false\" />\n  </system.webServer>\n</configuration>";
        var inLocation = $"<configuration {Xdt}>\n  <location path=\"EPiServer\" xdt:Transform=\"Insert\">\n    <system.webServer>\n      <webSocket enabled=\"false\" />\n    </system.webServer>\n  </location>\n</configuration>";

        var finding = Assert.Single(Evaluate(config, webSockets: "true", transform: atRoot));

        Assert.Contains("WebSockets are switched off for the site in IIS (<webSocket enabled=\"false\"> at Web.Release.config(3))", finding.Message);
        Assert.Empty(Evaluate(config, webSockets: "true", transform: inLocation));
    }

    private static IReadOnlyList<Finding> Evaluate(
        string webConfig,
        string? transform = null,
        string? configuration = "Release",
        string? webSockets = null,
        string? iis = null,
        string? appSettings = null,
        string? appSettingsTransform = null,
        (string Path, string Text)[]? folders = null)
    {
        var file = ConfigFile.Parse("/site/Web.config", webConfig);
        ConfigFile? Transform(string path, string? text) =>
            text is null || configuration != "Release" ? null : ConfigFile.Parse(path, text);

        var reference = new CmsUiReference(CmsUiVersion.FromAssemblyVersion(new Version(11, 20, 0, 0)), "EPiServer.Cms.Shell.UI 11.20.0.0");
        return TestSites.Check(
            reference,
            file,
            appSettings is null ? null : ConfigFile.Parse("/site/AppSettings.config", appSettings),
            HostDeclaration.Read(webSockets, iis),
            configuration,
            Transform("/site/Web.Release.config", transform),
            Transform("/site/AppSettings.Release.config", appSettingsTransform),
            (folders ?? Array.Empty<(string, string)>()).Select(f => ConfigFile.Parse(f.Path, f.Text)).ToList());
    }
}
