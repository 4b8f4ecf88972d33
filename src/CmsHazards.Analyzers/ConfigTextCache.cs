using System.Collections.Generic;
using System.Threading;
using CmsHazards.Configuration;
using CmsHazards.Rules;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CmsHazards.Analyzers
{
    /// <summary>
    /// Parses configuration text once per text snapshot: the IDE hands the same SourceText to every compilation until
    /// the file changes, so keystrokes in C# files never parse web.config again. The snapshot of a site's web.config also
    /// keeps the last verdict, with the facts it was decided from.
    /// </summary>
    internal static class ConfigTextCache
    {
        public static readonly SourceTextValueProvider<ParsedText> Parsed =
            new SourceTextValueProvider<ParsedText>(text => new ParsedText(text));

        /// <summary>
        /// One text snapshot, parsed the first time a compilation reads it, under that file's path. Later
        /// compilations get the very same <see cref="ConfigFile"/>: a copy per compilation (to give it its path)
        /// cost a 1 MB web.config 4 MB of allocations and half a parse on every keystroke (docs/performance.md).
        /// </summary>
        internal sealed class ParsedText
        {
            private readonly SourceText _text;
            private ConfigFile? _file;
            private Verdict? _verdict;

            public ParsedText(SourceText text) => _text = text;

            /// <summary>
            /// The text as the file at <paramref name="path"/>. A snapshot is nearly always one file; the same
            /// text read under another path gets a copy, and the first parse stays cached.
            /// </summary>
            public ConfigFile For(string path)
            {
                var file = Volatile.Read(ref _file);
                if (file is null)
                {
                    var parsed = ConfigFile.Parse(path, _text.ToString());
                    file = Interlocked.CompareExchange(ref _file, parsed, null) ?? parsed;
                }

                return file.Path == path ? file : file.WithPath(path);
            }

            /// <summary>
            /// The findings for a site whose web.config is this snapshot. A keystroke in a C# file changes none of the
            /// facts, so the last verdict is reused while every input that decides it is the same
            /// (<see cref="SiteFacts.HasSameInputsAs"/>): deciding again would apply each fix in memory and read the
            /// fixed file back.
            /// </summary>
            public IReadOnlyList<Finding> Check(SiteFacts site, CancellationToken cancellationToken)
            {
                var last = Volatile.Read(ref _verdict);
                if (last is not null && last.Site.HasSameInputsAs(site)) return last.Findings;
                var findings = SiteCheck.Run(site, cancellationToken);
                Volatile.Write(ref _verdict, new Verdict(site, findings));
                return findings;
            }

            private sealed class Verdict
            {
                public Verdict(SiteFacts site, IReadOnlyList<Finding> findings)
                {
                    Site = site;
                    Findings = findings;
                }

                public SiteFacts Site { get; }

                public IReadOnlyList<Finding> Findings { get; }
            }
        }
    }
}
