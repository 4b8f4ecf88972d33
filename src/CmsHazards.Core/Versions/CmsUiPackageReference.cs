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
        public static CmsUiReference? FromProjectFile(ConfigFile projectFile, ConfigFile? centralPackages = null, Func<string, string?>? expandProperties = null)
        {
            if (projectFile.Root is not { Name: "Project" } project) return null;
            return FromPackageReferences(projectFile, project, centralPackages, expandProperties) ?? FromHintPaths(projectFile, project);
        }

        private static CmsUiReference? FromPackageReferences(ConfigFile projectFile, ConfigElement project, ConfigFile? centralPackages, Func<string, string?>? expandProperties)
        {
            var central = CentralVersions(centralPackages);
            CmsUiReference? found = null;
            foreach (var reference in Items(project, "PackageReference"))
            {
                foreach (var id in Includes(reference))
                {
                    if (!CmsUiReference.IsUiPackage(id)) continue;

                    string? text = Metadata(reference, "VersionOverride") ?? Metadata(reference, "Version");
                    var source = projectFile.FileName;
                    if (text is null && central.TryGetValue(id, out var centralVersion))
                    {
                        text = centralVersion;
                        source = centralPackages!.FileName;
                    }

                    var expanded = text is not null && expandProperties is not null && text.IndexOf("$(", StringComparison.Ordinal) >= 0 ? expandProperties(text) : text;
                    var version = ReadVersion(expanded);
                    if (version is not null && (found is null || version.CompareTo(found.Version) > 0))
                    {
                        found = new CmsUiReference(version, source + " (" + id + " " + version + ")");
                    }
                }
            }

            return found;
        }

        private static CmsUiReference? FromHintPaths(ConfigFile projectFile, ConfigElement project)
        {
            CmsUiReference? found = null;
            foreach (var reference in Items(project, "Reference"))
            {
                var hintPath = Metadata(reference, "HintPath");
                if (hintPath is null) continue;
                foreach (var folder in hintPath.Split('\\', '/'))
                {
                    if (CmsUiReference.PackageFolder(folder) is not { } package) continue;
                    if (found is null || package.Version.CompareTo(found.Version) > 0)
                    {
                        found = new CmsUiReference(package.Version, projectFile.FileName + " (HintPath " + folder + ")");
                    }
                }
            }

            return found;
        }

        internal static Dictionary<string, string> CentralVersions(ConfigFile? centralPackages)
        {
            // NuGet package IDs are case-insensitive.
            var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (centralPackages?.Root is not { Name: "Project" } root) return versions;
            foreach (var packageVersion in Items(root, "PackageVersion"))
            {
                var version = Metadata(packageVersion, "Version");
                if (version is null) continue;
                foreach (var id in Includes(packageVersion)) versions[id] = version;
            }

            return versions;
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
