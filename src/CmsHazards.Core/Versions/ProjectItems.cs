using System;
using System.Collections.Generic;

namespace CmsHazards.Versions
{
    /// <summary>
    /// A <c>&lt;PackageReference&gt;</c> or <c>&lt;PackageVersion&gt;</c> item as MSBuild evaluated it (or as a
    /// reader of the project file found it): the package ID, its <c>Version</c> and <c>VersionOverride</c>
    /// metadata, and the file that wrote the version, named in messages.
    /// </summary>
    public sealed class PackageItem
    {
        public PackageItem(string id, string? version, string? versionOverride, string declaredIn)
        {
            Id = id ?? throw new ArgumentNullException(nameof(id));
            Version = Blank(version);
            VersionOverride = Blank(versionOverride);
            DeclaredIn = declaredIn ?? throw new ArgumentNullException(nameof(declaredIn));
        }

        public string Id { get; }

        public string? Version { get; }

        public string? VersionOverride { get; }

        /// <summary>The file name that wrote the item, such as "Public.csproj" or "Directory.Packages.props".</summary>
        public string DeclaredIn { get; }

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }

    /// <summary>A <c>&lt;Reference&gt;</c> item with its <c>HintPath</c>, as packages.config projects reference package DLLs.</summary>
    public sealed class AssemblyReferenceItem
    {
        public AssemblyReferenceItem(string include, string? hintPath, string declaredIn)
        {
            Include = include ?? throw new ArgumentNullException(nameof(include));
            HintPath = string.IsNullOrWhiteSpace(hintPath) ? null : hintPath!.Trim();
            DeclaredIn = declaredIn ?? throw new ArgumentNullException(nameof(declaredIn));
        }

        public string Include { get; }

        public string? HintPath { get; }

        public string DeclaredIn { get; }
    }

    /// <summary>The package items of one evaluated project.</summary>
    public sealed class ProjectPackageItems
    {
        public ProjectPackageItems(IEnumerable<PackageItem> packageReferences, IEnumerable<PackageItem> packageVersions, IEnumerable<AssemblyReferenceItem> references)
        {
            PackageReferences = new List<PackageItem>(packageReferences);
            PackageVersions = new List<PackageItem>(packageVersions);
            References = new List<AssemblyReferenceItem>(references);
        }

        public IReadOnlyList<PackageItem> PackageReferences { get; }

        /// <summary>Central Package Management: the versions Directory.Packages.props gives.</summary>
        public IReadOnlyList<PackageItem> PackageVersions { get; }

        public IReadOnlyList<AssemblyReferenceItem> References { get; }
    }
}
