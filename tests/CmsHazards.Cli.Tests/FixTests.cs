using Xunit;
using static CmsHazards.Cli.Tests.ScanTests;

namespace CmsHazards.Cli.Tests;

/// <summary>
/// <c>cmshazards scan --fix</c>: the IDE's first fix, applied to each hazard's file once, byte for byte as
/// expected (tests/Fixtures/Cli/Expected), nothing else touched, and nothing left to do the second time.
/// </summary>
public class FixTests
{
    private const string TurnOff = "Turn off CMS UI WebSockets (Epi.WebSockets.Enabled=false)";

    [Fact]
    public void Fix_turns_off_WebSockets_where_there_is_a_hazard_and_reports_what_is_left()
    {
        using var tree = FixtureTree.Copy("Repo");
        var before = tree.Snapshot();

        var run = CliRun.InProcess(tree.Root, "scan", "--fix");

        // Broken is not fixed (its web.config is not XML), Public's note is for a person to decide.
        Assert.Equal(
            new[] { "fixed Intranet/Web.config: " + TurnOff, Broken, PublicNote, "4 CMS sites checked: 1 warning (CMSH200: 1), 1 info (CMSH100: 1), 1 file fixed." },
            run.OutLines);
        Assert.Equal(1, run.ExitCode);
        AssertOnlyChanged(before, tree, ("Intranet/Web.config", "Expected/Intranet/Web.config"));
    }

    [Fact]
    public void Fix_run_twice_changes_nothing_the_second_time()
    {
        using var tree = FixtureTree.Copy("Repo");
        CliRun.InProcess(tree.Root, "scan", "--fix", "-c", "Release");
        var afterFirst = tree.Snapshot();

        var second = CliRun.InProcess(tree.Root, "scan", "--fix", "-c", "Release");

        Assert.Equal(new[] { Broken, "4 CMS sites checked: 1 warning (CMSH200: 1), 0 info." }, second.OutLines);
        Assert.Equal(afterFirst, tree.Snapshot());
    }

    [Fact]
    public void Fix_edits_the_appSettings_file_configSource_names_keeping_its_tabs_and_byte_order_mark()
    {
        using var tree = FixtureTree.Copy("Repo");
        var before = tree.Snapshot();

        var run = CliRun.InProcess(tree.Root, "scan", "--fix", "--configuration", "Release");

        Assert.Equal(
            new[] { "fixed Intranet/Web.config: " + TurnOff, "fixed Public/appsettings.config: " + TurnOff, Broken, "4 CMS sites checked: 1 warning (CMSH200: 1), 0 info, 2 files fixed." },
            run.OutLines);
        AssertOnlyChanged(before, tree, ("Intranet/Web.config", "Expected/Intranet/Web.config"), ("Public/appsettings.config", "Expected/Public/appsettings.config"));
    }

    [Fact]
    public void Fix_with_a_SARIF_report_lists_the_changes_on_standard_error_and_reports_what_is_left()
    {
        using var tree = FixtureTree.Copy("Repo");

        var run = CliRun.InProcess(tree.Root, "scan", "--fix", "--format", "sarif");

        Assert.Equal(new[] { "fixed Intranet/Web.config: " + TurnOff, "4 CMS sites checked: 1 warning (CMSH200: 1), 1 info (CMSH100: 1), 1 file fixed." }, run.ErrorLines);
        var results = System.Text.Json.JsonDocument.Parse(run.Out).RootElement.GetProperty("runs")[0].GetProperty("results");
        Assert.Equal(new[] { "CMSH200", "CMSH100" }, results.EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()));
    }

    [Fact]
    public void Without_fix_no_file_is_written()
    {
        using var tree = FixtureTree.Copy("Repo");
        var before = tree.Snapshot();

        CliRun.InProcess(tree.Root, "scan", "-c", "Release");
        CliRun.InProcess(tree.Root, "scan", "--format", "sarif", "--iis-version", "7.5");

        Assert.Equal(before, tree.Snapshot());
    }

    private static void AssertOnlyChanged(SortedDictionary<string, byte[]> before, FixtureTree tree, params (string File, string Expected)[] changes)
    {
        var after = tree.Snapshot();
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (file, bytes) in after)
        {
            var change = changes.FirstOrDefault(c => c.File == file);
            var expected = change.Expected is null ? before[file] : File.ReadAllBytes(FixtureTree.FixturePath(change.Expected));
            Assert.True(expected.AsSpan().SequenceEqual(bytes), $"{file} is not as expected:\n{System.Text.Encoding.UTF8.GetString(bytes)}");
        }
    }
}
