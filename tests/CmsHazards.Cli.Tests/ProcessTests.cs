using CmsHazards.TestSupport;
using Xunit;
using static CmsHazards.Cli.Tests.ScanTests;

namespace CmsHazards.Cli.Tests;

/// <summary>The built tool, run as a process the way CI runs it: arguments, working folder, output, exit code.</summary>
public class ProcessTests
{
    [Fact]
    public async Task The_built_tool_scans_a_tree_and_exits_with_1_on_hazards()
    {
        using var tree = FixtureTree.Copy("Repo");

        var (exitCode, output, error) = await BuiltTool.RunAsync(tree.Root, "scan", "Intranet", "Campaign");

        // A run longer than a second says which project it checks, a line each, as standard error is not a terminal.
        Assert.All(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("cmshazards: checking ", line, StringComparison.Ordinal));
        Assert.Equal(new[] { Intranet, "2 CMS sites checked: 1 warning (CMSH101: 1), 0 info." }, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public async Task The_built_tool_exits_with_2_on_a_usage_error()
    {
        var (exitCode, output, error) = await BuiltTool.RunAsync(Path.GetTempPath(), "scan", "--format", "html");

        Assert.Equal("", output);
        Assert.StartsWith("cmshazards: --format is 'html'; use text, sarif or github.", error, StringComparison.Ordinal);
        Assert.Equal(2, exitCode);
    }
}
