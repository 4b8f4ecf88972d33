using System;

namespace CmsHazards.Configuration
{
    /// <summary>
    /// The <c>CmsWebConfig</c> property when the file it names is not among the site's files: a typo there would
    /// otherwise switch every web.config check off without a word. A site fact, reported as CMSH103.
    /// </summary>
    public sealed class NamedWebConfig : IEquatable<NamedWebConfig>
    {
        public const string Property = "CmsWebConfig";

        /// <summary>Set by CmsHazards.targets to the full path tried, when the file <c>CmsWebConfig</c> names does not exist.</summary>
        public const string MissingProperty = "CmsHazardsMissingWebConfig";

        /// <param name="written">The property's value, as written.</param>
        /// <param name="pathTried">The full path it names, against the project folder.</param>
        /// <param name="missingOnDisk">
        /// True when the file is known not to exist (the task and the CLI read the disk; the targets tell the analyzer);
        /// false when the analyzer was only not handed it yet.
        /// </param>
        public NamedWebConfig(string written, string pathTried, bool missingOnDisk)
        {
            Written = written;
            PathTried = pathTried;
            MissingOnDisk = missingOnDisk;
        }

        public string Written { get; }

        public string PathTried { get; }

        public bool MissingOnDisk { get; }

        /// <summary>The CMSH103 message.</summary>
        public string Problem => MissingOnDisk
            ? $"{Property} is '{Written}', but {PathTried} does not exist. CmsHazards checks no web.config of this site until {Property} names one that exists."
            : $"{Property} is '{Written}', and {PathTried} {FileAvailability.NotYetSeen}. Until then CmsHazards checks no web.config of this site.";

        public bool Equals(NamedWebConfig? other) =>
            other is not null && Written == other.Written && PathTried == other.PathTried && MissingOnDisk == other.MissingOnDisk;

        public override bool Equals(object? obj) => Equals(obj as NamedWebConfig);

        public override int GetHashCode() => PathTried.GetHashCode();
    }
}
