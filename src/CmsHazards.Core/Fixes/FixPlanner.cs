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
            var byFile = new List<(string Path, List<TextEdit> Edits)>();

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
                    byFile.Add((change.Path, new List<TextEdit>(edits)));
                    continue;
                }

                // Two changes of one file are planned against the same text; edits that touch each other cannot both be made.
                var planned = byFile[index].Edits;
                if (edits.Any(e => planned.Any(p => Overlap(e.Span, p.Span))))
                {
                    refusal = $"two of the fix's changes of {System.IO.Path.GetFileName(change.Path)} touch the same text, so the fix is not applied";
                    return Array.Empty<FileEdit>();
                }
                planned.AddRange(edits);
            }

            return byFile.Select(f => new FileEdit(f.Path, f.Edits)).ToList();
        }

        // Two insertions at one point overlap too: their order would be a guess.
        private static bool Overlap(TextSpan a, TextSpan b) => (a.Start < b.End && b.Start < a.End) || a.Start == b.Start;
    }
}
