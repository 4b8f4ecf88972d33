using CmsHazards.Build;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Xunit;

namespace CmsHazards.Build.Tests;

public sealed class InspectCmsSiteTests : IDisposable
{
    private const string Message =
        "CMS UI 11.20.0 (EPiServer.Cms.Shell.UI 11.20.0.0) opens a WebSocket from the edit interface, but the host is declared as IIS 7.5 (CmsHostIisVersion), and IIS carries WebSockets only from 8.0. " +
        "Editors will get \"A real-time connection could not be established with the server\". Set Epi.WebSockets.Enabled to false in the root appSettings of Web.config.";

    private const string WebConfig = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<configuration>\r\n  <appSettings>\r\n    <add key=\"webpages:Version\" value=\"3.0.0.0\" />\r\n  </appSettings>\r\n  <system.web>\r\n    <httpRuntime targetFramework=\"4.7.2\" />\r\n  </system.web>\r\n</configuration>\r\n";

    private readonly string _site = Directory.CreateTempSubdirectory("cmshazards-task-").FullName;
    private readonly RecordingBuildEngine _engine = new();

    public void Dispose() => Directory.Delete(_site, recursive: true);

    [Fact]
    public void Without_an_analyzer_the_task_reports_the_hazard_at_the_web_config_element()
    {
        Write("Web.config", WebConfig);
        var task = Task(UiReference(fusionName: "EPiServer.Cms.Shell.UI, Version=11.20.0.0, Culture=neutral, PublicKeyToken=8fe83dea738b45b7"));
        task.ReportFindings = true;

        Assert.True(task.Execute());

        Assert.Equal(new[] { $"Web.config(3,4,3,15): warning CMSH101: {Message}" }, _engine.WarningLines);
        Assert.Equal(Path.Combine(_site, "Web.config"), _engine.Warnings[0].File);
        Assert.Equal("11.20.0", task.CmsUiVersion);
        Assert.Equal("EPiServer.Cms.Shell.UI 11.20.0.0", task.CmsUiVersionSource);
    }

    [Fact]
    public void With_an_analyzer_the_task_only_hands_over_the_facts()
    {
        Write("Web.config", WebConfig);
        var task = Task(UiReference(fusionName: "EPiServer.Cms.Shell.UI, Version=11.20.0.0, Culture=neutral, PublicKeyToken=null"));

        Assert.True(task.Execute());

        Assert.Empty(_engine.Warnings);
        Assert.Equal("11.20.0", task.CmsUiVersion);
    }

    [Theory]
    [InlineData("NuGetPackageVersion", "11.20.0", "EPiServer.CMS.UI.Core 11.20.0")]
    [InlineData("HintPath", @"..\packages\EPiServer.CMS.UI.Core.11.20.0\lib\net461\EPiServer.Cms.Shell.UI.dll", "EPiServer.CMS.UI.Core 11.20.0 (packages folder)")]
    public void Without_an_identity_the_version_comes_from_the_package(string metadata, string value, string source)
    {
        var reference = UiReference();
        reference.SetMetadata(metadata, value);
        if (metadata == "NuGetPackageVersion") reference.SetMetadata("NuGetPackageId", "EPiServer.CMS.UI.Core");
        Write("Web.config", WebConfig);
        var task = Task(reference);
        task.ReportFindings = true;

        Assert.True(task.Execute());

        Assert.Equal(source, task.CmsUiVersionSource);
        Assert.Equal($"Web.config(3,4,3,15): warning CMSH101: {Message.Replace("EPiServer.Cms.Shell.UI 11.20.0.0", source)}", Assert.Single(_engine.WarningLines));
    }

    [Fact]
    public void The_appSettings_file_named_by_configSource_is_handed_to_the_analyzer()
    {
        Write("Web.config", WebConfig.Replace("  <appSettings>\r\n    <add key=\"webpages:Version\" value=\"3.0.0.0\" />\r\n  </appSettings>", "  <appSettings configSource=\"App_Config\\AppSettings.config\" />"));
        Write("App_Config/AppSettings.config", "<appSettings>\r\n  <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\r\n</appSettings>\r\n");
        var task = Task(UiReference(fusionName: "EPiServer.Cms.Shell.UI, Version=11.20.0.0"));
        task.ReportFindings = true;

        Assert.True(task.Execute());

        Assert.Equal(Path.Combine(_site, "App_Config", "AppSettings.config"), Assert.Single(task.AdditionalFiles).ItemSpec);
        Assert.Empty(_engine.Warnings); // the key in the configSource file turns WebSockets off
    }

    [Fact]
    public void Without_an_analyzer_the_task_checks_the_configuration_the_build_deploys()
    {
        Write("Web.config", WebConfig.Replace("<add key=\"webpages:Version\" value=\"3.0.0.0\" />", "<add key=\"Epi.WebSockets.Enabled\" value=\"false\" />"));
        Write("Web.Release.config", "<?xml version=\"1.0\"?>\r\n<configuration xmlns:xdt=\"http://schemas.microsoft.com/XML-Document-Transform\">\r\n  <appSettings>\r\n    <add key=\"Epi.WebSockets.Enabled\" xdt:Transform=\"Remove\" xdt:Locator=\"Match(key)\" />\r\n  </appSettings>\r\n</configuration>\r\n");

        var debug = Task(UiReference(fusionName: "EPiServer.Cms.Shell.UI, Version=11.20.0.0"));
        debug.ReportFindings = true;
        debug.Configuration = "Debug";
        Assert.True(debug.Execute());
        Assert.Empty(_engine.Warnings);

        var release = Task(UiReference(fusionName: "EPiServer.Cms.Shell.UI, Version=11.20.0.0"));
        release.ReportFindings = true;
        release.Configuration = "Release";
        Assert.True(release.Execute());
        var warning = Assert.Single(_engine.Warnings);
        Assert.Equal("CMSH101", warning.Code);
        Assert.Equal(("Web.Release.config", 4), (Path.GetFileName(warning.File), warning.LineNumber));
        Assert.Equal(
            $"{Message} Epi.WebSockets.Enabled=\"false\" at Web.config(4) does not take effect in the Release configuration: xdt:Transform=\"Remove\" at Web.Release.config(4) removes it. " +
            "No fix is offered: the transform decides; change it at Web.Release.config(4).",
            warning.Message);
    }

    [Fact]
    public void A_configSource_file_in_another_folder_and_its_transform_are_handed_to_the_analyzer()
    {
        Write("Web.config", WebConfig.Replace("  <appSettings>\r\n    <add key=\"webpages:Version\" value=\"3.0.0.0\" />\r\n  </appSettings>", "  <appSettings configSource=\"App_Config\\AppSettings.config\" />"));
        Write("App_Config/AppSettings.config", "<appSettings>\r\n  <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\r\n</appSettings>\r\n");
        Write("App_Config/AppSettings.Release.config", "<appSettings xmlns:xdt=\"http://schemas.microsoft.com/XML-Document-Transform\">\r\n  <add key=\"Epi.WebSockets.Enabled\" value=\"true\" xdt:Transform=\"SetAttributes\" xdt:Locator=\"Match(key)\" />\r\n</appSettings>\r\n");
        var task = Task(UiReference(fusionName: "EPiServer.Cms.Shell.UI, Version=11.20.0.0"));
        task.Configuration = "Release";
        task.ReportFindings = true;

        Assert.True(task.Execute());

        Assert.Equal(
            new[] { Path.Combine(_site, "App_Config", "AppSettings.config"), Path.Combine(_site, "App_Config", "AppSettings.Release.config") },
            task.AdditionalFiles.Select(f => f.ItemSpec));
        Assert.Equal(
            $"{Message.Replace("in the root appSettings of Web.config.", "in the root appSettings, which Web.config takes from AppSettings.config (configSource).")} Epi.WebSockets.Enabled=\"false\" at AppSettings.config(2) does not take effect in the Release configuration: xdt:Transform=\"SetAttributes\" at AppSettings.Release.config(2) sets it to \"true\". " +
            "No fix is offered: the transform decides; change it at AppSettings.Release.config(2).",
            Assert.Single(_engine.Warnings).Message);
    }

    [Fact]
    public void Packages_config_gives_the_version_and_a_disagreement_is_logged_in_detail()
    {
        Write("Web.config", WebConfig);
        Write("packages.config", "<packages>\r\n  <package id=\"EPiServer.CMS.UI.Core\" version=\"11.19.0\" targetFramework=\"net48\" />\r\n</packages>\r\n");
        var task = Task(UiReference(fusionName: "EPiServer.Cms.Shell.UI, Version=11.20.0.0"));

        Assert.True(task.Execute());

        var message = Assert.Single(_engine.Messages, m => m.Message?.StartsWith("CmsHazards:", StringComparison.Ordinal) == true);
        Assert.Equal("CmsHazards: packages.config (EPiServer.CMS.UI.Core 11.19.0) names CMS UI 11.19.0, but the build compiles against EPiServer.Cms.Shell.UI 11.20.0.0; the compiled version counts.", message.Message);
        Assert.Equal(MessageImportance.Low, message.Importance);
        Assert.Equal("11.20.0", task.CmsUiVersion);
    }

    [Theory]
    [InlineData("Version", "11.19.0", null)]
    [InlineData("VersionOverride", "11.19.0", "11.20.0")]
    [InlineData(null, null, "11.19.0")] // Central Package Management: the version is in Directory.Packages.props
    public void A_PackageReference_asking_for_another_version_is_logged_in_detail(string? metadata, string? value, string? central)
    {
        Write("Web.config", WebConfig);
        var package = new TaskItem("EPiServer.CMS.UI");
        if (metadata is not null) package.SetMetadata(metadata, value);
        var task = Task(UiReference(fusionName: "EPiServer.Cms.Shell.UI, Version=11.20.0.0"));
        task.PackageReferences = new ITaskItem[] { package, new TaskItem("EPiServer.CMS.UI.AspNetIdentity") };
        if (central is not null)
        {
            var version = new TaskItem("EPiServer.CMS.UI");
            version.SetMetadata("Version", central);
            task.PackageVersions = new ITaskItem[] { version };
        }

        Assert.True(task.Execute());

        var message = Assert.Single(_engine.Messages, m => m.Message?.StartsWith("CmsHazards:", StringComparison.Ordinal) == true);
        Assert.Equal("CmsHazards: PackageReference EPiServer.CMS.UI asks for 11.19.0, but the build compiles against EPiServer.Cms.Shell.UI 11.20.0.0; the compiled version counts.", message.Message);
    }

    [Fact]
    public void A_project_without_CMS_reads_nothing_and_reports_nothing()
    {
        Write("Web.config", "this is not XML, and a non-CMS project never reads it");
        var task = Task(new TaskItem(Path.Combine(_site, "Newtonsoft.Json.dll")));
        task.ReportFindings = true;

        Assert.True(task.Execute());

        Assert.Empty(_engine.Warnings);
        Assert.Null(task.CmsUiVersion);
    }

    [Fact]
    public void A_web_config_that_is_not_XML_is_a_warning_not_a_failed_build()
    {
        Write("Web.config", "\r\n" + WebConfig);
        var task = Task(UiReference(fusionName: "EPiServer.Cms.Shell.UI, Version=11.20.0.0"));
        task.ReportFindings = true;

        Assert.True(task.Execute());

        var warning = Assert.Single(_engine.Warnings);
        Assert.Equal("CMSH200", warning.Code);
        Assert.Equal((2, 3), (warning.LineNumber, warning.ColumnNumber));
        Assert.Empty(_engine.Errors);
    }

    [Fact]
    public void A_web_config_that_cannot_be_opened_is_a_warning_not_a_crash()
    {
        Directory.CreateDirectory(Path.Combine(_site, "Web.config")); // a folder where the file should be
        var task = Task(UiReference(fusionName: "EPiServer.Cms.Shell.UI, Version=11.20.0.0"), configFiles: new[] { "Web.config" });
        task.ReportFindings = true;

        Assert.True(task.Execute());

        var warning = Assert.Single(_engine.Warnings);
        Assert.Equal("CMSH200", warning.Code);
        Assert.StartsWith("Web.config cannot be read (", warning.Message);
        Assert.Empty(_engine.Errors);
    }

    [Fact]
    public void A_100_MB_web_config_is_skipped_with_a_message_without_reading_it()
    {
        using (var stream = File.Create(Path.Combine(_site, "Web.config"))) stream.SetLength(100L * 1024 * 1024); // sparse: nothing written
        var task = Task(UiReference(fusionName: "EPiServer.Cms.Shell.UI, Version=11.20.0.0"));
        task.ReportFindings = true;

        Assert.True(task.Execute());

        var warning = Assert.Single(_engine.Warnings);
        Assert.Equal("CMSH200", warning.Code);
        Assert.Equal("Web.config is not read: it is 100 MB, larger than the 4 MB CmsHazards reads (IIS itself refuses a web.config over 250 KB unless MaxWebConfigFileSizeInKB is raised). CmsHazards checks nothing in it.", warning.Message);
    }

    [Fact]
    public void A_UTF_16_web_config_is_reported_at_the_right_line_and_column()
    {
        File.WriteAllText(Path.Combine(_site, "Web.config"), WebConfig.Replace("utf-8", "utf-16"), new System.Text.UnicodeEncoding(false, true));
        var task = Task(UiReference(fusionName: "EPiServer.Cms.Shell.UI, Version=11.20.0.0"));
        task.ReportFindings = true;

        Assert.True(task.Execute());

        Assert.Equal(new[] { $"Web.config(3,4,3,15): warning CMSH101: {Message}" }, _engine.WarningLines);
    }

    [Fact]
    public void The_task_writes_nothing()
    {
        Write("Web.config", WebConfig);
        Write("packages.config", "<packages><package id=\"EPiServer.CMS.UI.Core\" version=\"11.20.0\" /></packages>");
        var before = Snapshot();
        var task = Task(UiReference(fusionName: "EPiServer.Cms.Shell.UI, Version=11.20.0.0"));
        task.ReportFindings = true;

        Assert.True(task.Execute());

        Assert.Single(_engine.Warnings);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Many_tasks_at_once_as_under_msbuild_m_report_what_they_report_one_at_a_time()
    {
        var sites = Enumerable.Range(0, 24).Select(i =>
        {
            var folder = Path.Combine(_site, "site" + i);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "Web.config"), i % 3 == 0 ? WebConfig.Replace("webpages:Version\" value=\"3.0.0.0", "Epi.WebSockets.Enabled\" value=\"false") : WebConfig);
            return folder;
        }).ToList();

        IReadOnlyList<string> Run(string folder)
        {
            var engine = new RecordingBuildEngine();
            var task = new InspectCmsSite
            {
                BuildEngine = engine,
                ProjectDirectory = folder,
                ConfigFiles = new ITaskItem[] { new TaskItem(Path.Combine(folder, "Web.config")) },
                References = new ITaskItem[] { UiReference(fusionName: "EPiServer.Cms.Shell.UI, Version=11.20.0.0") },
                HostIisVersion = folder.EndsWith("1", StringComparison.Ordinal) ? "10.0" : "7.5",
                ReportFindings = true,
            };
            Assert.True(task.Execute());
            return engine.WarningLines.ToList();
        }

        var sequential = sites.Select(Run).ToList();
        var parallel = sites.AsParallel().AsOrdered().WithDegreeOfParallelism(8).Select(Run).ToList();

        Assert.Equal(sequential, parallel);
        Assert.Contains(sequential, lines => lines.Count == 0);
        Assert.Contains(sequential, lines => lines.Count == 1);
    }

    private Dictionary<string, string> Snapshot() => Directory.GetFiles(_site, "*", SearchOption.AllDirectories)
        .ToDictionary(f => f, f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))) + File.GetLastWriteTimeUtc(f).Ticks);

    private InspectCmsSite Task(ITaskItem reference, string[]? configFiles = null) => new()
    {
        BuildEngine = _engine,
        ProjectDirectory = _site,
        ConfigFiles = (configFiles ?? Directory.GetFiles(_site, "*.config").Select(Path.GetFileName).ToArray()!)
            .Select(f => (ITaskItem)new TaskItem(Path.Combine(_site, f!))).ToArray(),
        References = new[] { reference },
        HostIisVersion = "7.5",
    };

    private TaskItem UiReference(string? fusionName = null)
    {
        var item = new TaskItem(Path.Combine(_site, "bin", "EPiServer.Cms.Shell.UI.dll"));
        if (fusionName is not null) item.SetMetadata("FusionName", fusionName);
        return item;
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_site, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
