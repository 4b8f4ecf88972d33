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
                found.Add(new DeclaredPackage(id!, package.AttributeValue("version") ?? "", PackageDeclarationKind.PackagesConfig, ConfigLocation.Of(package)));
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
                    found.Add(new DeclaredPackage(id, version, kind, ConfigLocation.Of(declaring)));
                }
            }

            return found;
        }
    }
}
