using System.Text;
using Xunit;

namespace CmsHazards.Cli.Tests;

/// <summary>
/// <c>cmshazards scan</c> on a packages.config site whose packages folder is restored: CMSH301 from the HintPath DLL's
/// own version, the fix byte for byte with <c>--fix</c>, and nothing left the second time.
/// </summary>
public sealed class BindingRedirectScanTests : IDisposable
{
    // The assembly stands in for a package's DLL: a real, signed one whose version the test reads from the file.
    private static readonly Version XunitCore = typeof(FactAttribute).Assembly.GetName().Version!;

    private readonly string _root = Directory.CreateTempSubdirectory("cmshazards-redirects-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string WebConfig(string redirectVersion) =>
        "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<configuration>\r\n  <system.web>\r\n    <httpRuntime targetFramework=\"4.8\" />\r\n  </system.web>\r\n" +
        "  <runtime>\r\n    <assemblyBinding xmlns=\"urn:schemas-microsoft-com:asm.v1\">\r\n      <dependentAssembly>\r\n" +
        "        <assemblyIdentity name=\"xunit.core\" publicKeyToken=\"8d05b1bb7a6fdb6c\" culture=\"neutral\" />\r\n" +
        $"        <bindingRedirect oldVersion=\"0.0.0.0-{redirectVersion}\" newVersion=\"{redirectVersion}\" />\r\n" +
        "      </dependentAssembly>\r\n    </assemblyBinding>\r\n  </runtime>\r\n</configuration>\r\n";

    private void Site(bool restored)
    {
        var site = Path.Combine(_root, "Site");
        Directory.CreateDirectory(site);
        File.WriteAllText(Path.Combine(site, "Site.csproj"),
            "<Project ToolsVersion=\"15.0\" xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">\r\n" +
            "  <PropertyGroup>\r\n    <CmsHostWebSockets>true</CmsHostWebSockets>\r\n  </PropertyGroup>\r\n" +
            "  <ItemGroup>\r\n    <Reference Include=\"xunit.core\">\r\n      <HintPath>..\\packages\\xunit.extensibility.core.2.9.3\\lib\\netstandard1.1\\xunit.core.dll</HintPath>\r\n    </Reference>\r\n  </ItemGroup>\r\n</Project>\r\n");
        File.WriteAllText(Path.Combine(site, "packages.config"), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<packages>\r\n  <package id=\"EPiServer.CMS.UI.Core\" version=\"11.20.0\" targetFramework=\"net48\" />\r\n</packages>\r\n");
        File.WriteAllBytes(Path.Combine(site, "Web.config"), Encoding.UTF8.GetBytes(WebConfig("2.4.0.0")));
        if (!restored) return;
        var lib = Path.Combine(_root, "packages", "xunit.extensibility.core.2.9.3", "lib", "netstandard1.1");
        Directory.CreateDirectory(lib);
        File.Copy(typeof(FactAttribute).Assembly.Location, Path.Combine(lib, "xunit.core.dll"));
    }

    [Fact]
    public void A_stale_redirect_is_reported_fixed_byte_for_byte_and_gone_the_second_time()
    {
        Site(restored: true);
        var compiled = XunitCore.ToString(4);

        var scan = CliRun.InProcess(_root, "scan");
        var fix = CliRun.InProcess(_root, "scan", "--fix");
        var again = CliRun.InProcess(_root, "scan");

        Assert.Equal(
            new[]
            {
                "Site/Web.config(10,10): warning CMSH301: The binding redirect for xunit.core at Web.config(10) (oldVersion=\"0.0.0.0-2.4.0.0\" newVersion=\"2.4.0.0\") " +
                $"does not match xunit.core {compiled}, which the build compiles against and copies to bin (from xunit.extensibility.core 2.9.3): the runtime asks for 2.4.0.0 and fails with " +
                $"\"The located assembly's manifest definition does not match the assembly reference\" (0x80131040). Set oldVersion=\"0.0.0.0-{compiled}\" newVersion=\"{compiled}\".",
                "1 CMS site checked: 1 warning (CMSH301: 1), 0 info.",
            },
            scan.OutLines);
        Assert.Equal(1, scan.ExitCode);
        Assert.Equal("fixed Site/Web.config: Set the binding redirect to the compiled version", fix.OutLines[0]);
        Assert.Equal(Encoding.UTF8.GetBytes(WebConfig(compiled)), File.ReadAllBytes(Path.Combine(_root, "Site", "Web.config")));
        Assert.Equal(new[] { "1 CMS site checked: 0 warnings, 0 info." }, again.OutLines);
        Assert.Equal(0, again.ExitCode);
    }

    [Fact]
    public void Without_the_packages_folder_nothing_is_compared_and_the_scan_says_why()
    {
        Site(restored: false);

        var scan = CliRun.InProcess(_root, "scan");

        Assert.Equal(new[] { "1 CMS site checked: 0 warnings, 0 info." }, scan.OutLines);
        Assert.Equal(
            @"Site/Site.csproj(1,2): note: binding redirects not checked: the packages folder is not restored (../packages/xunit.extensibility.core.2.9.3/lib/netstandard1.1/xunit.core.dll not found), " +
            "so binding redirects are not compared with the assemblies the build would use; restore the packages (nuget restore) and scan again.",
            Assert.Single(scan.ErrorLines));
    }
}
