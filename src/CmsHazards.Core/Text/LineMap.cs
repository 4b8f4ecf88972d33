using System;
using System.Collections.Generic;

namespace CmsHazards.Text
{
    /// <summary>
    /// Maps between character offsets and line positions. Line breaks are counted the way XML counts them
    /// (CR LF, CR, LF), so the line numbers of XmlReader and of this map agree.
    /// </summary>
    public sealed class LineMap
    {
        private readonly int[] _lineStarts;
        private readonly int _length;

        public LineMap(string text)
        {
            var starts = new List<int> { 0 };
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\r')
                {
                    if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                    starts.Add(i + 1);
                }
                else if (c == '\n')
                {
                    starts.Add(i + 1);
                }
            }

            _lineStarts = starts.ToArray();
            _length = text.Length;
        }

        public int LineCount => _lineStarts.Length;

        public int GetLineStart(int line) => _lineStarts[line];

        /// <summary>The offset of a zero-based line and character, clamped to the text.</summary>
        public int GetOffset(int line, int character)
        {
            if (line < 0) return 0;
            if (line >= _lineStarts.Length) return _length;
            return Math.Min(_lineStarts[line] + Math.Max(character, 0), _length);
        }

        public LinePosition GetPosition(int offset)
        {
            var index = Array.BinarySearch(_lineStarts, offset);
            var line = index >= 0 ? index : ~index - 1;
            return new LinePosition(line, offset - _lineStarts[line]);
        }
    }
}
