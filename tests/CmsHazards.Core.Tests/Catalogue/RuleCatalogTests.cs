using CmsHazards.Rules;
using CmsHazards.Rules.Configuration;
using Xunit;

namespace CmsHazards.Tests.Catalogue;

/// <summary>
/// The rule catalogue is the one description of every rule: the docs pages, the README tables and the release-tracking
/// file are checked against it here (the analyzer's descriptors in the analyzer tests, SARIF's rule list in the CLI
/// tests), and the engine reports no ID outside it.
/// </summary>
public class RuleCatalogTests
{
    private static string Repository { get; } = FindRepository();

    public static TheoryData<string> Ids => new(RuleCatalog.All.Select(r => r.Id));

    [Fact]
    public void IDs_are_unique_in_range_and_in_order()
    {
        var ids = RuleCatalog.All.Select(r => r.Id).ToList();
        Assert.Equal(ids.Distinct().Count(), ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.All(ids, id => Assert.Matches("^CMSH[0-3][0-9]{2}$", id));
    }

    [Fact]
    public void An_ID_outside_the_catalogue_is_an_error_never_another_rule()
    {
        Assert.Throws<ArgumentException>(() => RuleCatalog.Get("CMSH999"));
        Assert.Throws<ArgumentException>(() => new Finding("CMSH999", "message", null));
    }

    [Fact]
    public void Every_ID_a_rule_reports_is_in_the_catalogue_and_every_catalogue_ID_has_a_reporter()
    {
        var reported = SiteCheck.Rules.SelectMany(r => r.RuleIds).Concat(ConfigurationValidity.RuleIds).ToList();

        Assert.All(reported, id => RuleCatalog.Get(id));

        // CMSH001 is the front ends' own: they report it when the engine itself fails.
        Assert.Equal(RuleCatalog.All.Select(r => r.Id).Where(id => id != RuleIds.InspectionFailed).Order(), reported.Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_docs_page_header_says_what_the_catalogue_says(string id)
    {
        var rule = RuleCatalog.Get(id);
        var path = Path.Combine(Repository, "docs", "rules", id + ".md");
        Assert.True(File.Exists(path), $"docs/rules/{id}.md is missing");
        var lines = File.ReadAllLines(path);

        Assert.Equal($"# {id}: {rule.Title}", lines[0]);
        var header = HeaderRows(lines);
        Assert.Equal(rule.DefaultSeverity.ToString(), header["Severity"]);
        Assert.Equal(rule.Category, header["Category"]);
        Assert.EndsWith($"docs/rules/{id}.md", rule.HelpLink, StringComparison.Ordinal);

        // Every file the page names as the rule's source exists.
        foreach (var link in Links(header.GetValueOrDefault("Source") ?? ""))
        {
            Assert.True(File.Exists(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, link))), $"docs/rules/{id}.md links to {link}, which does not exist");
        }
    }

    [Fact]
    public void Every_rule_table_in_the_README_is_in_step_with_the_catalogue()
    {
        var tables = RuleTables(File.ReadAllLines(Path.Combine(Repository, "README.md")));

        Assert.Contains(tables, t => t.Header.Contains("Title"));
        Assert.Contains(tables, t => t.Header.Contains("What"));
        foreach (var table in tables)
        {
            Assert.Equal(RuleCatalog.All.Select(r => r.Id), table.Rows.Select(r => RuleLink(r[0]).Id));
            foreach (var row in table.Rows)
            {
                var (id, link) = RuleLink(row[0]);
                var rule = RuleCatalog.Get(id);
                Assert.Equal(rule.DefaultSeverity.ToString(), row[table.Header.IndexOf("Severity")]);
                if (table.Header.IndexOf("Title") is var title and >= 0) Assert.Equal(rule.Title, row[title]);
                if (table.Header.IndexOf("What") is var what and >= 0) Assert.Equal(rule.Summary, row[what]);
                if (table.Header.IndexOf("Category") is var category and >= 0) Assert.Equal(rule.Category, row[category]);
                Assert.EndsWith("/" + link, rule.HelpLink, StringComparison.Ordinal);
                Assert.True(File.Exists(Path.Combine(Repository, link)), link + " does not exist");
            }
        }
    }

    [Fact]
    public void Release_tracking_lists_every_analyzer_rule_as_the_catalogue_has_it()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository, "src", "CmsHazards.Analyzers", "AnalyzerReleases.Unshipped.md"))
            .Concat(File.ReadAllLines(Path.Combine(Repository, "src", "CmsHazards.Analyzers", "AnalyzerReleases.Shipped.md")))
            .Where(l => l.StartsWith("CMSH", StringComparison.Ordinal))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToList())
            .ToList();

        Assert.Equal(RuleCatalog.ReportedBy(FrontEnds.Analyzer).Select(r => r.Id), lines.Select(l => l[0]));
        foreach (var line in lines)
        {
            var rule = RuleCatalog.Get(line[0]);
            Assert.Equal(rule.Category, line[1]);
            Assert.Equal(rule.DefaultSeverity.ToString(), line[2]);
            Assert.Contains($"[Documentation]({rule.HelpLink})", line[3], StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string> HeaderRows(string[] lines) =>
        lines.Skip(1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|'))
            .Select(Cells).Where(c => c.Count == 2 && c[0].Length > 0 && !c[0].StartsWith("---", StringComparison.Ordinal))
            .ToDictionary(c => c[0], c => c[1]);

    /// <summary>The targets of markdown links in a cell: "[A.cs](../../src/A.cs), [B.cs](...)".</summary>
    private static IEnumerable<string> Links(string cell)
    {
        for (var at = cell.IndexOf("](", StringComparison.Ordinal); at >= 0; at = cell.IndexOf("](", at + 2, StringComparison.Ordinal))
        {
            var end = cell.IndexOf(')', at);
            yield return cell.Substring(at + 2, end - at - 2);
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

    // A cell may hold a pipe only inside backticks, which the README does not use in rule tables.
    private static List<string> Cells(string line) => line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();

    /// <summary>"[CMSH101](docs/rules/CMSH101.md)" as the ID and the link.</summary>
    private static (string Id, string Link) RuleLink(string cell)
    {
        var close = cell.IndexOf("](", StringComparison.Ordinal);
        Assert.True(cell.StartsWith('[') && close > 0 && cell.EndsWith(')'), "not a rule link: " + cell);
        return (cell.Substring(1, close - 1), cell.Substring(close + 2, cell.Length - close - 3));
    }

    private static string FindRepository()
    {
        for (var folder = AppContext.BaseDirectory; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, "Analyzers.sln"))) return folder;
        }

        throw new InvalidOperationException("The tests run outside the repository: Analyzers.sln not found above " + AppContext.BaseDirectory);
    }
}
