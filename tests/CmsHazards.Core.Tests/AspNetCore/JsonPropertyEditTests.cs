using CmsHazards.AspNetCore;
using CmsHazards.Fixes;
using CmsHazards.Json;
using CmsHazards.Text;
using Xunit;

namespace CmsHazards.Tests.AspNetCore;

/// <summary>Setting the CMS UI switch in appsettings files, compared byte for byte with the expected files.</summary>
public class JsonPropertyEditTests
{
    [Theory]
    [InlineData("Json/template/appsettings.json")]
    [InlineData("Json/comments/appsettings.json")]
    [InlineData("Json/flip-true/appsettings.json")]
    [InlineData("Json/one-line/appsettings.json")]
    [InlineData("Json/empty-section/appsettings.json")]
    [InlineData("Json/merged-sections/appsettings.json")]
    public void Setting_the_switch_changes_only_the_setting(string fixture)
    {
        var stored = EncodedText.Decode(FixtureFiles.Bytes(fixture));
        var file = JsonFile.Parse("/site/appsettings.json", stored.Text);

        var edits = JsonPropertyEdit.Set(file, CmsAppSettings.WebSocketEnabledPath, "false");

        Assert.NotNull(edits);
        var fixedBytes = stored.Encode(new FileEdit(file.Path, edits!).ApplyTo(stored.Text));
        Assert.Equal(FixtureFiles.Bytes(fixture + ".expected"), fixedBytes);
        var again = JsonFile.Parse(file.Path, EncodedText.Decode(fixedBytes).Text);
        Assert.Null(again.Error);
        Assert.Empty(JsonPropertyEdit.Set(again, CmsAppSettings.WebSocketEnabledPath, "false")!);
    }

    [Theory]
    [InlineData("Json/template/appsettings.json")]
    [InlineData("Json/comments/appsettings.json")]
    [InlineData("Json/flip-true/appsettings.json")]
    [InlineData("Json/merged-sections/appsettings.json")]
    public void The_set_a_JSON_property_change_carries_the_same_edit_as_data(string fixture)
    {
        var stored = EncodedText.Decode(FixtureFiles.Bytes(fixture));
        var change = new SetJsonProperty("/site/appsettings.json", "EPiServer:CmsUI:UI:WebSocketEnabled", "false");
        var fix = new Fix("Turn off CMS UI WebSockets in appsettings.json", "CmsHazards.TurnOffWebSocketsInAppSettings", new FileChange[] { change });

        // Through the codec, as the analyzer hands it to the code fix, then planned against the file as it is.
        var carried = Assert.Single(FixCodec.Decode(FixCodec.Encode(new[] { fix })));
        var edit = Assert.Single(FixPlanner.Plan(carried, _ => stored.Text));

        Assert.Equal(FixtureFiles.Bytes(fixture + ".expected"), stored.Encode(edit.ApplyTo(stored.Text)));
        Assert.Empty(FixPlanner.Plan(carried, _ => edit.ApplyTo(stored.Text)));
    }

    [Fact]
    public void A_segment_that_is_not_an_object_is_not_overwritten()
    {
        var file = JsonFile.Parse("/site/appsettings.json", "{ \"EPiServer\": { \"CmsUI\": \"off\" } }");

        Assert.Null(JsonPropertyEdit.Set(file, CmsAppSettings.WebSocketEnabledPath, "false"));
    }

    [Fact]
    public void An_unreadable_file_is_not_edited()
    {
        var file = JsonFile.Parse("/site/appsettings.json", "{ \"EPiServer\": ");

        Assert.Null(JsonPropertyEdit.Set(file, CmsAppSettings.WebSocketEnabledPath, "false"));
    }

    [Fact]
    public void A_byte_order_mark_held_as_a_character_is_kept_and_the_edit_lands_on_the_value()
    {
        var text = "\uFEFF{ \"EPiServer\": { \"CmsUI\": { \"UI\": { \"WebSocketEnabled\": true } } } }";

        var edits = new SetJsonProperty("/site/appsettings.json", "EPiServer:CmsUI:UI:WebSocketEnabled", "false").PlanEdits(text);

        Assert.Equal("\uFEFF{ \"EPiServer\": { \"CmsUI\": { \"UI\": { \"WebSocketEnabled\": false } } } }", new FileEdit("/site/appsettings.json", edits!).ApplyTo(text));
    }

    [Fact]
    public void A_key_written_as_one_name_with_colons_is_set_where_it_is()
    {
        // The configuration provider reads "EPiServer:CmsUI:UI:WebSocketEnabled" as a name exactly as it reads the
        // nested objects, so the fix changes that value instead of adding a second key the host would refuse.
        var file = JsonFile.Parse("/site/appsettings.json", "{\n  \"EPiServer:CmsUI:UI:WebSocketEnabled\": true\n}\n");

        var edit = Assert.Single(JsonPropertyEdit.Set(file, CmsAppSettings.WebSocketEnabledPath, "false")!);

        Assert.Equal("{\n  \"EPiServer:CmsUI:UI:WebSocketEnabled\": false\n}\n", new FileEdit(file.Path, new[] { edit }).ApplyTo(file.Text));
    }
}
