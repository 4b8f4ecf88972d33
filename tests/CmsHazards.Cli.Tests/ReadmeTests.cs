using CmsHazards.Analyzers;
using Xunit;

namespace CmsHazards.Cli.Tests;

/// <summary>
/// The rule tables of README.md (those whose first column is "Rule") list exactly the analyzer's rules, with
/// their default severity, their title where the table has a Title column, and a link to the page their help
/// link names.
/// </summary>
public class ReadmeTests
{
    [Fact]
    public void Every_rule_table_in_the_README_is_in_step_with_the_descriptors()
    {
        var repository = SameDiagnosticsTests.Repository;
        var tables = RuleTables(File.ReadAllLines(Path.Combine(repository, "README.md")));
        var descriptors = new WebSocketsAnalyzer().SupportedDiagnostics;

        Assert.Contains(tables, t => t.Header.Contains("Title"));
        foreach (var table in tables)
        {
            Assert.Equal(descriptors.Select(d => d.Id).Order(), table.Rows.Select(r => RuleLink(r[0]).Id).Order());
            foreach (var row in table.Rows)
            {
                var (id, link) = RuleLink(row[0]);
                var descriptor = descriptors.Single(d => d.Id == id);
                Assert.Equal(descriptor.DefaultSeverity.ToString(), row[table.Header.IndexOf("Severity")]);
                if (table.Header.IndexOf("Title") is var title and >= 0) Assert.Equal(descriptor.Title.ToString(), row[title]);
                if (table.Header.IndexOf("Category") is var category and >= 0) Assert.Equal(descriptor.Category, row[category]);
                Assert.EndsWith("/" + link, descriptor.HelpLinkUri, StringComparison.Ordinal);
                Assert.True(File.Exists(Path.Combine(repository, link)), link + " does not exist");
            }
        }
    }

    private sealed record Table(List<string> Header, List<List<string>> Rows);

    private static List<Table> RuleTables(string[] lines)
    {
        var tables = new List<Table>();
        for (var i = 0; i + 1 < lines.Length; i++)
        {
            if (!lines[i].StartsWith('|') || !lines[i + 1].StartsWith("|---", StringComparison.Ordinal)) continue;
            var header = Cells(lines[i]);
            var rows = new List<List<string>>();
            for (i += 2; i < lines.Length && lines[i].StartsWith('|'); i++) rows.Add(Cells(lines[i]));
            if (header[0] == "Rule") tables.Add(new Table(header, rows));
        }

        return tables;
    }

    private static List<string> Cells(string line) => line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();

    /// <summary>"[CMSH101](docs/rules/CMSH101.md)" as the ID and the link.</summary>
    private static (string Id, string Link) RuleLink(string cell)
    {
        var close = cell.IndexOf("](", StringComparison.Ordinal);
        Assert.True(cell.StartsWith('[') && close > 0 && cell.EndsWith(')'), "not a rule link: " + cell);
        return (cell.Substring(1, close - 1), cell.Substring(close + 2, cell.Length - close - 3));
    }
}
