using System;
using System.Collections.Generic;
using System.Linq;

namespace CmsHazards.Versions
{
    /// <summary>Where an assembly the build references comes from, which decides whether its binding redirect is judged.</summary>
    public enum ReferenceOrigin
    {
        /// <summary>Another project, a DLL kept in the repository, or not known: judged.</summary>
        Other,

        /// <summary>A NuGet package (a packages folder, the global packages folder, NuGet's item metadata): judged.</summary>
        Package,

        /// <summary>
        /// The .NET Framework's reference assemblies or the GAC: the runtime loads its own copy, whatever the build
        /// compiled against, so a redirect for it is not judged against the build.
        /// </summary>
        Framework,
    }

    /// <summary>
    /// An assembly the build compiles against and copies to bin, with the NuGet package it comes from when the build
    /// knows it: the analyzer from the compilation's references, the MSBuild task from <c>@(ReferencePath)</c> and
    /// <c>@(ReferenceCopyLocalPaths)</c>, the CLI from the HintPath DLLs of a restored packages folder.
    /// </summary>
    public sealed class ReferencedAssembly : IEquatable<ReferencedAssembly>
    {
        public ReferencedAssembly(string name, Version? version, string? publicKeyToken = null, string? packageId = null, string? packageVersion = null, ReferenceOrigin origin = ReferenceOrigin.Other, string? path = null)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Version = version;
            PublicKeyToken = string.IsNullOrEmpty(publicKeyToken) ? null : publicKeyToken!.ToLowerInvariant();
            PackageId = string.IsNullOrEmpty(packageId) ? null : packageId;
            PackageVersion = string.IsNullOrEmpty(packageVersion) ? null : packageVersion;
            Origin = PackageId is not null && origin == ReferenceOrigin.Other ? ReferenceOrigin.Package : origin;
            Path = string.IsNullOrEmpty(path) ? null : path;
        }

        /// <summary>
        /// A reference as its resolved path shows it: the origin and package from <see cref="Classify"/>, unless the
        /// front end knows the package (NuGet's item metadata).
        /// </summary>
        public static ReferencedAssembly FromPath(string name, Version? version, string? publicKeyToken, string? path, string? packageId = null, string? packageVersion = null)
        {
            var (origin, folderId, folderVersion) = Classify(name, path);
            if (!string.IsNullOrEmpty(packageId))
            {
                // Microsoft.NETFramework.ReferenceAssemblies is a package that holds the framework.
                origin = packageId!.StartsWith("Microsoft.NETFramework.ReferenceAssemblies", StringComparison.OrdinalIgnoreCase) ? ReferenceOrigin.Framework : ReferenceOrigin.Package;
                return new ReferencedAssembly(name, version, publicKeyToken, origin == ReferenceOrigin.Framework ? null : packageId, origin == ReferenceOrigin.Framework ? null : packageVersion, origin, path);
            }

            return new ReferencedAssembly(name, version, publicKeyToken, folderId, folderVersion, origin, path);
        }

        public string Name { get; }

        /// <summary>The assembly version (not the package's: EPiServer.Find.Cms ships EPiServer.Find.Blocks 1.0.0.0).</summary>
        public Version? Version { get; }

        /// <summary>Lower-case hex, as web.config writes it; null for an unsigned assembly or when unknown.</summary>
        public string? PublicKeyToken { get; }

        public string? PackageId { get; }

        public string? PackageVersion { get; }

        public ReferenceOrigin Origin { get; }

        /// <summary>The file the build resolved, when known.</summary>
        public string? Path { get; }

        /// <summary>"EPiServer.CMS.UI.Core 11.20.0": the package, as a message names it; null when unknown.</summary>
        public string? Package => PackageId is null ? null : PackageVersion is null ? PackageId : PackageId + " " + PackageVersion;

        /// <summary>Hex of a public key token's bytes, as binding redirects write it; null for none.</summary>
        public static string? TokenText(IEnumerable<byte>? token)
        {
            var hex = token is null ? "" : string.Concat(token.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
            return hex.Length == 0 ? null : hex;
        }

        /// <summary>
        /// The origin and package a resolved path shows: a packages.config restore folder
        /// (<c>packages\EPiServer.CMS.UI.Core.11.20.0\lib\net45\...</c>) or the global packages folder
        /// (<c>.nuget/packages/episerver.cms.ui.core/11.20.0/lib/...</c>) is a package, except the
        /// Microsoft.NETFramework.ReferenceAssemblies packages, which hold the framework; "Reference Assemblies" and the
        /// GAC are the framework. What a path does not tell, a name of the framework's own (mscorlib, netstandard,
        /// System, System.*) decides.
        /// </summary>
        public static (ReferenceOrigin Origin, string? PackageId, string? PackageVersion) Classify(string name, string? path)
        {
            var segments = (path ?? "").Replace('\\', '/').Split('/').Where(s => s.Length > 0).ToList();
            var lower = segments.Select(s => s.ToLowerInvariant()).ToList();

            if (lower.Any(s => s.StartsWith("microsoft.netframework.referenceassemblies", StringComparison.Ordinal))
                || lower.Contains("reference assemblies")
                || (lower.Contains("assembly") && (lower.Contains("gac_msil") || lower.Contains("gac_32") || lower.Contains("gac_64")))
                || (lower.Contains("microsoft.net") && lower.Contains("framework")))
            {
                return (ReferenceOrigin.Framework, null, null);
            }

            // The global packages folder: .../packages/<id lower-case>/<version>/(lib|ref|runtimes)/...
            for (var i = 0; i + 3 < lower.Count; i++)
            {
                if (lower[i] == "packages" && (lower[i + 3] == "lib" || lower[i + 3] == "ref" || lower[i + 3] == "runtimes") && CmsUiVersion.Parse(segments[i + 2]) is not null)
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
                    return CmsUiVersion.Parse(version) is null ? null : ((string Id, string Version)?)(string.Join(".", parts.Take(i)), version);
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

        public bool Equals(ReferencedAssembly? other) =>
            other is not null
            && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase)
            && Equals(Version, other.Version)
            && PublicKeyToken == other.PublicKeyToken
            && PackageId == other.PackageId
            && PackageVersion == other.PackageVersion
            && Origin == other.Origin;

        public override bool Equals(object? obj) => Equals(obj as ReferencedAssembly);

        public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name) ^ (Version?.GetHashCode() ?? 0);

        public override string ToString() => $"{Name}, Version={Version}";
    }

    /// <summary>The assemblies a site's build compiles against: a fact front ends register with <c>SiteFacts.With</c>.</summary>
    public sealed class ReferencedAssemblies : IEquatable<ReferencedAssemblies>
    {
        public ReferencedAssemblies(IEnumerable<ReferencedAssembly> assemblies) => All = assemblies.ToList();

        private ReferencedAssemblies(string unknownBecause)
        {
            All = Array.Empty<ReferencedAssembly>();
            UnknownBecause = unknownBecause;
        }

        /// <summary>
        /// The front end could not learn them (the CLI, when the packages folder is not restored): rules that compare with
        /// them say nothing, and the front end says why.
        /// </summary>
        public static ReferencedAssemblies Unknown(string because) => new ReferencedAssemblies(because);

        public IReadOnlyList<ReferencedAssembly> All { get; }

        /// <summary>Why the assemblies are not known, for a note; null when they are.</summary>
        public string? UnknownBecause { get; }

        /// <summary>The assembly with this name (names ignore case, as the runtime's binder does); null when not referenced.</summary>
        public ReferencedAssembly? Find(string name) => All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

        public bool Equals(ReferencedAssemblies? other) => other is not null && UnknownBecause == other.UnknownBecause && All.SequenceEqual(other.All);

        public override bool Equals(object? obj) => Equals(obj as ReferencedAssemblies);

        public override int GetHashCode() => All.Count;
    }
}
