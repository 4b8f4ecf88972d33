using CmsHazards.Build;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Xunit;

namespace CmsHazards.Build.Tests;

/// <summary>The task alone (RunAnalyzers=false) reports CMSH301-305 from the references and packages MSBuild resolved.</summary>
public sealed class InspectCmsSiteUpgradeTests : IDisposable
{
    private const string Runtime = "  <runtime>\r\n    <assemblyBinding xmlns=\"urn:schemas-microsoft-com:asm.v1\">\r\n      <dependentAssembly>\r\n" +
        "        <assemblyIdentity name=\"EPiServer.Cms.Shell.UI\" publicKeyToken=\"8fe83dea738b45b7\" culture=\"neutral\" />\r\n" +
        "        <bindingRedirect oldVersion=\"0.0.0.0-VERSION\" newVersion=\"VERSION\" />\r\n" +
        "      </dependentAssembly>\r\n    </assemblyBinding>\r\n  </runtime>\r\n";

    private readonly string _site = Directory.CreateTempSubdirectory("cmshazards-task-upgrade-").FullName;
    private readonly RecordingBuildEngine _engine = new();

    public void Dispose() => Directory.Delete(_site, recursive: true);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_site, name), text);

    private static string WebConfig(string redirectVersion) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<configuration>\r\n" + Runtime.Replace("VERSION", redirectVersion) +
        "  <system.web>\r\n    <httpRuntime targetFramework=\"4.8\" />\r\n  </system.web>\r\n</configuration>\r\n";

    private InspectCmsSite Task(params string[] configFiles)
    {
        var ui = new TaskItem(Path.Combine(_site, "packages", "EPiServer.CMS.UI.Core.11.20.0", "lib", "net461", "EPiServer.Cms.Shell.UI.dll"));
        ui.SetMetadata("FusionName", "EPiServer.Cms.Shell.UI, Version=11.20.0.0, Culture=neutral, PublicKeyToken=8fe83dea738b45b7");
        return new InspectCmsSite
        {
            BuildEngine = _engine,
            ProjectDirectory = _site,
            ConfigFiles = configFiles.Select(f => (ITaskItem)new TaskItem(Path.Combine(_site, f))).ToArray(),
            References = new ITaskItem[] { ui },
            HostWebSockets = "true",
            ReportFindings = true,
        };
    }

    [Fact]
    public void A_stale_redirect_is_reported_at_its_line_naming_the_package()
    {
        Write("Web.config", WebConfig("11.19.0.0"));

        Assert.True(Task("Web.config").Execute());

        Assert.Equal(
            "Web.config(7,10,7,25): warning CMSH301: The binding redirect for EPiServer.Cms.Shell.UI at Web.config(7) (oldVersion=\"0.0.0.0-11.19.0.0\" newVersion=\"11.19.0.0\") " +
            "does not match EPiServer.Cms.Shell.UI 11.20.0.0, which the build compiles against and copies to bin (from EPiServer.CMS.UI.Core 11.20.0): " +
            "the runtime asks for 11.19.0.0 and fails with \"The located assembly's manifest definition does not match the assembly reference\" (0x80131040). " +
            "Set oldVersion=\"0.0.0.0-11.20.0.0\" newVersion=\"11.20.0.0\".",
            Assert.Single(_engine.WarningLines));
    }

    [Fact]
    public void A_site_whose_redirects_match_gets_nothing()
    {
        Write("Web.config", WebConfig("11.20.0.0"));
        Write("packages.config", "<packages>\r\n  <package id=\"EPiServer.CMS.UI\" version=\"11.20.0\" />\r\n  <package id=\"EPiServer.CMS.UI.Core\" version=\"11.20.0\" />\r\n</packages>\r\n");

        Assert.True(Task("Web.config", "packages.config").Execute());

        Assert.Empty(_engine.WarningLines);
    }

    [Fact]
    public void With_an_analyzer_the_task_reports_nothing_itself()
    {
        Write("Web.config", WebConfig("11.19.0.0"));
        var task = Task("Web.config");
        task.ReportFindings = false;

        Assert.True(task.Execute());

        Assert.Empty(_engine.WarningLines);
    }

    [Fact]
    public void A_family_at_mixed_versions_is_reported_in_packages_config()
    {
        Write("Web.config", WebConfig("11.20.0.0"));
        Write("packages.config", "<packages>\r\n  <package id=\"EPiServer.CMS.UI\" version=\"11.21.0\" />\r\n  <package id=\"EPiServer.CMS.UI.Core\" version=\"11.20.0\" />\r\n  <package id=\"EPiServer.CMS.UI.Core\" version=\"11.20.0\" />\r\n</packages>\r\n");

        Assert.True(Task("Web.config", "packages.config").Execute());

        var line = Assert.Single(_engine.WarningLines);
        Assert.StartsWith("packages.config(2,4,2,11): warning CMSH304: The EPiServer.CMS.UI package family is declared at different versions (EPiServer.CMS.UI 11.21.0, EPiServer.CMS.UI.Core 11.20.0, EPiServer.CMS.UI.Core 11.20.0)", line);
    }

    [Fact]
    public void A_CMS_11_package_in_a_net6_project_is_reported_at_the_PackageReference_with_its_evaluated_version()
    {
        Write("Site.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\">\r\n  <ItemGroup>\r\n    <PackageReference Include=\"EPiServer.CMS.UI\" Version=\"12.4.0\" />\r\n    <PackageReference Include=\"EPiServer.Logging.Log4Net\" Version=\"$(LogVersion)\" />\r\n  </ItemGroup>\r\n</Project>\r\n");
        var task = Task();
        task.TargetFramework = "net6.0";
        task.ProjectFile = Path.Combine(_site, "Site.csproj");
        var log4net = new TaskItem("EPiServer.Logging.Log4Net");
        log4net.SetMetadata("Version", "2.2.2");
        task.PackageReferences = new ITaskItem[] { new TaskItem("EPiServer.CMS.UI", new Dictionary<string, string> { ["Version"] = "12.4.0" }), log4net };

        Assert.True(task.Execute());

        Assert.Equal(
            "Site.csproj(4,6,4,22): warning CMSH305: EPiServer.Logging.Log4Net 2.2.2 at Site.csproj(4) is a CMS 11 package for ASP.NET on .NET Framework, but the project targets net6.0; " +
            "CMS 12 has no such package. Use Microsoft.Extensions.Logging, which CMS 12 logs through.",
            Assert.Single(_engine.WarningLines));
    }
}
