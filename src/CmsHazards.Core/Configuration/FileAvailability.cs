using System;
using System.Collections.Generic;
using System.Linq;

namespace CmsHazards.Configuration
{
    /// <summary>
    /// What a front end knows of a configuration file it did not get. The MSBuild task and the CLI read the disk, so a
    /// file they did not find does not exist. The analyzer sees only the files the build hands it: a file configSource
    /// names that was created after the last build (or design-time build) is not among them yet, and is not missing.
    /// The task tells it which of the files it looked for do not exist (<see cref="MissingProperty"/>).
    /// </summary>
    public sealed class FileAvailability : IEquatable<FileAvailability>
    {
        /// <summary>Set by CmsHazards.targets: the files configSource or appSettings file= name that do not exist, as full paths.</summary>
        public const string MissingProperty = "CmsHazardsMissingConfigFiles";

        /// <summary>How a message says that the analyzer was not handed a file yet.</summary>
        public const string NotYetSeen = "has not yet been seen by the analyzer (it is handed over at the next build or design-time build)";

        private readonly IReadOnlyList<string>? _missing;

        private FileAvailability(IReadOnlyList<string>? missing)
        {
            _missing = missing;
        }

        /// <summary>A front end that reads the disk: a file it did not get does not exist.</summary>
        public static FileAvailability OnDisk { get; } = new FileAvailability(null);

        /// <summary>The analyzer: only the files the build handed over, and those the build found missing.</summary>
        public static FileAvailability HandedOver(IEnumerable<string> missingOnDisk) =>
            new FileAvailability(missingOnDisk.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).ToList());

        /// <summary>Whether a file that was not read is known not to exist.</summary>
        public bool IsMissing(string path) => _missing is null || _missing.Any(m => SiteConfigurationFiles.SamePath(m, path));

        /// <summary>"which does not exist", or that the analyzer has not seen it yet.</summary>
        public string WhichClause(string path) => IsMissing(path) ? "which does not exist" : "which " + NotYetSeen;

        public bool Equals(FileAvailability? other) =>
            other is not null && (_missing is null ? other._missing is null : other._missing is not null && _missing.SequenceEqual(other._missing, StringComparer.Ordinal));

        public override bool Equals(object? obj) => Equals(obj as FileAvailability);

        public override int GetHashCode() => _missing?.Count ?? -1;
    }
}
