using CmsHazards.Json;
using CmsHazards.Text;
using Xunit;

namespace CmsHazards.Tests.AspNetCore;

/// <summary>
/// The one JSON reader, read as each host reads its files: appsettings.json as Microsoft.Extensions.Configuration does
/// (comments, trailing commas, keys without case, a repeated key refused), ARM templates as Azure Resource Manager does
/// and *.tfvars.json as Terraform does. Where the two readers CmsHazards had before disagreed, the host decides.
/// </summary>
public class JsonFileTests
{
    private static JsonFile AppSettings(string text) => JsonFile.Parse("/site/appsettings.json", text);

    [Fact]
    public void Comments_and_trailing_commas_are_accepted_as_the_host_accepts_them()
    {
        var file = AppSettings("{ // a\n \"A\": { /* b */ \"B\": false, }, }");

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
    public void Every_name_and_value_has_its_line_and_column()
    {
        var file = AppSettings("{\r\n  \"A\": {\n    \"B\": [1, \"x\"]\r  }\n}");

        var b = file.Find("A", "B")!;
        var items = ((JsonArray)b.Value).Items;
        Assert.Equal(new LinePosition(2, 4), file.Lines.GetPosition(b.NameSpan.Start));
        Assert.Equal(new LinePosition(2, 9), file.Lines.GetPosition(b.Value.Span.Start));
        Assert.Equal(new LinePosition(2, 13), file.Lines.GetPosition(items[1].Span.Start));
        Assert.Equal(new LinePosition(3, 2), file.Lines.GetPosition(file.Find("A")!.Value.Span.End - 1));
    }

    [Fact]
    public void A_byte_order_mark_is_skipped_and_spans_index_the_text_as_given()
    {
        // JsonFile removed the mark and SetJsonProperty shifted its edits back; the ARM reader kept it. Kept: an edit
        // made from a span applies to the text the span was read from, whatever reads it.
        var file = AppSettings("\uFEFF{\"A\": 1}");

        Assert.Null(file.Error);
        Assert.Equal("\uFEFF{\"A\": 1}", file.Text);
        Assert.Equal(new TextSpan(2, 3), file.Find("A")!.NameSpan);
    }

    [Theory]
    [InlineData("{\"A\": 1, \"a\": 2}", 9, "the key \"a\" appears twice (configuration keys ignore case), which the host refuses")]
    [InlineData("[1]", 0, "the top-level value must be an object, as the host requires")]
    [InlineData("", 0, "the file is empty; the host expects a JSON object")]
    [InlineData("{\"A\": True}", 6, "'True' is not a JSON value (strings need double quotes; true, false and null are lower case)")]
    [InlineData("{\"A\": 'x'}", 6, "''' where a value was expected (JSON strings take double quotes)")]
    [InlineData("{\"A\": 1 /* open", 8, "a comment that never ends")]
    [InlineData("{\"A\": 1} x", 9, "text after the end of the document")]
    [InlineData("{\"A\" 1}", 5, "no ':' after the property name \"A\"")]
    [InlineData("{\"A\": \"\\q\"}", 7, "the escape '\\q', which JSON does not have")]
    [InlineData("{\"A\": \"\\u12\"}", 7, "'\\u' without four hexadecimal digits")]
    [InlineData("{\"A\": 1 \"B\": 2}", 8, "'\"' where ',' or '}' was expected")]
    [InlineData("{\"A\": [1 2]}", 9, "'2' where ',' or ']' was expected")]
    [InlineData("{\"A\": [1,,2]}", 9, "',' where a value was expected")]
    [InlineData("{,}", 1, "',' where a property name in double quotes was expected")]
    [InlineData("{\"A\": \"x\ty\"}", 8, "the control character '\\u0009' written as is in a string, which the host refuses (write it escaped)")]
    public void Text_the_host_refuses_is_reported_with_its_position(string text, int offset, string message)
    {
        var file = AppSettings(text);

        Assert.Null(file.Root);
        Assert.Equal(message, file.Error!.Message);
        Assert.Equal(offset, file.Error.Offset);
        Assert.Equal(new LinePosition(0, offset), file.Error.Position);
    }

    [Theory]
    [InlineData("{\n  \"A\": \"never closed\n}", 1, 7, "a string that never ends on its line")]
    [InlineData("{\n  \"A\": \"never closed", 1, 7, "a string that never ends")]
    [InlineData("{\n  \"A\": [1,\n  2", 1, 7, "an array that never closes")]
    [InlineData("{\n  \"A\": {\n", 1, 7, "an object that never closes")]
    public void An_unterminated_string_or_bracket_is_reported_where_it_opens(string text, int line, int character, string message)
    {
        // JsonFile reported these at the end of the file (or at the line break); the ARM reader where they open,
        // which is where the mistake is.
        var file = AppSettings(text);

        Assert.Equal(message, file.Error!.Message);
        Assert.Equal(new LinePosition(line, character), file.Error.Position);
    }

    [Theory]
    [InlineData("01")]
    [InlineData("1.")]
    [InlineData("-")]
    [InlineData("1e")]
    [InlineData("1.5.2")]
    [InlineData("-Infinity")]
    [InlineData("0x1F")]
    public void Numbers_follow_the_JSON_grammar(string number)
    {
        // System.Text.Json (appsettings) and Go's encoding/json (Terraform) refuse these; both earlier readers let some
        // through because double.TryParse accepted them.
        var file = AppSettings("{\"A\": " + number + "}");

        Assert.Equal($"'{number}', which is not a JSON number", file.Error!.Message);
        Assert.Equal(6, file.Error.Offset);
    }

    [Theory]
    [InlineData("-0")]
    [InlineData("12.50")]
    [InlineData("1E+3")]
    [InlineData("-0.5e-7")]
    public void Numbers_are_kept_as_written(string number)
    {
        var value = (JsonLiteral)AppSettings("{\"A\": " + number + "}").Find("A")!.Value;

        Assert.Equal(JsonLiteralKind.Number, value.Kind);
        Assert.Equal(number, value.Value);
    }

    [Fact]
    public void Nesting_beyond_the_hosts_limit_is_reported_not_followed()
    {
        var text = new string('[', 70) + new string(']', 70);
        var file = AppSettings("{\"A\": " + text + "}");

        Assert.Equal("values nested deeper than 64 levels, the host's limit", file.Error!.Message);
        Assert.Equal(6 + 63, file.Error.Offset);
    }

    [Fact]
    public void Strings_are_unescaped()
    {
        var file = AppSettings("{\"A\\u0042\": \"x\\\"y\\n\"}");

        var key = file.Find("AB");
        Assert.Equal("x\"y\n", ((JsonLiteral)key!.Value).Value);
    }

    [Fact]
    public void Sections_of_the_same_name_merge_as_the_configuration_provider_merges_them()
    {
        // JsonFile refused any name written twice in one object; the provider flattens the file into keys and refuses
        // only a key given twice, so two "EPiServer" sections with different settings are one section to the site.
        var file = AppSettings("{\"EPiServer\": {\"CmsUI\": {\"UI\": {\"WebSocketEnabled\": false}}}, \"episerver\": {\"Find\": {\"DefaultIndex\": \"cms\"}}}");

        Assert.Null(file.Error);
        Assert.Equal("False", ((JsonLiteral)file.Find("EPiServer", "CmsUI", "UI", "WebSocketEnabled")!.Value).Value);
        Assert.Equal("cms", ((JsonLiteral)file.Find("EPiServer", "Find", "DefaultIndex")!.Value).Value);
    }

    [Theory]
    [InlineData("{\"A\": {\"x\": 1}, \"a\": {\"X\": 2}}", 22, "a:X")]
    [InlineData("{\"A:x\": 1, \"A\": {\"x\": 2}}", 17, "A:x")]
    [InlineData("{\"A\": [1, 2], \"A:1\": 3}", 14, "A:1")]
    public void A_key_given_twice_after_merging_is_refused_where_it_is_given_again(string text, int offset, string key)
    {
        var file = AppSettings(text);

        Assert.Equal($"the key \"{key}\" appears twice (configuration keys ignore case), which the host refuses", file.Error!.Message);
        Assert.Equal(offset, file.Error.Offset);
    }

    [Fact]
    public void A_name_with_colons_holds_several_segments_of_a_configuration_path()
    {
        var file = AppSettings("{\"EPiServer:CmsUI\": {\"UI:WebSocketEnabled\": true}}");

        var key = file.Find("episerver", "cmsui", "ui", "websocketenabled");
        Assert.Equal("\"UI:WebSocketEnabled\"", file.Text.Substring(key!.NameSpan.Start, key.NameSpan.Length));
        Assert.Null(file.Find("EPiServer", "Cms"));
    }

    [Fact]
    public void A_long_word_is_shortened_in_the_message()
    {
        var file = AppSettings("{\"A\": " + new string('x', 1_000_000) + "}");

        Assert.Equal("'" + new string('x', 60) + "...' is not a JSON value (strings need double quotes; true, false and null are lower case)", file.Error!.Message);
    }

    [Fact]
    public void Azure_Resource_Manager_keeps_repeated_names_and_the_last_one_wins()
    {
        // Json.NET, which the deployment engine reads with, replaces a repeated property with the later one.
        var file = JsonFile.Parse("azuredeploy.json", "{\"a\": 1, \"A\": 2}", JsonDialect.AzureResourceManager);

        Assert.Null(file.Error);
        Assert.Equal(2, file.Root!.Properties.Count);
        Assert.Equal("2", ((JsonLiteral)file.Root.Get("a")!).Value);
    }

    [Fact]
    public void Azure_Resource_Manager_takes_a_tab_written_as_is_in_a_string()
    {
        var file = JsonFile.Parse("azuredeploy.json", "{\"a\": \"x\ty\"}", JsonDialect.AzureResourceManager);

        Assert.Equal("x\ty", ((JsonLiteral)file.Root!.Get("a")!).Value);
    }

    [Fact]
    public void Azure_Resource_Manager_nesting_stops_at_CmsHazards_own_limit()
    {
        var file = JsonFile.Parse("azuredeploy.json", "{\"a\": " + new string('[', 200), JsonDialect.AzureResourceManager);

        Assert.Equal("values nested deeper than 128 levels", file.Error!.Message);
        Assert.Equal(6 + 127, file.Error.Offset);
    }

    [Theory]
    [InlineData("{\"a\": 1, // why\n\"b\": 2}", 9, "a comment, which Terraform does not accept in JSON")]
    [InlineData("{\"a\": 1 /* why */}", 8, "a comment, which Terraform does not accept in JSON")]
    [InlineData("{\"a\": 1,\n}", 7, "a comma before '}', which Terraform does not accept")]
    [InlineData("{\"a\": [1, 2, ]}", 11, "a comma before ']', which Terraform does not accept")]
    [InlineData("[\"a\"]", 0, "the top-level value must be an object, as Terraform requires")]
    public void Terraform_reads_strict_JSON(string text, int offset, string message)
    {
        // HCL's JSON parser has no comments ("//" properties stand for them) and says "Trailing comma in object".
        var file = JsonFile.Parse("prod.tfvars.json", text, JsonDialect.Terraform);

        Assert.Null(file.Root);
        Assert.Equal(message, file.Error!.Message);
        Assert.Equal(offset, file.Error.Offset);
    }

    [Theory]
    [InlineData("{\"a\": 1, // why\n\"b\": 2}")]
    [InlineData("{\"a\": [1, 2, ], }")]
    public void Comments_and_trailing_commas_are_accepted_by_Azure_Resource_Manager(string text)
    {
        Assert.Null(JsonFile.Parse("azuredeploy.json", text, JsonDialect.AzureResourceManager).Error);
    }

    [Fact]
    public void A_text_over_the_limit_is_not_read()
    {
        var file = AppSettings("{\"A\": \"" + new string('x', JsonFile.MaxLength) + "\"}");

        Assert.Null(file.Root);
        Assert.Equal(0, file.Error!.Offset);
        Assert.StartsWith($"it is {JsonFile.MaxLength + 9} characters long", file.Error.Message);
    }
}
