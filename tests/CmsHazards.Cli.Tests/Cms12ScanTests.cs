using Xunit;

namespace CmsHazards.Cli.Tests;

/// <summary>
/// <c>cmshazards scan</c> on a CMS 12 site (no web.config): the same engine as the build, on what can be read without one
/// (appsettings files, the host declaration, infrastructure files); what only the build's analyzer reads (the C#) is named
/// in the message, and the appsettings fix is the one --fix applies.
/// </summary>
public class Cms12ScanTests
{
    private const string Project =
        "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n    <CmsHostWebSockets>false</CmsHostWebSockets>\n  </PropertyGroup>\n" +
        "  <ItemGroup>\n    <PackageReference Include=\"EPiServer.CMS.UI.Core\" VersionOverride=\"12.23.0\" />\n  </ItemGroup>\n</Project>\n";

    private const string Startup =
        "public class Startup\n{\n    public void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)\n    {\n        services.AddCms();\n    }\n}\n";

    private const string AppSettings = "{\r\n  \"AllowedHosts\": \"*\" // every host\r\n}\r\n";

    private const string NotRead =
        " The site's C# is not read here (CmsHazards reads it only through its analyzer, in a build): if it sets UIOptions.WebSocketEnabled to false, this does not apply.";

    private static FixtureTree Site(string appSettings = AppSettings)
    {
        var tree = FixtureTree.Copy("Repo");
        tree.Write("Cms12/Cms12.csproj", Project);
        tree.Write("Cms12/Startup.cs", Startup);
        tree.Write("Cms12/appsettings.json", appSettings);
        return tree;
    }

    [Fact]
    public void A_CMS_12_site_declared_without_WebSockets_gets_CMSH101_and_is_told_what_was_not_read()
    {
        using var tree = Site();

        var run = CliRun.InProcess(tree.Root, "scan", "Cms12");

        Assert.Equal(2, run.OutLines.Length);
        Assert.Equal(
            "Cms12/Cms12.csproj(4,6): warning CMSH101: CMS UI 12.23.0 (Cms12.csproj (EPiServer.CMS.UI.Core 12.23.0)) opens a WebSocket from the edit interface unless the site's C# turns it off (UIOptions.WebSocketEnabled is on by default, and no appsettings file turns it off), " +
            "but the hosts are declared without WebSockets (CmsHostWebSockets=false). Editors will get \"A real-time connection could not be established with the server\". " +
            "Set UIOptions.WebSocketEnabled to false: services.Configure<UIOptions>(o => o.WebSocketEnabled = false)." + NotRead,
            run.OutLines[0]);
        Assert.Equal("1 CMS site checked: 1 warning (CMSH101: 1), 0 info.", run.OutLines[1]);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void A_CMS_12_site_declared_on_old_IIS_gets_CMSH101_at_the_element_that_declares_it()
    {
        using var tree = Site();
        tree.Write("Cms12/Cms12.csproj", Project.Replace("<CmsHostWebSockets>false</CmsHostWebSockets>", "<CmsHostIisVersion>7.5</CmsHostIisVersion>"));

        var run = CliRun.InProcess(tree.Root, "scan", "Cms12");

        Assert.Equal(
            new[]
            {
                "Cms12/Cms12.csproj(4,6): warning CMSH101: CMS UI 12.23.0 (Cms12.csproj (EPiServer.CMS.UI.Core 12.23.0)) opens a WebSocket from the edit interface unless the site's C# turns it off (UIOptions.WebSocketEnabled is on by default, and no appsettings file turns it off), " +
                "but the host is declared as IIS 7.5 (CmsHostIisVersion), and IIS carries WebSockets only from 8.0. Editors will get \"A real-time connection could not be established with the server\". " +
                "Set UIOptions.WebSocketEnabled to false: services.Configure<UIOptions>(o => o.WebSocketEnabled = false)." + NotRead,
                "1 CMS site checked: 1 warning (CMSH101: 1), 0 info.",
            },
            run.OutLines);
    }

    [Fact]
    public void The_switch_off_in_appsettings_json_gives_nothing()
    {
        using var tree = Site("{ \"EPiServer\": { \"CmsUI\": { \"UI\": { \"WebSocketEnabled\": false } } } }");

        var run = CliRun.InProcess(tree.Root, "scan", "Cms12");

        Assert.Equal(new[] { "1 CMS site checked: 0 warnings, 0 info." }, run.OutLines);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void Fix_turns_it_off_in_appsettings_json_keeping_every_other_byte_and_the_next_scan_is_clean()
    {
        using var tree = Site();

        var fix = CliRun.InProcess(tree.Root, "scan", "Cms12", "--fix");
        var again = CliRun.InProcess(tree.Root, "scan", "Cms12");

        Assert.Contains("fixed Cms12/appsettings.json: Turn off CMS UI WebSockets in appsettings.json", fix.Out + fix.Error);
        Assert.Equal(
            "{\r\n  \"AllowedHosts\": \"*\", // every host\r\n  \"EPiServer\": {\r\n    \"CmsUI\": {\r\n      \"UI\": {\r\n        \"WebSocketEnabled\": false\r\n      }\r\n    }\r\n  }\r\n}\r\n",
            File.ReadAllText(tree.PathOf("Cms12/appsettings.json")));
        Assert.Equal(Startup, File.ReadAllText(tree.PathOf("Cms12/Startup.cs")));
        Assert.Equal(new[] { "1 CMS site checked: 0 warnings, 0 info." }, again.OutLines);
    }
}
