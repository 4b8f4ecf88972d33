using System;
using System.Collections.Generic;
using System.Linq;

namespace CmsHazards.Versions
{
    /// <summary>An assembly the build compiles against, with the NuGet package it comes from when the build knows it.</summary>
    public sealed class ReferencedAssembly : IEquatable<ReferencedAssembly>
    {
        public ReferencedAssembly(string name, Version? version, string? publicKeyToken = null, string? packageId = null, string? packageVersion = null)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            Version = version;
            PublicKeyToken = string.IsNullOrEmpty(publicKeyToken) ? null : publicKeyToken!.ToLowerInvariant();
            PackageId = string.IsNullOrEmpty(packageId) ? null : packageId;
            PackageVersion = string.IsNullOrEmpty(packageVersion) ? null : packageVersion;
        }

        public string Name { get; }

        /// <summary>The assembly version (not the package's: EPiServer.Find.Cms ships EPiServer.Find.Blocks 1.0.0.0).</summary>
        public Version? Version { get; }

        /// <summary>Lower-case hex, as web.config writes it; null for an unsigned assembly or when unknown.</summary>
        public string? PublicKeyToken { get; }

        public string? PackageId { get; }

        public string? PackageVersion { get; }

        public bool Equals(ReferencedAssembly? other) =>
            other is not null
            && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase)
            && Equals(Version, other.Version)
            && PublicKeyToken == other.PublicKeyToken
            && PackageId == other.PackageId
            && PackageVersion == other.PackageVersion;

        public override bool Equals(object? obj) => Equals(obj as ReferencedAssembly);

        public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name) ^ (Version?.GetHashCode() ?? 0);

        public override string ToString() => $"{Name}, Version={Version}";
    }

    /// <summary>The assemblies a site's build compiles against: a fact front ends register with <c>SiteFacts.With</c>.</summary>
    public sealed class ReferencedAssemblies : IEquatable<ReferencedAssemblies>
    {
        public ReferencedAssemblies(IEnumerable<ReferencedAssembly> assemblies) => All = assemblies.ToList();

        public IReadOnlyList<ReferencedAssembly> All { get; }

        /// <summary>The assembly with this name (names ignore case, as the runtime's binder does); null when not referenced.</summary>
        public ReferencedAssembly? Find(string name) => All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

        public bool Equals(ReferencedAssemblies? other) => other is not null && All.SequenceEqual(other.All);

        public override bool Equals(object? obj) => Equals(obj as ReferencedAssemblies);

        public override int GetHashCode() => All.Count;
    }
}
