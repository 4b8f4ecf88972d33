using System;
using CmsHazards.Text;

namespace CmsHazards.Upgrade
{
    /// <summary>
    /// A <c>bindingRedirect</c>'s <c>oldVersion</c>: one assembly version ("11.20.0.0") or a range
    /// ("0.0.0.0-11.20.0.0"), with where each bound is written inside the attribute value, so a fix can raise the
    /// upper bound and leave every other character alone. Versions are major.minor.build.revision with parts
    /// from 0 to 65535 (Microsoft Learn, "&lt;bindingRedirect&gt; Element").
    /// </summary>
    public sealed class VersionRange
    {
        private VersionRange(Version low, Version high, TextSpan lowSpan, TextSpan highSpan, bool isRange)
        {
            Low = low;
            High = high;
            LowSpan = lowSpan;
            HighSpan = highSpan;
            IsRange = isRange;
        }

        public Version Low { get; }

        public Version High { get; }

        /// <summary>Where the lower bound is written, relative to the start of the attribute value.</summary>
        public TextSpan LowSpan { get; }

        /// <summary>Where the upper bound is written (the same as <see cref="LowSpan"/> for one version).</summary>
        public TextSpan HighSpan { get; }

        /// <summary>False for a single version.</summary>
        public bool IsRange { get; }

        public bool Contains(Version version) => version >= Low && version <= High;

        public static VersionRange? Parse(string? text)
        {
            if (text is null) return null;
            var dash = text.IndexOf('-');
            if (dash < 0)
            {
                var span = Trimmed(text, 0, text.Length);
                return ParseVersion(text, span) is { } single ? new VersionRange(single, single, span, span, false) : null;
            }

            var lowSpan = Trimmed(text, 0, dash);
            var highSpan = Trimmed(text, dash + 1, text.Length);
            var low = ParseVersion(text, lowSpan);
            var high = ParseVersion(text, highSpan);
            return low is null || high is null ? null : new VersionRange(low, high, lowSpan, highSpan, true);
        }

        /// <summary>An assembly version as the binder reads it: four numbers from 0 to 65535; fewer parts count as 0.</summary>
        public static Version? ParseVersion(string? text)
        {
            if (text is null) return null;
            return ParseVersion(text, Trimmed(text, 0, text.Length));
        }

        private static Version? ParseVersion(string text, TextSpan span)
        {
            if (TryDigitsOnly(text, span, out var read)) return read;
            var part = span.Start == 0 && span.Length == text.Length ? text : text.Substring(span.Start, span.Length);
            if (part.Length == 0 || part.IndexOf('-') >= 0 || !Version.TryParse(part, out var version)) return null;
            if (version.Major > 65535 || version.Minor > 65535 || version.Build > 65535 || version.Revision > 65535) return null;

            // Versions are immutable: one with all four parts is kept as parsed.
            return version.Build >= 0 && version.Revision >= 0 ? version : new Version(version.Major, version.Minor, Math.Max(version.Build, 0), Math.Max(version.Revision, 0));
        }

        /// <summary>
        /// A version written with digits and dots only, read in place and decided as <see cref="Version.TryParse(string, out Version)"/>
        /// and the checks after it decide (two to four parts, none empty, each at most 65535). False for any other text,
        /// which TryParse decides. Nearly every redirect is written so, and a web.config may have thousands.
        /// </summary>
        private static bool TryDigitsOnly(string text, TextSpan span, out Version? version)
        {
            version = null;
            var parts = 0;
            var digits = 0;
            var value = 0;
            int major = 0, minor = 0, build = 0;
            for (var i = span.Start; i <= span.End; i++)
            {
                if (i < span.End && text[i] != '.')
                {
                    var c = text[i];
                    if (c < '0' || c > '9') return false;
                    digits++;
                    if (value <= 65535) value = (value * 10) + (c - '0');
                    continue;
                }

                // An empty part, a fifth part or a part over 65535: no version, whatever else the text holds.
                if (digits == 0 || parts == 4 || value > 65535) return true;
                switch (parts++)
                {
                    case 0: major = value; break;
                    case 1: minor = value; break;
                    case 2: build = value; break;
                }

                if (i == span.End)
                {
                    if (parts >= 2) version = new Version(major, minor, parts > 2 ? build : 0, parts > 3 ? value : 0);
                    return true;
                }

                digits = 0;
                value = 0;
            }

            return true;
        }

        private static TextSpan Trimmed(string text, int start, int end)
        {
            while (start < end && char.IsWhiteSpace(text[start])) start++;
            while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
            return TextSpan.FromBounds(start, end);
        }
    }
}
