using CmsHazards.Build;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Xunit;

namespace CmsHazards.Build.Tests;

/// <summary>
/// A CMS 12 site in a build without the analyzer (RunAnalyzers=false, an old compiler): the task reports through the same
/// engine what it can decide without the C# (appsettings.json, the host declaration, infrastructure files) and says what it
/// could not read. With the analyzer, it reports nothing: the analyzer reports on the AddCms call.
/// </summary>
public sealed class InspectCmsSiteCms12Tests : IDisposable
{
    private const string NotRead =
        " The site's C# is not read here (CmsHazards reads it only through its analyzer, in a build): if it sets UIOptions.WebSocketEnabled to false, this does not apply.";

    private const string Message =
        "CMS UI 12.23.0 (EPiServer.Cms.Shell.UI 12.23.0.0) opens a WebSocket from the edit interface unless the site's C# turns it off (UIOptions.WebSocketEnabled is on by default, and no appsettings file turns it off), " +
        "but the hosts are declared without WebSockets (CmsHostWebSockets=false). Editors will get \"A real-time connection could not be established with the server\". " +
        "Set UIOptions.WebSocketEnabled to false: services.Configure<UIOptions>(o => o.WebSocketEnabled = false)." + NotRead;

    private readonly string _site = Directory.CreateTempSubdirectory("cmshazards-task12-").FullName;
    private readonly RecordingBuildEngine _engine = new();

    public void Dispose() => Directory.Delete(_site, recursive: true);

    [Fact]
    public void Without_the_analyzer_the_task_reports_what_it_can_decide_and_says_what_it_did_not_read()
    {
        Write("appsettings.json", "{\n  \"AllowedHosts\": \"*\"\n}\n");
        var task = Task(webSockets: "false");
        task.ReportFindings = true;

        Assert.True(task.Execute());

        var warning = Assert.Single(_engine.Warnings);
        Assert.Equal("CMSH101", warning.Code);
        Assert.Equal(Message, warning.Message);
        Assert.Equal("12.23.0", task.CmsUiVersion);
    }

    [Fact]
    public void With_the_analyzer_the_task_reports_nothing()
    {
        Write("appsettings.json", "{ }");
        var task = Task(webSockets: "false");

        Assert.True(task.Execute());

        Assert.Empty(_engine.Warnings);
        Assert.Equal("12.23.0", task.CmsUiVersion);
    }

    [Fact]
    public void The_switch_off_in_the_declared_environments_appsettings_file_decides()
    {
        Write("appsettings.json", "{ \"EPiServer\": { \"CmsUI\": { \"UI\": { \"WebSocketEnabled\": true } } } }");
        Write("appsettings.Production.json", "{\n  // behind the DXP proxy\n  \"EpiServer\": { \"CmsUi\": { \"UI\": { \"WebSocketEnabled\": false, } } },\n}\n");
        var task = Task(webSockets: "false");
        task.ReportFindings = true;
        task.HostEnvironment = "Production";

        Assert.True(task.Execute());

        Assert.Empty(_engine.Warnings);
    }

    [Fact]
    public void An_environment_file_that_turns_it_on_is_named_at_its_line()
    {
        Write("appsettings.json", "{ \"EPiServer\": { \"CmsUI\": { \"UI\": { \"WebSocketEnabled\": false } } } }");
        Write("appsettings.Staging.json", "{\n  \"EPiServer\": { \"CmsUI\": { \"UI\": { \"WebSocketEnabled\": true } } }\n}\n");
        var task = Task(webSockets: "false");
        task.ReportFindings = true;

        Assert.True(task.Execute());

        Assert.Equal(
            "appsettings.Staging.json(2,37,2,55): warning CMSH101: CMS UI 12.23.0 (EPiServer.Cms.Shell.UI 12.23.0.0) opens a WebSocket from the edit interface unless the site's C# turns it off (appsettings.Staging.json(2) sets EPiServer:CmsUI:UI:WebSocketEnabled to true), " +
            "but the hosts are declared without WebSockets (CmsHostWebSockets=false). Editors will get \"A real-time connection could not be established with the server\". " +
            "Set UIOptions.WebSocketEnabled to false: services.Configure<UIOptions>(o => o.WebSocketEnabled = false)." + NotRead,
            Assert.Single(_engine.WarningLines));
    }

    [Fact]
    public void A_Terraform_file_that_leaves_Web_sockets_off_is_host_evidence_at_its_line()
    {
        Write("appsettings.json", "{ }");
        Write("infra/main.tf", "resource \"azurerm_linux_web_app\" \"cms\" {\n  name = \"cms\"\n  site_config {\n    websockets_enabled = false\n  }\n}\n");
        var task = Task(webSockets: null);
        task.ReportFindings = true;
        task.InfrastructureFiles = new ITaskItem[] { new TaskItem(Path.Combine(_site, "infra", "main.tf")) };

        Assert.True(task.Execute());

        Assert.Equal(
            "main.tf(4,26,4,31): warning CMSH101: CMS UI 12.23.0 (EPiServer.Cms.Shell.UI 12.23.0.0) opens a WebSocket from the edit interface unless the site's C# turns it off (UIOptions.WebSocketEnabled is on by default, and no appsettings file turns it off), " +
            "but the host is Azure App Service, and Web sockets are off for azurerm_linux_web_app.cms (site_config sets websockets_enabled to false at main.tf(4)). Editors will get \"A real-time connection could not be established with the server\". " +
            "Set UIOptions.WebSocketEnabled to false: services.Configure<UIOptions>(o => o.WebSocketEnabled = false). Or turn Web sockets on for every App Service host." + NotRead,
            Assert.Single(_engine.WarningLines));
    }

    private InspectCmsSite Task(string? webSockets) => new()
    {
        BuildEngine = _engine,
        ProjectDirectory = _site,
        ConfigFiles = Directory.GetFiles(_site, "appsettings*.json").Select(f => (ITaskItem)new TaskItem(f)).ToArray(),
        References = new ITaskItem[] { UiReference() },
        HostWebSockets = webSockets,
        TargetFramework = "net8.0",
    };

    private TaskItem UiReference()
    {
        var item = new TaskItem(Path.Combine(_site, "bin", "EPiServer.Cms.Shell.UI.dll"));
        item.SetMetadata("FusionName", "EPiServer.Cms.Shell.UI, Version=12.23.0.0, Culture=neutral, PublicKeyToken=8fe83dea738b45b7");
        return item;
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_site, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
