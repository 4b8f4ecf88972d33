using System.Text;
using CmsHazards.Configuration;
using CmsHazards.Fixes;
using CmsHazards.Text;
using Xunit;

namespace CmsHazards.Tests;

/// <summary>
/// Files are read in the encoding their bytes and XML declaration say, and written back in it with no byte outside
/// the edit changed; a file that cannot be written back exactly is never written.
/// </summary>
public class EncodedTextTests
{
    private const string Key = "<add key=\"Epi.WebSockets.Enabled\" value=\"false\" />";

    [Theory]
    [InlineData("Fixes/windows-1252/Web.config", "windows-1252", "(€ 0,50 – “quoted”)")]
    [InlineData("Fixes/iso-8859-1/Web.config", "iso-8859-1", "(© Göteborg, ½ day)")]
    public void A_single_byte_web_config_is_read_and_fixed_in_the_encoding_its_declaration_names(string fixture, string encoding, string text)
    {
        var encoded = EncodedText.Decode(FixtureFiles.Bytes(fixture));
        var file = ConfigFile.Parse(fixture, encoded.Text);

        Assert.Equal(encoding, encoded.EncodingName);
        Assert.False(encoded.HasByteOrderMark);
        Assert.Null(encoded.WhyNotWritable);
        Assert.Contains("Göteborgs Stad", encoded.Text);
        Assert.Contains(text, encoded.Text);
        Assert.Equal(FixtureFiles.Bytes(fixture + ".expected"), encoded.Encode(AppSettingsEditor.Set(file, "Epi.WebSockets.Enabled", "false")!.ApplyTo(encoded.Text)));
    }

    [Theory]
    [InlineData("utf-8", true)]
    [InlineData("utf-8", false)]
    [InlineData("UTF-8", false)]
    public void UTF_8_with_or_without_a_byte_order_mark_comes_back_byte_for_byte(string declared, bool byteOrderMark)
    {
        var text = Config(declared, "Göteborg 😀");
        var bytes = (byteOrderMark ? new byte[] { 0xEF, 0xBB, 0xBF } : Array.Empty<byte>()).Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        var encoded = EncodedText.Decode(bytes);

        Assert.Equal("utf-8", encoded.EncodingName);
        Assert.Equal(byteOrderMark, encoded.HasByteOrderMark);
        Assert.Null(encoded.WhyNotWritable);
        Assert.Equal(bytes, encoded.Encode(encoded.Text));
        var fixedText = text.Replace("  </appSettings>", "    " + Key + "\r\n  </appSettings>");
        Assert.Equal((byteOrderMark ? new byte[] { 0xEF, 0xBB, 0xBF } : Array.Empty<byte>()).Concat(Encoding.UTF8.GetBytes(fixedText)).ToArray(), encoded.Encode(fixedText));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UTF_16_without_a_byte_order_mark_is_recognised_by_its_first_characters(bool bigEndian)
    {
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: false);
        var text = Config("utf-16", "Göteborg");
        var bytes = encoding.GetBytes(text);

        var encoded = EncodedText.Decode(bytes);

        Assert.Equal(text, encoded.Text);
        Assert.False(encoded.HasByteOrderMark);
        Assert.Null(encoded.WhyNotWritable);
        Assert.Equal(encoding.GetBytes(text + "<!-- ö -->"), encoded.Encode(text + "<!-- ö -->"));
    }

    [Fact]
    public void A_file_that_says_UTF_8_but_holds_a_windows_1252_byte_is_read_but_never_written()
    {
        var bytes = Encoding.Latin1.GetBytes(Config("utf-8", "Göteborg"));
        var offset = Array.IndexOf(bytes, (byte)0xF6);

        var encoded = EncodedText.Decode(bytes);

        Assert.Contains("G\uFFFDteborg", encoded.Text); // the rules can still read the rest
        Assert.Equal($"its bytes are not valid utf-8 (its XML declaration says utf-8): byte 0xF6 at offset {offset}", encoded.WhyNotWritable);
        Assert.Null(encoded.TryEncode(encoded.Text, out var whyNot));
        Assert.Equal(encoded.WhyNotWritable, whyNot);
        Assert.Throws<InvalidOperationException>(() => encoded.Encode(encoded.Text));
    }

    [Fact]
    public void A_file_without_a_declaration_is_UTF_8_and_a_byte_that_is_not_is_named()
    {
        var bytes = Encoding.Latin1.GetBytes("<configuration>\r\n  <!-- Göteborg -->\r\n</configuration>\r\n");

        var encoded = EncodedText.Decode(bytes);

        Assert.Equal("its bytes are not valid utf-8 (a file without a byte order mark or an encoding in its XML declaration is UTF-8): byte 0xF6 at offset 25", encoded.WhyNotWritable);
    }

    [Fact]
    public void The_offset_of_an_invalid_byte_counts_the_byte_order_mark()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.Latin1.GetBytes(Config("utf-8", "Göteborg"))).ToArray();

        var encoded = EncodedText.Decode(bytes);

        Assert.Equal($"its bytes are not valid utf-8 (its byte order mark says UTF-8): byte 0xF6 at offset {Array.IndexOf(bytes, (byte)0xF6)}", encoded.WhyNotWritable);
    }

    [Fact]
    public void A_byte_windows_1252_leaves_undefined_makes_the_file_unwritable()
    {
        var bytes = Encoding.Latin1.GetBytes(Config("windows-1252", "x\u0081y"));
        var offset = Array.IndexOf(bytes, (byte)0x81);

        var encoded = EncodedText.Decode(bytes);

        Assert.Equal($"its bytes are not valid windows-1252 (its XML declaration says windows-1252): byte 0x81 at offset {offset}", encoded.WhyNotWritable);
    }

    [Fact]
    public void An_encoding_CmsHazards_does_not_know_is_never_written()
    {
        var encoded = EncodedText.Decode(Encoding.ASCII.GetBytes(Config("x-no-such-encoding", "plain")));

        Assert.Equal("its XML declaration names the encoding \"x-no-such-encoding\", which CmsHazards cannot read and write back exactly", encoded.WhyNotWritable);
        Assert.Contains("<appSettings>", encoded.Text);
    }

    [Fact]
    public void An_edit_the_file_s_encoding_cannot_hold_is_refused()
    {
        var encoded = EncodedText.Decode(Encoding.Latin1.GetBytes(Config("iso-8859-1", "Göteborg")));

        Assert.Null(encoded.TryEncode(encoded.Text + "€", out var whyNot));
        Assert.Equal("the edit needs the character U+20AC, which iso-8859-1 cannot hold", whyNot);
    }

    [Fact]
    public void The_refusal_says_why_and_what_to_do()
    {
        Assert.Equal(
            "its bytes are not valid utf-8 (its XML declaration says utf-8): byte 0xF6 at offset 80; writing it back would change bytes the fix does not mean to touch, so it is left unchanged. " +
            "Save it in UTF-8 (or in the encoding its XML declaration names), or make the change by hand",
            EncodedText.Refusal("its bytes are not valid utf-8 (its XML declaration says utf-8): byte 0xF6 at offset 80"));
    }

    [Theory]
    [InlineData("windows-1252", "utf-8", "Göteborg", "it was read as utf-8, but its XML declaration says windows-1252, so its non-ASCII text would be written in the wrong encoding")]
    [InlineData("windows-1252", "utf-8", "G\uFFFDteborg", "it holds bytes that were not valid utf-8 and were replaced when it was read")]
    [InlineData("windows-1252", null, "Göteborg", "it holds non-ASCII text and the encoding it was read in is not known")]
    [InlineData("windows-1252", "utf-8", "Goteborg", null)]
    [InlineData("windows-1252", "windows-1252", "Göteborg €", null)]
    [InlineData("iso-8859-1", "windows-1252", "Göteborg ½", null)]
    [InlineData("iso-8859-1", "windows-1252", "Göteborg €", "it was read as windows-1252, but its XML declaration says iso-8859-1, so its non-ASCII text would be written in the wrong encoding")]
    [InlineData("utf-8", "utf-8", "Göteborg 😀", null)]
    public void A_text_someone_else_decoded_is_writable_only_if_it_gives_the_file_s_bytes_back(string declared, string? readAs, string note, string? whyNot)
    {
        Assert.Equal(whyNot, EncodedText.WhyNotWritableAs(Config(declared, note), readAs));
    }

    private static string Config(string declared, string note) =>
        $"<?xml version=\"1.0\" encoding=\"{declared}\"?>\r\n<configuration>\r\n  <!-- {note} -->\r\n  <appSettings>\r\n    <add key=\"a\" value=\"b\" />\r\n  </appSettings>\r\n</configuration>\r\n";
}
