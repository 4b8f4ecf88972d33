using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CmsHazards.Text;

namespace CmsHazards.Infrastructure
{
    /// <summary>The edits "Turn on Web sockets in &lt;file&gt;" makes to one infrastructure file.</summary>
    public sealed class InfrastructureFix
    {
        internal InfrastructureFix(InfrastructureFile file, IReadOnlyList<TextEdit> edits)
        {
            File = file;
            Edits = edits;
        }

        public InfrastructureFile File { get; }

        /// <summary>In text order; they never overlap.</summary>
        public IReadOnlyList<TextEdit> Edits { get; }

        public string Title => TurnOnWebSockets.TitleFor(File.FileName);

        public string ApplyTo(string text)
        {
            for (var i = Edits.Count - 1; i >= 0; i--) text = Edits[i].ApplyTo(text);
            return text;
        }
    }

    /// <summary>
    /// Turns Web sockets on where the files leave them off: the deciding literal becomes <c>true</c>, or the setting is
    /// added to the siteConfig / site_config (with the objects on the way) where it is missing. New lines take the
    /// file's line break and the indentation of their neighbours; every other byte stays.
    /// Only literals are edited: a value that comes from a function or a deployment parameter is not the file's to change.
    /// </summary>
    public static class TurnOnWebSockets
    {
        public static string TitleFor(string fileName) => "Turn on Web sockets in " + fileName;

        /// <summary>Whether the verdict can be turned on by editing a file.</summary>
        public static bool CanFix(WebSocketsVerdict verdict) =>
            (verdict.Setting == WebSocketsSetting.Off && verdict.Literal != null)
            || (verdict.Setting == WebSocketsSetting.NotSet && verdict.Container != null && Insertion(verdict) != null);

        /// <summary>One fix per file for the verdicts that are off, in the order of the files.</summary>
        public static IReadOnlyList<InfrastructureFix> Plan(IEnumerable<WebSocketsVerdict> verdicts)
        {
            var byFile = new List<(InfrastructureFile File, List<TextEdit> Edits)>();
            foreach (var verdict in verdicts)
            {
                var edit = verdict.Setting == WebSocketsSetting.Off && verdict.Literal != null
                    ? new TextEdit(verdict.Literal.Span, "true")
                    : verdict.Setting == WebSocketsSetting.NotSet ? Insertion(verdict) : null;
                if (edit is null) continue;
                var file = verdict.Setting == WebSocketsSetting.Off ? verdict.Literal!.File : verdict.Container!.File;
                var entry = byFile.FirstOrDefault(e => e.File == file);
                if (entry.File is null)
                {
                    entry = (file, new List<TextEdit>());
                    byFile.Add(entry);
                }

                // One literal may decide for the app and its slots (a shared parameter): it is edited once. Two
                // insertions into one object (the same siteConfig object reused) are one too.
                if (entry.Edits.Any(e => e.Span.Equals(edit.Span) && e.NewText == edit.NewText)) continue;
                if (entry.Edits.Any(e => Overlaps(e.Span, edit.Span))) continue;
                entry.Edits.Add(edit);
            }

            return byFile.Select(e => new InfrastructureFix(e.File, e.Edits.OrderBy(x => x.Span.Start).ToList())).ToList();
        }

        private static bool Overlaps(TextSpan a, TextSpan b) =>
            a.Start < b.End && b.Start < a.End || (a.Length == 0 && b.Length == 0 && a.Start == b.Start);

        private static TextEdit? Insertion(WebSocketsVerdict verdict)
        {
            var container = verdict.Container!;
            var file = container.File;
            var text = file.Text;
            var language = file.Language;
            var json = language == InfrastructureLanguage.ArmTemplate || language == InfrastructureLanguage.ArmParameters;
            var hcl = language == InfrastructureLanguage.Terraform;
            var newLine = NewLineOf(text);
            var path = verdict.MissingPath;

            var open = container.Span.Start;
            var close = container.Span.End - 1;
            if (text[open] != '{' || text[close] != '}') return null;

            var containerIndent = IndentOfLine(text, open);
            var last = container.Members.Count > 0 ? container.Members[container.Members.Count - 1] : null;
            var singleLine = LineOf(file, open) == LineOf(file, close);

            if (last == null && !singleLine && !OnlySpaceBetween(text, open + 1, close))
            {
                // An empty object holding comments: the new lines go before the closing brace.
                var unitHere = IndentUnitOf(text, containerIndent);
                var closeLineStart = LineStartOf(text, close);
                if (!OnlySpace(text, closeLineStart, close)) return null;
                var block = Render(path, containerIndent + unitHere, unitHere, newLine, json, hcl);
                return new TextEdit(new TextSpan(closeLineStart, 0), containerIndent + unitHere + block + newLine);
            }

            if (last == null)
            {
                // {} or { } becomes an object over several lines.
                var unit = IndentUnitOf(text, containerIndent);
                var body = Render(path, containerIndent + unit, unit, newLine, json, hcl);
                return new TextEdit(TextSpan.FromBounds(open + 1, close), newLine + containerIndent + unit + body + newLine + containerIndent);
            }

            if (singleLine || LineOf(file, last.Value.Span.End) == LineOf(file, close))
            {
                // { a: 1, b: 2 }: Bicep and JSON take a member on the same line; an HCL block does not.
                if (hcl) return null;
                var inline = RenderInline(path, json);
                var afterLast = last.Value.Span.End;
                var comma = NextNonSpace(text, afterLast) is var n && n < text.Length && text[n] == ',';
                var separator = json || !comma ? ", " : " ";
                if (comma) afterLast = NextNonSpace(text, afterLast) + 1;
                return new TextEdit(new TextSpan(afterLast, 0), (comma ? " " : separator) + inline);
            }

            // After the last member's line (its trailing comment stays with it), indented as that member.
            var memberIndent = IndentOfLine(text, last.Start >= 0 ? last.Start : last.NameSpan.Start);
            var unitFromMembers = memberIndent.Length > containerIndent.Length && memberIndent.StartsWith(containerIndent, StringComparison.Ordinal)
                ? memberIndent.Substring(containerIndent.Length)
                : IndentUnitOf(text, containerIndent);
            var valueEnd = last.Value.Span.End;
            var lineEnd = LineEndOf(text, valueEnd);
            var rendered = Render(path, memberIndent, unitFromMembers, newLine, json, hcl);
            if (json)
            {
                var next = NextNonSpace(text, valueEnd);
                var hasComma = next < text.Length && text[next] == ',';
                var between = text.Substring(valueEnd, lineEnd - valueEnd);
                return new TextEdit(TextSpan.FromBounds(valueEnd, lineEnd), (hasComma ? "" : ",") + between + newLine + memberIndent + rendered);
            }

            return new TextEdit(new TextSpan(lineEnd, 0), newLine + memberIndent + rendered);
        }

        // siteConfig: {\n  webSocketsEnabled: true\n} in the file's language, starting at the current indentation.
        private static string Render(IReadOnlyList<string> path, string indent, string unit, string newLine, bool json, bool hcl)
        {
            var text = new StringBuilder();
            for (var i = 0; i < path.Count; i++)
            {
                var name = json ? "\"" + path[i] + "\"" : path[i];
                var inner = indent + Repeat(unit, i + 1);
                if (i == path.Count - 1)
                {
                    text.Append(name).Append(hcl ? " = true" : ": true");
                }
                else
                {
                    text.Append(name).Append(hcl ? " {" : ": {").Append(newLine).Append(inner);
                }
            }

            for (var i = path.Count - 2; i >= 0; i--) text.Append(newLine).Append(indent + Repeat(unit, i)).Append('}');
            return text.ToString();
        }

        private static string RenderInline(IReadOnlyList<string> path, bool json)
        {
            var text = new StringBuilder();
            for (var i = 0; i < path.Count; i++)
            {
                text.Append(json ? "\"" + path[i] + "\"" : path[i]).Append(": ");
                text.Append(i == path.Count - 1 ? "true" : "{ ");
            }

            for (var i = 0; i < path.Count - 1; i++) text.Append(" }");
            return text.ToString();
        }

        private static string Repeat(string unit, int count)
        {
            var text = new StringBuilder();
            for (var i = 0; i < count; i++) text.Append(unit);
            return text.ToString();
        }

        private static string NewLineOf(string text)
        {
            var index = text.IndexOfAny(new[] { '\r', '\n' });
            if (index < 0) return "\n";
            if (text[index] == '\n') return "\n";
            return index + 1 < text.Length && text[index + 1] == '\n' ? "\r\n" : "\r";
        }

        // One level of indentation as the file writes it: the first line indented deeper than a line before it.
        private static string IndentUnitOf(string text, string hint)
        {
            var previous = "";
            var start = 0;
            while (start < text.Length)
            {
                var end = start;
                while (end < text.Length && text[end] != '\n' && text[end] != '\r') end++;
                var indent = IndentAt(text, start);
                if (end > start + indent.Length)
                {
                    if (indent.Length > previous.Length && indent.StartsWith(previous, StringComparison.Ordinal)) return indent.Substring(previous.Length);
                    previous = indent;
                }

                start = end < text.Length && text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? end + 2 : end + 1;
            }

            return hint.Length > 0 && hint[0] == '\t' ? "\t" : "  ";
        }

        private static int LineOf(InfrastructureFile file, int offset) => file.Lines.GetPosition(offset).Line;

        private static int LineStartOf(string text, int offset)
        {
            var i = offset;
            while (i > 0 && text[i - 1] != '\n' && text[i - 1] != '\r') i--;
            return i;
        }

        private static string IndentOfLine(string text, int offset) => IndentAt(text, LineStartOf(text, offset));

        private static string IndentAt(string text, int lineStart)
        {
            var end = lineStart;
            while (end < text.Length && (text[end] == ' ' || text[end] == '\t')) end++;
            return text.Substring(lineStart, end - lineStart);
        }

        private static int LineEndOf(string text, int offset)
        {
            var i = offset;
            while (i < text.Length && text[i] != '\n' && text[i] != '\r') i++;
            return i;
        }

        private static int NextNonSpace(string text, int offset)
        {
            var i = offset;
            while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
            return i;
        }

        private static bool OnlySpace(string text, int start, int end)
        {
            for (var i = start; i < end; i++)
            {
                if (text[i] != ' ' && text[i] != '\t') return false;
            }

            return true;
        }

        private static bool OnlySpaceBetween(string text, int start, int end)
        {
            for (var i = start; i < end; i++)
            {
                if (!char.IsWhiteSpace(text[i])) return false;
            }

            return true;
        }
    }
}
