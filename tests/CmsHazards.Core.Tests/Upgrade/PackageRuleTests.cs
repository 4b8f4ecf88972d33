using CmsHazards.Configuration;
using CmsHazards.Upgrade;
using Xunit;

namespace CmsHazards.Tests.Upgrade;

/// <summary>CMSH304 (package families at mixed versions) and CMSH305 (CMS 11 packages on .NET 5 and later).</summary>
public class PackageRuleTests
{
    private static IReadOnlyList<DeclaredPackage> PackagesConfig(string packages) =>
        DeclaredPackages.FromPackagesConfig(ConfigFile.Parse("/site/packages.config", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<packages>\n" + packages + "</packages>\n"));

    [Fact]
    public void A_family_member_at_another_version_is_reported_at_its_line()
    {
        var packages = PackagesConfig("""
              <package id="EPiServer.CMS" version="11.20.0" targetFramework="net48" />
              <package id="EPiServer.CMS.AspNet" version="11.19.1" targetFramework="net48" />
              <package id="EPiServer.CMS.Core" version="11.20.0" targetFramework="net48" />
              <package id="EPiServer.CMS.UI" version="11.20.0" targetFramework="net48" />
              <package id="EPiServer.CMS.UI.Core" version="11.20.0" targetFramework="net48" />
              <package id="EPiServer.Framework" version="11.20.0" targetFramework="net48" />
              <package id="EPiServer.Framework.AspNet" version="11.20.0" targetFramework="net48" />

            """);

        var mixed = Assert.Single(MixedFamily.Find(packages));

        Assert.Equal(
            "The EPiServer.CMS.Core package family is declared at different versions (EPiServer.CMS.AspNet 11.19.1, EPiServer.CMS.Core 11.20.0, EPiServer.Framework 11.20.0, EPiServer.Framework.AspNet 11.20.0); " +
            "EPiServer.CMS.AspNet 11.19.1 at packages.config(4) differs. Its packages ship together at one version and depend on each other strictly: " +
            "update them to one version (a restore is needed, so CmsHazards does not change it).",
            mixed.Message);
        Assert.Equal("(4,4)", mixed.Odd.Location!.Start.ToString());
    }

    [Fact]
    public void The_UI_family_is_its_own_and_without_a_majority_the_lower_version_is_the_odd_one()
    {
        var packages = PackagesConfig("""
              <package id="EPiServer.CMS.Core" version="11.20.0" />
              <package id="EPiServer.CMS.UI" version="11.21.0" />
              <package id="EPiServer.CMS.UI.Core" version="11.20.0" />

            """);

        var mixed = Assert.Single(MixedFamily.Find(packages));

        Assert.Equal("EPiServer.CMS.UI", mixed.Family.Name);
        Assert.Equal("EPiServer.CMS.UI.Core", mixed.Odd.Id);
    }

    [Fact]
    public void One_pre_release_for_the_whole_family_is_one_version_and_floating_versions_are_not_compared()
    {
        var packages = PackagesConfig("""
              <package id="EPiServer.CMS.Core" version="11.21.0-pre-021" />
              <package id="EPiServer.Framework" version="11.21.0-pre-021" />
              <package id="EPiServer.CMS.UI" version="11.*" />
              <package id="EPiServer.CMS.UI.Core" version="11.20.0" />

            """);

        Assert.Empty(MixedFamily.Find(packages));
    }

    [Fact]
    public void A_pre_release_beside_its_release_is_another_version()
    {
        var packages = PackagesConfig("""
              <package id="EPiServer.CMS.UI" version="11.21.0-pre-021" />
              <package id="EPiServer.CMS.UI.Core" version="11.21.0" />

            """);

        Assert.Equal("EPiServer.CMS.UI 11.21.0-pre-021", Assert.Single(MixedFamily.Find(packages)).Odd.ToString());
    }

    [Fact]
    public void A_CMS_11_package_on_net6_is_reported_with_its_replacement()
    {
        var project = ConfigFile.Parse("/site/Site.csproj", """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net6.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="EPiServer.CMS" Version="12.4.0" />
                <PackageReference Include="EPiServer.ServiceLocation.StructureMap" Version="2.0.3" />
                <PackageReference Include="EPiServer.Framework.AspNet" Version="11.20.0" />
              </ItemGroup>
            </Project>
            """);
        var packages = DeclaredPackages.FromProjectFile(project);

        var found = Cms11PackageOnModernNet.Find(new[] { "net6.0" }, packages);

        Assert.Equal(
            new[]
            {
                "EPiServer.ServiceLocation.StructureMap 2.0.3 at Site.csproj(7) is a CMS 11 package for ASP.NET on .NET Framework, but the project targets net6.0; CMS 12 has no such package. " +
                "Use ASP.NET Core's service container (CMS 12 registers its services in it; no StructureMap integration).",
                "EPiServer.Framework.AspNet 11.20.0 at Site.csproj(8) is a CMS 11 package for ASP.NET on .NET Framework, but the project targets net6.0; CMS 12 has no such package. " +
                "Use EPiServer.Framework.AspNetCore.",
            },
            found.Select(f => f.Message));
    }

    [Fact]
    public void The_same_packages_on_the_NET_Framework_are_at_home() =>
        Assert.Empty(Cms11PackageOnModernNet.Find(new[] { "net48" }, PackagesConfig("  <package id=\"EPiServer.CMS.AspNet\" version=\"11.20.0\" />\n")));

    [Theory]
    [InlineData("net5.0", true)]
    [InlineData("net8.0-windows", true)]
    [InlineData("NET10.0", true)]
    [InlineData("net48", false)]
    [InlineData("net472", false)]
    [InlineData("netcoreapp3.1", false)]
    [InlineData("netstandard2.0", false)]
    [InlineData("v4.8", false)]
    public void Net5_or_later_is_told_by_the_target_framework(string tfm, bool expected) =>
        Assert.Equal(expected, Cms11Packages.IsNet5OrLater(tfm));
}
