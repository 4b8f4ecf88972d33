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

    private readonly PackedSamples _samples;

    public SampleBuildTests(PackedSamples samples) => _samples = samples;

    private string Cms11Site => Path.Combine(_samples.Samples, "Cms11Site");

    [Fact]
    public void The_CMS_11_site_warns_on_its_application_class()
    {
        var build = Dotnet.Build(Cms11Site, "Cms11Site.csproj", _samples.VersionProperty);

        Assert.True(build.ExitCode == 0, build.ToString());
        var line = Assert.Single(build.Diagnostics);
        Assert.Equal($"{Cms11Site}/Global.asax.cs(5,18): warning CMSH101: {OldIisMessage} ({HelpLink}) [{Cms11Site}/Cms11Site.csproj]", line);
    }

    [Fact]
    public void Warnings_as_errors_fail_the_build()
    {
        var build = Dotnet.Build(Cms11Site, "Cms11Site.csproj", _samples.VersionProperty, "-warnaserror:CMSH101");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Equal($"{Cms11Site}/Global.asax.cs(5,18): error CMSH101: {OldIisMessage} ({HelpLink}) [{Cms11Site}/Cms11Site.csproj]", Assert.Single(build.Diagnostics));
    }

    [Fact]
    public void Declaring_hosts_with_WebSockets_silences_it()
    {
        var build = Dotnet.Build(Cms11Site, "Cms11Site.csproj", _samples.VersionProperty, "-p:CmsHostWebSockets=true");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(build.Diagnostics);
    }

    [Fact]
    public void Without_analyzers_the_task_reports_the_hazard_exactly_once()
    {
        var build = Dotnet.Build(Cms11Site, "Cms11Site.csproj", _samples.VersionProperty, "-p:RunAnalyzers=false");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal($"{Cms11Site}/Web.config(10,4,10,15): warning CMSH101: {OldIisMessage} [{Cms11Site}/Cms11Site.csproj]", Assert.Single(build.Diagnostics));
    }

    [Fact]
    public void Dotnet_format_applies_the_fix_and_the_next_build_is_clean()
    {
        var site = _samples.CopySample("Cms11Site");
        var webConfig = Path.Combine(site, "Web.config");
        var before = File.ReadAllBytes(webConfig);

        // dotnet format takes no MSBuild properties on its command line; MSBuild reads them from the environment too.
        var environment = new Dictionary<string, string> { ["CmsHazardsPackageVersion"] = _samples.Version };
        var format = Dotnet.Run(site, environment, "format", "analyzers", "Cms11Site.csproj", "--diagnostics", "CMSH101", "--severity", "info");

        Assert.True(format.ExitCode == 0, format.ToString());
        var expected = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(before).Replace(
            "    <add key=\"UnobtrusiveJavaScriptEnabled\" value=\"true\" />\r\n",
            "    <add key=\"UnobtrusiveJavaScriptEnabled\" value=\"true\" />\r\n    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\r\n"));
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
            "    <add key=\"UnobtrusiveJavaScriptEnabled\" value=\"true\" />\r\n    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\r\n")));
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
    public void The_CMS_12_site_gets_nothing()
    {
        var site = Path.Combine(_samples.Samples, "Cms12Site");

        var build = Dotnet.Build(site, "Cms12Site.csproj", _samples.VersionProperty);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(build.Diagnostics);
        Assert.Contains("CmsHazards", File.ReadAllText(Path.Combine(site, "obj", "Cms12Site.csproj.nuget.g.props"))); // the package was really there
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
