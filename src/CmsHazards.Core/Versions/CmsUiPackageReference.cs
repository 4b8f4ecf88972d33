using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Configuration;

namespace CmsHazards.Versions
{
    /// <summary>
    /// Reads the CMS UI version a project file asks for, without a build: a <c>&lt;PackageReference&gt;</c> to
    /// EPiServer.CMS.UI or EPiServer.CMS.UI.Core (its <c>VersionOverride</c>, its <c>Version</c>, or the
    /// <c>&lt;PackageVersion&gt;</c> of Central Package Management in Directory.Packages.props), else a
    /// <c>&lt;HintPath&gt;</c> into the package folder, such as
    /// <c>..\packages\EPiServer.CMS.UI.Core.9.4.2\lib\net45\EPiServer.UI.dll</c>.
    /// </summary>
    /// <remarks>
    /// A build knows better (the referenced assembly, the assets file); this is for tools that run without one.
    /// Versions given as ranges are read at their inclusive lower bound, which is what NuGet restores when that
    /// version exists; floating versions (<c>11.*</c>) and exclusive lower bounds say nothing exact and are skipped.
    /// </remarks>
    public static class CmsUiPackageReference
    {
        /// <param name="projectFile">The parsed .csproj.</param>
        /// <param name="centralPackages">The Directory.Packages.props MSBuild would import, if any.</param>
        /// <param name="expandProperties">
        /// Expands the MSBuild property references in a version written as <c>$(CmsUIVersion)</c>, as MSBuild
        /// would; returns null when it cannot. Without it such versions are not read.
        /// </param>
        public static CmsUiReference? FromProjectFile(ConfigFile projectFile, ConfigFile? centralPackages = null, Func<string, string?>? expandProperties = null) =>
            ReadItems(projectFile, centralPackages, expandProperties) is { } items ? FromItems(items) : null;

        /// <summary>
        /// The package items a project file writes, read without MSBuild: its PackageReference and Reference items
        /// and the PackageVersion items of Directory.Packages.props, metadata as attributes or child elements,
        /// property references expanded where <paramref name="expandProperties"/> can. Null for a file that is not
        /// an MSBuild project.
        /// </summary>
        public static ProjectPackageItems? ReadItems(ConfigFile projectFile, ConfigFile? centralPackages = null, Func<string, string?>? expandProperties = null)
        {
            if (projectFile.Root is not { Name: "Project" } project) return null;
            string? Expand(string? text) =>
                text is not null && expandProperties is not null && text.IndexOf("$(", StringComparison.Ordinal) >= 0 ? expandProperties(text) : text;

            var packageReferences = Items(project, "PackageReference")
                .SelectMany(r => Includes(r).Select(id => new PackageItem(id, Expand(Metadata(r, "Version")), Expand(Metadata(r, "VersionOverride")), projectFile.FileName)));
            var packageVersions = centralPackages?.Root is { Name: "Project" } central
                ? Items(central, "PackageVersion").SelectMany(v => Includes(v).Select(id => new PackageItem(id, Expand(Metadata(v, "Version")), null, centralPackages.FileName)))
                : Enumerable.Empty<PackageItem>();
            var references = Items(project, "Reference")
                .Select(r => new AssemblyReferenceItem(r.AttributeValue("Include") ?? "", Metadata(r, "HintPath"), projectFile.FileName));
            return new ProjectPackageItems(packageReferences, packageVersions, references);
        }

        /// <summary>
        /// The CMS UI version a project's items ask for: a UI PackageReference (its VersionOverride, its Version,
        /// or the PackageVersion of Central Package Management), else a HintPath into the package folder. The
        /// source names the file that wrote the version. Null when the items name no UI version that can be read.
        /// </summary>
        public static CmsUiReference? FromItems(ProjectPackageItems items) =>
            FromPackageReferences(items) ?? FromHintPaths(items);

        /// <summary>The version a PackageReference asks for, and the file that says so; null when none can be read.</summary>
        public static (CmsUiVersion Version, string DeclaredIn)? AskedVersion(PackageItem reference, IEnumerable<PackageItem> packageVersions)
        {
            var text = reference.VersionOverride ?? reference.Version;
            var source = reference.DeclaredIn;
            if (text is null)
            {
                // NuGet package IDs are case-insensitive; a later PackageVersion wins, as a later item does in MSBuild.
                var central = packageVersions.LastOrDefault(v => string.Equals(v.Id, reference.Id, StringComparison.OrdinalIgnoreCase));
                text = central?.Version;
                source = central?.DeclaredIn ?? source;
            }

            return ReadVersion(text) is { } version ? (version, source) : null;
        }

        private static CmsUiReference? FromPackageReferences(ProjectPackageItems items)
        {
            CmsUiReference? found = null;
            foreach (var reference in items.PackageReferences)
            {
                if (!CmsUiReference.IsUiPackage(reference.Id)) continue;
                if (AskedVersion(reference, items.PackageVersions) is not { } asked) continue;
                if (found is null || asked.Version.CompareTo(found.Version) > 0)
                {
                    found = new CmsUiReference(asked.Version, asked.DeclaredIn + " (" + reference.Id + " " + asked.Version + ")");
                }
            }

            return found;
        }

        private static CmsUiReference? FromHintPaths(ProjectPackageItems items)
        {
            CmsUiReference? found = null;
            foreach (var reference in items.References)
            {
                if (reference.HintPath is not { } hintPath) continue;
                foreach (var folder in hintPath.Split('\\', '/'))
                {
                    if (CmsUiReference.PackageFolder(folder) is not { } package) continue;
                    if (found is null || package.Version.CompareTo(found.Version) > 0)
                    {
                        found = new CmsUiReference(package.Version, reference.DeclaredIn + " (HintPath " + folder + ")");
                    }
                }
            }

            return found;
        }

        internal static IEnumerable<ConfigElement> Items(ConfigElement project, string itemType) =>
            project.ChildrenNamed("ItemGroup").SelectMany(group => group.ChildrenNamed(itemType));

        internal static IEnumerable<string> Includes(ConfigElement item) =>
            (item.AttributeValue("Include") ?? "")
                .Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries)
                .Select(id => id.Trim())
                .Where(id => id.Length > 0);

        /// <summary>Item metadata is written as an attribute or as a child element; MSBuild reads both.</summary>
        internal static string? Metadata(ConfigElement item, string name)
        {
            var value = item.AttributeValue(name);
            if (value is null && item.FirstChild(name) is { } child) value = ConfigElementText.TextOf(child);
            return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
        }

        /// <summary>"11.20.0", "[11.20.0]" or "[11.20.0, 12.0)": the version NuGet restores when it exists.</summary>
        private static CmsUiVersion? ReadVersion(string? text)
        {
            if (text is null || text.IndexOf('*') >= 0 || text.IndexOf("$(", StringComparison.Ordinal) >= 0) return null;
            var trimmed = text.Trim();
            if (trimmed.StartsWith("(", StringComparison.Ordinal)) return null;
            if (trimmed.StartsWith("[", StringComparison.Ordinal))
            {
                var comma = trimmed.IndexOf(',');
                trimmed = comma >= 0 ? trimmed.Substring(1, comma - 1) : trimmed.Substring(1).TrimEnd(']');
            }

            return CmsUiVersion.Parse(trimmed);
        }
    }
}
