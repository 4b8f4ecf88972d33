using System;
using System.Collections.Generic;
using System.Linq;
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
}
