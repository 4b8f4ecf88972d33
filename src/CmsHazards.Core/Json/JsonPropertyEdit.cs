using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CmsHazards.Text;

namespace CmsHazards.Json
{
    /// <summary>
    /// Sets a property of a JSON file by inserting or replacing characters, never by writing the document again:
    /// indentation, comments, property order, line endings and the byte order mark stay as they were, and the diff
    /// shows the setting and nothing else.
    /// </summary>
    public static class JsonPropertyEdit
    {
        /// <summary>
        /// The edits that give the property at <paramref name="path"/> (segments matched without case, as
        /// configuration keys are) the JSON value <paramref name="value"/>: the existing value replaced, or the
        /// missing objects and the property added at the end of the deepest object that exists, with the
        /// segments' spelling as given. Null when the file cannot be read or a segment is not an object;
        /// an empty list when the value is already written that way.
        /// </summary>
        public static IReadOnlyList<TextEdit>? Set(JsonFile file, IReadOnlyList<string> path, string value)
        {
            if (file.Root is null || path.Count == 0) return null;
            if (file.Find(path.ToArray()) is { } existing)
            {
                // Where the host reads the key, however the file spells its way there (objects of the same name
                // merged, "A:B" names).
                if (file.Text.Substring(existing.Value.Span.Start, existing.Value.Span.Length) == value) return Array.Empty<TextEdit>();
                return new[] { new TextEdit(existing.Value.Span, value) };
            }

            var current = file.Root;
            var depth = 0;
            for (; depth < path.Count - 1; depth++)
            {
                JsonProperty? found = null;
                foreach (var property in current.Named(path[depth])) found = property;
                if (found is null) break;
                if (found.Value is not JsonObject inner) return null;
                current = inner;
            }

            return Insert(file, current, path, depth, value);
        }

        private static IReadOnlyList<TextEdit> Insert(JsonFile file, JsonObject target, IReadOnlyList<string> path, int firstMissing, string value)
        {
            var text = file.Text;
            var newLine = DetectNewLine(text);
            var unit = DetectIndentUnit(file);
            var closing = target.Span.End - 1;
            var edits = new List<TextEdit>();

            var last = target.Properties.Count > 0 ? target.Properties[target.Properties.Count - 1] : null;
            if (last is not null && !HasTrailingComma(text, last.Value.Span.End, closing))
            {
                edits.Add(new TextEdit(new TextSpan(last.Value.Span.End, 0), ","));
            }

            if (StartsLine(text, closing))
            {
                // The usual shape: the closing brace on its own line. The new member goes on the line before it,
                // after any comments that close the object, indented as its siblings are.
                var closingIndent = IndentOfLine(text, closing);
                var memberIndent = last is not null && StartsLine(text, last.NameSpan.Start)
                    ? IndentOfLine(text, last.NameSpan.Start)
                    : closingIndent + unit;
                var member = Member(path, firstMissing, value, memberIndent, unit, newLine);
                edits.Add(new TextEdit(new TextSpan(LineStart(text, closing), 0), memberIndent + member + newLine));
            }
            else if (last is null && IsBlank(text, target.Span.Start + 1, closing))
            {
                // {} on one line: open it up over lines, indented one level deeper than the line it is on.
                var outer = IndentOfLine(text, target.Span.Start);
                var member = Member(path, firstMissing, value, outer + unit, unit, newLine);
                edits.Add(new TextEdit(TextSpan.FromBounds(target.Span.Start + 1, closing), newLine + outer + unit + member + newLine + outer));
            }
            else
            {
                // An object written on one line stays on one line.
                var member = Member(path, firstMissing, value, null, unit, newLine);
                var at = last is null ? target.Span.Start + 1 : last.Value.Span.End;
                edits.Add(new TextEdit(new TextSpan(at, 0), last is null ? " " + member + " " : " " + member));
            }

            // TextEdits at the same offset would be ambiguous: the comma goes right after the value, the member after it.
            if (edits.Count == 2 && edits[0].Span.Start == edits[1].Span.Start)
            {
                return new[] { new TextEdit(edits[0].Span, edits[0].NewText + edits[1].NewText) };
            }

            return edits;
        }

        /// <summary><c>"A": { "B": value }</c> for the missing segments; on one line when no indentation is given.</summary>
        private static string Member(IReadOnlyList<string> path, int from, string value, string? indent, string unit, string newLine)
        {
            var builder = new StringBuilder();
            for (var i = from; i < path.Count; i++)
            {
                builder.Append(Quote(path[i])).Append(": ");
                if (i == path.Count - 1) { builder.Append(value); break; }
                builder.Append('{');
                if (indent is null) builder.Append(' ');
                else builder.Append(newLine).Append(indent).Append(Repeat(unit, i - from + 1));
            }

            for (var i = path.Count - 2; i >= from; i--)
            {
                if (indent is null) builder.Append(" }");
                else builder.Append(newLine).Append(indent).Append(Repeat(unit, i - from)).Append('}');
            }

            return builder.ToString();
        }

        private static string Quote(string name) => "\"" + name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

        private static string Repeat(string unit, int count)
        {
            var builder = new StringBuilder();
            for (var i = 0; i < count; i++) builder.Append(unit);
            return builder.ToString();
        }

        /// <summary>Whether a comma (a trailing one, which the host accepts) follows the value before the closing brace.</summary>
        private static bool HasTrailingComma(string text, int from, int closing)
        {
            var i = from;
            while (i < closing)
            {
                var c = text[i];
                if (c == ',') return true;
                if (c == '/' && i + 1 < closing && text[i + 1] == '/') { while (i < closing && text[i] != '\n' && text[i] != '\r') i++; continue; }
                if (c == '/' && i + 1 < closing && text[i + 1] == '*') { var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal); i = end < 0 ? closing : end + 2; continue; }
                i++;
            }

            return false;
        }

        private static bool IsBlank(string text, int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                if (!char.IsWhiteSpace(text[i])) return false;
            }

            return true;
        }

        private static int LineStart(string text, int offset)
        {
            var i = offset;
            while (i > 0 && text[i - 1] != '\n' && text[i - 1] != '\r') i--;
            return i;
        }

        private static bool StartsLine(string text, int offset)
        {
            for (var i = LineStart(text, offset); i < offset; i++)
            {
                if (text[i] != ' ' && text[i] != '\t') return false;
            }

            return true;
        }

        private static string IndentOfLine(string text, int offset)
        {
            var start = LineStart(text, offset);
            var end = start;
            while (end < text.Length && (text[end] == ' ' || text[end] == '\t')) end++;
            return text.Substring(start, end - start);
        }

        private static string DetectNewLine(string text)
        {
            var index = text.IndexOfAny(new[] { '\r', '\n' });
            if (index < 0) return "\n";
            if (text[index] == '\n') return "\n";
            return index + 1 < text.Length && text[index + 1] == '\n' ? "\r\n" : "\r";
        }

        /// <summary>The first member on its own line, indented deeper than its object's line, shows the file's unit.</summary>
        private static string DetectIndentUnit(JsonFile file)
        {
            var pending = new Stack<JsonValue>();
            if (file.Root is not null) pending.Push(file.Root);
            while (pending.Count > 0)
            {
                var value = pending.Pop();
                if (value is not JsonObject obj) continue;
                var outer = IndentOfLine(file.Text, obj.Span.Start);
                foreach (var property in obj.Properties)
                {
                    if (!StartsLine(file.Text, property.NameSpan.Start)) continue;
                    var inner = IndentOfLine(file.Text, property.NameSpan.Start);
                    if (inner.Length > outer.Length && inner.StartsWith(outer, StringComparison.Ordinal)) return inner.Substring(outer.Length);
                }

                for (var i = obj.Properties.Count - 1; i >= 0; i--) pending.Push(obj.Properties[i].Value);
            }

            return "  ";
        }
    }
}
