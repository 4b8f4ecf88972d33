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
