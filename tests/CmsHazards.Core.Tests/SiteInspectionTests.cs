using CmsHazards.Configuration;
using CmsHazards.Hosting;
using CmsHazards.Versions;
using Xunit;

namespace CmsHazards.Tests;

/// <summary>The site as the MSBuild task and the cmshazards command both gather it from disk (one implementation).</summary>
public class SiteInspectionTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cmshazards-inspection-").FullName;

    [Fact]
    public void The_configSource_file_in_a_folder_the_targets_do_not_list_is_found_and_read_with_the_build_configuration()
    {
        var site = Write("Site/Web.config", "<configuration><appSettings configSource=\"Config\\AppSettings.config\" /></configuration>");
        var appSettings = Write("Site/Config/AppSettings.config", "<appSettings><add key=\"Epi.WebSockets.Enabled\" value=\"false\" /></appSettings>");
        var transform = Write("Site/Config/AppSettings.Release.config", "<appSettings />");
        var packages = Write("Site/packages.config", "<packages />");

        var inspection = SiteInspection.Find(new[] { site, packages }, Path.Combine(_root, "Site"), null, "Release", Read);

        Assert.NotNull(inspection);
        Assert.Equal(site, inspection!.WebConfigPath);
        Assert.Equal(new[] { appSettings, transform }, inspection.ConfigSourceFiles);
        Assert.Equal(new[] { site, packages, appSettings, transform }, inspection.Paths);
        Assert.Equal(packages, inspection.PackagesConfigPath);

        var facts = inspection.Facts(new CmsUiReference(CmsUiVersion.Parse("11.20.0")!, "test"), HostDeclaration.Read("false", null));
        Assert.Equal(appSettings, facts!.Configuration!.AppSettingsFile!.Path);
        Assert.Equal(transform, facts.Configuration.AppSettingsTransform!.Path);
        Assert.Equal("Release", facts.BuildConfiguration);
    }

    [Fact]
    public void A_project_without_a_readable_root_web_config_is_not_a_site()
    {
        var views = Write("Site/Views/Web.config", "<configuration />");
        var gone = Path.Combine(_root, "Site", "Web.config");

        Assert.Null(SiteInspection.Find(new[] { views }, Path.Combine(_root, "Site"), null, null, Read));
        Assert.Null(SiteInspection.Find(new[] { gone }, Path.Combine(_root, "Site"), null, null, _ => null));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static ConfigFile? Read(string path) => File.Exists(path) ? ConfigFile.Parse(path, File.ReadAllText(path)) : null;

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
