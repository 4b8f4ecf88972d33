using CmsHazards.Configuration;
using CmsHazards.Versions;
using Xunit;

namespace CmsHazards.Tests.Upgrade;

/// <summary>The packages a project declares, as the MSBuild task and the CLI both gather them (<see cref="PackageDeclarations"/>).</summary>
public class PackageDeclarationsTests
{
    private static readonly ConfigFile Project = ConfigFile.Parse("/site/Site.csproj", """
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <ItemGroup>
            <PackageReference Include="EPiServer.CMS.UI" Version="$(CmsVersion)" />
            <PackageReference Include="EPiServer.CMS.UI.Core" VersionOverride="12.20.0" />
            <PackageReference Include="EPiServer.CMS.Core" />
          </ItemGroup>
        </Project>
        """);

    private static readonly ConfigFile Central = ConfigFile.Parse("/Directory.Packages.props", """
        <Project>
          <ItemGroup>
            <PackageVersion Include="EPiServer.CMS.Core" Version="12.18.0" />
          </ItemGroup>
        </Project>
        """);

    private static readonly ConfigFile PackagesConfig = ConfigFile.Parse("/site/packages.config", """
        <?xml version="1.0" encoding="utf-8"?>
        <packages>
          <package id="EPiServer.Framework" version="11.20.0" targetFramework="net48" />
        </packages>
        """);

    [Fact]
    public void Each_package_is_at_the_element_that_declares_it_with_the_version_MSBuild_evaluated()
    {
        var evaluated = new ProjectPackageItems(
            new[]
            {
                new PackageItem("EPiServer.CMS.UI", "12.21.0", null, "PackageReference"),
                new PackageItem("episerver.cms.ui.core", "", "12.20.0", "PackageReference"),
                new PackageItem("EPiServer.CMS.Core", null, null, "PackageReference"),
            },
            new[] { new PackageItem("EPiServer.CMS.Core", "12.17.0", null, "PackageVersion"), new PackageItem("EPiServer.CMS.Core", "12.18.0", null, "PackageVersion") },
            Array.Empty<AssemblyReferenceItem>());

        var packages = PackageDeclarations.Read(PackagesConfig, Project, Central, evaluated).All;

        Assert.Equal(
            new[]
            {
                "EPiServer.Framework 11.20.0 PackagesConfig packages.config(3)",
                "EPiServer.CMS.UI 12.21.0 PackageReference Site.csproj(3)",
                "EPiServer.CMS.UI.Core 12.20.0 PackageReference Site.csproj(4)",
                "EPiServer.CMS.Core 12.18.0 CentralPackageVersion Directory.Packages.props(3)",
            },
            packages.Select(p => $"{p} {p.Kind} {Path.GetFileName(p.Location!.Path)}({p.Location.Start.Line + 1})"));
    }

    [Fact]
    public void Without_evaluated_items_the_versions_are_as_written_and_an_unexpanded_one_is_never_compared()
    {
        var packages = PackageDeclarations.Read(null, Project, Central, new ProjectPackageItems(Array.Empty<PackageItem>(), Array.Empty<PackageItem>(), Array.Empty<AssemblyReferenceItem>())).All;

        Assert.Equal(new[] { "EPiServer.CMS.UI $(CmsVersion)", "EPiServer.CMS.UI.Core 12.20.0", "EPiServer.CMS.Core 12.18.0" }, packages.Select(p => p.ToString()));
        Assert.Null(packages[0].Version);
    }
}
