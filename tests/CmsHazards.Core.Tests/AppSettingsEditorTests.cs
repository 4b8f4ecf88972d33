using CmsHazards.Configuration;
using CmsHazards.Fixes;
using CmsHazards.Rules;
using CmsHazards.Text;
using Xunit;

namespace CmsHazards.Tests;

/// <summary>Fixes applied to the fixture files' bytes and compared byte for byte with the expected files.</summary>
public class AppSettingsEditorTests
{
    [Theory]
    [InlineData("Fixes/bom-crlf/Web.config")]
    [InlineData("Fixes/tabs/Web.config")]
    [InlineData("Fixes/mixed-indent/Web.config")]
    [InlineData("Fixes/long-file/Web.config")]
    [InlineData("Fixes/missing-after-configsections/Web.config")]
    [InlineData("Fixes/missing-first-child/Web.config")]
    [InlineData("Fixes/configsource/AppSettings.config")]
    [InlineData("Fixes/key-true/Web.config")]
    [InlineData("Fixes/comments/Web.config")]
    [InlineData("Fixes/self-closing/Web.config")]
    public void Turning_off_WebSockets_changes_only_the_key(string fixture) =>
        AssertFix(fixture, FixKind.TurnOffWebSockets);

    [Fact]
    public void Task_friendly_mode_is_turned_on_the_same_way() =>
        AssertFix("Fixes/task-friendly/Web.config", FixKind.UseTaskFriendlySynchronizationContext);

    [Fact]
    public void A_web_config_whose_appSettings_live_in_a_configSource_file_is_not_edited()
    {
        var file = Load("Fixes/configsource/Web.config").File;

        Assert.Null(AppSettingsEditor.TurnOffWebSockets(file));
    }

    [Fact]
    public void The_last_of_duplicated_keys_is_the_one_changed()
    {
        var text = "<configuration>\n  <appSettings>\n    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\n    <add key=\"epi.websockets.enabled\" value=\"true\" />\n  </appSettings>\n</configuration>\n";

        var fixedText = Apply(text, FixKind.TurnOffWebSockets);

        Assert.Equal(text.Replace("\"epi.websockets.enabled\" value=\"true\"", "\"epi.websockets.enabled\" value=\"false\""), fixedText);
    }

    [Fact]
    public void A_key_removed_later_is_added_again_after_the_removal()
    {
        var text = "<configuration>\n  <appSettings>\n    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\n    <remove key=\"Epi.WebSockets.Enabled\" />\n  </appSettings>\n</configuration>\n";

        var fixedText = Apply(text, FixKind.TurnOffWebSockets);

        Assert.Equal(text.Replace("  </appSettings>", "    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\n  </appSettings>"), fixedText);
    }

    [Fact]
    public void A_key_without_a_value_gets_one()
    {
        var text = "<configuration><appSettings><add key=\"Epi.WebSockets.Enabled\"/></appSettings></configuration>";

        Assert.Equal(
            "<configuration><appSettings><add key=\"Epi.WebSockets.Enabled\" value=\"false\"/></appSettings></configuration>",
            Apply(text, FixKind.TurnOffWebSockets));
    }

    [Fact]
    public void AppSettings_on_one_line_get_the_key_on_a_line_of_its_own()
    {
        var text = "<configuration>\r\n  <appSettings></appSettings>\r\n</configuration>";

        Assert.Equal(
            "<configuration>\r\n  <appSettings>\r\n    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\r\n  </appSettings>\r\n</configuration>",
            Apply(text, FixKind.TurnOffWebSockets));
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_never_edited() =>
        Assert.Null(AppSettingsEditor.TurnOffWebSockets(ConfigFile.Parse("Web.config", "\n<?xml version=\"1.0\"?><configuration/>")));

    private static void AssertFix(string fixture, FixKind fix)
    {
        var (encoded, file) = Load(fixture);
        var edit = AppSettingsEditor.Apply(fix, file);
        Assert.NotNull(edit);

        var fixedBytes = encoded.Encode(edit!.ApplyTo(encoded.Text));
        Assert.Equal(FixtureFiles.Bytes(fixture + ".expected"), fixedBytes);

        // A fix applied twice changes nothing the second time.
        var again = ConfigFile.Parse(file.Path, EncodedText.Decode(fixedBytes).Text);
        Assert.Null(again.Error);
        Assert.Null(AppSettingsEditor.Apply(fix, again));
    }

    private static string Apply(string text, FixKind fix)
    {
        var edit = AppSettingsEditor.Apply(fix, ConfigFile.Parse("Web.config", text));
        Assert.NotNull(edit);
        return edit!.ApplyTo(text);
    }

    private static (EncodedText Encoded, ConfigFile File) Load(string fixture)
    {
        var encoded = EncodedText.Decode(FixtureFiles.Bytes(fixture));
        return (encoded, ConfigFile.Parse(FixtureFiles.PathOf(fixture), encoded.Text));
    }
}
