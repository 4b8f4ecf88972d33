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
    public void Fix_edits_the_file_appSettings_file_names_where_it_sets_the_key_byte_for_byte()
    {
        using var tree = FixtureTree.Copy("Repo");
        tree.Write("Intranet/Web.config", File.ReadAllText(tree.PathOf("Intranet/Web.config")).Replace("<appSettings>", "<appSettings file=\"AppSettings.Local.config\">"));
        File.WriteAllBytes(tree.PathOf("Intranet/AppSettings.Local.config"), System.Text.Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- Settings of this machine: overrides Web.config (appSettings file=). -->\n<appSettings>\n" +
            "\t<add key=\"Epi.WebSockets.Enabled\" value=\"true\" />\n\t<add key=\"Environment\" value=\"Göteborg\" />\n</appSettings>\n"));
        var before = tree.Snapshot();

        var scan = CliRun.InProcess(tree.Root, "scan", "Intranet");
        var fix = CliRun.InProcess(tree.Root, "scan", "Intranet", "--fix");

        Assert.Equal(
            new[]
            {
                $"Intranet/Web.config(13,6): warning CMSH101: {IntranetUi} opens a WebSocket from the edit interface, but {CompatibilityMode}. " +
                "Editors will get \"A real-time connection could not be established with the server\". Set Epi.WebSockets.Enabled to false in AppSettings.Local.config, whose entries override the root appSettings of Web.config (appSettings file=).",
                "1 CMS site checked: 1 warning (CMSH101: 1), 0 info.",
            },
            scan.OutLines);
        Assert.Equal(new[] { "fixed Intranet/AppSettings.Local.config: " + TurnOff, "1 CMS site checked: 0 warnings, 0 info, 1 file fixed." }, fix.OutLines);
        AssertOnlyChanged(before, tree, ("Intranet/AppSettings.Local.config", "Expected/Intranet/AppSettings.Local.config"));
    }

    [Fact]
    public void A_file_appSettings_file_names_that_does_not_exist_is_ignored_as_NET_ignores_it()
    {
        using var tree = FixtureTree.Copy("Repo");
        tree.Write("Intranet/Web.config", File.ReadAllText(tree.PathOf("Intranet/Web.config")).Replace("<appSettings>", "<appSettings file=\"AppSettings.Local.config\">"));

        var run = CliRun.InProcess(tree.Root, "scan", "Intranet");

        Assert.Equal(new[] { Intranet, "1 CMS site checked: 1 warning (CMSH101: 1), 0 info." }, run.OutLines);
    }

    [Fact]
    public void Fix_with_a_SARIF_report_lists_the_changes_on_standard_error_and_reports_what_is_left()
    {
        using var tree = FixtureTree.Copy("Repo");

        var run = CliRun.InProcess(tree.Root, "scan", "--fix", "--format", "sarif");

        Assert.Equal(new[] { ScanTests.HeadlessNote, "fixed Intranet/Web.config: " + TurnOff, "4 CMS sites checked: 1 warning (CMSH200: 1), 1 info (CMSH100: 1), 1 file fixed." }, run.ErrorLines);
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

    [Theory]
    [InlineData("windows-1252")]
    [InlineData("iso-8859-1")]
    public void Fix_writes_a_single_byte_web_config_back_in_its_own_encoding(string encoding)
    {
        using var tree = FixtureTree.Copy("Repo");
        File.WriteAllBytes(tree.PathOf("Intranet/Web.config"), InEncoding(tree.Bytes("Intranet/Web.config"), encoding));
        var before = tree.Snapshot();

        var run = CliRun.InProcess(tree.Root, "scan", "--fix");

        Assert.Equal(new[] { "fixed Intranet/Web.config: " + TurnOff, Broken, PublicNote, "4 CMS sites checked: 1 warning (CMSH200: 1), 1 info (CMSH100: 1), 1 file fixed." }, run.OutLines);
        var expected = InEncoding(File.ReadAllBytes(FixtureTree.FixturePath("Expected/Intranet/Web.config")), encoding);
        Assert.Equal(0xF6, expected[Array.IndexOf(expected, (byte)'G') + 1]); // "Göteborg" in one byte
        Assert.Equal(expected, tree.Bytes("Intranet/Web.config"));
        before["Intranet/Web.config"] = expected;
        Assert.Equal(before, tree.Snapshot());
    }

    [Fact]
    public void Fix_refuses_a_file_it_cannot_write_back_exactly_and_says_why()
    {
        using var tree = FixtureTree.Copy("Repo");
        // Saved in windows-1252 by an editor while its declaration still says utf-8: "ö" is the byte 0xF6, not UTF-8.
        var bytes = InEncoding(tree.Bytes("Intranet/Web.config"), "windows-1252");
        var text = System.Text.Encoding.Latin1.GetString(bytes).Replace("encoding=\"windows-1252\"", "encoding=\"utf-8\"");
        bytes = System.Text.Encoding.Latin1.GetBytes(text);
        File.WriteAllBytes(tree.PathOf("Intranet/Web.config"), bytes);
        var before = tree.Snapshot();

        var run = CliRun.InProcess(tree.Root, "scan", "--fix");

        Assert.Equal(
            $"cmshazards: error: Intranet/Web.config: cannot be fixed: its bytes are not valid utf-8 (its XML declaration says utf-8): byte 0xF6 at offset {Array.IndexOf(bytes, (byte)0xF6)}; " +
            "writing it back would change bytes the fix does not mean to touch, so it is left unchanged. Save it in UTF-8 (or in the encoding its XML declaration names), or make the change by hand.",
            Assert.Single(run.ErrorLines, l => !l.StartsWith(ScanTests.HeadlessNote, StringComparison.Ordinal)));
        Assert.Contains(ScanTests.HeadlessNote, run.ErrorLines);
        Assert.Equal(before, tree.Snapshot());
        Assert.Equal(2, run.ExitCode);
    }

    /// <summary>A UTF-8 fixture with a BOM, stored instead in a single-byte encoding its declaration names, with "Göteborg" in a comment.</summary>
    private static byte[] InEncoding(byte[] utf8WithBom, string encoding)
    {
        var text = System.Text.Encoding.UTF8.GetString(utf8WithBom.AsSpan(3))
            .Replace("encoding=\"utf-8\"", $"encoding=\"{encoding}\"")
            .Replace("<configuration>\r\n", "<configuration>\r\n  <!-- Göteborg -->\r\n");
        Assert.Equal(0xEF, utf8WithBom[0]);
        Assert.Contains("Göteborg", text);
        return System.Text.Encoding.Latin1.GetBytes(text); // "ö" is 0xF6 in both encodings
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
