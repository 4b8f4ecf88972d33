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

    [Fact]
    public void The_summary_counts_the_files_fixed_not_the_fixes()
    {
        // Two fixes of one web.config (the namespace, then a move that also edits the folder web.config): two files.
        var result = new ScanResult { SitesChecked = 1 };
        result.Fixes.Add(new AppliedFix("/site/Web.config", "Add the asm.v1 namespace"));
        result.Fixes.Add(new AppliedFix("/site/Views/Web.config", Move));
        result.Fixes.Add(new AppliedFix("/site/Web.config", Move));

        Assert.Equal("1 CMS site checked: 0 warnings, 0 info, 2 files fixed.", TextReport.Summary(result));
    }

    private static byte[] Fixture(string relative) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Upgrade", "unread-all", relative.Replace('/', Path.DirectorySeparatorChar)));

    // The Intranet sample's hosts carry no WebSockets: the key is off, so CMSH101 stays out of this test.
    private static byte[] WithWebSocketsOff(byte[] webConfig) => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(webConfig).Replace(
        "<configuration>\r\n", "<configuration>\r\n  <appSettings>\r\n    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\r\n  </appSettings>\r\n"));
}
