using System;
using System.Collections.Generic;

namespace CmsHazards.Upgrade
{
    /// <summary>
    /// What the upgrade rules know about a project beyond its configuration files: the assemblies the build
    /// resolves, the packages it declares and the framework it targets. Each front end fills in what it can see.
    /// </summary>
    public sealed class UpgradeFacts
    {
        public static readonly UpgradeFacts None = new UpgradeFacts(null, null, null, null);

        /// <param name="assemblies">The resolved references; null when the front end cannot know them.</param>
        /// <param name="assembliesUnknownBecause">
        /// Why they are not known, for a message ("the packages folder ..\packages is not restored"); null when they are.
        /// </param>
        /// <param name="packages">The declared packages (packages.config, PackageReference, Directory.Packages.props).</param>
        /// <param name="targetFrameworks">The project's target frameworks ("net48", "net6.0"), as MSBuild names them.</param>
        public UpgradeFacts(
            IReadOnlyList<ReferencedAssembly>? assemblies,
            string? assembliesUnknownBecause,
            IReadOnlyList<DeclaredPackage>? packages,
            IReadOnlyList<string>? targetFrameworks)
        {
            Assemblies = assemblies;
            AssembliesUnknownBecause = assembliesUnknownBecause;
            Packages = packages ?? Array.Empty<DeclaredPackage>();
            TargetFrameworks = targetFrameworks ?? Array.Empty<string>();
        }

        /// <summary>Null when unknown: CMSH301 then judges nothing (and the CLI says why).</summary>
        public IReadOnlyList<ReferencedAssembly>? Assemblies { get; }

        public string? AssembliesUnknownBecause { get; }

        public IReadOnlyList<DeclaredPackage> Packages { get; }

        public IReadOnlyList<string> TargetFrameworks { get; }
    }
}
