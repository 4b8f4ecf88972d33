using System;
using System.Collections.Generic;
using CmsHazards.Configuration;

namespace CmsHazards.Fixes
{
    /// <summary>
    /// How a file lays itself out: its line break and its indentation. A fix writes new lines the way their
    /// neighbours are written, so the diff shows the key and nothing else.
    /// </summary>
    internal sealed class TextLayout
    {
        private readonly ConfigFile _file;

        public TextLayout(ConfigFile file)
        {
            _file = file;
            NewLine = DetectNewLine(file.Text);
            IndentUnit = DetectIndentUnit(file);
        }

        public string NewLine { get; }

        /// <summary>One level of indentation as the file writes it: two spaces, four, a tab.</summary>
        public string IndentUnit { get; }

        /// <summary>The white space that starts the line holding <paramref name="offset"/>.</summary>
        public string IndentOfLine(int offset)
        {
            var start = LineStart(offset);
            var end = start;
            var text = _file.Text;
            while (end < text.Length && (text[end] == ' ' || text[end] == '\t')) end++;
            return text.Substring(start, end - start);
        }

        /// <summary>Whether only white space stands between the start of its line and <paramref name="offset"/>.</summary>
        public bool StartsLine(int offset)
        {
            var text = _file.Text;
            for (var i = LineStart(offset); i < offset; i++)
            {
                if (text[i] != ' ' && text[i] != '\t') return false;
            }

            return true;
        }

        /// <summary>
        /// Where the next line starts, when only white space follows <paramref name="offset"/> on its line (the
        /// text's end if that comes first); null when other text follows.
        /// </summary>
        public int? LineEndAfter(int offset)
        {
            var text = _file.Text;
            var i = offset;
            while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
            if (i == text.Length) return i;
            if (text[i] == '\r') return i + 1 < text.Length && text[i + 1] == '\n' ? i + 2 : i + 1;
            return text[i] == '\n' ? i + 1 : (int?)null;
        }

        public int LineStart(int offset) => _file.Lines.GetLineStart(_file.Lines.GetPosition(offset).Line);

        /// <summary>
        /// The indentation of an element's children: that of the last child on its own line, else of the first
        /// line inside the element that holds anything (a comment, a commented-out entry), else one level deeper.
        /// </summary>
        public string ChildIndent(ConfigElement element)
        {
            for (var i = element.Children.Count - 1; i >= 0; i--)
            {
                var child = element.Children[i];
                if (StartsLine(child.StartTag.Start)) return IndentOfLine(child.StartTag.Start);
            }

            if (!element.IsSelfClosing)
            {
                var text = _file.Text;
                for (var i = element.StartTag.End; i < element.EndTag.Start; i++)
                {
                    if (char.IsWhiteSpace(text[i])) continue;
                    if (StartsLine(i) && LineStart(i) > element.StartTag.Start) return IndentOfLine(i);
                    break;
                }
            }

            return IndentOfLine(element.StartTag.Start) + IndentUnit;
        }

        private static string DetectNewLine(string text)
        {
            var index = text.IndexOfAny(new[] { '\r', '\n' });
            if (index < 0) return "\r\n"; // web.config files are Windows files
            if (text[index] == '\n') return "\n";
            return index + 1 < text.Length && text[index + 1] == '\n' ? "\r\n" : "\r";
        }

        // The first element on its own line, indented deeper than its parent, shows the file's unit.
        private string DetectIndentUnit(ConfigFile file)
        {
            if (file.Root is null) return "  ";
            var pending = new Stack<ConfigElement>();
            pending.Push(file.Root);
            while (pending.Count > 0)
            {
                var parent = pending.Pop();
                var parentIndent = IndentOfLine(parent.StartTag.Start);
                foreach (var child in parent.Children)
                {
                    if (!StartsLine(child.StartTag.Start)) continue;
                    var childIndent = IndentOfLine(child.StartTag.Start);
                    if (childIndent.Length > parentIndent.Length && childIndent.StartsWith(parentIndent, StringComparison.Ordinal))
                    {
                        return childIndent.Substring(parentIndent.Length);
                    }
                }

                for (var i = parent.Children.Count - 1; i >= 0; i--) pending.Push(parent.Children[i]);
            }

            return "  ";
        }
    }
}
