using System;
using System.Collections.Generic;
using System.Text;

namespace CmsHazards.Text
{
    /// <summary>
    /// The encodings web.config files are stored in, each decoded strictly and encoded without substitutes.
    /// </summary>
    /// <remarks>
    /// windows-1252 and iso-8859-1 are decoded here from their tables rather than through
    /// <see cref="Encoding.GetEncoding(int)"/>: this assembly is netstandard2.0 and ships inside the analyzer, with
    /// no package dependencies. On .NET (Core, 5 and later: dotnet build's compiler and MSBuild, the cmshazards
    /// command) code page 1252 exists only once someone registers CodePagesEncodingProvider from the
    /// System.Text.Encoding.CodePages package, and <c>Encoding.Latin1</c> exists only from .NET 5 on, while the same
    /// assembly also runs on .NET Framework in Visual Studio and msbuild.exe. Two single-byte tables give the same
    /// answer on every runtime. The 1252 table is Unicode's (unicode.org, MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT),
    /// whose five undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) are errors here, as in a strict decoder.
    /// Other encodings a declaration may name are used where the runtime has them.
    /// </remarks>
    internal abstract class TextCodec
    {
        /// <summary>0x80 to 0x9F of windows-1252; '\0' marks the five bytes the code page leaves undefined. First: the codecs below use it.</summary>
        private static readonly char[] Windows1252High =
        {
            '\u20AC', '\0', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\0', '\u017D', '\0',
            '\0', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\0', '\u017E', '\u0178',
        };

        public static readonly TextCodec Utf8 = new FrameworkCodec("utf-8", new UTF8Encoding(false, true), new UTF8Encoding(false, false));
        public static readonly TextCodec Utf16LittleEndian = new FrameworkCodec("utf-16", new UnicodeEncoding(false, false, true), new UnicodeEncoding(false, false, false), isUtf16: true);
        public static readonly TextCodec Utf16BigEndian = new FrameworkCodec("utf-16BE", new UnicodeEncoding(true, false, true), new UnicodeEncoding(true, false, false), isUtf16: true);
        public static readonly TextCodec Windows1252 = new SingleByteCodec("windows-1252", Windows1252High);
        public static readonly TextCodec Latin1 = new SingleByteCodec("iso-8859-1", null);
        public static readonly TextCodec Ascii = new SingleByteCodec("us-ascii", null, highest: 0x7F);

        private TextCodec(string name, bool isUtf16)
        {
            Name = name;
            IsUtf16 = isUtf16;
        }

        public string Name { get; }

        public bool IsUtf16 { get; }

        /// <summary>The text of the bytes; <paramref name="badOffset"/> is the offset of the first byte the encoding does not define, else -1.</summary>
        public abstract string Decode(byte[] bytes, int offset, int count, out int badOffset);

        /// <summary>The bytes of the text, or null when a character cannot be stored (<paramref name="unencodable"/> its index).</summary>
        public abstract byte[]? Encode(string text, out int unencodable);

        /// <summary>The codec for an encoding name of an XML declaration (names compare without case); null when unknown here.</summary>
        public static TextCodec? Named(string name)
        {
            switch (name.Trim().ToLowerInvariant())
            {
                case "utf-8":
                case "utf8":
                    return Utf8;
                case "utf-16":
                case "utf-16le":
                case "unicode":
                    return Utf16LittleEndian;
                case "utf-16be":
                    return Utf16BigEndian;
                case "windows-1252":
                case "cp1252":
                case "x-cp1252":
                    return Windows1252;
                case "iso-8859-1":
                case "iso8859-1":
                case "iso_8859-1":
                case "latin1":
                case "l1":
                case "cp819":
                case "ibm819":
                case "iso-ir-100":
                    return Latin1;
                case "us-ascii":
                case "ascii":
                    return Ascii;
            }

            try
            {
                var strict = Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
                return new FrameworkCodec(strict.WebName, strict, Encoding.GetEncoding(name));
            }
            catch (ArgumentException)
            {
                return null; // a name this runtime has no encoding for
            }
            catch (NotSupportedException)
            {
                return null;
            }
        }

        private sealed class FrameworkCodec : TextCodec
        {
            private readonly Encoding _strict;
            private readonly Encoding _lenient;

            public FrameworkCodec(string name, Encoding strict, Encoding lenient, bool isUtf16 = false)
                : base(name, isUtf16)
            {
                _strict = strict;
                _lenient = lenient;
            }

            public override string Decode(byte[] bytes, int offset, int count, out int badOffset)
            {
                try
                {
                    badOffset = -1;
                    return _strict.GetString(bytes, offset, count);
                }
                catch (DecoderFallbackException e)
                {
                    badOffset = Math.Max(0, e.Index);
                    return _lenient.GetString(bytes, offset, count);
                }
            }

            public override byte[]? Encode(string text, out int unencodable)
            {
                try
                {
                    unencodable = -1;
                    return _strict.GetBytes(text);
                }
                catch (EncoderFallbackException e)
                {
                    unencodable = Math.Max(0, Math.Min(e.Index, text.Length - 1));
                    return null;
                }
            }
        }

        private sealed class SingleByteCodec : TextCodec
        {
            private readonly char[]? _high;
            private readonly Dictionary<char, byte> _encode = new Dictionary<char, byte>();
            private readonly int _highest;

            public SingleByteCodec(string name, char[]? high, int highest = 0xFF)
                : base(name, false)
            {
                _high = high;
                _highest = highest;
                if (high is null) return;
                for (var i = 0; i < high.Length; i++)
                {
                    if (high[i] != '\0') _encode[high[i]] = (byte)(0x80 + i);
                }
            }

            public override string Decode(byte[] bytes, int offset, int count, out int badOffset)
            {
                badOffset = -1;
                var chars = new char[count];
                for (var i = 0; i < count; i++)
                {
                    var b = bytes[offset + i];
                    var c = b > _highest ? '\0' : _high is not null && b >= 0x80 && b <= 0x9F ? _high[b - 0x80] : (char)b;
                    if (c == '\0' && b != 0)
                    {
                        if (badOffset < 0) badOffset = i;
                        c = '\uFFFD';
                    }

                    chars[i] = c;
                }

                return new string(chars);
            }

            public override byte[]? Encode(string text, out int unencodable)
            {
                unencodable = -1;
                var bytes = new byte[text.Length];
                for (var i = 0; i < text.Length; i++)
                {
                    var c = text[i];
                    if (c <= _highest && !(_high is not null && c >= 0x80 && c <= 0x9F))
                    {
                        bytes[i] = (byte)c;
                    }
                    else if (_encode.TryGetValue(c, out var b))
                    {
                        bytes[i] = b;
                    }
                    else
                    {
                        unencodable = i;
                        return null;
                    }
                }

                return bytes;
            }
        }
    }
}
