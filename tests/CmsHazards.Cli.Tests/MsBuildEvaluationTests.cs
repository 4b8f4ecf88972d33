using Xunit;
using static CmsHazards.Cli.Tests.ScanTests;

namespace CmsHazards.Cli.Tests;

/// <summary>
/// The cases where a reader of project files was silently wrong and a build is right (issue 14), on the parity
/// sites (tests/Fixtures/Parity): each reports what the build reports, because MSBuild evaluates the project.
/// The end-to-end tests build the same sites and compare line by line.
/// </summary>
public class MsBuildEvaluationTests
{
    private const string Iis75 = "the host is declared as IIS 7.5 (CmsHostIisVersion), and IIS carries WebSockets only from 8.0";
    private const string NoWebSockets = "the hosts are declared without WebSockets (CmsHostWebSockets=false)";

    private static string Warning(string site, string ui, string reason) =>
        $"{site}/Web.config(3,4): warning CMSH101: CMS UI 11.20.0 ({ui}) opens a WebSocket from the edit interface, but {reason}. {Consequence}";

    [Theory]
    [InlineData("Cms11Sdk", "Cms11Sdk.csproj (EPiServer.CMS.UI.Core 11.20.0)", Iis75)]
    [InlineData("OldStyle", "OldStyle.csproj (HintPath EPiServer.CMS.UI.Core.11.20.0)", Iis75)] // '$(Configuration.ToLower())' == 'debug'
    [InlineData("ChooseWhen", "ChooseWhen.csproj (EPiServer.CMS.UI 11.20.0)", NoWebSockets)] // <Choose><When>
    [InlineData("Imported", "Imported.csproj (EPiServer.CMS.UI.Core 11.20.0)", Iis75)] // hosting.props, imported
    [InlineData("SdkDerived", "SdkDerived.csproj (EPiServer.CMS.UI.Core 11.20.0)", Iis75)] // $(TargetFrameworkIdentifier)
    public void Each_site_reports_the_hazard_the_build_reports(string site, string ui, string reason)
    {
        using var tree = FixtureTree.Copy("Parity");

        var run = CliRun.InProcess(tree.Root, "scan", site);

        Assert.Equal(new[] { Warning(site, ui, reason), "1 CMS site checked: 1 warning (CMSH101: 1), 0 info." }, run.OutLines);
        Assert.Equal("", run.Error);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void The_configuration_is_a_global_property_as_dotnet_build_c_makes_it()
    {
        using var tree = FixtureTree.Copy("Parity");

        // Release: the Otherwise branch declares WebSockets; ToLower() gives "release", so nothing is declared.
        var release = CliRun.InProcess(tree.Root, "scan", "ChooseWhen", "OldStyle", "-c", "Release");
        var upper = CliRun.InProcess(tree.Root, "scan", "OldStyle", "-c", "DEBUG");

        Assert.Equal(new[] { "OldStyle/Web.config(3,4): info CMSH100: ", "2 CMS sites checked: 0 warnings, 1 info (CMSH100: 1)." }, release.OutLines.Select(l => l.StartsWith("OldStyle/", StringComparison.Ordinal) ? l.Substring(0, "OldStyle/Web.config(3,4): info CMSH100: ".Length) : l));
        Assert.Equal(0, release.ExitCode);
        Assert.Equal(Warning("OldStyle", "OldStyle.csproj (HintPath EPiServer.CMS.UI.Core.11.20.0)", Iis75), upper.OutLines[0]);
    }

    [Fact]
    public void The_metapackage_brings_the_UI_transitively_through_the_assets_file()
    {
        using var tree = FixtureTree.Copy("Parity");
        Restore(tree, packagesFolder: tree.PathOf("nuget-packages"));

        var run = CliRun.InProcess(tree.Root, "scan", "Metapackage");

        Assert.Equal(new[] { Warning("Metapackage", "project.assets.json (EPiServer.CMS.UI.Core 11.20.0)", NoWebSockets), "1 CMS site checked: 1 warning (CMSH101: 1), 0 info." }, run.OutLines);
        Assert.Equal("", run.Error);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void With_the_package_in_the_packages_folder_the_version_is_the_assembly_s_as_in_the_build()
    {
        using var tree = FixtureTree.Copy("Parity");
        var packages = tree.PathOf("nuget-packages");
        Restore(tree, packages);
        StandInAssembly.Write(Path.Combine(packages, "episerver.cms.ui.core", "11.20.0", "lib", "net45", "EPiServer.Cms.Shell.UI.dll"), "EPiServer.Cms.Shell.UI", "11.20.0.0");

        var run = CliRun.InProcess(tree.Root, "scan", "Metapackage");

        Assert.Equal(Warning("Metapackage", "EPiServer.Cms.Shell.UI 11.20.0.0", NoWebSockets), run.OutLines[0]);
    }

    [Fact]
    public void A_HintPath_whose_assembly_is_restored_names_the_assembly_as_the_build_does()
    {
        using var tree = FixtureTree.Copy("Parity");
        StandInAssembly.Write(tree.PathOf("packages/EPiServer.CMS.UI.Core.11.20.0/lib/net45/EPiServer.Cms.Shell.UI.dll"), "EPiServer.Cms.Shell.UI", "11.20.0.0");

        var run = CliRun.InProcess(tree.Root, "scan", "OldStyle");

        Assert.Equal(Warning("OldStyle", "EPiServer.Cms.Shell.UI 11.20.0.0", Iis75), run.OutLines[0]);
    }

    [Fact]
    public void A_metapackage_site_that_was_not_restored_is_an_error_never_a_pass()
    {
        using var tree = FixtureTree.Copy("Parity");

        var run = CliRun.InProcess(tree.Root, "scan", "Metapackage");

        Assert.Equal(new[] { "0 CMS sites checked: 0 warnings, 0 info, 1 file or folder not read." }, run.OutLines);
        Assert.Equal(
            new[] { "cmshazards: error: Metapackage/Metapackage.csproj: references EPiServer.CMS, which can bring CMS UI transitively, but the project has not been restored (obj/project.assets.json is missing); run dotnet restore, then cmshazards scan" },
            run.ErrorLines);
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public void Imports_missing_on_this_machine_are_skipped_and_named_in_a_note()
    {
        using var tree = FixtureTree.Copy("Parity");

        // As Visual Studio's template writes it: only VSToolsPath is tested, and the file is not on Linux.
        var project = File.ReadAllText(tree.PathOf("OldStyle/OldStyle.csproj")).Replace(
            "Condition=\"'$(VSToolsPath)' != '' and Exists('$(VSToolsPath)\\WebApplications\\Microsoft.WebApplication.targets')\"",
            "Condition=\"'$(VSToolsPath)' != ''\"");
        tree.Write("OldStyle/OldStyle.csproj", project);
        var line = Array.FindIndex(project.Split('\n'), l => l.Contains("Microsoft.WebApplication.targets", StringComparison.Ordinal)) + 1;

        var run = CliRun.InProcess(tree.Root, "scan", "OldStyle");

        Assert.Equal(new[] { Warning("OldStyle", "OldStyle.csproj (HintPath EPiServer.CMS.UI.Core.11.20.0)", Iis75), "1 CMS site checked: 1 warning (CMSH101: 1), 0 info." }, run.OutLines);
        var note = Assert.Single(run.ErrorLines);
        // MSBuild names the import with the platform's separators.
        var import = "$(VSToolsPath)\\WebApplications\\Microsoft.WebApplication.targets".Replace('\\', Path.DirectorySeparatorChar);
        Assert.Equal($"OldStyle/OldStyle.csproj({line},3): note: the import {import} does not exist on this machine; MSBuild evaluated the project without it, so what only it sets is not seen.", note);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void Where_MSBuild_cannot_evaluate_a_project_its_files_are_read_and_a_note_says_what_may_be_missed()
    {
        using var tree = FixtureTree.Copy("Parity");
        tree.Write("Cms11Sdk/Cms11Sdk.csproj", File.ReadAllText(tree.PathOf("Cms11Sdk/Cms11Sdk.csproj")).Replace("Sdk=\"Microsoft.NET.Sdk\"", "Sdk=\"Contoso.Web.Sdk\""));

        var run = CliRun.InProcess(tree.Root, "scan", "Cms11Sdk");

        Assert.Equal(new[] { Warning("Cms11Sdk", "Cms11Sdk.csproj (EPiServer.CMS.UI.Core 11.20.0)", Iis75), "1 CMS site checked: 1 warning (CMSH101: 1), 0 info, 1 project read without MSBuild." }, run.OutLines);
        var note = Assert.Single(run.ErrorLines);
        Assert.Matches(@"^Cms11Sdk/Cms11Sdk\.csproj(\(\d+,\d+\))?: note: MSBuild cannot evaluate this project \(.*Contoso\.Web\.Sdk.*\); cmshazards read its files instead, and imports other than Directory\.Build\.props", note);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void The_file_reader_alone_misses_what_MSBuild_sees_which_is_why_it_is_only_the_fallback()
    {
        using var tree = FixtureTree.Copy("Parity");
        foreach (var site in new[] { "ChooseWhen", "SdkDerived" })
        {
            tree.Write($"{site}/{site}.csproj", File.ReadAllText(tree.PathOf($"{site}/{site}.csproj")).Replace("Sdk=\"Microsoft.NET.Sdk\"", "Sdk=\"Contoso.Web.Sdk\""));
        }

        var run = CliRun.InProcess(tree.Root, "scan", "ChooseWhen", "SdkDerived");

        // Both notes (CMSH100) say "nothing declared": the reader sees neither Choose nor the SDK's properties.
        Assert.Equal(2, run.OutLines.Count(l => l.Contains(": info CMSH100: ", StringComparison.Ordinal)));
        Assert.Equal(2, run.ErrorLines.Count(l => l.Contains("note: MSBuild cannot evaluate this project", StringComparison.Ordinal)));
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void GitHub_format_writes_workflow_annotations_escaped_as_the_runner_reads_them()
    {
        using var tree = FixtureTree.Copy("Parity");

        var run = CliRun.InProcess(tree.Root, "scan", "Cms11Sdk", "--format", "github");

        var message = Warning("Cms11Sdk", "Cms11Sdk.csproj (EPiServer.CMS.UI.Core 11.20.0)", Iis75).Substring("Cms11Sdk/Web.config(3,4): warning CMSH101: ".Length);
        Assert.Equal(
            new[] { $"::warning file=Cms11Sdk/Web.config,line=3,col=4,endLine=3,endColumn=15,title=CMSH101%3A CMS UI opens a WebSocket on a host without WebSocket support::{message}" },
            run.OutLines);
        Assert.Equal(new[] { "1 CMS site checked: 1 warning (CMSH101: 1), 0 info." }, run.ErrorLines);
        Assert.Equal("a%25b%0Dc%0Ad", GitHubReport.Data("a%b\rc\nd"));
        Assert.Equal("a%3Ab%2Cc%25", GitHubReport.Property("a:b,c%"));
    }

    /// <summary>The assets file a restore of the Metapackage site writes, with the packages folder given.</summary>
    private static void Restore(FixtureTree tree, string packagesFolder)
    {
        var assets = File.ReadAllText(FixtureTree.FixturePath("Restored/Metapackage.project.assets.json"))
            .Replace("PACKAGES_FOLDER", (packagesFolder + Path.DirectorySeparatorChar).Replace("\\", "\\\\"));
        tree.Write("Metapackage/obj/project.assets.json", assets);
    }
}
