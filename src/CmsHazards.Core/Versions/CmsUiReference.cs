using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Configuration;

namespace CmsHazards.Versions
{
    /// <summary>Where a project's CMS UI version was found, in words for a message.</summary>
    public sealed class CmsUiReference
    {
        /// <summary>
        /// The assemblies that ship in the EPiServer.CMS.UI.Core package, whose versions are the package
        /// version plus ".0". The edit interface that opens the WebSocket lives in them.
        /// </summary>
        public static readonly IReadOnlyList<string> UiAssemblyNames = new[]
        {
            "EPiServer.Cms.Shell.UI",
            "EPiServer.Shell.UI",
            "EPiServer.UI",
        };

        /// <summary>
        /// The packages that pin the UI version: EPiServer.CMS.UI.Core holds the assemblies and EPiServer.CMS.UI
        /// depends on it at its own version. Matched exactly: other EPiServer.CMS.UI.* packages are add-ons.
        /// </summary>
        public static readonly IReadOnlyList<string> UiPackageIds = new[]
        {
            "EPiServer.CMS.UI.Core",
            "EPiServer.CMS.UI",
        };

        public CmsUiReference(CmsUiVersion version, string source)
        {
            Version = version ?? throw new ArgumentNullException(nameof(version));
            Source = source ?? throw new ArgumentNullException(nameof(source));
        }

        public CmsUiVersion Version { get; }

        /// <summary>"EPiServer.Cms.Shell.UI 11.20.0.0", "packages.config (EPiServer.CMS.UI.Core 11.20.0)".</summary>
        public string Source { get; }

        public static bool IsUiAssembly(string assemblyName)
        {
            foreach (var name in UiAssemblyNames)
            {
                if (string.Equals(name, assemblyName, StringComparison.OrdinalIgnoreCase)) return true;
            }

            return false;
        }

        public static bool IsUiPackage(string packageId)
        {
            foreach (var id in UiPackageIds)
            {
                // NuGet package IDs are case-insensitive.
                if (string.Equals(id, packageId, StringComparison.OrdinalIgnoreCase)) return true;
            }

            return false;
        }

        /// <summary>A UI assembly the build compiles against: the surest source of the version.</summary>
        public static CmsUiReference FromAssembly(string assemblyName, Version assemblyVersion) =>
            new CmsUiReference(CmsUiVersion.FromAssemblyVersion(assemblyVersion), assemblyName + " " + assemblyVersion);

        /// <summary>
        /// The UI version a packages folder path names, as packages.config projects reference the UI assemblies:
        /// <c>packages\EPiServer.CMS.UI.Core.9.4.2\lib\net45\EPiServer.Cms.Shell.UI.dll</c>. The package ID must
        /// match exactly, so <c>EPiServer.CMS.UI.AspNetIdentity.11.0.0</c> is not the UI.
        /// </summary>
        public static CmsUiReference? FromPackageFolder(string path)
        {
            foreach (var folder in path.Split('/', '\\'))
            {
                if (PackageFolder(folder) is { } package) return new CmsUiReference(package.Version, package.Id + " " + package.Version + " (packages folder)");
            }

            return null;
        }

        /// <summary>
        /// A packages.config restore folder is named "id.version". The longer ID is tried first, so the folder of
        /// EPiServer.CMS.UI.Core is never read as EPiServer.CMS.UI with a version of "Core.9.4.2".
        /// </summary>
        internal static (string Id, CmsUiVersion Version)? PackageFolder(string folder)
        {
            foreach (var id in UiPackageIds.OrderByDescending(i => i.Length))
            {
                if (folder.Length > id.Length + 1
                    && folder.StartsWith(id + ".", StringComparison.OrdinalIgnoreCase)
                    && CmsUiVersion.Parse(folder.Substring(id.Length + 1)) is { } version)
                {
                    return (folder.Substring(0, id.Length), version);
                }
            }

            return null;
        }

        /// <summary>The CMS UI version a packages.config names, or null when it names none that can be read.</summary>
        public static CmsUiReference? FromPackagesConfig(ConfigFile packagesConfig)
        {
            if (packagesConfig.Root is not { Name: "packages" } root) return null;

            CmsUiReference? found = null;
            foreach (var package in root.ChildrenNamed("package"))
            {
                var id = package.AttributeValue("id");
                if (id is null || !IsUiPackage(id)) continue;
                var version = CmsUiVersion.Parse(package.AttributeValue("version"));
                if (version is null) continue;
                if (found is null || version.CompareTo(found.Version) > 0)
                {
                    found = new CmsUiReference(version, packagesConfig.FileName + " (" + id + " " + version + ")");
                }
            }

            return found;
        }
    }
}
