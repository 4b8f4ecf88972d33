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
}
