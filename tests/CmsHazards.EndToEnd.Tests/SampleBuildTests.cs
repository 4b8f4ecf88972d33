using System.Text;
using Xunit;

namespace CmsHazards.EndToEnd.Tests;

/// <summary>The samples built through the packed package: the warnings exactly as a user's build prints them.</summary>
[Collection(PackedSamplesCollection.Name)]
public sealed class SampleBuildTests
{
    private const string OldIisMessage =
        "CMS UI 11.20.0 (EPiServer.Cms.Shell.UI 11.20.0.0) opens a WebSocket from the edit interface, but the host is declared as IIS 7.5 (CmsHostIisVersion), and IIS carries WebSockets only from 8.0. " +
        "Editors will get \"A real-time connection could not be established with the server\". Set Epi.WebSockets.Enabled to false in the root appSettings of Web.config.";

    private const string HelpLink = "https://github.com/cmshazards/cmshazards/blob/main/docs/rules/CMSH101.md";

    /// <summary>The sample's binding redirect still names CMS UI 11.19; bin holds the 11.20 stand-in.</summary>
    private const string StaleRedirectMessage =
        "The binding redirect for EPiServer.Cms.Shell.UI at Web.config(33) (oldVersion=\"0.0.0.0-11.19.0.0\" newVersion=\"11.19.0.0\") does not match EPiServer.Cms.Shell.UI 11.20.0.0, " +
        "which the build compiles against and copies to bin (from EPiServer.Cms.Shell.UI.dll): the runtime asks for 11.19.0.0 and fails with " +
        "\"The located assembly's manifest definition does not match the assembly reference\" (0x80131040). Set oldVersion=\"0.0.0.0-11.20.0.0\" newVersion=\"11.20.0.0\".";

    private const string StaleRedirectHelpLink = "https://github.com/cmshazards/cmshazards/blob/main/docs/rules/CMSH301.md";

    private const string StaleRedirect = "<bindingRedirect oldVersion=\"0.0.0.0-11.19.0.0\" newVersion=\"11.19.0.0\" />";

    private const string MatchingRedirect = "<bindingRedirect oldVersion=\"0.0.0.0-11.20.0.0\" newVersion=\"11.20.0.0\" />";

    private readonly PackedSamples _samples;

    public SampleBuildTests(PackedSamples samples) => _samples = samples;

    private string Cms11Site => Path.Combine(_samples.Samples, "Cms11Site");

    [Fact]
    public void The_CMS_11_site_warns_on_its_application_class()
    {
        var build = Dotnet.Build(Cms11Site, "Cms11Site.csproj", _samples.VersionProperty);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal(
            new[]
            {
                $"{Cms11Site}/Global.asax.cs(5,18): warning CMSH101: {OldIisMessage} ({HelpLink}) [{Cms11Site}/Cms11Site.csproj]",
                $"{Cms11Site}/Global.asax.cs(5,18): warning CMSH301: {StaleRedirectMessage} ({StaleRedirectHelpLink}) [{Cms11Site}/Cms11Site.csproj]",
            },
            build.Diagnostics);
    }

    private const string BicepMessage =
        "CMS UI 11.20.0 (EPiServer.Cms.Shell.UI 11.20.0.0) opens a WebSocket from the edit interface, but the host is Azure App Service, and Web sockets are off for web app 'contoso-cms' (siteConfig sets webSocketsEnabled to false at main.bicep(22)); " +
        "for slot 'contoso-cms/staging' (main.bicep(27) declares slot 'contoso-cms/staging' without siteConfig.webSocketsEnabled, and App Service leaves Web sockets off unless they are turned on). " +
        "Editors will get \"A real-time connection could not be established with the server\". Set Epi.WebSockets.Enabled to false in the root appSettings of Web.config, or turn Web sockets on for every App Service host.";

    /// <summary>The sample without its IIS declaration, deployed by a Bicep file in another folder that CmsHostInfrastructure names.</summary>
    /// <summary>The hosting findings of a build (CMSH1xx): the sample also carries a stale binding redirect (CMSH301), which these tests are not about.</summary>
    private static IEnumerable<string> HostDiagnostics(Dotnet.Result build) => build.Diagnostics.Where(d => d.Contains(": warning CMSH1", StringComparison.Ordinal) || d.Contains(": info CMSH1", StringComparison.Ordinal));

    private (string Site, string Bicep) SiteDeployedByBicep(string fixture)
    {
        var site = _samples.CopySample("Cms11Site");
        var bicep = Path.GetFullPath(Path.Combine(site, "..", "..", "infra", "main.bicep"));
        Directory.CreateDirectory(Path.GetDirectoryName(bicep)!);
        File.Copy(Path.Combine(_samples.RepositoryRoot, "tests", "Fixtures", "Infrastructure", "bicep", fixture, "main.bicep"), bicep);
        return (site, bicep);
    }

    [Fact]
    public void A_Bicep_file_that_leaves_Web_sockets_off_warns_on_the_application_class_naming_its_line()
    {
        var (site, _) = SiteDeployedByBicep("site-off");

        var build = Dotnet.Build(site, "Cms11Site.csproj", _samples.VersionProperty, "-p:CmsHostIisVersion=", @"-p:CmsHostInfrastructure=..\..\infra\*.bicep");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal($"{site}/Global.asax.cs(5,18): warning CMSH101: {BicepMessage} ({HelpLink}) [{site}/Cms11Site.csproj]", Assert.Single(HostDiagnostics(build)));
    }

    [Fact]
    public void Without_analyzers_the_task_reports_the_Bicep_line()
    {
        var (site, bicep) = SiteDeployedByBicep("site-off");

        var build = Dotnet.Build(site, "Cms11Site.csproj", _samples.VersionProperty, "-p:CmsHostIisVersion=", @"-p:CmsHostInfrastructure=..\..\infra\main.bicep", "-p:RunAnalyzers=false");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal($"{bicep}(22,26,22,31): warning CMSH101: {BicepMessage} [{site}/Cms11Site.csproj]", Assert.Single(HostDiagnostics(build)));
    }

    [Fact]
    public void A_Bicep_file_that_turns_Web_sockets_on_gives_nothing()
    {
        var (site, _) = SiteDeployedByBicep("on");

        var build = Dotnet.Build(site, "Cms11Site.csproj", _samples.VersionProperty, "-p:CmsHostIisVersion=", @"-p:CmsHostInfrastructure=..\..\infra\main.bicep");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(HostDiagnostics(build));
    }

    [Fact]
    public void Warnings_as_errors_fail_the_build()
    {
        var build = Dotnet.Build(Cms11Site, "Cms11Site.csproj", _samples.VersionProperty, "-warnaserror:CMSH101");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Equal($"{Cms11Site}/Global.asax.cs(5,18): error CMSH101: {OldIisMessage} ({HelpLink}) [{Cms11Site}/Cms11Site.csproj]", Assert.Single(build.Diagnostics, d => d.Contains("CMSH101")));
        Assert.Contains(build.Diagnostics, d => d.Contains(": warning CMSH301: "));
    }

    [Fact]
    public void Declaring_hosts_with_WebSockets_silences_it()
    {
        var build = Dotnet.Build(Cms11Site, "Cms11Site.csproj", _samples.VersionProperty, "-p:CmsHostWebSockets=true");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal(new[] { $"{Cms11Site}/Global.asax.cs(5,18): warning CMSH301: {StaleRedirectMessage} ({StaleRedirectHelpLink}) [{Cms11Site}/Cms11Site.csproj]" }, build.Diagnostics);
    }

    [Fact]
    public void Without_analyzers_the_task_reports_the_hazard_exactly_once()
    {
        var build = Dotnet.Build(Cms11Site, "Cms11Site.csproj", _samples.VersionProperty, "-p:RunAnalyzers=false");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal(
            new[]
            {
                $"{Cms11Site}/Web.config(10,4,10,15): warning CMSH101: {OldIisMessage} [{Cms11Site}/Cms11Site.csproj]",
                $"{Cms11Site}/Web.config(33,10,33,25): warning CMSH301: {StaleRedirectMessage} [{Cms11Site}/Cms11Site.csproj]",
            },
            build.Diagnostics);
    }

    [Fact]
    public void Dotnet_format_applies_the_fix_and_the_next_build_is_clean()
    {
        var site = _samples.CopySample("Cms11Site");
        var webConfig = Path.Combine(site, "Web.config");
        var before = File.ReadAllBytes(webConfig);

        // dotnet format takes no MSBuild properties on its command line; MSBuild reads them from the environment too.
        var environment = new Dictionary<string, string> { ["CmsHazardsPackageVersion"] = _samples.Version };
        // One pass for both rules, as a developer runs it. dotnet format analyzes again before each rule's Fix All, but asks
        // it with the key of the first action where both rules' diagnostics sit (the application class), in either order;
        // the Fix All then makes each diagnostic's first fix (AdditionalFileFixAll), so the result does not depend on it.
        var format = Dotnet.Run(site, environment, "format", "analyzers", "Cms11Site.csproj", "--diagnostics", "CMSH301", "CMSH101", "--severity", "info");
        Assert.True(format.ExitCode == 0, format.ToString());

        var expected = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(before).Replace(
            "    <add key=\"UnobtrusiveJavaScriptEnabled\" value=\"true\" />\r\n",
            "    <add key=\"UnobtrusiveJavaScriptEnabled\" value=\"true\" />\r\n    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\r\n").Replace(StaleRedirect, MatchingRedirect));
        Assert.Equal(0xEF, before[0]); // the byte order mark survives the round trip below
        Assert.Equal(expected, File.ReadAllBytes(webConfig));

        var build = Dotnet.Build(site, "Cms11Site.csproj", _samples.VersionProperty);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(build.Diagnostics);
    }

    [Fact]
    public void A_release_transform_that_drops_the_key_brings_the_warning_back_in_release_builds_only()
    {
        var site = _samples.CopySample("Cms11Site");
        var webConfig = Path.Combine(site, "Web.config");
        File.WriteAllBytes(webConfig, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(File.ReadAllBytes(webConfig)).Replace(
            "    <add key=\"UnobtrusiveJavaScriptEnabled\" value=\"true\" />\r\n",
            "    <add key=\"UnobtrusiveJavaScriptEnabled\" value=\"true\" />\r\n    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\r\n").Replace(StaleRedirect, MatchingRedirect)));
        File.WriteAllText(Path.Combine(site, "Web.Release.config"),
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<configuration xmlns:xdt=\"http://schemas.microsoft.com/XML-Document-Transform\">\r\n  <appSettings>\r\n" +
            "    <add key=\"Epi.WebSockets.Enabled\" xdt:Transform=\"Remove\" xdt:Locator=\"Match(key)\" />\r\n  </appSettings>\r\n</configuration>\r\n");

        var debug = Dotnet.Build(site, "Cms11Site.csproj", _samples.VersionProperty);
        var release = Dotnet.Build(site, "Cms11Site.csproj", _samples.VersionProperty, "-c", "Release");

        Assert.True(debug.ExitCode == 0, debug.ToString());
        Assert.Empty(debug.Diagnostics);
        Assert.True(release.ExitCode == 0, release.ToString());
        Assert.Equal(
            $"{site}/Global.asax.cs(5,18): warning CMSH101: {OldIisMessage} Epi.WebSockets.Enabled=\"false\" at Web.config(15) does not take effect in the Release configuration: " +
            "xdt:Transform=\"Remove\" at Web.Release.config(4) removes it. No fix is offered: the transform decides; change it at Web.Release.config(4). " +
            $"({HelpLink}) [{site}/Cms11Site.csproj]",
            Assert.Single(release.Diagnostics));
    }

    [Fact]
    public void The_old_style_web_application_with_packages_config_warns_too()
    {
        _samples.InstallForPackagesConfig();
        var site = Path.Combine(_samples.Samples, "Cms11WebApplication");

        var build = Dotnet.Build(site, "Cms11WebApplication.csproj", _samples.VersionProperty);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal(
            $"{site}/Global.asax.cs(5,18): warning CMSH101: CMS UI 11.20.0 (EPiServer.Cms.Shell.UI 11.20.0.0) opens a WebSocket from the edit interface, but WebSockets are switched off for the site in IIS (<webSocket enabled=\"false\"> at Web.config(20)). " +
            $"Editors will get \"A real-time connection could not be established with the server\". Set Epi.WebSockets.Enabled to false in the root appSettings of Web.config. ({HelpLink}) [{site}/Cms11WebApplication.csproj]",
            Assert.Single(build.Diagnostics));
    }

    [Fact]
    public void A_project_without_CMS_gets_nothing()
    {
        var project = Path.Combine(_samples.Root, "copies", "PlainLibrary");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "PlainLibrary.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <CmsHostIisVersion>7.5</CmsHostIisVersion>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="CmsHazards" Version="{_samples.Version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Web.config"), "<configuration><appSettings /></configuration>");
        File.WriteAllText(Path.Combine(project, "Library.cs"), "namespace PlainLibrary { public static class Library { } }");
        File.Copy(Path.Combine(_samples.Root, "NuGet.config"), Path.Combine(project, "NuGet.config"));

        var build = Dotnet.Build(project, "PlainLibrary.csproj");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(build.Diagnostics);
    }
}
