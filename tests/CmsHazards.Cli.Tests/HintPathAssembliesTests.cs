using CmsHazards.Cli;
using CmsHazards.Versions;
using Xunit;

namespace CmsHazards.Cli.Tests;

/// <summary>The CLI reads the version of each HintPath DLL from the file, or says the packages are not restored.</summary>
public sealed class HintPathAssembliesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cmshazards-hintpath-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // The Reference items as MSBuild evaluates them from the project file.
    private static AssemblyReferenceItem[] Project(string hintPath) => new[]
    {
        new AssemblyReferenceItem("System.Web", null, "Site.csproj"),
        new AssemblyReferenceItem("xunit.core, Version=2.9.3.0, Culture=neutral, PublicKeyToken=8d05b1bb7a6fdb6c", hintPath, "Site.csproj"),
    };

    [Fact]
    public void A_restored_packages_folder_gives_the_assembly_identity_and_package()
    {
        var folder = Path.Combine(_root, "packages", "xunit.extensibility.core.2.9.3", "lib", "netstandard1.1");
        Directory.CreateDirectory(folder);
        File.Copy(typeof(FactAttribute).Assembly.Location, Path.Combine(folder, "xunit.core.dll"));
        Directory.CreateDirectory(Path.Combine(_root, "Site"));

        var (assemblies, unknown) = HintPathAssemblies.Read(Project(@"..\packages\xunit.extensibility.core.2.9.3\lib\netstandard1.1\xunit.core.dll"), Path.Combine(_root, "Site"));

        Assert.Null(unknown);
        var assembly = Assert.Single(assemblies!);
        Assert.Equal(("xunit.core", typeof(FactAttribute).Assembly.GetName().Version, "8d05b1bb7a6fdb6c", ReferenceOrigin.Package, "xunit.extensibility.core 2.9.3"),
            (assembly.Name, assembly.Version, assembly.PublicKeyToken, assembly.Origin, assembly.Package));
    }

    [Fact]
    public void A_packages_folder_that_is_not_restored_leaves_the_assemblies_unknown_and_says_so()
    {
        var (assemblies, unknown) = HintPathAssemblies.Read(Project(@"..\packages\EPiServer.CMS.UI.Core.11.20.0\lib\net461\EPiServer.Cms.Shell.UI.dll"), Path.Combine(_root, "Site"));

        Assert.Null(assemblies);
        Assert.Equal(
            @"the packages folder is not restored (../packages/EPiServer.CMS.UI.Core.11.20.0/lib/net461/EPiServer.Cms.Shell.UI.dll not found), so binding redirects are not compared with the assemblies the build would use; restore the packages (nuget restore) and scan again",
            unknown);
    }
}
