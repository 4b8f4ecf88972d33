using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using CmsHazards.Versions;
using Microsoft.Build.Framework;

namespace CmsHazards.Build
{
    /// <summary>
    /// The assemblies a build compiles against and copies to bin, as MSBuild resolved them: <c>@(ReferencePath)</c>
    /// (what the compiler gets) and <c>@(ReferenceCopyLocalPaths)</c> (what lands in bin). The identity comes from
    /// the FusionName metadata ResolveAssemblyReference sets, else from the file's metadata; the package from
    /// NuGetPackageId / NuGetPackageVersion (PackageReference), else from the packages folder in the path.
    /// </summary>
    internal static class ResolvedReferences
    {
        public static IReadOnlyList<ReferencedAssembly> From(IEnumerable<ITaskItem> references, IEnumerable<ITaskItem> copyLocal)
        {
            var found = new List<ReferencedAssembly>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in references.Concat(copyLocal.Where(i => string.Equals(Path.GetExtension(i.ItemSpec), ".dll", StringComparison.OrdinalIgnoreCase))))
            {
                var path = item.GetMetadata("FullPath") is { Length: > 0 } full ? full : item.ItemSpec;
                if (!seen.Add(path)) continue;
                if (Read(item, path) is { } assembly) found.Add(assembly);
            }

            return found;
        }

        private static ReferencedAssembly? Read(ITaskItem item, string path)
        {
            var identity = Identity(item.GetMetadata("FusionName"), path);
            if (identity?.Name is not { } name || identity.Version is not { } version) return null;

            var token = ReferencedAssembly.TokenText(identity.GetPublicKeyToken());
            var assembly = ReferencedAssembly.FromPath(name, version, token, path, item.GetMetadata("NuGetPackageId"), item.GetMetadata("NuGetPackageVersion"));

            // ResolveAssemblyReference says where it found a reference: the target framework's folder or the GAC.
            var resolvedFrom = item.GetMetadata("ResolvedFrom");
            if (assembly.Origin != ReferenceOrigin.Package
                && (resolvedFrom.IndexOf("TargetFrameworkDirectory", StringComparison.OrdinalIgnoreCase) >= 0 || resolvedFrom.IndexOf("GAC", StringComparison.OrdinalIgnoreCase) >= 0
                    || string.Equals(item.GetMetadata("FrameworkFile"), "true", StringComparison.OrdinalIgnoreCase)))
            {
                return new ReferencedAssembly(name, version, token, null, null, ReferenceOrigin.Framework, path);
            }

            return assembly;
        }

        private static AssemblyName? Identity(string fusionName, string path)
        {
            try
            {
                if (fusionName.Length > 0) return new AssemblyName(fusionName);
                return File.Exists(path) ? AssemblyName.GetAssemblyName(path) : null;
            }
            catch (Exception e) when (e is ArgumentException or FileLoadException or BadImageFormatException or IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
