using System;
using System.Collections.Generic;
using System.Linq;

namespace CmsHazards.Upgrade
{
    /// <summary>
    /// EPiServer packages that ship as one family at one version. Optimizely, "NuGet package families in CMS":
    /// members of a family "share the same version number and depend strictly on other packages within the same
    /// family"; release notes name the family, not the package. The members below are those that page and
    /// "Breaking changes in CMS 12" (NuGet packages section) name for the CMS core and CMS UI families, and the
    /// CMS 11 packages of the same families (EPiServer.CMS.AspNet and EPiServer.Framework.AspNet, which CMS 11
    /// split out of EPiServer.CMS.Core and EPiServer.Framework, Optimizely "New NuGet packages").
    /// The umbrella package EPiServer.CMS is not a member: its version follows its own releases.
    /// </summary>
    public static class PackageFamilies
    {
        public sealed class Family
        {
            internal Family(string name, params string[] members)
            {
                Name = name;
                Members = members;
            }

            /// <summary>The name release notes use.</summary>
            public string Name { get; }

            public IReadOnlyList<string> Members { get; }

            public bool Contains(string packageId) => Members.Any(m => string.Equals(m, packageId, StringComparison.OrdinalIgnoreCase));
        }

        public static readonly IReadOnlyList<Family> All = new[]
        {
            new Family(
                "EPiServer.CMS.Core",
                "EPiServer.CMS.Core",
                "EPiServer.Framework",
                "EPiServer.CMS.AspNet",
                "EPiServer.Framework.AspNet",
                "EPiServer.CMS.AspNetCore",
                "EPiServer.CMS.AspNetCore.Templating",
                "EPiServer.CMS.AspNetCore.Routing",
                "EPiServer.CMS.AspNetCore.Mvc",
                "EPiServer.CMS.AspNetCore.HtmlHelpers",
                "EPiServer.Framework.AspNetCore"),
            new Family(
                "EPiServer.CMS.UI",
                "EPiServer.CMS.UI",
                "EPiServer.CMS.UI.Core"),
        };

        public static Family? Of(string packageId) => All.FirstOrDefault(f => f.Contains(packageId));
    }

    /// <summary>CMSH304: members of one package family declared at different versions.</summary>
    public sealed class MixedFamily
    {
        private MixedFamily(PackageFamilies.Family family, IReadOnlyList<DeclaredPackage> packages, DeclaredPackage odd)
        {
            Family = family;
            Packages = packages;
            Odd = odd;
        }

        public PackageFamilies.Family Family { get; }

        /// <summary>The family's declared members, in declaration order.</summary>
        public IReadOnlyList<DeclaredPackage> Packages { get; }

        /// <summary>
        /// Where a diagnostic points: the first member whose version differs from the most common one (from the
        /// highest, when there is no most common one).
        /// </summary>
        public DeclaredPackage Odd { get; }

        public static IReadOnlyList<MixedFamily> Find(IReadOnlyList<DeclaredPackage> packages)
        {
            var found = new List<MixedFamily>();
            foreach (var family in PackageFamilies.All)
            {
                // One package declared twice (packages.config and a PackageReference) counts once per declaration;
                // versions that say nothing exact (floating, unexpanded) are never compared.
                var members = packages.Where(p => family.Contains(p.Id) && p.Version is not null).ToList();
                var versions = members.Select(p => p.Version!).Distinct().ToList();
                if (versions.Count < 2) continue;

                var common = members.GroupBy(p => p.Version!)
                    .OrderByDescending(g => g.Count())
                    .ThenByDescending(g => g.Key)
                    .First().Key;
                found.Add(new MixedFamily(family, members, members.First(p => !p.Version!.Equals(common))));
            }

            return found;
        }

        public string Message
        {
            get
            {
                var listed = string.Join(", ", Packages.Select(p => p.Id + " " + p.Version));
                var where = Odd.Location is { } location ? location.FileName + "(" + (location.Start.Line + 1) + ")" : Odd.Kind.ToString();
                return $"The {Family.Name} package family is declared at different versions ({listed}); {Odd.Id} {Odd.Version} at {where} differs. Its packages ship together at one version and depend on each other strictly: update them to one version (a restore is needed, so CmsHazards does not change it).";
            }
        }
    }
}
