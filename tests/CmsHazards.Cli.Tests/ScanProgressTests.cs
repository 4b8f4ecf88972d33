using Xunit;

namespace CmsHazards.Cli.Tests;

public class ProgressTests
{
    [Fact]
    public void On_a_terminal_the_line_is_rewritten_in_place_and_cleared_at_the_end()
    {
        const string First = "cmshazards: folders searched: 10, projects found: 2";
        const string Second = "cmshazards: projects checked: 1 of 2";
        var error = new StringWriter();
        var progress = new Progress(error, TimeSpan.Zero, inPlace: true);

        progress.Report(() => "folders searched: 10, projects found: 2");
        progress.Report(() => "projects checked: 1 of 2");
        progress.Done();

        // The shorter second line is padded over the first; the end blanks the line and returns to its start.
        Assert.Equal(
            "\r" + First + "\r" + Second + new string(' ', First.Length - Second.Length) + "\r" + new string(' ', Second.Length) + "\r",
            error.ToString());
    }

    [Fact]
    public void Without_an_interval_nothing_is_reported()
    {
        var error = new StringWriter();
        var progress = new Progress(error, null, inPlace: false);

        progress.Report(() => throw new InvalidOperationException("a description is not even made"));
        progress.Done();

        Assert.Equal("", error.ToString());
    }
}
