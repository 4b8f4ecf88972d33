using CmsHazards.Configuration;
using CmsHazards.Upgrade;
using CmsHazards.Versions;
using Xunit;

namespace CmsHazards.Tests.Upgrade;

/// <summary>Versions as redirects write them, and where a resolved reference comes from.</summary>
public class UpgradeFactsTests
{
    [Theory]
    [InlineData("11.20.0.0", "11.20.0.0", "11.20.0.0", false)]
    [InlineData("0.0.0.0-11.20.0.0", "0.0.0.0", "11.20.0.0", true)]
    [InlineData(" 0.0.0.0 - 11.20.0.0 ", "0.0.0.0", "11.20.0.0", true)]
    [InlineData("1.0.0.0-32767.32767.32767.32767", "1.0.0.0", "32767.32767.32767.32767", true)]
    [InlineData("11.20", "11.20.0.0", "11.20.0.0", false)]
    public void OldVersion_is_one_version_or_a_range(string text, string low, string high, bool isRange)
    {
        var range = VersionRange.Parse(text)!;

        Assert.Equal(Version.Parse(low), range.Low);
        Assert.Equal(Version.Parse(high), range.High);
        Assert.Equal(isRange, range.IsRange);
        Assert.Equal(high, text.Substring(range.HighSpan.Start, range.HighSpan.Length).Length == high.Length ? high : VersionRange.ParseVersion(text.Substring(range.HighSpan.Start, range.HighSpan.Length))!.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("11.20.0.0-")]
    [InlineData("eleven")]
    [InlineData("0.0.0.0-70000.0.0.0")]
    [InlineData("11.20.0-pre")]
    public void Text_the_runtime_cannot_read_is_no_range(string text) => Assert.Null(VersionRange.Parse(text));

    /// <summary>
    /// Versions of digits and dots are read in place (docs/performance.md, section 4); the binder's rules are those of
    /// Version.TryParse, so every text must read as TryParse and the 65535 limit read it.
    /// </summary>
    [Theory]
    [InlineData("1.2")]
    [InlineData("1.2.3")]
    [InlineData("65535.65535.65535.65535")]
    [InlineData("0065535.00001")]
    [InlineData("65536.0.0.0")]
    [InlineData("1.2.3.65536")]
    [InlineData("99999999999.1")]
    [InlineData("1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("1..2")]
    [InlineData(".1.2")]
    [InlineData("1.2.")]
    [InlineData("+1.2")]
    [InlineData("1. 2")]
    [InlineData(" 1.2.3.4 ")]
    [InlineData("1.2x")]
    public void A_version_reads_as_Version_TryParse_reads_it(string text)
    {
        var trimmed = text.Trim();
        var expected = Version.TryParse(trimmed, out var parsed) && parsed.Major <= 65535 && parsed.Minor <= 65535 && parsed.Build <= 65535 && parsed.Revision <= 65535
            ? new Version(parsed.Major, parsed.Minor, Math.Max(parsed.Build, 0), Math.Max(parsed.Revision, 0))
            : null;

        Assert.Equal(expected, VersionRange.ParseVersion(text));
        Assert.Equal(expected, VersionRange.Parse(text)?.Low);
    }

    [Theory]
    [InlineData("EPiServer.Cms.Shell.UI", @"C:\src\Site\packages\EPiServer.CMS.UI.Core.11.20.0\lib\net461\EPiServer.Cms.Shell.UI.dll", "Package", "EPiServer.CMS.UI.Core", "11.20.0")]
    [InlineData("EPiServer.Cms.Shell.UI", "/home/dev/.nuget/packages/episerver.cms.ui.core/11.21.0-pre-021/lib/net461/EPiServer.Cms.Shell.UI.dll", "Package", "episerver.cms.ui.core", "11.21.0-pre-021")]
    [InlineData("System.Web", "/home/dev/.nuget/packages/microsoft.netframework.referenceassemblies.net48/1.0.3/build/.NETFramework/v4.8/System.Web.dll", "Framework", null, null)]
    [InlineData("System.Net.Http", @"C:\Program Files (x86)\Reference Assemblies\Microsoft\Framework\.NETFramework\v4.8\System.Net.Http.dll", "Framework", null, null)]
    [InlineData("System.Web.Mvc", @"..\packages\Microsoft.AspNet.Mvc.5.2.9\lib\net45\System.Web.Mvc.dll", "Package", "Microsoft.AspNet.Mvc", "5.2.9")]
    [InlineData("System.Net.Http", null, "Framework", null, null)]
    [InlineData("Site.Models", "/src/Site.Models/bin/Debug/Site.Models.dll", "Other", null, null)]
    public void A_resolved_path_tells_where_a_reference_comes_from(string name, string? path, string origin, string? packageId, string? packageVersion)
    {
        var (actualOrigin, actualId, actualVersion) = ReferencedAssembly.Classify(name, path);

        Assert.Equal(origin, actualOrigin.ToString());
        Assert.Equal(packageId, actualId);
        Assert.Equal(packageVersion, actualVersion);
    }

    [Fact]
    public void Tokens_are_written_as_lower_case_hex() =>
        Assert.Equal("8fe83dea738b45b7", ReferencedAssembly.TokenText(new byte[] { 0x8f, 0xe8, 0x3d, 0xea, 0x73, 0x8b, 0x45, 0xb7 }));

    [Fact]
    public void Declared_packages_come_from_packages_config_and_central_package_management()
    {
        var packagesConfig = ConfigFile.Parse("/site/packages.config", """
            <?xml version="1.0" encoding="utf-8"?>
            <packages>
              <package id="EPiServer.CMS.Core" version="11.20.0" targetFramework="net48" />
              <package id="EPiServer.Framework" version="11.20.0-pre-1" targetFramework="net48" />
            </packages>
            """);
        var project = ConfigFile.Parse("/site/Site.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <PackageReference Include="EPiServer.CMS.AspNetCore" />
                <PackageReference Include="EPiServer.Framework" VersionOverride="12.1.0" />
                <PackageReference Include="EPiServer.CMS.UI"><Version>$(CmsUIVersion)</Version></PackageReference>
              </ItemGroup>
            </Project>
            """);
        var central = ConfigFile.Parse("/Directory.Packages.props", """
            <Project>
              <ItemGroup>
                <PackageVersion Include="EPiServer.CMS.AspNetCore" Version="12.2.0" />
              </ItemGroup>
            </Project>
            """);

        var fromConfig = DeclaredPackages.FromPackagesConfig(packagesConfig);
        var fromProject = DeclaredPackages.FromProjectFile(project, central, v => v == "$(CmsUIVersion)" ? "12.3.0" : null);

        Assert.Equal(new[] { "EPiServer.CMS.Core 11.20.0", "EPiServer.Framework 11.20.0-pre-1" }, fromConfig.Select(p => p.Id + " " + p.Version));
        Assert.Equal(new[] { "EPiServer.CMS.AspNetCore 12.2.0 CentralPackageVersion", "EPiServer.Framework 12.1.0 PackageReference", "EPiServer.CMS.UI 12.3.0 PackageReference" },
            fromProject.Select(p => p.Id + " " + p.Version + " " + p.Kind));
        Assert.Equal("/Directory.Packages.props", fromProject[0].Location!.Path);
    }
}
