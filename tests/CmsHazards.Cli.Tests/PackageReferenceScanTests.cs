using System.Text;
using Xunit;

namespace CmsHazards.Cli.Tests;

/// <summary>
/// <c>cmshazards scan</c> on SDK-style sites with PackageReference: CMSH301 from the compile assemblies the restore's
/// assets file names, their versions read from the package folder; a note when the packages are not restored; and a
/// CMS 12 site without web.config, checked for its packages (CMSH304, CMSH305).
/// </summary>
public sealed class PackageReferenceScanTests : IDisposable
{
    private const string LoadFailure = "fails with \"The located assembly's manifest definition does not match the assembly reference\" (0x80131040)";

    private readonly string _root = Directory.CreateTempSubdirectory("cmshazards-packagereference-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Packages => Path.Combine(_root, "nuget-packages");

    private static string WebConfig(string redirectVersion) =>
        "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<configuration>\r\n  <system.web>\r\n    <httpRuntime targetFramework=\"4.8\" />\r\n  </system.web>\r\n" +
        "  <runtime>\r\n    <assemblyBinding xmlns=\"urn:schemas-microsoft-com:asm.v1\">\r\n      <dependentAssembly>\r\n" +
        "        <assemblyIdentity name=\"EPiServer.Cms.Shell.UI\" publicKeyToken=\"8fe83dea738b45b7\" culture=\"neutral\" />\r\n" +
        $"        <bindingRedirect oldVersion=\"0.0.0.0-{redirectVersion}\" newVersion=\"{redirectVersion}\" />\r\n" +
        "      </dependentAssembly>\r\n      <dependentAssembly>\r\n" +
        "        <assemblyIdentity name=\"EPiServer.Labs.Retired\" publicKeyToken=\"8fe83dea738b45b7\" culture=\"neutral\" />\r\n" +
        "        <bindingRedirect oldVersion=\"0.0.0.0-1.0.0.0\" newVersion=\"1.0.0.0\" />\r\n" +
        "      </dependentAssembly>\r\n    </assemblyBinding>\r\n  </runtime>\r\n</configuration>\r\n";

    /// <summary>An SDK-style CMS 11 site: net48, the UI from PackageReference; restored when the assets file is written.</summary>
    private void Cms11Site(bool assetsFile, bool packagesOnDisk, bool hostsCarryWebSockets = true)
    {
        var site = Path.Combine(_root, "Site");
        Directory.CreateDirectory(site);
        File.WriteAllText(Path.Combine(site, "Site.csproj"),
            "<Project Sdk=\"Microsoft.NET.Sdk\">\r\n  <PropertyGroup>\r\n    <TargetFramework>net48</TargetFramework>\r\n    <CmsHostWebSockets>" + (hostsCarryWebSockets ? "true" : "false") + "</CmsHostWebSockets>\r\n  </PropertyGroup>\r\n" +
            "  <ItemGroup>\r\n    <PackageReference Include=\"EPiServer.CMS.UI.Core\" Version=\"11.20.0\" />\r\n  </ItemGroup>\r\n</Project>\r\n");
        File.WriteAllBytes(Path.Combine(site, "Web.config"), Encoding.UTF8.GetBytes(WebConfig("11.19.0.0")));
        if (assetsFile)
        {
            Directory.CreateDirectory(Path.Combine(site, "obj"));
            File.WriteAllText(Path.Combine(site, "obj", "project.assets.json"), Assets());
        }

        if (!packagesOnDisk) return;

        // As a restore leaves the global packages folder: lower-case id and version folders, the package's own files.
        StandInAssembly.Write(Path.Combine(Packages, "episerver.cms.ui.core", "11.20.0", "lib", "net461", "EPiServer.Cms.Shell.UI.dll"), "EPiServer.Cms.Shell.UI", "11.20.0.0");
        StandInAssembly.Write(Path.Combine(Packages, "episerver.framework", "11.20.0", "lib", "net461", "EPiServer.Framework.dll"), "EPiServer.Framework", "11.20.0.0");
    }

    /// <summary>The assets file NuGet writes for the site: the UI package and, transitively, EPiServer.Framework.</summary>
    private string Assets() => $$"""
        {
          "version": 3,
          "targets": {
            ".NETFramework,Version=v4.8": {
              "EPiServer.CMS.UI.Core/11.20.0": {
                "type": "package",
                "dependencies": { "EPiServer.Framework": "[11.20.0, 12.0.0)" },
                "compile": { "lib/net461/EPiServer.Cms.Shell.UI.dll": {} },
                "runtime": { "lib/net461/EPiServer.Cms.Shell.UI.dll": {} }
              },
              "EPiServer.Framework/11.20.0": {
                "type": "package",
                "frameworkAssemblies": [ "System.Web" ],
                "compile": { "lib/net461/EPiServer.Framework.dll": {} },
                "runtime": { "lib/net461/EPiServer.Framework.dll": {} }
              },
              "Microsoft.NETFramework.ReferenceAssemblies/1.0.3": {
                "type": "package",
                "dependencies": { "Microsoft.NETFramework.ReferenceAssemblies.net48": "1.0.3" }
              },
              "Microsoft.NETFramework.ReferenceAssemblies.net48/1.0.3": {
                "type": "package",
                "build": { "build/Microsoft.NETFramework.ReferenceAssemblies.net48.targets": {} }
              },
              "System.ValueTuple/4.5.0": {
                "type": "package",
                "compile": { "ref/net47/_._": {} },
                "runtime": { "lib/net47/_._": {} }
              }
            }
          },
          "libraries": {
            "EPiServer.CMS.UI.Core/11.20.0": {
              "sha512": "c3RhbmQtaW4=",
              "type": "package",
              "path": "episerver.cms.ui.core/11.20.0",
              "files": [ "episerver.cms.ui.core.11.20.0.nupkg.sha512", "episerver.cms.ui.core.nuspec", "lib/net461/EPiServer.Cms.Shell.UI.dll" ]
            },
            "EPiServer.Framework/11.20.0": {
              "sha512": "c3RhbmQtaW4=",
              "type": "package",
              "path": "episerver.framework/11.20.0",
              "files": [ "episerver.framework.11.20.0.nupkg.sha512", "episerver.framework.nuspec", "lib/net461/EPiServer.Framework.dll" ]
            },
            "Microsoft.NETFramework.ReferenceAssemblies/1.0.3": {
              "sha512": "c3RhbmQtaW4=",
              "type": "package",
              "path": "microsoft.netframework.referenceassemblies/1.0.3",
              "files": [ "microsoft.netframework.referenceassemblies.nuspec" ]
            },
            "Microsoft.NETFramework.ReferenceAssemblies.net48/1.0.3": {
              "sha512": "c3RhbmQtaW4=",
              "type": "package",
              "path": "microsoft.netframework.referenceassemblies.net48/1.0.3",
              "files": [ "build/Microsoft.NETFramework.ReferenceAssemblies.net48.targets" ]
            },
            "System.ValueTuple/4.5.0": {
              "sha512": "c3RhbmQtaW4=",
              "type": "package",
              "path": "system.valuetuple/4.5.0",
              "files": [ "lib/net47/_._", "ref/net47/_._" ]
            }
          },
          "projectFileDependencyGroups": {
            ".NETFramework,Version=v4.8": [ "EPiServer.CMS.UI.Core >= 11.20.0", "Microsoft.NETFramework.ReferenceAssemblies >= 1.0.3" ]
          },
          "packageFolders": {
            "{{(Packages + Path.DirectorySeparatorChar).Replace("\\", "\\\\")}}": {}
          },
          "project": {
            "version": "1.0.0",
            "restore": {
              "projectName": "Site",
              "projectStyle": "PackageReference",
              "originalTargetFrameworks": [ "net48" ]
            },
            "frameworks": {
              "net48": {
                "targetAlias": "net48",
                "dependencies": {
                  "EPiServer.CMS.UI.Core": { "target": "Package", "version": "[11.20.0, )" }
                }
              }
            }
          }
        }
        """;

    [Fact]
    public void A_stale_redirect_of_an_SDK_style_site_is_judged_against_the_restored_package_s_assembly_and_fixed()
    {
        Cms11Site(assetsFile: true, packagesOnDisk: true);

        var scan = CliRun.InProcess(_root, "scan");
        var fix = CliRun.InProcess(_root, "scan", "--fix");
        var again = CliRun.InProcess(_root, "scan");

        // EPiServer.Labs.Retired is no assembly of the build: its redirect is left alone.
        Assert.Equal(
            new[]
            {
                "Site/Web.config(10,10): warning CMSH301: The binding redirect for EPiServer.Cms.Shell.UI at Web.config(10) (oldVersion=\"0.0.0.0-11.19.0.0\" newVersion=\"11.19.0.0\") " +
                "does not match EPiServer.Cms.Shell.UI 11.20.0.0, which the build compiles against and copies to bin (from EPiServer.CMS.UI.Core 11.20.0): the runtime asks for 11.19.0.0 and " +
                $"{LoadFailure}. Set oldVersion=\"0.0.0.0-11.20.0.0\" newVersion=\"11.20.0.0\".",
                "1 CMS site checked: 1 warning (CMSH301: 1), 0 info.",
            },
            scan.OutLines);
        Assert.Equal("", scan.Error);
        Assert.Equal("fixed Site/Web.config: Set the binding redirect to the compiled version", fix.OutLines[0]);
        Assert.Equal(Encoding.UTF8.GetBytes(WebConfig("11.20.0.0")), File.ReadAllBytes(Path.Combine(_root, "Site", "Web.config")));
        Assert.Equal(new[] { "1 CMS site checked: 0 warnings, 0 info." }, again.OutLines);
        Assert.Equal(0, again.ExitCode);
    }

    [Fact]
    public void One_fix_run_turns_off_WebSockets_and_fixes_the_redirect_the_new_appSettings_moved()
    {
        Cms11Site(assetsFile: true, packagesOnDisk: true, hostsCarryWebSockets: false);

        // Both fixes were planned from the scan; the appSettings CMSH101's fix adds above <runtime> moves the redirect
        // before CMSH301's fix is made, which finds it by its path and markup.
        var fix = CliRun.InProcess(_root, "scan", "--fix");
        var again = CliRun.InProcess(_root, "scan");

        Assert.Equal(
            new[] { "fixed Site/Web.config: Turn off CMS UI WebSockets (Epi.WebSockets.Enabled=false)", "fixed Site/Web.config: Set the binding redirect to the compiled version" },
            fix.OutLines.Take(2));
        Assert.Equal("", fix.Error);
        Assert.Equal(
            Encoding.UTF8.GetBytes(WebConfig("11.20.0.0").Replace(
                "<configuration>\r\n",
                "<configuration>\r\n  <appSettings>\r\n    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\r\n  </appSettings>\r\n")),
            File.ReadAllBytes(Path.Combine(_root, "Site", "Web.config")));
        Assert.Equal(new[] { "1 CMS site checked: 0 warnings, 0 info." }, again.OutLines);
    }

    [Fact]
    public void A_redirect_that_matches_the_restored_assembly_gets_nothing()
    {
        Cms11Site(assetsFile: true, packagesOnDisk: true);
        File.WriteAllBytes(Path.Combine(_root, "Site", "Web.config"), Encoding.UTF8.GetBytes(WebConfig("11.20.0.0")));

        var scan = CliRun.InProcess(_root, "scan");

        Assert.Equal(new[] { "1 CMS site checked: 0 warnings, 0 info." }, scan.OutLines);
        Assert.Equal("", scan.Error);
    }

    [Fact]
    public void Packages_not_in_the_package_folder_leave_the_redirects_unjudged_and_the_scan_says_why()
    {
        Cms11Site(assetsFile: true, packagesOnDisk: false);

        var scan = CliRun.InProcess(_root, "scan");

        Assert.Equal(new[] { "1 CMS site checked: 0 warnings, 0 info." }, scan.OutLines);
        Assert.Equal(
            "Site/Site.csproj(1,2): note: binding redirects not checked: the packages are not restored on this machine " +
            "(EPiServer.CMS.UI.Core 11.20.0 (lib/net461/EPiServer.Cms.Shell.UI.dll) and 1 more not in the NuGet package folders the assets file names), " +
            "so binding redirects are not compared with the assemblies the build would use; run dotnet restore (or nuget restore) and scan again.",
            Assert.Single(scan.ErrorLines));
    }

    [Fact]
    public void A_project_never_restored_leaves_the_redirects_unjudged_and_the_scan_says_why()
    {
        Cms11Site(assetsFile: false, packagesOnDisk: false);

        var scan = CliRun.InProcess(_root, "scan");

        Assert.Equal(new[] { "1 CMS site checked: 0 warnings, 0 info." }, scan.OutLines);
        Assert.Equal(
            "Site/Site.csproj(1,2): note: binding redirects not checked: the project is not restored (obj/project.assets.json is missing or cannot be read), " +
            "so binding redirects are not compared with the assemblies the build would use; run dotnet restore (or nuget restore) and scan again.",
            Assert.Single(scan.ErrorLines));
    }

    [Fact]
    public void A_CMS_12_site_without_web_config_is_checked_for_its_packages()
    {
        var site = Path.Combine(_root, "Cms12");
        Directory.CreateDirectory(site);
        File.WriteAllText(Path.Combine(site, "Cms12.csproj"),
            "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n  <ItemGroup>\n" +
            "    <PackageReference Include=\"EPiServer.CMS.UI\" Version=\"12.21.0\" />\n" +
            "    <PackageReference Include=\"EPiServer.CMS.UI.Core\" Version=\"12.20.0\" />\n" +
            "    <PackageReference Include=\"EPiServer.Logging.Log4Net\" Version=\"2.2.2\" />\n" +
            "  </ItemGroup>\n</Project>\n");

        var scan = CliRun.InProcess(_root, "scan");

        Assert.Equal(
            new[]
            {
                "Cms12/Cms12.csproj(1,2): info CMSH100: CMS UI 12.21.0 (Cms12.csproj (EPiServer.CMS.UI 12.21.0)) opens a WebSocket from the edit interface unless the site's C# turns it off " +
                "(UIOptions.WebSocketEnabled is on by default, and no appsettings file turns it off), and nothing declares whether the hosts carry WebSockets end to end " +
                "(Azure App Service has Web sockets off unless turned on; IIS needs the WebSocket Protocol feature; proxies and CDNs must pass the Upgrade header). " +
                "Declare CmsHostWebSockets for the hosts this build deploys to, or turn the WebSocket off. Set UIOptions.WebSocketEnabled to false: " +
                "services.Configure<UIOptions>(o => o.WebSocketEnabled = false). The site's C# is not read here (CmsHazards reads it only through its analyzer, in a build): " +
                "if it sets UIOptions.WebSocketEnabled to false, this does not apply.",
                "Cms12/Cms12.csproj(7,6): warning CMSH304: The EPiServer.CMS.UI package family is declared at different versions (EPiServer.CMS.UI 12.21.0, EPiServer.CMS.UI.Core 12.20.0); " +
                "EPiServer.CMS.UI.Core 12.20.0 at Cms12.csproj(7) differs. Its packages ship together at one version and depend on each other strictly: " +
                "update them to one version (a restore is needed, so CmsHazards does not change it).",
                "Cms12/Cms12.csproj(8,6): warning CMSH305: EPiServer.Logging.Log4Net 2.2.2 at Cms12.csproj(8) is a CMS 11 package for ASP.NET on .NET Framework, " +
                "but the project targets net8.0; CMS 12 has no such package. Use Microsoft.Extensions.Logging, which CMS 12 logs through.",
                "1 CMS site checked: 2 warnings (CMSH304: 1, CMSH305: 1), 1 info (CMSH100: 1).",
            },
            scan.OutLines);
    }

    [Fact]
    public void An_unrestored_web_project_whose_CMS_UI_only_the_restore_can_show_gets_a_note_not_silence()
    {
        var site = Path.Combine(_root, "Site");
        var library = Path.Combine(_root, "Business");
        Directory.CreateDirectory(site);
        Directory.CreateDirectory(library);
        File.WriteAllText(Path.Combine(site, "Site.csproj"),
            "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n  <ItemGroup>\n" +
            "    <PackageReference Include=\"EPiServer.CMS\" Version=\"12.29.0\" />\n  </ItemGroup>\n</Project>\n");
        File.WriteAllText(Path.Combine(library, "Business.csproj"),
            "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n  <ItemGroup>\n" +
            "    <PackageReference Include=\"EPiServer.CMS.Core\" Version=\"12.20.0\" />\n  </ItemGroup>\n</Project>\n");

        var scan = CliRun.InProcess(_root, "scan");

        Assert.Equal(new[] { "0 CMS sites checked: 0 warnings, 0 info." }, scan.OutLines);
        Assert.Equal(
            new[]
            {
                "Site/Site.csproj: note: not checked: it references EPiServer.CMS, which can bring CMS UI transitively, but it has not been restored " +
                "(obj/project.assets.json is missing); run dotnet restore, then cmshazards scan.",
            },
            scan.ErrorLines);
        Assert.Equal(0, scan.ExitCode);
    }

    [Fact]
    public void A_class_library_without_web_config_that_references_no_CMS_package_is_not_a_site()
    {
        var library = Path.Combine(_root, "Library");
        Directory.CreateDirectory(library);
        File.WriteAllText(Path.Combine(library, "Library.csproj"),
            "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n</Project>\n");

        var scan = CliRun.InProcess(_root, "scan");

        Assert.Equal(new[] { "0 CMS sites checked: 0 warnings, 0 info." }, scan.OutLines);
    }
}
