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
    /// <summary>The assets file, read once for everything the scan takes from it (an object, so callers need no NuGet types).</summary>
    /// <exception cref="InvalidDataException">The assets file cannot be read.</exception>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static object Read(string assetsFilePath)
    {
        try
        {
            return new LockFileFormat().Read(assetsFilePath, NullLogger.Instance);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or ArgumentException or InvalidOperationException or System.Text.Json.JsonException)
        {
            throw new InvalidDataException(e.Message, e);
        }
    }

    /// <returns>The UI version the restore resolved; null when the graph holds no UI package.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static CmsUiReference? CmsUi(object assets, string assetsFilePath, string? targetFramework)
    {
        var lockFile = (LockFile)assets;
        foreach (var target in Targets(lockFile, targetFramework))
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

    /// <summary>
    /// The assemblies the build compiles against from packages: each package's compile items in the restore's graph
    /// for the build's framework (transitive packages included), their identity read from the files in the NuGet
    /// package folders the restore used (System.Reflection.Metadata, nothing loaded). When a file is not there (the
    /// packages are not restored on this machine), the assemblies are unknown and the reason says so: a redirect is
    /// compared only with a version read from the file the build would use.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static (IReadOnlyList<ReferencedAssembly>? Assemblies, string? UnknownBecause) CompileAssemblies(object assets, string? targetFramework)
    {
        var lockFile = (LockFile)assets;
        var target = Targets(lockFile, targetFramework).FirstOrDefault();
        if (target is null) return (Array.Empty<ReferencedAssembly>(), null);

        var found = new List<ReferencedAssembly>();
        var missing = new List<string>();
        foreach (var library in target.Libraries.Where(l => string.Equals(l.Type, "package", StringComparison.OrdinalIgnoreCase) && l.Name is not null && l.Version is not null))
        {
            var packagePath = lockFile.GetLibrary(library.Name, library.Version)?.Path;

            // "_._" marks a framework the package supports with nothing to compile against.
            foreach (var item in library.CompileTimeAssemblies.Where(a => a.Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
            {
                var file = packagePath is null ? null : lockFile.PackageFolders
                    .Select(folder => Path.Combine(folder.Path, packagePath, item.Path.Replace('/', Path.DirectorySeparatorChar)))
                    .FirstOrDefault(File.Exists);
                if (file is null)
                {
                    missing.Add(library.Name + " " + library.Version.ToNormalizedString() + " (" + item.Path + ")");
                    continue;
                }

                if (HintPathAssemblies.ReadIdentity(file, library.Name, library.Version.ToNormalizedString()) is { } assembly) found.Add(assembly);
            }
        }

        if (missing.Count > 0)
        {
            var more = missing.Count > 1 ? $" and {missing.Count - 1} more" : "";
            return (null, $"the packages are not restored on this machine ({missing[0]}{more} not in the NuGet package folders the assets file names), so binding redirects are not compared with the assemblies the build would use; run dotnet restore (or nuget restore) and scan again");
        }

        return (found, null);
    }

    /// <summary>The restore's graphs for the build, without runtime identifiers; a multi-targeted project's first framework first.</summary>
    private static IEnumerable<LockFileTarget> Targets(LockFile lockFile, string? targetFramework)
    {
        var targets = lockFile.Targets.Where(t => t.RuntimeIdentifier is null).ToList();
        var first = targets.FirstOrDefault(t => targetFramework is not null && string.Equals(t.TargetFramework.GetShortFolderName(), targetFramework, StringComparison.OrdinalIgnoreCase));
        return first is null ? targets : targets.Where(t => t != first).Prepend(first);
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
