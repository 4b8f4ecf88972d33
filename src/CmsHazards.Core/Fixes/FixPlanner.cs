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
        /// for, or two changes would overlap: a fix is applied whole or not at all.
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
            var byFile = new List<(string Path, List<TextEdit> Edits, PlannedSpans Spans)>();

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

                var edits = change.PlanEdits(text);
                if (edits is null)
                {
                    refusal = change.WhyNotPlanned(text);
                    return Array.Empty<FileEdit>();
                }

                if (edits.Count == 0) continue;

                var index = byFile.FindIndex(f => SiteConfigurationFiles.SamePath(f.Path, change.Path));
                if (index < 0)
                {
                    var spans = new PlannedSpans();
                    spans.Add(edits);
                    byFile.Add((change.Path, new List<TextEdit>(edits), spans));
                    continue;
                }

                // Two changes of one file are planned against the same text; edits that touch each other cannot both be made.
                var (_, planned, plannedSpans) = byFile[index];
                foreach (var edit in edits)
                {
                    if (!plannedSpans.Touches(edit.Span)) continue;
                    refusal = $"two of the fix's changes of {System.IO.Path.GetFileName(change.Path)} touch the same text, so the fix is not applied";
                    return Array.Empty<FileEdit>();
                }

                planned.AddRange(edits);
                plannedSpans.Add(edits);
            }

            return byFile.Select(f => new FileEdit(f.Path, f.Edits)).ToList();
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
