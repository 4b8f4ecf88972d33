using CmsHazards.Json;
using Xunit;

namespace CmsHazards.Tests.AspNetCore;

/// <summary>appsettings.json read as the ASP.NET Core host reads it: comments, trailing commas, keys without case.</summary>
public class JsonFileTests
{
    [Fact]
    public void Comments_and_trailing_commas_are_accepted_as_the_host_accepts_them()
    {
        var file = JsonFile.Parse("/site/appsettings.json", "{ // a\n \"A\": { /* b */ \"B\": false, }, }");

        Assert.Null(file.Error);
        var key = file.Find("a", "b");
        Assert.NotNull(key);
        var value = Assert.IsType<JsonLiteral>(key!.Value);
        Assert.Equal(JsonLiteralKind.False, value.Kind);
        Assert.Equal("False", value.Value);
        Assert.Equal("false", file.Text.Substring(value.Span.Start, value.Span.Length));
        Assert.Equal("\"B\"", file.Text.Substring(key.NameSpan.Start, key.NameSpan.Length));
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_text()
    {
        var file = JsonFile.Parse("/site/appsettings.json", "\uFEFF{\"A\": 1}");

        Assert.Null(file.Error);
        Assert.Equal("{\"A\": 1}", file.Text);
    }

    [Theory]
    [InlineData("{\"A\": 1, \"a\": 2}", 9, "the key \"a\" appears twice in one object (keys ignore case), which the host refuses")]
    [InlineData("[1]", 0, "the top-level value must be an object")]
    [InlineData("", 0, "the file is empty; the host expects a JSON object")]
    [InlineData("{\"A\": True}", 6, "'True' is not a JSON value (strings need double quotes; true, false and null are lower case)")]
    [InlineData("{\"A\": 'x'}", 6, "''' cannot start a value")]
    [InlineData("{\"A\": 1 /* open", 8, "a /* comment is not closed")]
    [InlineData("{\"A\": 1} x", 9, "text follows the top-level object")]
    [InlineData("{\"A\" 1}", 5, "':' is expected after \"A\"")]
    [InlineData("{\"A\": \"\\q\"}", 7, "'\\q' is not a JSON escape")]
    public void Text_the_host_refuses_is_reported_with_its_position(string text, int offset, string message)
    {
        var file = JsonFile.Parse("/site/appsettings.json", text);

        Assert.Null(file.Root);
        Assert.Equal(message, file.Error!.Message);
        Assert.Equal(offset, file.Error.Offset);
    }

    [Fact]
    public void Nesting_beyond_the_hosts_limit_is_reported_not_followed()
    {
        var text = new string('[', 70) + new string(']', 70);
        var file = JsonFile.Parse("/site/appsettings.json", "{\"A\": " + text + "}");

        Assert.Equal("values nest deeper than 64 levels, the host's limit", file.Error!.Message);
    }

    [Fact]
    public void Strings_are_unescaped()
    {
        var file = JsonFile.Parse("/site/appsettings.json", "{\"A\\u0042\": \"x\\\"y\\n\"}");

        var key = file.Find("AB");
        Assert.Equal("x\"y\n", ((JsonLiteral)key!.Value).Value);
    }
}
