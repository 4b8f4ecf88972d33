using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace CmsHazards.Fixes
{
    /// <summary>
    /// Fixes as one string, for the places that carry only strings: a Roslyn diagnostic's properties, between the analyzer
    /// that finds and the code fix that applies. Every field is written as its length, a colon and its text, so no value
    /// (a path, a message, markup) needs escaping.
    /// </summary>
    public static class FixCodec
    {
        public static string Encode(IReadOnlyList<Fix> fixes)
        {
            var text = new StringBuilder();
            Field(text, Number(fixes.Count));
            foreach (var fix in fixes)
            {
                Field(text, fix.Title);
                Field(text, fix.EquivalenceKey);
                Field(text, Number(fix.Changes.Count));
                foreach (var change in fix.Changes)
                {
                    Field(text, change.Kind);
                    Field(text, change.Path);
                    Field(text, Number(change.Arguments.Count));
                    foreach (var argument in change.Arguments) Field(text, argument);
                }
            }

            return text.ToString();
        }

        /// <summary>The fixes, or an empty list when the text is not what <see cref="Encode"/> writes or names a change this version does not know.</summary>
        public static IReadOnlyList<Fix> Decode(string? text)
        {
            if (string.IsNullOrEmpty(text)) return Array.Empty<Fix>();
            var position = 0;
            try
            {
                var fixes = new List<Fix>();
                var fixCount = Count(text!, ref position);
                for (var i = 0; i < fixCount; i++)
                {
                    var title = Read(text!, ref position);
                    var key = Read(text!, ref position);
                    var changeCount = Count(text!, ref position);
                    var changes = new List<FileChange>();
                    for (var j = 0; j < changeCount; j++)
                    {
                        var kind = Read(text!, ref position);
                        var path = Read(text!, ref position);
                        var argumentCount = Count(text!, ref position);
                        var arguments = new List<string>();
                        for (var k = 0; k < argumentCount; k++) arguments.Add(Read(text!, ref position));
                        changes.Add(FileChange.Create(kind, path, arguments) ?? throw new FormatException("unknown change " + kind));
                    }

                    fixes.Add(new Fix(title, key, changes));
                }

                return position == text!.Length ? fixes : Array.Empty<Fix>();
            }
            catch (FormatException)
            {
                return Array.Empty<Fix>();
            }
        }

        internal static void Field(StringBuilder text, string value) => text.Append(Number(value.Length)).Append(':').Append(value);

        /// <summary><see cref="Field(StringBuilder, string)"/> for a part of <paramref name="source"/>, without copying it first.</summary>
        internal static void Field(StringBuilder text, string source, int start, int length)
        {
            AppendNumber(text, length);
            text.Append(':').Append(source, start, length);
        }

        /// <summary>How many digits <see cref="Number"/> writes for a length.</summary>
        internal static int Digits(int value)
        {
            var digits = 1;
            for (; value >= 10; value /= 10) digits++;
            return digits;
        }

        // The digits of a length, as Number writes them, straight into the text.
        private static void AppendNumber(StringBuilder text, int value)
        {
            if (value >= 10) AppendNumber(text, value / 10);
            text.Append((char)('0' + (value % 10)));
        }

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static int Count(string text, ref int position)
        {
            var value = Read(text, ref position);
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count <= text.Length ? count : throw new FormatException("not a count");
        }

        /// <exception cref="FormatException">The text at <paramref name="position"/> is not a field <see cref="Field"/> wrote.</exception>
        internal static string Read(string text, ref int position)
        {
            var colon = text.IndexOf(':', position);
            if (colon < 0 || !int.TryParse(text.Substring(position, colon - position), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || length > text.Length - colon - 1)
            {
                throw new FormatException("not a field");
            }

            position = colon + 1 + length;
            return text.Substring(colon + 1, length);
        }
    }
}
