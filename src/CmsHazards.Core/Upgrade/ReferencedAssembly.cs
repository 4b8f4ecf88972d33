using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace CmsHazards.Upgrade
{
    /// <summary>Where an assembly the build references comes from, which decides whether its redirects are judged.</summary>
    public enum ReferenceOrigin
    {
        /// <summary>A NuGet package (the restore folder, the global packages folder): always judged.</summary>
        Package,

        /// <summary>
        /// The .NET Framework's reference assemblies or the GAC: the runtime loads its own copy, whatever the build
        /// compiled against, so a redirect for it is not judged against the build.
        /// </summary>
        Framework,

        /// <summary>Another project of the solution, or a DLL kept in the repository: judged.</summary>
        Other,
    }

    /// <summary>
    /// An assembly the build compiles against and copies to bin, as a front end sees it: the analyzer from the
    /// compilation's referenced assembly identities, the MSBuild task from <c>@(ReferencePath)</c> and
    /// <c>@(ReferenceCopyLocalPaths)</c> (with NuGetPackageId / NuGetPackageVersion metadata), the CLI from the
    /// HintPath DLLs of a restored packages folder.
    /// </summary>
    public sealed class ReferencedAssembly
    {
        public ReferencedAssembly(string name, Version version, string? publicKeyToken, ReferenceOrigin origin, string? packageId = null, string? packageVersion = null, string? path = null)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Version = version ?? throw new ArgumentNullException(nameof(version));
            PublicKeyToken = string.IsNullOrEmpty(publicKeyToken) ? null : publicKeyToken;
            Origin = origin;
            PackageId = string.IsNullOrWhiteSpace(packageId) ? null : packageId;
            PackageVersion = string.IsNullOrWhiteSpace(packageVersion) ? null : packageVersion;
            Path = path;
        }

        public string Name { get; }

        /// <summary>The assembly version (not the package version: the two differ, DESIGN.md section 10).</summary>
        public Version Version { get; }

        /// <summary>Lower-case hex, or null for an assembly without a strong name.</summary>
        public string? PublicKeyToken { get; }

        public ReferenceOrigin Origin { get; }

        /// <summary>The NuGet package it comes from, when the front end knows.</summary>
        public string? PackageId { get; }

        public string? PackageVersion { get; }

        /// <summary>The file the build resolved, when known.</summary>
        public string? Path { get; }

        /// <summary>"EPiServer.CMS.UI.Core 11.20.0": the package, as a message names it; null when unknown.</summary>
        public string? Package => PackageId is null ? null : PackageVersion is null ? PackageId : PackageId + " " + PackageVersion;

        /// <summary>Hex of a public key token's bytes, as binding redirects write it.</summary>
        public static string? TokenText(IReadOnlyCollection<byte>? token) =>
            token is null || token.Count == 0 ? null : string.Concat(token.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

        /// <summary>
        /// The origin and package a resolved path shows: a packages.config restore folder
        /// (<c>packages\EPiServer.CMS.UI.Core.11.20.0\lib\net45\...</c>) or the global packages folder
        /// (<c>.nuget/packages/episerver.cms.ui.core/11.20.0/lib/...</c>) is a package, except the
        /// Microsoft.NETFramework.ReferenceAssemblies packages, which hold the framework; "Reference Assemblies"
        /// and the GAC are the framework. For what a path does not tell, a name of the framework's own
        /// (mscorlib, netstandard, System, System.*, and the facades) counts as the framework.
        /// </summary>
        public static (ReferenceOrigin Origin, string? PackageId, string? PackageVersion) Classify(string name, string? path)
        {
            var segments = (path ?? "").Replace('\\', '/').Split('/').Where(s => s.Length > 0).ToList();
            var lower = segments.Select(s => s.ToLowerInvariant()).ToList();

            if (lower.Any(s => s.StartsWith("microsoft.netframework.referenceassemblies", StringComparison.Ordinal))
                || lower.Contains("reference assemblies")
                || lower.Contains("assembly") && (lower.Contains("gac_msil") || lower.Contains("gac_32") || lower.Contains("gac_64"))
                || (lower.Contains("microsoft.net") && lower.Contains("framework")))
            {
                return (ReferenceOrigin.Framework, null, null);
            }

            // The global packages folder: .../packages/<id lower-case>/<version>/(lib|ref|runtimes)/...
            for (var i = 0; i + 3 < lower.Count; i++)
            {
                if (lower[i] == "packages" && (lower[i + 3] == "lib" || lower[i + 3] == "ref" || lower[i + 3] == "runtimes")
                    && Versions.CmsUiVersion.Parse(segments[i + 2]) is not null)
                {
                    return (ReferenceOrigin.Package, segments[i + 1], segments[i + 2]);
                }
            }

            // A packages.config restore folder: .../packages/<Id>.<Version>/lib/...
            for (var i = 0; i + 2 < lower.Count; i++)
            {
                if (lower[i] == "packages" && (lower[i + 2] == "lib" || lower[i + 2] == "ref") && SplitPackageFolder(segments[i + 1]) is { } folder)
                {
                    return (ReferenceOrigin.Package, folder.Id, folder.Version);
                }
            }

            return (IsFrameworkName(name) ? ReferenceOrigin.Framework : ReferenceOrigin.Other, null, null);
        }

        /// <summary>"EPiServer.CMS.UI.Core.11.20.0" as ("EPiServer.CMS.UI.Core", "11.20.0"): the version starts at the first part that is a number.</summary>
        public static (string Id, string Version)? SplitPackageFolder(string folder)
        {
            var parts = folder.Split('.');
            for (var i = 1; i < parts.Length; i++)
            {
                if (parts[i].Length > 0 && char.IsDigit(parts[i][0]))
                {
                    var version = string.Join(".", parts.Skip(i));
                    if (Versions.CmsUiVersion.Parse(version) is null) return null;
                    return (string.Join(".", parts.Take(i)), version);
                }
            }

            return null;
        }

        private static bool IsFrameworkName(string name) =>
            string.Equals(name, "mscorlib", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "netstandard", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "System", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("System.", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "Microsoft.CSharp", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "Microsoft.VisualBasic", StringComparison.OrdinalIgnoreCase);

        public override string ToString() => Name + " " + Version;
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
    public sealed class DeclaredPackage
    {
        public DeclaredPackage(string id, string versionText, PackageDeclarationKind kind, Rules.ConfigLocation? location)
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
        public Rules.ConfigLocation? Location { get; }

        public override string ToString() => Id + " " + VersionText;
    }
}
