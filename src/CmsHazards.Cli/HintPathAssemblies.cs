using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using CmsHazards.Configuration;
using CmsHazards.Versions;

namespace CmsHazards.Cli;

/// <summary>
/// The assemblies a packages.config project compiles against, read without a build: each <c>&lt;Reference&gt;</c>'s
/// HintPath DLL, its identity taken from the file's metadata with System.Reflection.Metadata (nothing is loaded).
/// A HintPath into a packages folder that is not restored leaves the assemblies unknown, and the reason says so:
/// a redirect is compared only with a version read from the file the build would use.
/// </summary>
internal static class HintPathAssemblies
{
    /// <param name="references">The project's Reference items, their HintPath as MSBuild evaluated it.</param>
    public static (IReadOnlyList<ReferencedAssembly>? Assemblies, string? UnknownBecause) Read(IEnumerable<AssemblyReferenceItem> references, string projectFolder)
    {
        var found = new List<ReferencedAssembly>();
        var missing = new List<string>();
        foreach (var reference in references)
        {
            var hintPath = reference.HintPath;
            if (string.IsNullOrWhiteSpace(hintPath)) continue;

            var path = Path.GetFullPath(Path.Combine(projectFolder, hintPath.Trim().Replace('\\', Path.DirectorySeparatorChar)));
            var file = SiteConfigurationFiles.FindFile(path);
            if (file is null)
            {
                // Shown with '/' on every system: MSBuild on Linux and macOS has already turned the project's '\' into '/'.
                missing.Add(hintPath.Trim().Replace('\\', '/'));
                continue;
            }

            if (ReadIdentity(file) is { } assembly) found.Add(assembly);
        }

        if (missing.Count > 0)
        {
            var first = missing[0];
            var more = missing.Count > 1 ? $" and {missing.Count - 1} more" : "";
            return (null, $"the packages folder is not restored ({first}{more} not found), so binding redirects are not compared with the assemblies the build would use; restore the packages (nuget restore) and scan again");
        }

        return (found, null);
    }

    /// <summary>Name, version and public key token from an assembly's manifest; null for a file that is not one.</summary>
    /// <param name="packageId">The package the file comes from, when the front end knows it (the assets file); else told by its folder.</param>
    public static ReferencedAssembly? ReadIdentity(string path, string? packageId = null, string? packageVersion = null)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata) return null;
            var reader = pe.GetMetadataReader();
            if (!reader.IsAssembly) return null;
            var name = reader.GetAssemblyDefinition().GetAssemblyName();
            return ReferencedAssembly.FromPath(name.Name!, name.Version, ReferencedAssembly.TokenText(name.GetPublicKeyToken()), path, packageId, packageVersion);
        }
        catch (Exception e) when (e is BadImageFormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return null;
        }
    }
}
