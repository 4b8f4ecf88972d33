using Xunit;

namespace CmsHazards.EndToEnd.Tests;

/// <summary>The CMS 12 samples built through the packed package: the warning at AddCms, and dotnet format's fix.</summary>
[Collection(PackedSamplesCollection.Name)]
public sealed class Cms12SampleBuildTests
{
    private const string Message =
        "CMS UI 12.23.0 (EPiServer.Cms.Shell.UI 12.23.0.0) opens a WebSocket from the edit interface (UIOptions.WebSocketEnabled is on by default), but the hosts are declared without WebSockets (CmsHostWebSockets=false). " +
        "Editors will get \"A real-time connection could not be established with the server\". Set UIOptions.WebSocketEnabled to false: services.Configure<UIOptions>(o => o.WebSocketEnabled = false). " +
        "(https://github.com/cmshazards/cmshazards/blob/main/docs/rules/CMSH101.md)";

    private readonly PackedSamples _samples;

    public Cms12SampleBuildTests(PackedSamples samples) => _samples = samples;

    [Fact]
    public void The_Startup_site_warns_once_at_its_AddCms_call()
    {
        var site = Path.Combine(_samples.Samples, "Cms12Site");

        var build = Dotnet.Build(site, "Cms12Site.csproj", _samples.VersionProperty);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal($"{site}/Startup.cs(11,14): warning CMSH101: {Message} [{site}/Cms12Site.csproj]", Assert.Single(build.Diagnostics));
        Assert.Contains("CmsHazards", File.ReadAllText(Path.Combine(site, "obj", "Cms12Site.csproj.nuget.g.props"))); // the package was really there
    }

    [Fact]
    public void The_minimal_hosting_site_warns_once_at_its_AddCms_call()
    {
        var site = Path.Combine(_samples.Samples, "Cms12MinimalSite");

        var build = Dotnet.Build(site, "Cms12MinimalSite.csproj", _samples.VersionProperty);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal($"{site}/Program.cs(6,18): warning CMSH101: {Message} [{site}/Cms12MinimalSite.csproj]", Assert.Single(build.Diagnostics));
    }

    [Fact]
    public void Hosts_declared_with_WebSockets_get_nothing()
    {
        var site = Path.Combine(_samples.Samples, "Cms12Site");

        var build = Dotnet.Build(site, "Cms12Site.csproj", _samples.VersionProperty, "-p:CmsHostWebSockets=true");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(build.Diagnostics);
    }

    private const string Log4NetMessage =
        "EPiServer.Logging.Log4Net 2.2.2 at Cms12Site.csproj(15) is a CMS 11 package for ASP.NET on .NET Framework, but the project targets net10.0; " +
        "CMS 12 has no such package. Use Microsoft.Extensions.Logging, which CMS 12 logs through.";

    /// <summary>
    /// A CMS 12 site that keeps the web.config of the ASP.NET Core Module in its repository, as many deployed to IIS
    /// do, and still references a CMS 11 package: the analyzer reads the PackageReference the task hands it and
    /// reports where the task alone (and the CLI) would.
    /// </summary>
    [Fact]
    public void A_CMS_11_package_in_a_site_with_a_web_config_is_reported_at_its_PackageReference_by_the_analyzer_and_the_task_alike()
    {
        var site = _samples.CopySample("Cms12Site");
        var copy = Path.GetDirectoryName(Path.GetDirectoryName(site))!;
        var feed = Path.Combine(copy, "stand-ins");
        StandInPackage.Write(feed, "EPiServer.Logging.Log4Net", "2.2.2");
        File.WriteAllText(Path.Combine(copy, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="stand-ins" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var project = Path.Combine(site, "Cms12Site.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("  <ItemGroup>\n", "  <ItemGroup>\n    <PackageReference Include=\"EPiServer.Logging.Log4Net\" Version=\"2.2.2\" />\n"));
        File.WriteAllText(Path.Combine(site, "web.config"),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <system.webServer>\n    <aspNetCore processPath=\"dotnet\" arguments=\".\\Cms12Site.dll\" />\n  </system.webServer>\n</configuration>\n");

        // The stand-in goes to a packages folder of this test, never the machine's.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(copy, "nuget-packages") };
        var analyzer = Dotnet.Run(site, environment, "build", "Cms12Site.csproj", "-tl:off", "-nodeReuse:false", "--no-incremental", _samples.VersionProperty, "-p:CmsHostWebSockets=true");
        var task = Dotnet.Run(site, environment, "build", "Cms12Site.csproj", "-tl:off", "-nodeReuse:false", "--no-incremental", _samples.VersionProperty, "-p:CmsHostWebSockets=true", "-p:RunAnalyzers=false");

        Assert.True(analyzer.ExitCode == 0, analyzer.ToString());
        // MSBuild leaves out the " [project]" suffix of a warning located in the project file itself.
        Assert.Equal($"{project}(15,6): warning CMSH305: {Log4NetMessage} (https://github.com/cmshazards/cmshazards/blob/main/docs/rules/CMSH305.md)", Assert.Single(analyzer.Diagnostics));
        Assert.True(task.ExitCode == 0, task.ToString());
        Assert.Equal($"{project}(15,6,15,22): warning CMSH305: {Log4NetMessage}", Assert.Single(task.Diagnostics));
    }

    [Fact]
    public void Dotnet_format_turns_the_switch_off_in_CSharp_and_the_next_build_is_clean()
    {
        var site = _samples.CopySample("Cms12Site");
        var startup = Path.Combine(site, "Startup.cs");
        var before = File.ReadAllText(startup);

        // dotnet format takes no MSBuild properties on its command line; MSBuild reads them from the environment too.
        var environment = new Dictionary<string, string> { ["CmsHazardsPackageVersion"] = _samples.Version };
        var format = Dotnet.Run(site, environment, "format", "analyzers", "Cms12Site.csproj", "--diagnostics", "CMSH101");

        Assert.True(format.ExitCode == 0, format.ToString());
        var expected = before
            .Replace("using EPiServer.Cms.UI.AspNetIdentity;\n", "using EPiServer.Cms.UI.AspNetIdentity;\nusing EPiServer.Web;\n")
            .Replace("            .AddCms();\n", "            .AddCms();\n        services.Configure<UIOptions>(o => o.WebSocketEnabled = false);\n");
        Assert.NotEqual(before, expected);
        Assert.Equal(expected, File.ReadAllText(startup));

        var build = Dotnet.Build(site, "Cms12Site.csproj", _samples.VersionProperty);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(build.Diagnostics);
    }
}
