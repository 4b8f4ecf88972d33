using System;
using System.Globalization;

namespace CmsHazards.Versions
{
    /// <summary>
    /// A CMS UI version as packages and assemblies state it: "11.20.0", "11.20.0.0" (assembly versions are the
    /// package version plus ".0") or "10.7.0-feature-012879". Compared by number, never as text, so 9.10 is
    /// later than 9.4.
    /// </summary>
    public sealed class CmsUiVersion : IComparable<CmsUiVersion>, IEquatable<CmsUiVersion>
    {
        /// <summary>CMS UI 9.4.0 (February 2016) first opens a WebSocket from the edit interface.</summary>
        public static readonly CmsUiVersion FirstWithWebSockets = new CmsUiVersion(9, 4, 0, 0, "");

        /// <summary>
        /// CMS UI 12 runs on ASP.NET Core, where the switch is <c>UIOptions.WebSocketEnabled</c> in code,
        /// not the web.config appSettings key.
        /// </summary>
        public static readonly CmsUiVersion FirstOnAspNetCore = new CmsUiVersion(12, 0, 0, 0, "");

        private CmsUiVersion(int major, int minor, int patch, int revision, string preRelease)
        {
            Major = major;
            Minor = minor;
            Patch = patch;
            Revision = revision;
            PreRelease = preRelease;
        }

        public int Major { get; }
        public int Minor { get; }
        public int Patch { get; }
        public int Revision { get; }

        /// <summary>The label after '-', or "" for a release.</summary>
        public string PreRelease { get; }

        public static CmsUiVersion? Parse(string? text) => TryParse(text, out var version) ? version : null;

        public static bool TryParse(string? text, out CmsUiVersion version)
        {
            version = null!;
            if (text is null) return false;

            var trimmed = text.Trim();
            var plus = trimmed.IndexOf('+');
            if (plus >= 0) trimmed = trimmed.Substring(0, plus);
            var dash = trimmed.IndexOf('-');
            var preRelease = dash >= 0 ? trimmed.Substring(dash + 1) : "";
            var numbers = (dash >= 0 ? trimmed.Substring(0, dash) : trimmed).Split('.');
            if (numbers.Length < 2 || numbers.Length > 4 || (dash >= 0 && preRelease.Length == 0)) return false;

            var parts = new int[4];
            for (var i = 0; i < numbers.Length; i++)
            {
                if (!int.TryParse(numbers[i], NumberStyles.None, CultureInfo.InvariantCulture, out parts[i])) return false;
            }

            version = new CmsUiVersion(parts[0], parts[1], parts[2], parts[3], preRelease);
            return true;
        }

        public static CmsUiVersion FromAssemblyVersion(Version version) =>
            new CmsUiVersion(version.Major, version.Minor, Math.Max(version.Build, 0), Math.Max(version.Revision, 0), "");

        /// <summary>
        /// Whether this version carries the features of <paramref name="release"/>. A pre-release of 9.4.0 is
        /// built from the 9.4 code line, so it counts as 9.4 here, unlike in SemVer ordering.
        /// </summary>
        public bool HasFeaturesOf(CmsUiVersion release) => CompareNumbers(this, release) >= 0;

        public int CompareTo(CmsUiVersion? other)
        {
            if (other is null) return 1;
            var byNumber = CompareNumbers(this, other);
            if (byNumber != 0) return byNumber;
            if (PreRelease.Length == 0) return other.PreRelease.Length == 0 ? 0 : 1;
            if (other.PreRelease.Length == 0) return -1;
            return string.CompareOrdinal(PreRelease, other.PreRelease);
        }

        public bool Equals(CmsUiVersion? other) => other is not null && CompareTo(other) == 0;
        public override bool Equals(object? obj) => Equals(obj as CmsUiVersion);
        public override int GetHashCode() => unchecked(((Major * 397 ^ Minor) * 397 ^ Patch) * 397 ^ Revision);

        /// <summary>"11.20.0" or "10.7.0-feature-012879": the package version a CMS developer recognises.</summary>
        public override string ToString()
        {
            var text = Major + "." + Minor + "." + Patch;
            if (Revision != 0) text += "." + Revision;
            return PreRelease.Length == 0 ? text : text + "-" + PreRelease;
        }

        private static int CompareNumbers(CmsUiVersion a, CmsUiVersion b)
        {
            if (a.Major != b.Major) return a.Major.CompareTo(b.Major);
            if (a.Minor != b.Minor) return a.Minor.CompareTo(b.Minor);
            if (a.Patch != b.Patch) return a.Patch.CompareTo(b.Patch);
            return a.Revision.CompareTo(b.Revision);
        }
    }
}
