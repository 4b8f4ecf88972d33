using Xunit;

namespace CmsHazards.Cli.Tests;

public class ScanProgressTests
{
    [Fact]
    public void On_a_terminal_the_line_is_rewritten_in_place_and_cleared_at_the_end()
    {
        const string First = "cmshazards: folders searched: 10, projects found: 2";
        const string Second = "cmshazards: projects checked: 1 of 2";
        var error = new StringWriter();
        var progress = new ScanProgress(error, TimeSpan.Zero, inPlace: true);

        progress.Report(() => "folders searched: 10, projects found: 2");
        progress.Report(() => "projects checked: 1 of 2");
        progress.Done();

        // The shorter second line is padded over the first; the end blanks the line and returns to its start.
        Assert.Equal(
            "\r" + First + "\r" + Second + new string(' ', First.Length - Second.Length) + "\r" + new string(' ', Second.Length) + "\r",
            error.ToString());
    }

    [Fact]
    public void On_a_terminal_the_project_being_checked_is_the_live_line()
    {
        var error = new StringWriter();
        var progress = new ScanProgress(error, TimeSpan.Zero, inPlace: true);

        progress.Project("Public/Public.csproj", 0, 2);
        progress.Project("Campaign/Campaign.csproj", 1, 2);
        progress.Done();

        const string First = "cmshazards: checking 1 of 2: Public/Public.csproj";
        const string Second = "cmshazards: checking 2 of 2: Campaign/Campaign.csproj";
        Assert.Equal("\r" + First + "\r" + Second + "\r" + new string(' ', Second.Length) + "\r", error.ToString());
    }

    [Fact]
    public void In_a_log_each_project_is_a_line_and_the_search_counters_are_left_out()
    {
        var error = new StringWriter();
        var progress = new ScanProgress(error, TimeSpan.Zero, inPlace: false);

        progress.Report(() => "folders searched: 10, projects found: 2");
        progress.Project("Public/Public.csproj", 0, 2);
        progress.Project("Campaign/Campaign.csproj", 1, 2);
        progress.Done();

        Assert.Equal(new[] { "cmshazards: checking 1 of 2: Public/Public.csproj", "cmshazards: checking 2 of 2: Campaign/Campaign.csproj", "" }, error.ToString().Split(Environment.NewLine));
    }

    [Fact]
    public void Without_an_interval_nothing_is_reported()
    {
        var error = new StringWriter();
        var progress = new ScanProgress(error, null, inPlace: false);

        progress.Report(() => throw new InvalidOperationException("a description is not even made"));
        progress.Done();

        Assert.Equal("", error.ToString());
    }
}
