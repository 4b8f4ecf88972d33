using CmsHazards.Build;
using CmsHazards.Versions;
using Microsoft.Build.Utilities;
using Xunit;

namespace CmsHazards.Build.Tests;

/// <summary>The assemblies the task hands CMSH301: identities, origins and packages from the resolved references.</summary>
public class ResolvedReferencesTests
{
    [Fact]
    public void A_PackageReference_assembly_carries_its_package_and_identity()
    {
        var item = new TaskItem("/home/dev/.nuget/packages/episerver.cms.ui.core/11.20.0/lib/net461/EPiServer.Cms.Shell.UI.dll");
        item.SetMetadata("FusionName", "EPiServer.Cms.Shell.UI, Version=11.20.0.0, Culture=neutral, PublicKeyToken=8fe83dea738b45b7");
        item.SetMetadata("NuGetPackageId", "EPiServer.CMS.UI.Core");
        item.SetMetadata("NuGetPackageVersion", "11.20.0");

        var assembly = Assert.Single(ResolvedReferences.From(new[] { item }, Array.Empty<TaskItem>()));

        Assert.Equal(("EPiServer.Cms.Shell.UI", new Version(11, 20, 0, 0), "8fe83dea738b45b7", ReferenceOrigin.Package, "EPiServer.CMS.UI.Core 11.20.0"),
            (assembly.Name, assembly.Version, assembly.PublicKeyToken, assembly.Origin, assembly.Package));
    }

    [Fact]
    public void A_HintPath_assembly_takes_its_package_from_the_packages_folder()
    {
        var item = new TaskItem(@"C:\src\Site\packages\Newtonsoft.Json.12.0.3\lib\net45\Newtonsoft.Json.dll");
        item.SetMetadata("FusionName", "Newtonsoft.Json, Version=12.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed");

        var assembly = Assert.Single(ResolvedReferences.From(new[] { item }, Array.Empty<TaskItem>()));

        Assert.Equal("Newtonsoft.Json 12.0.3", assembly.Package);
        Assert.Equal(new Version(12, 0, 0, 0), assembly.Version);
    }

    [Fact]
    public void Framework_references_are_marked_as_the_framework()
    {
        var fromFolder = new TaskItem("/refs/v4.8/System.Net.Http.dll");
        fromFolder.SetMetadata("FusionName", "System.Net.Http, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a");
        fromFolder.SetMetadata("ResolvedFrom", "{TargetFrameworkDirectory}");
        var fromPackage = new TaskItem("/home/dev/.nuget/packages/microsoft.netframework.referenceassemblies.net48/1.0.3/build/.NETFramework/v4.8/System.Web.dll");
        fromPackage.SetMetadata("FusionName", "System.Web, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a");
        fromPackage.SetMetadata("NuGetPackageId", "Microsoft.NETFramework.ReferenceAssemblies.net48");

        var assemblies = ResolvedReferences.From(new[] { fromFolder, fromPackage }, Array.Empty<TaskItem>());

        Assert.All(assemblies, a => Assert.Equal(ReferenceOrigin.Framework, a.Origin));
    }

    [Fact]
    public void Without_a_FusionName_the_file_is_read_and_copy_local_files_count_once()
    {
        var path = typeof(Xunit.FactAttribute).Assembly.Location;
        var reference = new TaskItem(path);
        var copyLocal = new TaskItem(path);
        var pdb = new TaskItem(Path.ChangeExtension(path, ".pdb"));

        var assembly = Assert.Single(ResolvedReferences.From(new[] { reference }, new[] { copyLocal, pdb }));

        Assert.Equal(typeof(Xunit.FactAttribute).Assembly.GetName().Version, assembly.Version);
        Assert.Equal("8d05b1bb7a6fdb6c", assembly.PublicKeyToken);
    }

    [Fact]
    public void A_missing_or_unreadable_file_is_skipped()
    {
        var missing = new TaskItem("/nowhere/EPiServer.dll");
        var notAnAssembly = new TaskItem(typeof(ResolvedReferencesTests).Assembly.Location + ".deps.json");

        Assert.Empty(ResolvedReferences.From(new[] { missing }, new[] { notAnAssembly }));
    }
}
