using System;
using System.IO;
using System.Text;

namespace CmsHazards.Text
{
    /// <summary>
    /// A file's text with the encoding it was stored in, so that a fix writes it back the same way: with or without
    /// a byte order mark, in the encoding its XML declaration names, and with no byte outside the edit changed.
    /// </summary>
    /// <remarks>
    /// How the encoding is found, as an XML reader does (XML 1.0, appendix F): a byte order mark (UTF-8, UTF-16 LE or
    /// BE) wins; without one, "&lt;?" in UTF-16 is UTF-16 without a mark; otherwise the XML declaration's
    /// <c>encoding</c> names it, and a file without a declaration is UTF-8. Decoding is strict: a byte the encoding does
    /// not define makes the file <see cref="WhyNotWritable">not writable</see> (its text is still read, with U+FFFD in
    /// place of such bytes, so the rules can look at it), and a fix then refuses to touch it rather than writing back
    /// other bytes than it read.
    /// </remarks>
    public sealed class EncodedText
    {
        private readonly byte[] _bytes;
        private readonly TextCodec _codec;
        private readonly int _preambleLength;
        private readonly string? _undecodable;
        private string? _whyNotWritable;
        private bool _checked;

        private EncodedText(byte[] bytes, int preambleLength, TextCodec codec, string text, string? undecodable)
        {
            _bytes = bytes;
            _preambleLength = preambleLength;
            _codec = codec;
            Text = text;
            _undecodable = undecodable;
        }

        /// <summary>The text without its byte order mark.</summary>
        public string Text { get; }

        /// <summary>The encoding's name as XML declarations spell it: "utf-8", "utf-16", "windows-1252", "iso-8859-1".</summary>
        public string EncodingName => _codec.Name;

        public bool HasByteOrderMark => _preambleLength > 0;

        /// <summary>
        /// Why writing this text back would change bytes nobody meant to change (an invalid byte, an encoding this
        /// reader does not know, a text that does not encode back to the file's bytes), or null when it is safe.
        /// </summary>
        public string? WhyNotWritable
        {
            get
            {
                if (!_checked)
                {
                    _whyNotWritable = _undecodable ?? RoundTripProblem();
                    _checked = true;
                }

                return _whyNotWritable;
            }
        }

        public static EncodedText Decode(byte[] bytes)
        {
            if (StartsWith(bytes, 0xEF, 0xBB, 0xBF)) return Decoded(bytes, 3, TextCodec.Utf8, "its byte order mark says UTF-8");
            if (StartsWith(bytes, 0xFF, 0xFE)) return Decoded(bytes, 2, TextCodec.Utf16LittleEndian, "its byte order mark says UTF-16");
            if (StartsWith(bytes, 0xFE, 0xFF)) return Decoded(bytes, 2, TextCodec.Utf16BigEndian, "its byte order mark says UTF-16");
            if (StartsWith(bytes, 0x3C, 0x00, 0x3F, 0x00)) return Decoded(bytes, 0, TextCodec.Utf16LittleEndian, "it starts with \"<?\" in UTF-16");
            if (StartsWith(bytes, 0x00, 0x3C, 0x00, 0x3F)) return Decoded(bytes, 0, TextCodec.Utf16BigEndian, "it starts with \"<?\" in UTF-16");

            var declared = DeclaredEncoding(bytes);
            if (declared is null) return Decoded(bytes, 0, TextCodec.Utf8, "a file without a byte order mark or an encoding in its XML declaration is UTF-8");

            var codec = TextCodec.Named(declared);
            if (codec is null)
            {
                var text = TextCodec.Utf8.Decode(bytes, 0, bytes.Length, out _);
                return new EncodedText(bytes, 0, TextCodec.Utf8, text,
                    $"its XML declaration names the encoding \"{declared}\", which CmsHazards cannot read and write back exactly");
            }

            // A declaration of UTF-16 in a file of single bytes cannot be true; the bytes are read as what they are.
            if (codec.IsUtf16) return Decoded(bytes, 0, TextCodec.Utf8, "its XML declaration says UTF-16, but its bytes are not, so they are read as UTF-8");
            return Decoded(bytes, 0, codec, "its XML declaration says " + codec.Name);
        }

        public static EncodedText Read(string path) => Decode(File.ReadAllBytes(path));

        /// <summary>
        /// The bytes of <paramref name="text"/> stored the way this file was stored, or null with the reason when that
        /// would change bytes outside the edit or cannot hold a character of the new text.
        /// </summary>
        public byte[]? TryEncode(string text, out string? whyNot)
        {
            whyNot = WhyNotWritable;
            if (whyNot is not null) return null;

            var body = _codec.Encode(text, out var unencodable);
            if (body is null)
            {
                whyNot = $"the edit needs the character U+{(int)text[unencodable]:X4}, which {_codec.Name} cannot hold";
                return null;
            }

            var bytes = new byte[_preambleLength + body.Length];
            Buffer.BlockCopy(_bytes, 0, bytes, 0, _preambleLength);
            Buffer.BlockCopy(body, 0, bytes, _preambleLength, body.Length);
            return bytes;
        }

        /// <summary>The bytes of <paramref name="text"/> stored the way this file was stored.</summary>
        /// <exception cref="InvalidOperationException">The file cannot be written back exactly (<see cref="WhyNotWritable"/>).</exception>
        public byte[] Encode(string text) =>
            TryEncode(text, out var whyNot) ?? throw new InvalidOperationException(whyNot);

        /// <summary>
        /// For a text someone else decoded (Roslyn's workspace, for dotnet format and Visual Studio): why writing it back in
        /// <paramref name="encodingName"/> (the text's encoding's web name, null when unknown) would not give the file's
        /// bytes back, or null when it would. A workspace without windows-1252 decodes such a file as UTF-8, turning each
        /// "ö" into U+FFFD, and would save U+FFFD as EF BF BD; a text read in another encoding than its XML declaration
        /// names would have its non-ASCII characters written in the wrong one.
        /// </summary>
        public static string? WhyNotWritableAs(string text, string? encodingName)
        {
            if (text.IndexOf('\uFFFD') >= 0)
            {
                return $"it holds bytes that were not valid {encodingName ?? "in the encoding it was read in"} and were replaced when it was read";
            }

            var firstNonAscii = -1;
            for (var i = 0; i < text.Length && firstNonAscii < 0; i++)
            {
                if (text[i] > 0x7F) firstNonAscii = i;
            }

            if (firstNonAscii < 0) return null; // ASCII is the same bytes in every encoding a web.config can declare
            var read = encodingName is null ? null : TextCodec.Named(encodingName);
            if (read is null) return "it holds non-ASCII text and the encoding it was read in is not known";

            var declared = DeclaredEncoding(text);
            var named = declared is null ? TextCodec.Utf8 : TextCodec.Named(declared);
            if (named is null) return $"its XML declaration names the encoding \"{declared}\", which CmsHazards cannot read and write back exactly";
            if (named.IsUtf16 || read.Name == named.Name) return null;

            var asRead = read.Encode(text, out _);
            var asDeclared = named.Encode(text, out _);
            if (asRead is not null && asDeclared is not null && asRead.Length == asDeclared.Length)
            {
                var same = true;
                for (var i = 0; i < asRead.Length && same; i++) same = asRead[i] == asDeclared[i];
                if (same) return null;
            }

            return $"it was read as {read.Name}, but its XML declaration says {named.Name}, so its non-ASCII text would be written in the wrong encoding";
        }

        /// <summary>
        /// Why a fix leaves a file alone, for a message that names the file first: "Web.config: cannot be fixed: ...".
        /// </summary>
        public static string Refusal(string whyNot) =>
            whyNot + "; writing it back would change bytes the fix does not mean to touch, so it is left unchanged. " +
            "Save it in UTF-8 (or in the encoding its XML declaration names), or make the change by hand";

        private static EncodedText Decoded(byte[] bytes, int skip, TextCodec codec, string because)
        {
            var text = codec.Decode(bytes, skip, bytes.Length - skip, out var badOffset);
            var undecodable = badOffset < 0
                ? null
                : $"its bytes are not valid {codec.Name} ({because}): byte 0x{bytes[skip + badOffset]:X2} at offset {skip + badOffset}";
            return new EncodedText(bytes, skip, codec, text, undecodable);
        }

        private string? RoundTripProblem()
        {
            var body = _codec.Encode(Text, out _);
            if (body is not null && body.Length == _bytes.Length - _preambleLength)
            {
                var same = true;
                for (var i = 0; i < body.Length && same; i++) same = body[i] == _bytes[_preambleLength + i];
                if (same) return null;
            }

            return $"its text does not encode back to the same bytes in {_codec.Name}";
        }

        /// <summary>
        /// The <c>encoding</c> of an XML declaration at the start of a file in an ASCII-compatible encoding; null
        /// when there is no declaration or it names none.
        /// </summary>
        private static string? DeclaredEncoding(byte[] bytes)
        {
            if (!StartsWith(bytes, (byte)'<', (byte)'?', (byte)'x', (byte)'m', (byte)'l')) return null;
            var end = Math.Min(bytes.Length, 1024);
            var declaration = new StringBuilder();
            for (var i = 0; i < end && bytes[i] != (byte)'>'; i++) declaration.Append(bytes[i] < 0x80 ? (char)bytes[i] : '?');
            return DeclaredEncoding(declaration.ToString());
        }

        /// <summary>The same, for a text that starts with its XML declaration (a byte order mark before it is skipped).</summary>
        private static string? DeclaredEncoding(string text)
        {
            if (text.StartsWith("\uFEFF", StringComparison.Ordinal)) text = text.Substring(1);
            if (!text.StartsWith("<?xml", StringComparison.Ordinal)) return null;
            var close = text.IndexOf('>');
            if (close >= 0) text = text.Substring(0, close);
            var at = text.IndexOf("encoding", StringComparison.Ordinal);
            if (at < 0) return null;
            var position = at + "encoding".Length;
            while (position < text.Length && char.IsWhiteSpace(text[position])) position++;
            if (position >= text.Length || text[position] != '=') return null;
            position++;
            while (position < text.Length && char.IsWhiteSpace(text[position])) position++;
            if (position >= text.Length || (text[position] != '"' && text[position] != '\'')) return null;
            var quote = text.IndexOf(text[position], position + 1);
            return quote < 0 ? null : text.Substring(position + 1, quote - position - 1).Trim();
        }

        private static bool StartsWith(byte[] bytes, params byte[] prefix)
        {
            if (bytes.Length < prefix.Length) return false;
            for (var i = 0; i < prefix.Length; i++)
            {
                if (bytes[i] != prefix[i]) return false;
            }

            return true;
        }
    }
}
