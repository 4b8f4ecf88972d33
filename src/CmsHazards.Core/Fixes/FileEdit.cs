using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Rules;
using CmsHazards.Text;

namespace CmsHazards.Fixes
{
    /// <summary>The edits a fix makes to one file; they never overlap.</summary>
    public sealed class FileEdit
    {
        public FileEdit(string path, IReadOnlyList<TextEdit> edits)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            Edits = edits.OrderBy(e => e.Span.Start).ToList();
        }

        public string Path { get; }

        /// <summary>In text order.</summary>
        public IReadOnlyList<TextEdit> Edits { get; }

        public string ApplyTo(string text)
        {
            // From the end, so earlier spans stay where they were.
            for (var i = Edits.Count - 1; i >= 0; i--) text = Edits[i].ApplyTo(text);
            return text;
        }
    }

    /// <summary>
    /// One fix of a finding as a front end asks for it: what to do, the file holding the root appSettings, and for a
    /// move, the entry to move (its file and the offset of its name, as <see cref="Finding.KeyToMove"/> gives it).
    /// </summary>
    public sealed class FixRequest
    {
        public FixRequest(FixKind kind, string targetPath, string? keyPath = null, int keyOffset = -1)
        {
            Kind = kind;
            TargetPath = targetPath;
            KeyPath = keyPath;
            KeyOffset = keyOffset;
        }

        public FixKind Kind { get; }

        public string TargetPath { get; }

        public string? KeyPath { get; }

        public int KeyOffset { get; }

        /// <summary>
        /// Whether two requests ask for the same edit: several diagnostics of one site name the same file, and a
        /// Fix All or a --fix run makes each edit once.
        /// </summary>
        public bool IsSameEditAs(FixRequest other) =>
            Kind == other.Kind
            && Configuration.SiteFiles.SamePath(TargetPath, other.TargetPath)
            && (KeyPath is null ? other.KeyPath is null : other.KeyPath is not null && Configuration.SiteFiles.SamePath(KeyPath, other.KeyPath))
            && KeyOffset == other.KeyOffset;
    }
}
