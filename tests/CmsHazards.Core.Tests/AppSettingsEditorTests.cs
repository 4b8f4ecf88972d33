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
        AssertFix(fixture, WebSocketsKey, "false");

    [Fact]
    public void Task_friendly_mode_is_turned_on_the_same_way() =>
        AssertFix("Fixes/task-friendly/Web.config", "aspnet:UseTaskFriendlySynchronizationContext", "true");

    [Fact]
    public void A_web_config_whose_appSettings_live_in_a_configSource_file_is_not_edited()
    {
        var file = Load("Fixes/configsource/Web.config").File;

        Assert.Null(AppSettingsEditor.Set(file, WebSocketsKey, "false"));
    }

    [Fact]
    public void The_last_of_duplicated_keys_is_the_one_changed()
    {
        var text = "<configuration>\n  <appSettings>\n    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\n    <add key=\"epi.websockets.enabled\" value=\"true\" />\n  </appSettings>\n</configuration>\n";

        var fixedText = TurnOff(text);

        Assert.Equal(text.Replace("\"epi.websockets.enabled\" value=\"true\"", "\"epi.websockets.enabled\" value=\"false\""), fixedText);
    }

    [Fact]
    public void A_key_removed_later_is_added_again_after_the_removal()
    {
        var text = "<configuration>\n  <appSettings>\n    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\n    <remove key=\"Epi.WebSockets.Enabled\" />\n  </appSettings>\n</configuration>\n";

        var fixedText = TurnOff(text);

        Assert.Equal(text.Replace("  </appSettings>", "    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\n  </appSettings>"), fixedText);
    }

    [Fact]
    public void A_key_without_a_value_gets_one()
    {
        var text = "<configuration><appSettings><add key=\"Epi.WebSockets.Enabled\"/></appSettings></configuration>";

        Assert.Equal(
            "<configuration><appSettings><add key=\"Epi.WebSockets.Enabled\" value=\"false\"/></appSettings></configuration>",
            TurnOff(text));
    }

    [Fact]
    public void AppSettings_on_one_line_get_the_key_on_a_line_of_its_own()
    {
        var text = "<configuration>\r\n  <appSettings></appSettings>\r\n</configuration>";

        Assert.Equal(
            "<configuration>\r\n  <appSettings>\r\n    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\r\n  </appSettings>\r\n</configuration>",
            TurnOff(text));
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_never_edited() =>
        Assert.Null(AppSettingsEditor.Set(ConfigFile.Parse("Web.config", "\n<?xml version=\"1.0\"?><configuration/>"), WebSocketsKey, "false"));

    [Fact]
    public void Moving_a_key_out_of_a_location_edits_the_one_file_twice()
    {
        var (encoded, file) = Load("Sites/location-key/Web.config");
        var entry = KeyEntries(file.Root!).Single();

        var edit = Assert.Single(FixPlanner.Plan(MoveToRoot(file.Path, entry), Reader(file)));

        Assert.Equal(2, edit.Edits.Count);
        Assert.Equal(FixtureFiles.Bytes("Sites/location-key/Web.config.expected"), encoded.Encode(edit.ApplyTo(encoded.Text)));
    }

    [Fact]
    public void Moving_a_key_out_of_Views_web_config_edits_both_files()
    {
        var (webEncoded, web) = Load("Sites/views-key/Web.config");
        var (viewsEncoded, views) = Load("Sites/views-key/Views/Web.config");
        var entry = KeyEntries(views.Root!).Single();

        var edits = FixPlanner.Plan(MoveToRoot(web.Path, entry), Reader(web, views));

        Assert.Equal(new[] { views.Path, web.Path }, edits.Select(e => e.Path));
        Assert.Equal(FixtureFiles.Bytes("Sites/views-key/Views/Web.config.expected"), viewsEncoded.Encode(edits[0].ApplyTo(viewsEncoded.Text)));
        Assert.Equal(FixtureFiles.Bytes("Sites/views-key/Web.config.expected"), webEncoded.Encode(edits[1].ApplyTo(webEncoded.Text)));
    }

    [Fact]
    public void No_parse_outlives_the_plan_it_was_made_for()
    {
        var (_, file) = Load("Sites/location-key/Web.config");
        var entry = KeyEntries(file.Root!).Single();
        var lastParsed = typeof(FileChange).GetField("_lastParsed", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

        Assert.Single(FixPlanner.Plan(MoveToRoot(file.Path, entry), Reader(file)));

        // The changes shared one parse while planning; the thread keeps none of it afterwards.
        Assert.Null(lastParsed.GetValue(null));
    }

    [Fact]
    public void A_move_whose_entry_is_no_longer_there_changes_nothing()
    {
        var (_, file) = Load("Sites/location-key/Web.config");
        var entry = KeyEntries(file.Root!).Single();

        var withoutEntry = ConfigFile.Parse(file.Path, file.Text.Remove(entry.FullSpan.Start, entry.FullSpan.Length));

        Assert.Empty(FixPlanner.Plan(MoveToRoot(file.Path, entry), Reader(withoutEntry), out var refusal));
        Assert.Equal(
            "Web.config no longer has the element the fix was made for (<configuration>/<location>/<appSettings>/<add key=\"Epi.WebSockets.Enabled\" value=\"false\" />); " +
            "the file changed since, so the fix is not applied",
            refusal);
        Assert.Empty(FixPlanner.Plan(MoveToRoot(file.Path, ConfigFile.Parse("/elsewhere/Web.config", file.Text).Root!.Children.SelectMany(KeyEntries).Single()), Reader(file), out refusal));
        Assert.Equal("Web.config is not there, so the fix is not applied", refusal);
    }

    [Fact]
    public void An_entry_sharing_its_line_with_other_markup_is_removed_alone()
    {
        var text = "<configuration>\n  <appSettings />\n  <location path=\"EPiServer\"><appSettings><add key=\"Epi.WebSockets.Enabled\" value=\"false\" /></appSettings></location>\n</configuration>\n";
        var file = ConfigFile.Parse("/site/Web.config", text);
        var entry = KeyEntries(file.Root!).Single();

        var edit = Assert.Single(FixPlanner.Plan(MoveToRoot(file.Path, entry), Reader(file)));

        Assert.Equal(
            "<configuration>\n  <appSettings>\n    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\n  </appSettings>\n  <location path=\"EPiServer\"><appSettings></appSettings></location>\n</configuration>\n",
            edit.ApplyTo(text));
    }

    private const string WebSocketsKey = "Epi.WebSockets.Enabled";

    private static Func<string, string?> Reader(params ConfigFile[] files) =>
        path => files.FirstOrDefault(f => SiteConfigurationFiles.SamePath(f.Path, path))?.Text;

    /// <summary>The WebSockets rule's move, as data: the entry out of where it has no effect, the key off at the root.</summary>
    private static Fix MoveToRoot(string target, ConfigElement entry) => new Fix(
        "Move Epi.WebSockets.Enabled=false to the root appSettings",
        "CmsHazards.MoveWebSocketsKeyToRoot",
        new FileChange[] { new RemoveXmlElement(entry, WebSocketsKey), new SetAppSetting(target, WebSocketsKey, "false") });

    private static IEnumerable<ConfigElement> KeyEntries(ConfigElement element) =>
        (element.Name == "add" && element.AttributeValue("key") == "Epi.WebSockets.Enabled" ? new[] { element } : Enumerable.Empty<ConfigElement>())
            .Concat(element.Children.SelectMany(KeyEntries));

    private static void AssertFix(string fixture, string key, string value)
    {
        var (encoded, file) = Load(fixture);
        var edit = AppSettingsEditor.Set(file, key, value);
        Assert.NotNull(edit);

        var fixedBytes = encoded.Encode(edit!.ApplyTo(encoded.Text));
        Assert.Equal(FixtureFiles.Bytes(fixture + ".expected"), fixedBytes);

        // A fix applied twice changes nothing the second time.
        var again = ConfigFile.Parse(file.Path, EncodedText.Decode(fixedBytes).Text);
        Assert.Null(again.Error);
        Assert.Null(AppSettingsEditor.Set(again, key, value));
    }

    private static string TurnOff(string text)
    {
        var edit = AppSettingsEditor.Set(ConfigFile.Parse("Web.config", text), WebSocketsKey, "false");
        Assert.NotNull(edit);
        return edit!.ApplyTo(text);
    }

    private static (EncodedText Encoded, ConfigFile File) Load(string fixture)
    {
        var encoded = EncodedText.Decode(FixtureFiles.Bytes(fixture));
        return (encoded, ConfigFile.Parse(FixtureFiles.PathOf(fixture), encoded.Text));
    }
}
