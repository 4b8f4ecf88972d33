using CmsHazards.Build;
using CmsHazards.Configuration;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Xunit;

namespace CmsHazards.Build.Tests;

/// <summary>
/// Where the analyzer runs, the task reports nothing and hands it what only the build knows, as text that survives
/// the compiler's .editorconfig (<see cref="HandedOverText"/>).
/// </summary>
public sealed class InspectCmsSiteHandOverTests : IDisposable
{
    private const string Project =
        "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\r\n  <ItemGroup>\r\n    <PackageReference Include=\"EPiServer.CMS.UI\" Version=\"12.4.0\" />\r\n" +
        "    <PackageReference Include=\"EPiServer.Logging.Log4Net\" Version=\"$(LogVersion)\" />\r\n  </ItemGroup>\r\n</Project>\r\n";

    private readonly string _site = Directory.CreateTempSubdirectory("cmshazards-task-handover-").FullName;
    private readonly RecordingBuildEngine _engine = new();

    public void Dispose() => Directory.Delete(_site, recursive: true);

    private InspectCmsSite Task(params ITaskItem[] packageReferences)
    {
        var ui = new TaskItem(Path.Combine(_site, "nuget", "episerver.cms.ui.core", "12.4.0", "lib", "net6.0", "EPiServer.Cms.Shell.UI.dll"));
        ui.SetMetadata("FusionName", "EPiServer.Cms.Shell.UI, Version=12.4.0.0, Culture=neutral, PublicKeyToken=8fe83dea738b45b7");
        ui.SetMetadata("NuGetPackageId", "EPiServer.CMS.UI.Core");
        ui.SetMetadata("NuGetPackageVersion", "12.4.0");
        File.WriteAllText(Path.Combine(_site, "Site.csproj"), Project);
        File.WriteAllText(Path.Combine(_site, "web.config"), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<configuration>\r\n  <system.webServer>\r\n    <aspNetCore processPath=\"dotnet\" arguments=\".\\Site.dll\" />\r\n  </system.webServer>\r\n</configuration>\r\n");
        return new InspectCmsSite
        {
            BuildEngine = _engine,
            ProjectDirectory = _site,
            ProjectFile = Path.Combine(_site, "Site.csproj"),
            TargetFramework = "net8.0",
            ConfigFiles = new ITaskItem[] { new TaskItem(Path.Combine(_site, "web.config")) },
            References = new ITaskItem[] { ui },
            PackageReferences = packageReferences,
            HostWebSockets = "true",
            ReportFindings = false,
        };
    }

    [Fact]
    public void The_PackageReference_elements_are_handed_to_the_analyzer_with_their_evaluated_versions_and_places()
    {
        var task = Task(
            new TaskItem("EPiServer.CMS.UI", new Dictionary<string, string> { ["Version"] = "12.4.0" }),
            new TaskItem("EPiServer.Logging.Log4Net", new Dictionary<string, string> { ["Version"] = "2.2.2" }));

        Assert.True(task.Execute());

        Assert.Empty(_engine.WarningLines);
        var project = Path.Combine(_site, "Site.csproj");
        Assert.Equal($"2|EPiServer.CMS.UI,12.4.0,PackageReference,59,16,2,5,2,21,{project}|EPiServer.Logging.Log4Net,2.2.2,PackageReference,129,16,3,5,3,21,{project}", task.DeclaredPackages);
        var handed = HandedOverText.ToPackages(task.DeclaredPackages)!;
        Assert.Equal(new[] { "EPiServer.CMS.UI 12.4.0 Site.csproj(3)", "EPiServer.Logging.Log4Net 2.2.2 Site.csproj(4)" }, handed.Select(p => $"{p.Id} {p.VersionText} {p.Location!.Describe()}"));
    }

    [Fact]
    public void A_project_without_PackageReference_items_hands_over_none()
    {
        var task = Task();

        Assert.True(task.Execute());

        Assert.Equal("0", task.DeclaredPackages);
        Assert.Empty(_engine.WarningLines);
    }

    [Fact]
    public void Files_CmsHostInfrastructure_names_that_do_not_exist_are_handed_over_as_one_list()
    {
        var task = Task();
        task.MissingInfrastructureFiles = new ITaskItem[] { new TaskItem("infra/main.bicep"), new TaskItem("infra/C#/app.tf") };

        Assert.True(task.Execute());

        Assert.Equal("infra/main.bicep|infra/C%23/app.tf", task.MissingInfrastructure);
        Assert.Equal(new[] { "infra/main.bicep", "infra/C#/app.tf" }, HandedOverText.Split(task.MissingInfrastructure));
    }

    [Fact]
    public void The_project_folder_is_handed_over_escaped() =>
        Assert.Equal("/src/C%23/Site", new InspectCmsSite { ProjectDirectory = "/src/C#/Site" }.EscapedProjectDirectory);
}
