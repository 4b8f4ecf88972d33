using System.Reflection;
using System.Runtime.CompilerServices;
using CmsHazards.Versions;
using NuGet.Common;
using NuGet.ProjectModel;

namespace CmsHazards.Cli.Evaluation;

/// <summary>
/// The CMS UI a restored project resolves, read from its assets file (obj/project.assets.json) by NuGet itself
/// (NuGet.ProjectModel, the SDK's own copy): every package of the restore's graph, transitive ones included,
/// so <c>EPiServer.CMS</c> (the metapackage) names the EPiServer.CMS.UI.Core it brings. Where the package's
/// UI assembly is in the packages folder, its identity is the version, as the build and the analyzer read it.
/// </summary>
internal static class RestoredPackages
{
    /// <returns>The UI version the restore resolved; null when the graph holds no UI package.</returns>
    /// <exception cref="InvalidDataException">The assets file cannot be read.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static CmsUiReference? CmsUi(string assetsFilePath, string? targetFramework)
    {
        LockFile lockFile;
        try
        {
            lockFile = new LockFileFormat().Read(assetsFilePath, NullLogger.Instance);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or ArgumentException or InvalidOperationException or System.Text.Json.JsonException)
        {
            throw new InvalidDataException(e.Message, e);
        }

        // A multi-targeted project restores one graph per framework; the build's first framework goes first.
        var targets = lockFile.Targets.Where(t => t.RuntimeIdentifier is null).ToList();
        var first = targets.FirstOrDefault(t => targetFramework is not null && string.Equals(t.TargetFramework.GetShortFolderName(), targetFramework, StringComparison.OrdinalIgnoreCase));
        if (first is not null) targets = targets.Where(t => t != first).Prepend(first).ToList();

        foreach (var target in targets)
        {
            // EPiServer.CMS.UI.Core holds the UI assemblies; EPiServer.CMS.UI depends on it at its own version.
            foreach (var id in CmsUiReference.UiPackageIds)
            {
                var library = target.Libraries.FirstOrDefault(l => string.Equals(l.Type, "package", StringComparison.OrdinalIgnoreCase) && string.Equals(l.Name, id, StringComparison.OrdinalIgnoreCase));
                if (library?.Version is null || CmsUiVersion.Parse(library.Version.ToNormalizedString()) is not { } version) continue;
                return CompiledAssembly(lockFile, library) ?? new CmsUiReference(version, Path.GetFileName(assetsFilePath) + " (" + library.Name + " " + version + ")");
            }
        }

        return null;
    }

    /// <summary>The UI assembly the build compiles against, from the package folder the restore used; null when it is not there.</summary>
    private static CmsUiReference? CompiledAssembly(LockFile lockFile, LockFileTargetLibrary library)
    {
        var packagePath = lockFile.GetLibrary(library.Name, library.Version)?.Path;
        if (packagePath is null) return null;
        foreach (var name in CmsUiReference.UiAssemblyNames)
        {
            var item = library.CompileTimeAssemblies.FirstOrDefault(a => string.Equals(Path.GetFileNameWithoutExtension(a.Path), name, StringComparison.OrdinalIgnoreCase));
            if (item is null) continue;
            foreach (var folder in lockFile.PackageFolders)
            {
                var file = Path.Combine(folder.Path, packagePath, item.Path.Replace('/', Path.DirectorySeparatorChar));
                if (ScannedProject.AssemblyIdentity(file) is { } identity) return identity;
            }
        }

        return null;
    }
}
