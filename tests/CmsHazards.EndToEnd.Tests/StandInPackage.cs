using System.IO.Compression;

namespace CmsHazards.EndToEnd.Tests;

/// <summary>
/// Stand-ins for Optimizely's packages, whose feed is not NuGet's: a .nupkg with the ID and version of the real
/// one, the files a test gives it and, where the real one has it, its dependency on the next package of its family.
/// </summary>
internal static class StandInPackage
{
    /// <returns>The package's path in <paramref name="feed"/>.</returns>
    public static string Write(string feed, string id, string version, string? dependency = null, params (string PackagePath, string File)[] files)
    {
        Directory.CreateDirectory(feed);
        var path = Path.Combine(feed, $"{id}.{version}.nupkg");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var dependencies = dependency is null ? "" : $"<dependencies><group targetFramework=\".NETFramework4.5\"><dependency id=\"{dependency}\" version=\"[{version}]\" /></group></dependencies>";
        using (var nuspec = new StreamWriter(zip.CreateEntry(id + ".nuspec").Open()))
        {
            nuspec.Write($"""
                <?xml version="1.0" encoding="utf-8"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                  <metadata>
                    <id>{id}</id>
                    <version>{version}</version>
                    <authors>CmsHazards tests</authors>
                    <description>A stand-in for {id} {version}, for tests.</description>
                    {dependencies}
                  </metadata>
                </package>
                """);
        }

        foreach (var (packagePath, file) in files) zip.CreateEntryFromFile(file, packagePath);
        return path;
    }
}
