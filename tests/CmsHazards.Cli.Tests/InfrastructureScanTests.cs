using Xunit;

namespace CmsHazards.Cli.Tests;

/// <summary>
/// <c>cmshazards scan</c> with ARM, Bicep or Terraform files that deploy the sites: named with --infrastructure, or
/// found in the scanned tree (then a note tells which CmsHostInfrastructure value makes builds read them too).
/// </summary>
public class InfrastructureScanTests
{
    private const string PublicUi = "CMS UI 11.20.0 (Directory.Packages.props (EPiServer.CMS.UI 11.20.0))";

    private const string OffInBicep =
        "infra/main.bicep(22,26): warning CMSH101: " + PublicUi + " opens a WebSocket from the edit interface, but the host is Azure App Service, and Web sockets are off for web app 'contoso-cms' (siteConfig sets webSocketsEnabled to false at main.bicep(22)); " +
        "for slot 'contoso-cms/staging' (main.bicep(27) declares slot 'contoso-cms/staging' without siteConfig.webSocketsEnabled, and App Service leaves Web sockets off unless they are turned on). " +
        "Editors will get \"A real-time connection could not be established with the server\". Set Epi.WebSockets.Enabled to false in the root appSettings, which Web.config takes from appsettings.config (configSource), or turn Web sockets on for every App Service host.";

    private static void AddInfrastructure(FixtureTree tree, string fixture, string relative) =>
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Infrastructure", fixture.Replace('/', Path.DirectorySeparatorChar)), tree.PathOf(relative));

    [Fact]
    public void A_Bicep_file_named_with_infrastructure_that_leaves_Web_sockets_off_is_CMSH101_at_its_line()
    {
        using var tree = FixtureTree.Copy("Repo");
        Directory.CreateDirectory(tree.PathOf("infra"));
        AddInfrastructure(tree, "bicep/site-off/main.bicep", "infra/main.bicep");

        var run = CliRun.InProcess(tree.Root, "scan", "Public", "--infrastructure", "infra/main.bicep");

        Assert.Equal(new[] { OffInBicep, "1 CMS site checked: 1 warning (CMSH101: 1), 0 info." }, run.OutLines);
        Assert.Equal("", run.Error);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void Files_that_turn_Web_sockets_on_give_nothing()
    {
        using var tree = FixtureTree.Copy("Repo");
        Directory.CreateDirectory(tree.PathOf("infra"));
        AddInfrastructure(tree, "bicep/on/main.bicep", "infra/main.bicep");

        var run = CliRun.InProcess(tree.Root, "scan", "Public", "--infrastructure", "infra");

        Assert.Equal(new[] { "1 CMS site checked: 0 warnings, 0 info." }, run.OutLines);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void Files_found_in_the_scanned_tree_are_read_and_a_note_names_the_property()
    {
        using var tree = FixtureTree.Copy("Repo");
        Directory.CreateDirectory(tree.PathOf("Public/infra"));
        AddInfrastructure(tree, "bicep/site-off/main.bicep", "Public/infra/main.bicep");

        var run = CliRun.InProcess(tree.Root, "scan", "Public");

        Assert.Equal(new[] { "Public/" + OffInBicep, "1 CMS site checked: 1 warning (CMSH101: 1), 0 info." }, run.OutLines);
        Assert.Equal(
            new[] { @"Public/Public.csproj: note: read the infrastructure files found under the scanned folders (Public/infra/main.bicep); builds read them with <CmsHostInfrastructure>infra\main.bicep</CmsHostInfrastructure> in the project or Directory.Build.props." },
            run.ErrorLines);
    }

    [Fact]
    public void The_project_property_names_the_files_with_a_glob()
    {
        using var tree = FixtureTree.Copy("Repo");
        Directory.CreateDirectory(tree.PathOf("deploy/bicep"));
        AddInfrastructure(tree, "bicep/site-off/main.bicep", "deploy/bicep/main.bicep");
        var project = File.ReadAllText(tree.PathOf("Public/Public.csproj"));
        tree.Write("Public/Public.csproj", project.Replace("</Project>", "  <PropertyGroup><CmsHostInfrastructure>..\\deploy\\**\\*.bicep</CmsHostInfrastructure></PropertyGroup>\n</Project>"));

        var run = CliRun.InProcess(tree.Root, "scan", "Public");

        Assert.Equal(new[] { OffInBicep.Replace("infra/main.bicep(22,26)", "deploy/bicep/main.bicep(22,26)"), "1 CMS site checked: 1 warning (CMSH101: 1), 0 info." }, run.OutLines);
        Assert.Equal("", run.Error);
    }
}
