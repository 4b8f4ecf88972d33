using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Configuration;
using CmsHazards.Text;

namespace CmsHazards.Fixes
{
    /// <summary>Turns a <see cref="Fix"/> into text edits against the files as they are now.</summary>
    public static class FixPlanner
    {
        /// <summary>
        /// Every edit the fix makes, per file. <paramref name="readText"/> gives a file's current text by path (null when
        /// it is absent). Empty when there is nothing left to do, or when a file no longer holds what the fix was made
        /// for: a fix is applied whole or not at all. Changes of one file whose edits touch are made one after another.
        /// </summary>
        public static IReadOnlyList<FileEdit> Plan(Fix fix, Func<string, string?> readText) => Plan(fix, readText, out _);

        /// <summary>
        /// <see cref="Plan(Fix, Func{string, string?})"/>, and when the fix cannot be made, why (<paramref name="refusal"/>,
        /// for a front end to print); null when it is planned or there is nothing left to do.
        /// </summary>
        public static IReadOnlyList<FileEdit> Plan(Fix fix, Func<string, string?> readText, out string? refusal)
        {
            try
            {
                return PlanOnce(fix, readText, out refusal);
            }
            finally
            {
                FileChange.ForgetLastParse();
            }
        }

        private static IReadOnlyList<FileEdit> PlanOnce(Fix fix, Func<string, string?> readText, out string? refusal)
        {
            refusal = null;
            var byFile = new List<PlannedFile>();

            // Each file is read once: every change of it is planned against the same text (and parsed once, FileChange).
            var texts = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var change in fix.Changes)
            {
                if (!texts.TryGetValue(change.Path, out var text)) texts[change.Path] = text = readText(change.Path);
                if (text is null)
                {
                    refusal = $"{System.IO.Path.GetFileName(change.Path)} is not there, so the fix is not applied";
                    return Array.Empty<FileEdit>();
                }

                var index = byFile.FindIndex(f => SiteConfigurationFiles.SamePath(f.Path, change.Path));
                var file = index >= 0 ? byFile[index] : new PlannedFile(change.Path, text);
                var against = file.Sequential ?? text;
                var edits = change.PlanEdits(against);
                if (edits is null)
                {
                    refusal = change.WhyNotPlanned(against);
                    return Array.Empty<FileEdit>();
                }

                // Two changes asking for the same edit (the namespace both fixes give one assemblyBinding) make it once.
                // Only an edit that touches one planned before is looked for among them: Fix All of 500 redirects stays linear.
                if (file.Sequential is null && edits.Any(e => file.Spans.Touches(e.Span)))
                {
                    edits = edits.Where(e => !(file.Spans.Touches(e.Span) && file.Edits.Any(made => made.Span.Equals(e.Span) && made.NewText == e.NewText))).ToList();
                }

                if (edits.Count == 0) continue;
                if (index < 0) byFile.Add(file);

                // A change whose edits touch those planned before (two redirects appended to one element, an attribute
                // both set) is planned again against the text with those edits made: the fix then reads as its changes
                // made one after another, which is what applying the fixes one by one gives, in one edit.
                if (file.Sequential is null && edits.Any(e => file.Spans.Touches(e.Span)))
                {
                    file.Sequential = new FileEdit(file.Path, file.Edits).ApplyTo(text);
                    edits = change.PlanEdits(file.Sequential);
                    if (edits is null)
                    {
                        refusal = change.WhyNotPlanned(file.Sequential);
                        return Array.Empty<FileEdit>();
                    }
                }

                if (file.Sequential is not null)
                {
                    file.Sequential = new FileEdit(file.Path, edits).ApplyTo(file.Sequential);
                    continue;
                }

                file.Edits.AddRange(edits);
                file.Spans.Add(edits);
            }

            return byFile.Select(f => f.ToEdit()).Where(e => e.Edits.Count > 0).ToList();
        }

        /// <summary>A file's edits so far: against its text as read, or, once two changes touched, its whole text after them.</summary>
        private sealed class PlannedFile
        {
            private readonly string _original;

            public PlannedFile(string path, string original)
            {
                Path = path;
                _original = original;
            }

            public string Path { get; }

            public List<TextEdit> Edits { get; } = new List<TextEdit>();

            public PlannedSpans Spans { get; } = new PlannedSpans();

            /// <summary>The text with every change made so far, once changes are planned one after another; null before.</summary>
            public string? Sequential { get; set; }

            /// <summary>The edits against the text as read: one edit of what differs, when the changes were made one after another.</summary>
            public FileEdit ToEdit()
            {
                if (Sequential is null) return new FileEdit(Path, Edits);
                var text = Sequential;
                var prefix = 0;
                var shorter = Math.Min(_original.Length, text.Length);
                while (prefix < shorter && _original[prefix] == text[prefix]) prefix++;
                var suffix = 0;
                while (suffix < shorter - prefix && _original[_original.Length - 1 - suffix] == text[text.Length - 1 - suffix]) suffix++;
                if (prefix == _original.Length && prefix == text.Length) return new FileEdit(Path, Array.Empty<TextEdit>());
                var replaced = TextSpan.FromBounds(prefix, _original.Length - suffix);
                return new FileEdit(Path, new[] { new TextEdit(replaced, text.Substring(prefix, text.Length - suffix - prefix)) });
            }
        }

        // Two insertions at one point overlap too: their order would be a guess.
        private static bool Overlap(TextSpan a, TextSpan b) => (a.Start < b.End && b.Start < a.End) || a.Start == b.Start;

        /// <summary>
        /// The spans planned in one file, in text order. Spans of which no two overlap start at distinct points and each ends
        /// where or before the next starts, so a new span can overlap only the last one before its start and the first one
        /// at or after it: Fix All of 500 binding redirects checks 1,000 edits against two neighbours each instead of
        /// against every edit planned before (docs/performance.md, section 4).
        /// </summary>
        private sealed class PlannedSpans
        {
            private readonly List<TextSpan> _byStart = new List<TextSpan>();

            // False once the edits of one change overlap each other (which nothing checks): then every span is compared.
            private bool _disjoint = true;

            public bool Touches(TextSpan span)
            {
                if (!_disjoint) return _byStart.Any(p => Overlap(span, p));
                var next = FirstAtOrAfter(span.Start);
                return (next > 0 && Overlap(span, _byStart[next - 1])) || (next < _byStart.Count && Overlap(span, _byStart[next]));
            }

            public void Add(IReadOnlyList<TextEdit> edits)
            {
                foreach (var edit in edits)
                {
                    var span = edit.Span;
                    if (_disjoint && Touches(span)) _disjoint = false;
                    _byStart.Insert(FirstAtOrAfter(span.Start), span);
                }
            }

            /// <summary>The index of the first span that starts at or after <paramref name="start"/>; edits usually come in text order, so the end is tried first.</summary>
            private int FirstAtOrAfter(int start)
            {
                var low = 0;
                var high = _byStart.Count;
                if (high > 0 && _byStart[high - 1].Start < start) return high;
                while (low < high)
                {
                    var middle = low + ((high - low) / 2);
                    if (_byStart[middle].Start < start) low = middle + 1;
                    else high = middle;
                }

                return low;
            }
        }
    }
}
