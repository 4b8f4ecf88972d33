using System;
using System.Collections.Generic;
using System.Linq;

namespace CmsHazards.Fixes
{
    /// <summary>
    /// A fix as data: its title and the file changes it makes. Rules return fixes; front ends plan them against the files
    /// as they are at that moment (<see cref="FixPlanner"/>), so a fix never applies a stale edit.
    /// </summary>
    public sealed class Fix
    {
        public Fix(string title, string equivalenceKey, IReadOnlyList<FileChange> changes)
        {
            Title = title ?? throw new ArgumentNullException(nameof(title));
            EquivalenceKey = equivalenceKey ?? throw new ArgumentNullException(nameof(equivalenceKey));
            Changes = changes ?? throw new ArgumentNullException(nameof(changes));
        }

        /// <summary>What the IDE's light bulb and the CLI's list of changes call it.</summary>
        public string Title { get; }

        /// <summary>Groups the same kind of fix across findings, for Fix All ("CmsHazards.TurnOffWebSockets").</summary>
        public string EquivalenceKey { get; }

        public IReadOnlyList<FileChange> Changes { get; }

        /// <summary>
        /// Whether two fixes make the same edit: several diagnostics of one site (or of one project built for two target
        /// frameworks) ask for it, and a Fix All or a --fix run makes each edit once.
        /// </summary>
        public bool IsSameEditAs(Fix other) =>
            EquivalenceKey == other.EquivalenceKey
            && Changes.Count == other.Changes.Count
            && Changes.Zip(other.Changes, (a, b) => a.IsSameAs(b)).All(same => same);

        /// <summary>
        /// Several fixes of one kind as one: every change once, planned together against the same text, so Fix All makes
        /// one edit per file (the binding redirects of a web.config in one edit) and no change's position is shifted by
        /// another's edit before it is planned.
        /// </summary>
        public static Fix Combine(IReadOnlyList<Fix> fixes)
        {
            var changes = new List<FileChange>();
            foreach (var change in fixes.SelectMany(f => f.Changes))
            {
                if (!changes.Any(c => c.IsSameAs(change))) changes.Add(change);
            }

            return new Fix(fixes[0].Title, fixes[0].EquivalenceKey, changes);
        }

        public override string ToString() => Title;
    }
}
