using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Configuration;
using CmsHazards.Rules;
using CmsHazards.Upgrade;
using Microsoft.Build.Framework;

namespace CmsHazards.Build
{
    /// <summary>The upgrade hazards (CMSH301-305) from what MSBuild resolved: references, declared packages, target framework.</summary>
    public sealed partial class InspectCmsSite
    {
        /// <summary><c>@(ReferenceCopyLocalPaths)</c>: what lands in bin beside the compile references.</summary>
        public ITaskItem[] CopyLocalReferences { get; set; } = Array.Empty<ITaskItem>();

        /// <summary><c>$(TargetFramework)</c> (or <c>$(TargetFrameworkVersion)</c> for old-style projects).</summary>
        public string? TargetFramework { get; set; }

        /// <summary><c>$(MSBuildProjectFullPath)</c>: where PackageReference items are written, for CMSH304/305's place.</summary>
        public string? ProjectFile { get; set; }

        /// <summary><c>$(DirectoryPackagesPropsPath)</c> when Central Package Management is on.</summary>
        public string? CentralPackagesFile { get; set; }

        private void ReportUpgradeHazards(SiteFacts? site, IReadOnlyList<string> configFiles)
        {
            var facts = new UpgradeFacts(
                ResolvedReferences.From(References, CopyLocalReferences),
                null,
                DeclaredPackagesOf(configFiles),
                string.IsNullOrWhiteSpace(TargetFramework) ? null : new[] { TargetFramework!.Trim() });
            foreach (var finding in UpgradeHazards.Evaluate(site, facts)) Report(finding.RuleId, finding.Message, finding.Location);
        }

        private IReadOnlyList<DeclaredPackage> DeclaredPackagesOf(IReadOnlyList<string> configFiles)
        {
            var declared = new List<DeclaredPackage>();
            if (configFiles.FirstOrDefault(SiteFiles.IsPackagesConfig) is { } packagesConfig && ReadConfig(packagesConfig) is { } packages)
            {
                declared.AddRange(DeclaredPackages.FromPackagesConfig(packages));
            }

            if (string.IsNullOrEmpty(ProjectFile) || !System.IO.File.Exists(ProjectFile) || ReadConfig(ProjectFile!) is not { } project) return declared;

            // Positions from the files; versions as MSBuild evaluated them, so $(CmsVersion) is read as the build reads it.
            var central = string.IsNullOrEmpty(CentralPackagesFile) || !System.IO.File.Exists(CentralPackagesFile) ? null : ReadConfig(CentralPackagesFile!);
            foreach (var package in DeclaredPackages.FromProjectFile(project, central, _ => null))
            {
                var evaluated = PackageReferences.FirstOrDefault(p => string.Equals(p.ItemSpec, package.Id, StringComparison.OrdinalIgnoreCase)) is { } item
                    ? FirstNonEmpty(item.GetMetadata("VersionOverride"), item.GetMetadata("Version"),
                        PackageVersions.FirstOrDefault(v => string.Equals(v.ItemSpec, package.Id, StringComparison.OrdinalIgnoreCase))?.GetMetadata("Version"))
                    : null;
                declared.Add(evaluated is null ? package : new DeclaredPackage(package.Id, evaluated, package.Kind, package.Location));
            }

            return declared;
        }
    }
}
