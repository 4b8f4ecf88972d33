using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Configuration;
using CmsHazards.Rules;
using CmsHazards.Versions;

namespace CmsHazards.Upgrade
{
    /// <summary>
    /// Reads the packages a project declares, with the element that declares each: packages.config, or the project
    /// file's PackageReference items with their versions from VersionOverride, Version, or Central Package
    /// Management's Directory.Packages.props.
    /// </summary>
    public static class DeclaredPackages
    {
        public static IReadOnlyList<DeclaredPackage> FromPackagesConfig(ConfigFile packagesConfig)
        {
            var found = new List<DeclaredPackage>();
            if (packagesConfig.Root is not { Name: "packages" } root) return found;
            foreach (var package in root.ChildrenNamed("package"))
            {
                var id = package.AttributeValue("id")?.Trim();
                if (string.IsNullOrEmpty(id)) continue;
                found.Add(new DeclaredPackage(id!, package.AttributeValue("version") ?? "", PackageDeclarationKind.PackagesConfig, FileLocation.Of(package)));
            }

            return found;
        }

        /// <param name="expandProperties">Expands <c>$(Name)</c> in a version as MSBuild would; null when it cannot.</param>
        public static IReadOnlyList<DeclaredPackage> FromProjectFile(ConfigFile projectFile, ConfigFile? centralPackages = null, Func<string, string?>? expandProperties = null)
        {
            var found = new List<DeclaredPackage>();
            if (projectFile.Root is not { Name: "Project" } project) return found;

            var central = new Dictionary<string, ConfigElement>(StringComparer.OrdinalIgnoreCase);
            if (centralPackages?.Root is { Name: "Project" } centralRoot)
            {
                foreach (var item in CmsUiPackageReference.Items(centralRoot, "PackageVersion"))
                {
                    foreach (var id in CmsUiPackageReference.Includes(item)) central[id] = item;
                }
            }

            foreach (var reference in CmsUiPackageReference.Items(project, "PackageReference"))
            {
                foreach (var id in CmsUiPackageReference.Includes(reference))
                {
                    var kind = PackageDeclarationKind.PackageReference;
                    var declaring = reference;
                    var version = CmsUiPackageReference.Metadata(reference, "VersionOverride") ?? CmsUiPackageReference.Metadata(reference, "Version");
                    if (version is null && central.TryGetValue(id, out var packageVersion))
                    {
                        version = CmsUiPackageReference.Metadata(packageVersion, "Version");
                        kind = PackageDeclarationKind.CentralPackageVersion;
                        declaring = packageVersion;
                    }

                    if (version is null) continue;
                    if (version.IndexOf("$(", StringComparison.Ordinal) >= 0) version = expandProperties?.Invoke(version) ?? version;
                    found.Add(new DeclaredPackage(id, version, kind, FileLocation.Of(declaring)));
                }
            }

            return found;
        }
    }

    /// <summary>Where a package reference is declared.</summary>
    public enum PackageDeclarationKind
    {
        /// <summary><c>&lt;package id="..." version="..." /&gt;</c> in packages.config.</summary>
        PackagesConfig,

        /// <summary><c>&lt;PackageReference Include="..." Version="..." /&gt;</c> (or VersionOverride) in the project file.</summary>
        PackageReference,

        /// <summary><c>&lt;PackageVersion Include="..." Version="..." /&gt;</c> in Directory.Packages.props.</summary>
        CentralPackageVersion,
    }

    /// <summary>
    /// A package the project asks for, with its version as written and where: what CMSH304 and CMSH305 judge.
    /// </summary>
    public sealed class DeclaredPackage : IEquatable<DeclaredPackage>
    {
        public DeclaredPackage(string id, string versionText, PackageDeclarationKind kind, Rules.FileLocation? location)
        {
            Id = id ?? throw new ArgumentNullException(nameof(id));
            VersionText = versionText ?? "";
            Version = Versions.CmsUiVersion.Parse(VersionText.Trim().TrimStart('[').Split(',', ']')[0]);
            Kind = kind;
            Location = location;
        }

        public string Id { get; }

        public string VersionText { get; }

        /// <summary>
        /// The version NuGet restores ("11.20.0", "11.21.0-pre-021", the lower bound of "[11.20.0, 12)"); null for a
        /// floating or unexpanded version (<c>11.*</c>, <c>$(CmsVersion)</c>), which is never compared.
        /// </summary>
        public Versions.CmsUiVersion? Version { get; }

        public PackageDeclarationKind Kind { get; }

        /// <summary>The element that declares it; null when a front end only has the item (the MSBuild task).</summary>
        public Rules.FileLocation? Location { get; }

        public bool Equals(DeclaredPackage? other) =>
            other is not null && string.Equals(Id, other.Id, StringComparison.OrdinalIgnoreCase) && VersionText == other.VersionText && Kind == other.Kind
            && Location?.Path == other.Location?.Path && Location?.Span.Start == other.Location?.Span.Start;

        public override bool Equals(object? obj) => Equals(obj as DeclaredPackage);

        public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Id);

        public override string ToString() => Id + " " + VersionText;
    }

    /// <summary>The packages a project declares: a fact front ends register with <c>SiteFacts.With</c> for CMSH304 and CMSH305.</summary>
    public sealed class ProjectPackages : IEquatable<ProjectPackages>
    {
        public ProjectPackages(IEnumerable<DeclaredPackage> packages) => All = packages.ToList();

        public IReadOnlyList<DeclaredPackage> All { get; }

        public bool Equals(ProjectPackages? other) => other is not null && All.SequenceEqual(other.All);

        public override bool Equals(object? obj) => Equals(obj as ProjectPackages);

        public override int GetHashCode() => All.Count;
    }
}
