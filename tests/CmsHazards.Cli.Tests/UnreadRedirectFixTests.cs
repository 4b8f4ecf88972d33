using System.Text;
using Xunit;

namespace CmsHazards.Cli.Tests;

/// <summary>
/// <c>cmshazards scan --fix</c> on a site with both kinds of unread binding redirect (CMSH303): the namespace and the
/// moves in one run, into one assemblyBinding, byte for byte as Fix All makes them; the summary counts files, not fixes.
/// </summary>
public class UnreadRedirectFixTests
{
    private const string Move = "Move the binding redirect into the root <runtime>";

    [Fact]
    public void Fix_adds_the_namespace_and_moves_both_redirects_in_one_run_and_counts_the_two_files_it_changed()
    {
        using var tree = FixtureTree.Copy("Repo");
        var site = tree.PathOf("Intranet");
        File.WriteAllBytes(Path.Combine(site, "Web.config"), WithWebSocketsOff(Fixture("Web.config")));
        Directory.CreateDirectory(Path.Combine(site, "Views"));
        File.WriteAllBytes(Path.Combine(site, "Views", "Web.config"), Fixture("Views/Web.config"));

        var run = CliRun.InProcess(site, "scan", "--fix");

        Assert.Equal(
            new[] { "fixed Views/Web.config: " + Move, "fixed Web.config: " + Move, "1 CMS site checked: 0 warnings, 0 info, 2 files fixed." },
            run.OutLines);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(WithWebSocketsOff(Fixture("Web.config.expected")), File.ReadAllBytes(Path.Combine(site, "Web.config")));
        Assert.Equal(Fixture("Views/Web.config.expected"), File.ReadAllBytes(Path.Combine(site, "Views", "Web.config")));

        var second = CliRun.InProcess(site, "scan", "--fix");
        Assert.Equal(new[] { "1 CMS site checked: 0 warnings, 0 info." }, second.OutLines);
    }

    private static byte[] Fixture(string relative) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Upgrade", "unread-all", relative.Replace('/', Path.DirectorySeparatorChar)));

    // The Intranet sample's hosts carry no WebSockets: the key is off, so CMSH101 stays out of this test.
    private static byte[] WithWebSocketsOff(byte[] webConfig) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(webConfig).Replace(
        "<configuration>\r\n", "<configuration>\r\n  <appSettings>\r\n    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\r\n  </appSettings>\r\n"));
}
