using System.IO.Compression;
using Xunit;

namespace CmsHazards.EndToEnd.Tests;

/// <summary>
/// Packs CmsHazards once, with a version no other run uses, into a folder feed, and copies the samples into a
/// temporary folder whose NuGet.config reads that feed: the samples then get CmsHazards from the package.
/// </summary>
public sealed class PackedSamples : IDisposable
{
    public PackedSamples()
    {
        RepositoryRoot = FindRepositoryRoot();
        Root = Directory.CreateTempSubdirectory("cmshazards-e2e-").FullName;
        Feed = Path.Combine(Root, "feed");
        // A build number of its own, so the packed assemblies' version (0.0.N.0) differs from the SDK's default 1.0.0.0
        // and from any earlier run's.
        Version = $"0.0.{Random.Shared.Next(1, 65535)}-e2e.{Guid.NewGuid().ToString("N")[..12]}";

        // As the README says to pack: the solution makes the analyzer package and the tool package, and nothing else.
        var pack = Dotnet.Run(RepositoryRoot, "pack", "Analyzers.sln", "-c", "Release", "-o", Feed, "-p:Version=" + Version, "-tl:off", "-nodeReuse:false");
        Assert.True(pack.ExitCode == 0, pack.ToString());
        Package = Path.Combine(Feed, $"CmsHazards.{Version}.nupkg");
        ToolPackage = Path.Combine(Feed, $"CmsHazards.Cli.{Version}.nupkg");
        Assert.Equal(new[] { Package, ToolPackage }.Order(StringComparer.Ordinal), Directory.GetFiles(Feed, "*.nupkg").Order(StringComparer.Ordinal));

        Samples = Path.Combine(Root, "samples");
        CopyFolder(Path.Combine(RepositoryRoot, "samples"), Samples);
        File.WriteAllText(Path.Combine(Root, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="cmshazards-under-test" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
    }

    public string RepositoryRoot { get; }

    public string Root { get; }

    public string Feed { get; }

    public string Version { get; }

    public string Package { get; }

    /// <summary>The cmshazards .NET tool, packed beside the analyzer package.</summary>
    public string ToolPackage { get; }

    /// <summary>A copy of the repository's samples folder, free to build and change.</summary>
    public string Samples { get; }

    public string VersionProperty => "-p:CmsHazardsPackageVersion=" + Version;

    /// <summary>Unpacks the package into samples/packages, as nuget.exe restore does for packages.config projects.</summary>
    public void InstallForPackagesConfig() =>
        ZipFile.ExtractToDirectory(Package, Path.Combine(Samples, "packages", "CmsHazards." + Version), overwriteFiles: true);

    /// <summary>A fresh copy of one sample, for tests that change its files.</summary>
    public string CopySample(string name)
    {
        var copy = Path.Combine(Root, "copies", name + "-" + Guid.NewGuid().ToString("N")[..8], "samples");
        CopyFolder(Samples, copy);
        return Path.Combine(copy, name);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
            var cached = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "cmshazards", Version);
            if (Directory.Exists(cached)) Directory.Delete(cached, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is not worth failing a green run for.
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Analyzers.sln"))) return folder.FullName;
        }

        throw new InvalidOperationException("The tests run from inside the repository; Analyzers.sln was not found above " + AppContext.BaseDirectory);
    }

    internal static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        foreach (var folder in Directory.GetDirectories(from))
        {
            var name = Path.GetFileName(folder);
            if (name is "bin" or "obj" or "packages") continue;
            CopyFolder(folder, Path.Combine(to, name));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PackedSamplesCollection : ICollectionFixture<PackedSamples>
{
    public const string Name = "Packed samples";
}
