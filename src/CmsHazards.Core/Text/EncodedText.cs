using System;
using System.IO;
using System.Text;

namespace CmsHazards.Text
{
    /// <summary>
    /// A file's text with the encoding it was stored in, so that a fix writes it back the same way:
    /// with or without a byte order mark, in UTF-8 or UTF-16, and with no other byte changed.
    /// </summary>
    public sealed class EncodedText
    {
        private EncodedText(string text, Encoding encoding)
        {
            Text = text;
            Encoding = encoding;
        }

        /// <summary>The text without its byte order mark.</summary>
        public string Text { get; }

        /// <summary>The encoding, whose preamble is the file's byte order mark (empty when it had none).</summary>
        public Encoding Encoding { get; }

        public bool HasByteOrderMark => Encoding.GetPreamble().Length > 0;

        /// <summary>Decodes by byte order mark; without one, as UTF-8 (what web.config files declare).</summary>
        public static EncodedText Decode(byte[] bytes)
        {
            Encoding encoding;
            int skip;
            if (StartsWith(bytes, 0xEF, 0xBB, 0xBF)) { encoding = new UTF8Encoding(true); skip = 3; }
            else if (StartsWith(bytes, 0xFF, 0xFE)) { encoding = new UnicodeEncoding(false, true); skip = 2; }
            else if (StartsWith(bytes, 0xFE, 0xFF)) { encoding = new UnicodeEncoding(true, true); skip = 2; }
            else { encoding = new UTF8Encoding(false); skip = 0; }

            return new EncodedText(encoding.GetString(bytes, skip, bytes.Length - skip), encoding);
        }

        public static EncodedText Read(string path) => Decode(File.ReadAllBytes(path));

        /// <summary>The bytes of <paramref name="text"/> stored the way this file was stored.</summary>
        public byte[] Encode(string text)
        {
            var preamble = Encoding.GetPreamble();
            var body = Encoding.GetBytes(text);
            var bytes = new byte[preamble.Length + body.Length];
            Buffer.BlockCopy(preamble, 0, bytes, 0, preamble.Length);
            Buffer.BlockCopy(body, 0, bytes, preamble.Length, body.Length);
            return bytes;
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
