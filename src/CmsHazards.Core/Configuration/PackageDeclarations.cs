using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Upgrade;
using CmsHazards.Versions;

namespace CmsHazards.Configuration
{
    /// <summary>
    /// The packages a project declares, as a front end that reads the disk gathers them (the MSBuild task during a
    /// build, the <c>cmshazards</c> command without one), beside <see cref="SiteInspection"/>: packages.config, and the
    /// project file's PackageReference items with Directory.Packages.props, each at the element that declares it. The
    /// version is the one MSBuild evaluated where the front end has the item (a property, a condition), else as written.
    /// </summary>
    public static class PackageDeclarations
    {
        /// <param name="packagesConfig">The site's packages.config; null when it has none.</param>
        /// <param name="projectFile">The project file, read as XML; null when it cannot be read.</param>
        /// <param name="centralPackages">Directory.Packages.props of Central Package Management; null without one.</param>
        /// <param name="evaluated">The PackageReference and PackageVersion items as MSBuild evaluated them.</param>
        public static ProjectPackages Read(ConfigFile? packagesConfig, ConfigFile? projectFile, ConfigFile? centralPackages, ProjectPackageItems evaluated)
        {
            var declared = new List<DeclaredPackage>();
            if (packagesConfig is not null) declared.AddRange(DeclaredPackages.FromPackagesConfig(packagesConfig));
            if (projectFile is null) return new ProjectPackages(declared);

            foreach (var package in DeclaredPackages.FromProjectFile(projectFile, centralPackages, _ => null))
            {
                var version = EvaluatedVersion(package.Id, evaluated);
                declared.Add(version is null ? package : new DeclaredPackage(package.Id, version, package.Kind, package.Location));
            }

            return new ProjectPackages(declared);
        }

        /// <summary>VersionOverride, else Version, else the PackageVersion's (a later one wins, as a later item does in MSBuild).</summary>
        private static string? EvaluatedVersion(string id, ProjectPackageItems evaluated)
        {
            var reference = evaluated.PackageReferences.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));
            if (reference is null) return null;
            return reference.VersionOverride ?? reference.Version
                ?? evaluated.PackageVersions.LastOrDefault(v => string.Equals(v.Id, id, StringComparison.OrdinalIgnoreCase))?.Version;
        }
    }
}
