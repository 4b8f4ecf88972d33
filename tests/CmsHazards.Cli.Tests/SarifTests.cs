using CmsHazards.Rules;
using System.Text.Json;
using CmsHazards.Analyzers;
using Json.Schema;
using Xunit;

namespace CmsHazards.Cli.Tests;

/// <summary>
/// <c>--format sarif</c>: the log is checked against the SARIF 2.1.0 schema (as the Sarif.Sdk package ships it),
/// which requires, among others, version and runs of the log, tool of a run, driver of a tool, name of a tool
/// component, id of a rule, message of a result, text of a message, and an artifactLocation or address of a
/// physical location; then read back for what CmsHazards puts in it.
/// </summary>
public class SarifTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Schemata", "sarif-2.1.0.json")));

    [Fact]
    public void The_log_is_valid_SARIF_2_1_0_with_one_run_the_rules_and_a_result_per_finding()
    {
        using var tree = FixtureTree.Copy("Repo");

        var run = CliRun.InProcess(tree.Root, "scan", "--format", "sarif");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(new[] { ScanTests.HeadlessNote, "4 CMS sites checked: 2 warnings (CMSH101: 1, CMSH200: 1), 1 info (CMSH100: 1)." }, run.ErrorLines);
        using var log = JsonDocument.Parse(run.Out);
        AssertValid(log.RootElement);

        var root = log.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        var sarifRun = Assert.Single(root.GetProperty("runs").EnumerateArray());
        var driver = sarifRun.GetProperty("tool").GetProperty("driver");
        Assert.Equal("CmsHazards", driver.GetProperty("name").GetString());

        var descriptors = RuleCatalog.ReportedBy(FrontEnds.Cli);
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(descriptors.Select(d => d.Id), rules.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(descriptors.Select(d => d.HelpLink), rules.Select(r => r.GetProperty("helpUri").GetString()));
        Assert.Equal(descriptors.Select(d => d.Title), rules.Select(r => r.GetProperty("shortDescription").GetProperty("text").GetString()));
        Assert.Equal(new[] { "note", "note", "warning", "warning", "warning", "warning", "note", "warning", "warning", "warning", "warning", "warning" }, rules.Select(r => r.GetProperty("defaultConfiguration").GetProperty("level").GetString()));

        Assert.Equal(new Uri(tree.Root + Path.DirectorySeparatorChar).AbsoluteUri, sarifRun.GetProperty("originalUriBaseIds").GetProperty("SRCROOT").GetProperty("uri").GetString());
        Assert.True(sarifRun.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());

        var results = sarifRun.GetProperty("results").EnumerateArray().Select(Describe).ToList();
        Assert.Equal(
            new[]
            {
                "CMSH200 warning rule 5 Broken/Web.config (2,3)-(2,3)",
                "CMSH101 warning rule 2 Intranet/Web.config (13,6)-(13,17)",
                "CMSH100 note rule 1 Public/Web.config (3,4)-(3,15)",
            },
            results);
        var messages = sarifRun.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("message").GetProperty("text").GetString());
        Assert.Equal(new[] { ScanTests.Broken, ScanTests.Intranet, ScanTests.PublicNote }.Select(l => l.Substring(l.IndexOf(": ", l.IndexOf(": ") + 1) + 2)), messages);
    }

    [Fact]
    public void Output_writes_the_log_to_a_file_and_the_summary_to_standard_output()
    {
        using var tree = FixtureTree.Copy("Repo");
        var target = Path.Combine(Path.GetTempPath(), "cmshazards-" + Guid.NewGuid().ToString("N") + ".sarif");
        try
        {
            var run = CliRun.InProcess(tree.Root, "scan", "Public", "--format=sarif", "-o", target);

            Assert.Equal(new[] { "1 CMS site checked: 0 warnings, 1 info (CMSH100: 1)." }, run.OutLines);
            Assert.Equal(0, run.ExitCode);
            using var log = JsonDocument.Parse(File.ReadAllBytes(target));
            AssertValid(log.RootElement);
            Assert.Equal("CMSH100", log.RootElement.GetProperty("runs")[0].GetProperty("results")[0].GetProperty("ruleId").GetString());
        }
        finally
        {
            File.Delete(target);
        }
    }

    [Fact]
    public void Files_that_could_not_be_read_make_the_run_unsuccessful_with_a_notification()
    {
        using var tree = FixtureTree.Copy("Repo");
        tree.Write("Public/Public.csproj", "<Project>");

        var run = CliRun.InProcess(tree.Root, "scan", "Public", "--format", "sarif");

        Assert.Equal(2, run.ExitCode);
        using var log = JsonDocument.Parse(run.Out);
        AssertValid(log.RootElement);
        var invocation = log.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0];
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
        var notification = Assert.Single(invocation.GetProperty("toolExecutionNotifications").EnumerateArray());
        Assert.Equal("error", notification.GetProperty("level").GetString());
        Assert.StartsWith("Public/Public.csproj(1,10): not well-formed XML:", notification.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_check_catches_a_log_without_what_SARIF_requires()
    {
        // The check itself must fail on a log that lacks required properties, or it proves nothing.
        using var broken = JsonDocument.Parse("""{"version":"2.1.0","runs":[{"tool":{"driver":{"rules":[{}]}},"results":[{"ruleId":"CMSH101"}]}]}""");

        var result = Schema.Value.Evaluate(broken.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.False(result.IsValid);
    }

    private static string Describe(JsonElement result)
    {
        var location = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        var artifact = location.GetProperty("artifactLocation");
        Assert.Equal("SRCROOT", artifact.GetProperty("uriBaseId").GetString());
        var region = location.GetProperty("region");
        return $"{result.GetProperty("ruleId").GetString()} {result.GetProperty("level").GetString()} rule {result.GetProperty("ruleIndex").GetInt32()} " +
            $"{artifact.GetProperty("uri").GetString()} ({region.GetProperty("startLine")},{region.GetProperty("startColumn")})-({region.GetProperty("endLine")},{region.GetProperty("endColumn")})";
    }

    private static void AssertValid(JsonElement log)
    {
        var result = Schema.Value.Evaluate(log, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        var errors = (result.Details ?? new List<EvaluationResults>())
            .Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));
        Assert.True(result.IsValid, string.Join("\n", errors));
    }
}
