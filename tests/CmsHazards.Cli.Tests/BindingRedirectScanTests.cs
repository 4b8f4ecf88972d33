using System.Text;
using Xunit;

namespace CmsHazards.Cli.Tests;

/// <summary>
/// <c>cmshazards scan</c> on a packages.config site whose packages folder is restored: CMSH301 from the HintPath DLL's
/// own version, CMSH302 and CMSH303 from the deployed configuration, each fix byte for byte with <c>--fix</c> and
/// nothing left the second time; and nothing for redirects that match, assemblies the build does not reference,
/// pre-release packages the redirects name, or another configuration than the one a transform replaces runtime in.
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

    private static readonly PackagedAssembly Ui = new("EPiServer.CMS.UI.Core", "11.20.0", "EPiServer.Cms.Shell.UI", "11.20.0.0");
    private static readonly PackagedAssembly Framework = new("EPiServer.Framework", "11.20.0", "EPiServer.Framework", "11.20.0.0");

    /// <summary>A package in the packages folder and the assembly (a stand-in with that name and version) the project takes from it.</summary>
    private sealed record PackagedAssembly(string PackageId, string PackageVersion, string Assembly, string AssemblyVersion)
    {
        public string HintPath => $@"..\packages\{PackageId}.{PackageVersion}\lib\net461\{Assembly}.dll";
    }

    private static byte[] Fixture(string relative) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Upgrade", relative.Replace('/', Path.DirectorySeparatorChar)));

    private string SitePath(string relative) => Path.Combine(_root, "Site", relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>
    /// A site whose configuration files are those of tests/Fixtures/Upgrade/<paramref name="fixture"/>, byte for byte,
    /// with these packages restored. The fixtures have no httpRuntime, which is CMSH101 on any host; the project
    /// silences it (NoWarn), as the scan and the build honour, so the redirect rules speak alone.
    /// </summary>
    private void UpgradeSite(string fixture, params PackagedAssembly[] packages)
    {
        var site = Path.Combine(_root, "Site");
        var source = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Upgrade", fixture);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".expected", StringComparison.Ordinal)))
        {
            var target = Path.Combine(site, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        File.WriteAllText(Path.Combine(site, "Site.csproj"),
            "<Project ToolsVersion=\"15.0\" xmlns=\"http://schemas.microsoft.com/developer/msbuild/2003\">\r\n" +
            "  <PropertyGroup>\r\n    <CmsHostWebSockets>true</CmsHostWebSockets>\r\n    <NoWarn>CMSH101</NoWarn>\r\n  </PropertyGroup>\r\n  <ItemGroup>\r\n" +
            string.Concat(packages.Select(p => $"    <Reference Include=\"{p.Assembly}\">\r\n      <HintPath>{p.HintPath}</HintPath>\r\n    </Reference>\r\n")) +
            "  </ItemGroup>\r\n</Project>\r\n");
        File.WriteAllText(Path.Combine(site, "packages.config"),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<packages>\r\n" +
            string.Concat(packages.Select(p => $"  <package id=\"{p.PackageId}\" version=\"{p.PackageVersion}\" targetFramework=\"net48\" />\r\n")) +
            "</packages>\r\n");
        foreach (var package in packages)
        {
            StandInAssembly.Write(Path.GetFullPath(Path.Combine(site, package.HintPath.Replace('\\', Path.DirectorySeparatorChar))), package.Assembly, package.AssemblyVersion);
        }
    }

    /// <summary>scan, scan --fix, scan: the first report, what --fix printed, the second report.</summary>
    private (CliRun Scan, CliRun Fix, CliRun Again) ScanFixScan() =>
        (CliRun.InProcess(_root, "scan"), CliRun.InProcess(_root, "scan", "--fix"), CliRun.InProcess(_root, "scan"));

    private static void AssertClean(CliRun run)
    {
        Assert.Equal(new[] { "1 CMS site checked: 0 warnings, 0 info." }, run.OutLines);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void A_second_dependentAssembly_is_reported_removed_byte_for_byte_and_gone_the_second_time()
    {
        UpgradeSite("duplicate", Ui, Framework);

        var (scan, fix, again) = ScanFixScan();

        Assert.Equal(
            new[]
            {
                "Site/Web.config(15,8): warning CMSH302: EPiServer.Framework has a second dependentAssembly at Web.config(15) (newVersion=\"11.19.0.0\"); " +
                "the runtime uses the first one, at Web.config(5) (newVersion=\"11.20.0.0\"), for every version the second one names, so the second has no effect. Remove the one at Web.config(15).",
                "1 CMS site checked: 1 warning (CMSH302: 1), 0 info.",
            },
            scan.OutLines);
        Assert.Equal(1, scan.ExitCode);
        Assert.Equal(
            new[] { "fixed Site/Web.config: Remove the dependentAssembly that has no effect", "1 CMS site checked: 0 warnings, 0 info, 1 file fixed." },
            fix.OutLines);
        Assert.Equal(Fixture("duplicate/Web.config.expected"), File.ReadAllBytes(SitePath("Web.config")));
        AssertClean(again);
    }

    [Fact]
    public void An_assemblyBinding_without_the_namespace_is_reported_given_it_byte_for_byte_and_gone_the_second_time()
    {
        UpgradeSite("no-namespace", Ui, Framework);

        var (scan, fix, again) = ScanFixScan();

        Assert.Equal(
            new[]
            {
                "Site/Web.config(4,6): warning CMSH303: The <assemblyBinding> at Web.config(4) is not in the namespace urn:schemas-microsoft-com:asm.v1, " +
                "so the runtime never reads its binding redirects (EPiServer.Cms.Shell.UI). Add xmlns=\"urn:schemas-microsoft-com:asm.v1\".",
                "1 CMS site checked: 1 warning (CMSH303: 1), 0 info.",
            },
            scan.OutLines);
        Assert.Equal(1, scan.ExitCode);
        Assert.Equal("fixed Site/Web.config: Add the asm.v1 namespace", fix.OutLines[0]);
        Assert.Equal(Fixture("no-namespace/Web.config.expected"), File.ReadAllBytes(SitePath("Web.config")));
        AssertClean(again);
    }

    [Fact]
    public void A_redirect_inside_a_location_is_reported_moved_into_the_root_runtime_byte_for_byte_and_gone_the_second_time()
    {
        UpgradeSite("location", Ui, Framework);

        var (scan, fix, again) = ScanFixScan();

        Assert.Equal(
            new[]
            {
                "Site/Web.config(6,10): warning CMSH303: The binding redirect for EPiServer.Cms.Shell.UI at Web.config(6) is inside a <location>, where the runtime never reads it: " +
                "the CLR reads binding redirects only from <configuration><runtime> of the application's web.config. Move it into the root <runtime>.",
                "1 CMS site checked: 1 warning (CMSH303: 1), 0 info.",
            },
            scan.OutLines);
        Assert.Equal("fixed Site/Web.config: Move the binding redirect into the root <runtime>", fix.OutLines[0]);
        Assert.Equal(Fixture("location/Web.config.expected"), File.ReadAllBytes(SitePath("Web.config")));
        AssertClean(again);
    }

    [Fact]
    public void A_redirect_in_a_folder_web_config_is_reported_there_moved_into_the_root_web_config_byte_for_byte_and_gone_the_second_time()
    {
        UpgradeSite("folder", Ui, Framework);

        var (scan, fix, again) = ScanFixScan();

        Assert.Equal(
            new[]
            {
                "Site/Views/Web.config(8,8): warning CMSH303: The binding redirect for EPiServer.Cms.Shell.UI at Views/Web.config(8) is in a folder's web.config, which the runtime never reads: " +
                "the CLR reads binding redirects only from the application's root web.config. Move it into the root <runtime>.",
                "1 CMS site checked: 1 warning (CMSH303: 1), 0 info.",
            },
            scan.OutLines);
        Assert.Equal(
            new[]
            {
                "fixed Site/Views/Web.config: Move the binding redirect into the root <runtime>",
                "fixed Site/Web.config: Move the binding redirect into the root <runtime>",
                "1 CMS site checked: 0 warnings, 0 info, 2 files fixed.",
            },
            fix.OutLines);
        Assert.Equal(Fixture("folder/Web.config.expected"), File.ReadAllBytes(SitePath("Web.config")));
        Assert.Equal(Fixture("folder/Views/Web.config.expected"), File.ReadAllBytes(SitePath("Views/Web.config")));
        AssertClean(again);
    }

    [Fact]
    public void Runtime_configSource_is_reported_and_fix_touches_no_file()
    {
        UpgradeSite("runtime-configsource", Ui, Framework);
        var before = File.ReadAllBytes(SitePath("Web.config"));
        var report = new[]
        {
            "Site/Web.config(4,4): warning CMSH303: <runtime configSource=\"Runtime.config\"> at Web.config(4): the CLR reads <runtime> from web.config itself and does not follow configSource, " +
            "so the binding redirects in that file are never read. Move them into web.config's <runtime>.",
            "1 CMS site checked: 1 warning (CMSH303: 1), 0 info.",
        };

        var (scan, fix, again) = ScanFixScan();

        Assert.Equal(report, scan.OutLines);
        Assert.Equal(report, fix.OutLines);
        Assert.Equal(before, File.ReadAllBytes(SitePath("Web.config")));
        Assert.Equal(report, again.OutLines);
    }

    [Fact]
    public void A_site_whose_redirects_match_gets_nothing()
    {
        UpgradeSite("matching", Ui, Framework, new PackagedAssembly("EPiServer.CMS.Core", "11.20.0", "EPiServer", "11.20.0.0"));

        AssertClean(CliRun.InProcess(_root, "scan"));
    }

    [Fact]
    public void A_redirect_for_an_assembly_the_build_does_not_reference_is_left_alone_until_it_does()
    {
        // The matching site's Castle.Core redirect says 3.3.0.0; the project references no Castle.Core.
        UpgradeSite("matching", Ui, Framework);
        var unreferenced = CliRun.InProcess(_root, "scan");

        var castle = new PackagedAssembly("Castle.Core", "4.4.1", "Castle.Core", "4.0.0.0");
        File.Delete(SitePath("Site.csproj"));
        File.Delete(SitePath("packages.config"));
        File.Delete(SitePath("Web.config"));
        UpgradeSite("matching", Ui, Framework, castle);
        var referenced = CliRun.InProcess(_root, "scan");

        AssertClean(unreferenced);
        Assert.Equal(2, referenced.OutLines.Length);
        Assert.StartsWith(
            "Site/Web.config(35,10): warning CMSH301: The binding redirect for Castle.Core at Web.config(35) (oldVersion=\"0.0.0.0-3.3.0.0\" newVersion=\"3.3.0.0\") does not match Castle.Core 4.0.0.0, " +
            "which the build compiles against and copies to bin (from Castle.Core 4.4.1)",
            referenced.OutLines[0]);
        Assert.Equal("1 CMS site checked: 1 warning (CMSH301: 1), 0 info.", referenced.OutLines[1]);
    }

    [Fact]
    public void A_pre_release_package_whose_assembly_the_redirect_names_gets_nothing()
    {
        UpgradeSite("matching", Ui with { PackageVersion = "11.20.0-feature-012879" }, Framework);

        AssertClean(CliRun.InProcess(_root, "scan"));
    }

    [Fact]
    public void A_pre_release_package_ahead_of_the_redirect_is_named_with_its_pre_release_version_and_fixed()
    {
        UpgradeSite("matching", Ui with { PackageVersion = "11.21.0-pre-021", AssemblyVersion = "11.21.0.0" }, Framework);
        var expected = Encoding.UTF8.GetString(Fixture("matching/Web.config")).Replace(
            "name=\"EPiServer.Cms.Shell.UI\" publicKeyToken=\"8fe83dea738b45b7\" culture=\"neutral\" />\r\n        <bindingRedirect oldVersion=\"0.0.0.0-11.20.0.0\" newVersion=\"11.20.0.0\" />",
            "name=\"EPiServer.Cms.Shell.UI\" publicKeyToken=\"8fe83dea738b45b7\" culture=\"neutral\" />\r\n        <bindingRedirect oldVersion=\"0.0.0.0-11.21.0.0\" newVersion=\"11.21.0.0\" />");

        var (scan, fix, again) = ScanFixScan();

        Assert.Equal(
            new[]
            {
                "Site/Web.config(17,10): warning CMSH301: The binding redirect for EPiServer.Cms.Shell.UI at Web.config(17) (oldVersion=\"0.0.0.0-11.20.0.0\" newVersion=\"11.20.0.0\") " +
                "does not match EPiServer.Cms.Shell.UI 11.21.0.0, which the build compiles against and copies to bin (from EPiServer.CMS.UI.Core 11.21.0-pre-021): the runtime asks for 11.20.0.0 and fails with " +
                "\"The located assembly's manifest definition does not match the assembly reference\" (0x80131040). Set oldVersion=\"0.0.0.0-11.21.0.0\" newVersion=\"11.21.0.0\".",
                "1 CMS site checked: 1 warning (CMSH301: 1), 0 info.",
            },
            scan.OutLines);
        Assert.Equal("fixed Site/Web.config: Set the binding redirect to the compiled version", fix.OutLines[0]);
        Assert.Equal(Encoding.UTF8.GetBytes(expected), File.ReadAllBytes(SitePath("Web.config")));
        AssertClean(again);
    }

    [Fact]
    public void A_transform_that_replaces_runtime_decides_in_its_configuration_only_and_no_fix_edits_it()
    {
        UpgradeSite("transform-runtime", Ui, Framework);
        var before = Directory.EnumerateFiles(Path.Combine(_root, "Site")).ToDictionary(f => f, File.ReadAllBytes);

        var debug = CliRun.InProcess(_root, "scan", "-c", "Debug");
        var release = CliRun.InProcess(_root, "scan", "-c", "Release", "--fix");

        AssertClean(debug);
        Assert.Equal(
            new[]
            {
                "Site/Web.Release.config(7,10): warning CMSH301: The binding redirect for EPiServer.Cms.Shell.UI at Web.Release.config(7) (oldVersion=\"0.0.0.0-11.19.0.0\" newVersion=\"11.19.0.0\") " +
                "does not match EPiServer.Cms.Shell.UI 11.20.0.0, which the build compiles against and copies to bin (from EPiServer.CMS.UI.Core 11.20.0): the runtime asks for 11.19.0.0 and fails with " +
                "\"The located assembly's manifest definition does not match the assembly reference\" (0x80131040). Set oldVersion=\"0.0.0.0-11.20.0.0\" newVersion=\"11.20.0.0\".",
                "1 CMS site checked: 1 warning (CMSH301: 1), 0 info.",
            },
            release.OutLines);
        Assert.All(before, file => Assert.Equal(file.Value, File.ReadAllBytes(file.Key)));
    }
}
