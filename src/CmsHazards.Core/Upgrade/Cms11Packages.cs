using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CmsHazards.Upgrade
{
    /// <summary>
    /// CMS 11 packages that run on ASP.NET (System.Web) only and have no CMS 12 package of the same name.
    /// Sources: Optimizely, "Breaking changes in CMS 12", NuGet packages section (packages "available only for CMS 11",
    /// with their CMS 12 packages); Optimizely, "New NuGet packages" (CMS 11) for what EPiServer.ServiceLocation.StructureMap
    /// and the .AspNet packages hold.
    /// </summary>
    public static class Cms11Packages
    {
        public sealed class Retired
        {
            internal Retired(string id, string replacement)
            {
                Id = id;
                Replacement = replacement;
            }

            public string Id { get; }

            /// <summary>What a CMS 12 site uses instead, in words for the message.</summary>
            public string Replacement { get; }
        }

        public static readonly IReadOnlyList<Retired> All = new[]
        {
            new Retired("EPiServer.CMS.AspNet", "EPiServer.CMS.AspNetCore with EPiServer.CMS.AspNetCore.Templating, .Routing, .Mvc and .HtmlHelpers"),
            new Retired("EPiServer.Framework.AspNet", "EPiServer.Framework.AspNetCore"),
            new Retired("EPiServer.ServiceLocation.StructureMap", "ASP.NET Core's service container (CMS 12 registers its services in it; no StructureMap integration)"),
            new Retired("EPiServer.Logging.Log4Net", "Microsoft.Extensions.Logging, which CMS 12 logs through"),
        };

        public static Retired? Find(string packageId) => All.FirstOrDefault(r => string.Equals(r.Id, packageId, StringComparison.OrdinalIgnoreCase));

        /// <summary>
        /// Whether a target framework is .NET 5 or later ("net5.0", "net8.0-windows"), where CMS 12 runs and System.Web
        /// does not. "net48" and "netcoreapp3.1" are not; the short names of .NET 5+ always have a dot.
        /// </summary>
        public static bool IsNet5OrLater(string targetFramework)
        {
            var tfm = targetFramework.Trim().ToLowerInvariant();
            if (!tfm.StartsWith("net", StringComparison.Ordinal) || tfm.StartsWith("netcoreapp", StringComparison.Ordinal) || tfm.StartsWith("netstandard", StringComparison.Ordinal)) return false;
            var dash = tfm.IndexOf('-');
            var version = (dash < 0 ? tfm : tfm.Substring(0, dash)).Substring(3);
            var dot = version.IndexOf('.');
            if (dot <= 0) return false;
            return int.TryParse(version.Substring(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var major) && major >= 5;
        }
    }

    /// <summary>CMSH305: a .NET 5+ project that still declares a CMS 11 package with no CMS 12 counterpart.</summary>
    public sealed class Cms11PackageOnModernNet
    {
        private Cms11PackageOnModernNet(DeclaredPackage package, Cms11Packages.Retired retired, string targetFramework)
        {
            Package = package;
            Retired = retired;
            TargetFramework = targetFramework;
        }

        public DeclaredPackage Package { get; }

        public Cms11Packages.Retired Retired { get; }

        public string TargetFramework { get; }

        public static IReadOnlyList<Cms11PackageOnModernNet> Find(IReadOnlyList<string> targetFrameworks, IReadOnlyList<DeclaredPackage> packages)
        {
            var modern = targetFrameworks.FirstOrDefault(Cms11Packages.IsNet5OrLater);
            if (modern is null) return Array.Empty<Cms11PackageOnModernNet>();
            return packages
                .Select(p => (Package: p, Retired: Cms11Packages.Find(p.Id)))
                .Where(p => p.Retired is not null)
                .Select(p => new Cms11PackageOnModernNet(p.Package, p.Retired!, modern.Trim()))
                .ToList();
        }

        public string Message
        {
            get
            {
                var where = Package.Location is { } location ? " at " + location.FileName + "(" + (location.Start.Line + 1) + ")" : "";
                return $"{Package.Id} {Package.VersionText}{where} is a CMS 11 package for ASP.NET on .NET Framework, but the project targets {TargetFramework}; CMS 12 has no such package. Use {Retired.Replacement}.";
            }
        }
    }
}
