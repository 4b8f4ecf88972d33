using CmsHazards.Build;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using Xunit;

namespace CmsHazards.Build.Tests;

/// <summary>
/// The task alone (RunAnalyzers=false) reports CMSH301-305 from the references and packages MSBuild resolved, and
/// nothing for redirects that match, for assemblies the build does not reference, for pre-release packages whose
/// assemblies the redirects name, and in a configuration whose transform replaces <c>&lt;runtime&gt;</c> with matching ones.
/// </summary>
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

    /// <summary>A web.config with this <c>&lt;runtime&gt;</c> (or other root elements) and an httpRuntime, so no WebSockets rule speaks.</summary>
    private static string WebConfigWith(string root) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<configuration>\r\n" + root +
        "  <system.web>\r\n    <httpRuntime targetFramework=\"4.8\" />\r\n  </system.web>\r\n</configuration>\r\n";

    private static string DependentAssembly(string indent, string name, string token, string version) =>
        $"{indent}<dependentAssembly>\r\n{indent}  <assemblyIdentity name=\"{name}\" publicKeyToken=\"{token}\" culture=\"neutral\" />\r\n" +
        $"{indent}  <bindingRedirect oldVersion=\"0.0.0.0-{version}\" newVersion=\"{version}\" />\r\n{indent}</dependentAssembly>\r\n";

    private const string UiToken = "8fe83dea738b45b7";

    private InspectCmsSite Task(params string[] configFiles) => TaskWithUi("EPiServer.CMS.UI.Core.11.20.0", "11.20.0.0", configFiles);

    /// <summary>The task as the targets call it, with EPiServer.Cms.Shell.UI at this version from this packages folder.</summary>
    private InspectCmsSite TaskWithUi(string uiPackageFolder, string uiVersion, params string[] configFiles)
    {
        var ui = new TaskItem(Path.Combine(_site, "packages", uiPackageFolder, "lib", "net461", "EPiServer.Cms.Shell.UI.dll"));
        ui.SetMetadata("FusionName", $"EPiServer.Cms.Shell.UI, Version={uiVersion}, Culture=neutral, PublicKeyToken={UiToken}");
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

    [Fact]
    public void A_second_dependentAssembly_for_one_assembly_is_reported_at_it_and_the_one_in_effect_is_judged()
    {
        // The second entry names the same identity in another casing and without culture; its stale 11.19.0.0 has no effect.
        Write("Web.config", WebConfigWith(
            "  <runtime>\r\n    <assemblyBinding xmlns=\"urn:schemas-microsoft-com:asm.v1\">\r\n" +
            DependentAssembly("      ", "EPiServer.Cms.Shell.UI", UiToken, "11.20.0.0") +
            "      <dependentAssembly>\r\n        <assemblyIdentity name=\"episerver.cms.shell.ui\" publicKeyToken=\"8FE83DEA738B45B7\" />\r\n" +
            "        <bindingRedirect oldVersion=\"0.0.0.0-11.19.0.0\" newVersion=\"11.19.0.0\" />\r\n      </dependentAssembly>\r\n" +
            "    </assemblyBinding>\r\n  </runtime>\r\n"));

        Assert.True(Task("Web.config").Execute());

        Assert.Equal(
            "Web.config(9,8,9,25): warning CMSH302: EPiServer.Cms.Shell.UI has a second dependentAssembly at Web.config(9) (newVersion=\"11.19.0.0\"); " +
            "the runtime uses the first one, at Web.config(5) (newVersion=\"11.20.0.0\"), for every version the second one names, so the second has no effect. Remove the one at Web.config(9).",
            Assert.Single(_engine.WarningLines));
    }

    [Fact]
    public void An_assemblyBinding_without_the_namespace_is_reported_at_its_start_tag()
    {
        Write("Web.config", WebConfigWith(
            "  <runtime>\r\n    <assemblyBinding>\r\n" + DependentAssembly("      ", "EPiServer.Cms.Shell.UI", UiToken, "11.19.0.0") + "    </assemblyBinding>\r\n  </runtime>\r\n"));

        Assert.True(Task("Web.config").Execute());

        // The redirect is never read, so its 11.19.0.0 is not CMSH301: the runtime loads what is in bin.
        Assert.Equal(
            "Web.config(4,6,4,21): warning CMSH303: The <assemblyBinding> at Web.config(4) is not in the namespace urn:schemas-microsoft-com:asm.v1, " +
            "so the runtime never reads its binding redirects (EPiServer.Cms.Shell.UI). Add xmlns=\"urn:schemas-microsoft-com:asm.v1\".",
            Assert.Single(_engine.WarningLines));
    }

    [Fact]
    public void A_redirect_inside_a_location_is_reported_at_its_dependentAssembly()
    {
        Write("Web.config", WebConfigWith(
            "  <location path=\".\" inheritInChildApplications=\"false\">\r\n    <runtime>\r\n      <assemblyBinding xmlns=\"urn:schemas-microsoft-com:asm.v1\">\r\n" +
            DependentAssembly("        ", "EPiServer.Cms.Shell.UI", UiToken, "11.20.0.0") +
            "      </assemblyBinding>\r\n    </runtime>\r\n  </location>\r\n"));

        Assert.True(Task("Web.config").Execute());

        Assert.Equal(
            "Web.config(6,10,6,27): warning CMSH303: The binding redirect for EPiServer.Cms.Shell.UI at Web.config(6) is inside a <location>, where the runtime never reads it: " +
            "the CLR reads binding redirects only from <configuration><runtime> of the application's web.config. Move it into the root <runtime>.",
            Assert.Single(_engine.WarningLines));
    }

    [Fact]
    public void A_redirect_in_a_folder_web_config_is_reported_in_that_file()
    {
        Write("Web.config", WebConfig("11.20.0.0"));
        Directory.CreateDirectory(Path.Combine(_site, "Views"));
        Write("Views/Web.config",
            "<?xml version=\"1.0\"?>\n<configuration>\n  <runtime>\n    <assemblyBinding xmlns=\"urn:schemas-microsoft-com:asm.v1\">\n" +
            DependentAssembly("      ", "EPiServer", UiToken, "11.20.0.0").Replace("\r\n", "\n") + "    </assemblyBinding>\n  </runtime>\n</configuration>\n");

        Assert.True(Task("Web.config", "Views/Web.config").Execute());

        var warning = Assert.Single(_engine.Warnings);
        Assert.Equal(Path.Combine(_site, "Views", "Web.config"), warning.File);
        Assert.Equal(
            "Web.config(5,8,5,25): warning CMSH303: The binding redirect for EPiServer at Views/Web.config(5) is in a folder's web.config, which the runtime never reads: " +
            "the CLR reads binding redirects only from the application's root web.config. Move it into the root <runtime>.",
            Assert.Single(_engine.WarningLines));
    }

    [Fact]
    public void Runtime_configSource_is_reported_at_the_runtime_element()
    {
        Write("Web.config", WebConfigWith("  <runtime configSource=\"Runtime.config\" />\r\n"));
        Write("Runtime.config", "<runtime>\r\n  <assemblyBinding xmlns=\"urn:schemas-microsoft-com:asm.v1\">\r\n" +
            DependentAssembly("    ", "EPiServer.Cms.Shell.UI", UiToken, "11.20.0.0") + "  </assemblyBinding>\r\n</runtime>\r\n");

        Assert.True(Task("Web.config").Execute());

        Assert.Equal(
            "Web.config(3,4,3,11): warning CMSH303: <runtime configSource=\"Runtime.config\"> at Web.config(3): the CLR reads <runtime> from web.config itself and does not follow configSource, " +
            "so the binding redirects in that file are never read. Move them into web.config's <runtime>.",
            Assert.Single(_engine.WarningLines));
    }

    [Fact]
    public void A_redirect_for_an_assembly_the_build_does_not_reference_is_left_alone()
    {
        // Castle.Core's redirect would be stale against any Castle.Core but 1.0.0.0; the build references none.
        Write("Web.config", WebConfigWith(
            "  <runtime>\r\n    <assemblyBinding xmlns=\"urn:schemas-microsoft-com:asm.v1\">\r\n" +
            DependentAssembly("      ", "EPiServer.Cms.Shell.UI", UiToken, "11.20.0.0") +
            DependentAssembly("      ", "Castle.Core", "407dd0808d44fbdc", "1.0.0.0") +
            "    </assemblyBinding>\r\n  </runtime>\r\n"));

        Assert.True(Task("Web.config").Execute());

        Assert.Empty(_engine.WarningLines);
    }

    [Fact]
    public void A_pre_release_package_whose_assembly_the_redirect_names_gets_nothing()
    {
        Write("Web.config", WebConfig("11.20.0.0"));

        Assert.True(TaskWithUi("EPiServer.CMS.UI.Core.11.20.0-feature-012879", "11.20.0.0", "Web.config").Execute());

        Assert.Empty(_engine.WarningLines);
    }

    [Fact]
    public void A_pre_release_package_ahead_of_the_redirect_is_named_with_its_pre_release_version()
    {
        Write("Web.config", WebConfig("11.20.0.0"));

        Assert.True(TaskWithUi("EPiServer.CMS.UI.Core.11.21.0-pre-021", "11.21.0.0", "Web.config").Execute());

        Assert.Equal(
            "Web.config(7,10,7,25): warning CMSH301: The binding redirect for EPiServer.Cms.Shell.UI at Web.config(7) (oldVersion=\"0.0.0.0-11.20.0.0\" newVersion=\"11.20.0.0\") " +
            "does not match EPiServer.Cms.Shell.UI 11.21.0.0, which the build compiles against and copies to bin (from EPiServer.CMS.UI.Core 11.21.0-pre-021): " +
            "the runtime asks for 11.20.0.0 and fails with \"The located assembly's manifest definition does not match the assembly reference\" (0x80131040). " +
            "Set oldVersion=\"0.0.0.0-11.21.0.0\" newVersion=\"11.21.0.0\".",
            Assert.Single(_engine.WarningLines));
    }

    /// <summary>web.config's redirect says 11.19.0.0; Web.Release.config replaces &lt;runtime&gt; with one that says 11.20.0.0.</summary>
    private InspectCmsSite TransformFixesTheRedirect(string configuration)
    {
        Write("Web.config", WebConfig("11.19.0.0"));
        Write("Web.Release.config",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<configuration xmlns:xdt=\"http://schemas.microsoft.com/XML-Document-Transform\">\r\n" +
            Runtime.Replace("  <runtime>", "  <runtime xdt:Transform=\"Replace\">").Replace("VERSION", "11.20.0.0") + "</configuration>\r\n");
        var task = Task("Web.config", "Web.Release.config");
        task.Configuration = configuration;
        return task;
    }

    [Fact]
    public void A_transform_that_replaces_runtime_with_matching_redirects_leaves_nothing_in_its_configuration()
    {
        Assert.True(TransformFixesTheRedirect("Release").Execute());

        Assert.Empty(_engine.WarningLines);
    }

    [Fact]
    public void Without_that_transform_the_build_of_another_configuration_deploys_the_stale_redirect()
    {
        Assert.True(TransformFixesTheRedirect("Debug").Execute());

        Assert.StartsWith(
            "Web.config(7,10,7,25): warning CMSH301: The binding redirect for EPiServer.Cms.Shell.UI at Web.config(7) (oldVersion=\"0.0.0.0-11.19.0.0\" newVersion=\"11.19.0.0\") does not match EPiServer.Cms.Shell.UI 11.20.0.0",
            Assert.Single(_engine.WarningLines));
    }
}
