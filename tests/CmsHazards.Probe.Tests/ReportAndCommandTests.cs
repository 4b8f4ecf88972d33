using System.Text.Json;
using CmsHazards.Cli;
using CmsHazards.Cli.Probe;
using Json.Schema;
using Xunit;

namespace CmsHazards.Probe.Tests;

/// <summary>The JSON and SARIF reports, the help that explains the verdicts, and usage errors.</summary>
public class ReportAndCommandTests
{
    private static readonly Lazy<JsonSchema> Sarif = new(() =>
        JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "Schemata", "sarif-2.1.0.json")));

    [Fact]
    public async Task Json_gives_the_verdict_the_exit_code_and_the_evidence_and_the_verdict_goes_to_standard_error()
    {
        await using var site = await TestSite.StartAsync(TestSite.AnswersHeartbeats);
        await using var proxy = new TestProxy(site, TestProxy.Behaviour.StripsUpgrade);
        var folder = ProbeRun.NewFolder();

        var run = await ProbeRun.RunInAsync(null, folder, "probe", proxy.Address.ToString(), "--cookie-file", ProbeRun.HeaderCookieFile(folder), "--format", "json");

        using var report = JsonDocument.Parse(run.Output);
        var root = report.RootElement;
        Assert.Equal("upgrade-dropped", root.GetProperty("verdict").GetString());
        Assert.Equal(1, root.GetProperty("exitCode").GetInt32());
        Assert.Equal($"ws://127.0.0.1:{proxy.Address.Port}/EPiServer/Shell/socket/endpoint/", root.GetProperty("endpoint").GetString());
        Assert.Equal(2, root.GetProperty("cookiesSent").GetInt32());
        Assert.Equal("HTTP/1.1 200 OK", root.GetProperty("answer").GetProperty("statusLine").GetString());
        Assert.Equal(200, root.GetProperty("answer").GetProperty("statusCode").GetInt32());
        Assert.Contains(root.GetProperty("answer").GetProperty("headers").EnumerateArray(), h => h.GetProperty("name").GetString() == "Content-Type");
        Assert.Equal(new[] { "connect", "response" }, root.GetProperty("timingsMs").EnumerateObject().Select(p => p.Name));
        Assert.Equal("cmshazards probe: upgrade-dropped: HTTP/1.1 200 OK to the upgrade request, with an editor cookie.", run.Error.TrimEnd());
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task Sarif_is_a_valid_log_with_the_verdicts_as_the_probes_own_rules_and_one_failing_result()
    {
        await using var site = await TestSite.StartAsync(TestSite.IisWithWebSocketsOff);
        var folder = ProbeRun.NewFolder();

        var run = await ProbeRun.RunInAsync(null, folder, "probe", site.Address.ToString(), "--cookie-file", ProbeRun.NetscapeCookieFile(folder), "--format", "sarif", "-o", "probe.sarif");

        var text = File.ReadAllText(Path.Combine(folder, "probe.sarif"));
        using var log = JsonDocument.Parse(text);
        var validation = Sarif.Value.Evaluate(log.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        var errors = (validation.Details ?? new List<EvaluationResults>()).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));
        Assert.True(validation.IsValid, string.Join("\n", errors));

        var runElement = log.RootElement.GetProperty("runs")[0];
        var rules = runElement.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(ProbeVerdict.All.Select(v => v.Id), rules);
        Assert.DoesNotContain(rules, id => id!.StartsWith("CMSH", StringComparison.Ordinal));
        var result = runElement.GetProperty("results")[0];
        Assert.Equal("server-websockets-off", result.GetProperty("ruleId").GetString());
        Assert.Equal("fail", result.GetProperty("kind").GetString());
        Assert.Equal("warning", result.GetProperty("level").GetString());
        Assert.StartsWith("HTTP/1.1 503 Service Unavailable, with IIS's", result.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal($"ws://127.0.0.1:{site.Port}/EPiServer/Shell/socket/endpoint/", result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Contains("answer: HTTP/1.1 503 Service Unavailable", result.GetProperty("properties").GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));

        // With --output, the console still gets the text report.
        Assert.Equal("verdict: server-websockets-off (hazard, exit code 1)", run.Lines[1]);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task Help_explains_every_verdict_with_its_exit_code()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await Task.Run(() => Program.Run(new[] { "probe", "--help" }, new CliConsole(output, error, Path.GetTempPath())));

        var help = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(0, exitCode);
        Assert.Equal("", error.ToString());
        foreach (var verdict in ProbeVerdict.All)
        {
            Assert.Contains($"    {verdict.Id} ({verdict.ExitCode}): {verdict.Meaning}", help);
        }

        Assert.Contains("    upgrade-dropped (1): 200 OK to the upgrade with an editor cookie: something in between dropped the Upgrade header and the CMS answered a plain request.", help);
        Assert.Contains("  Verdicts (exit code: 0 works, 1 hazard found, 2 could not tell):", help);
        Assert.Contains(help, l => l.TrimStart().StartsWith("--cookie-file <FILE>", StringComparison.Ordinal) && l.Contains("Never printed, logged or written.", StringComparison.Ordinal));
        Assert.Contains(help, l => l.TrimStart().StartsWith("--timeout <SECONDS>", StringComparison.Ordinal) && l.EndsWith("[default: 30]", StringComparison.Ordinal));
        Assert.Contains(help, l => l.TrimStart().StartsWith("--root <PATH>", StringComparison.Ordinal) && l.EndsWith("[default: /EPiServer/]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "probe", "http://127.0.0.1:9/", "--format", "html" }, "cmshazards: Argument 'html' not recognized. Must be one of:")]
    [InlineData(new[] { "probe" }, "cmshazards: Required argument missing for command: 'probe'.")]
    [InlineData(new[] { "probe", "http://127.0.0.1:9/", "--timeout", "0" }, "cmshazards: --timeout is 0; give 1 to 600 seconds.")]
    [InlineData(new[] { "probe", "ftp://edit.example.com/" }, "cmshazards probe: 'ftp://edit.example.com/' is not an http or https URL; give the site's address, such as https://edit.example.com/.")]
    [InlineData(new[] { "probe", "https://editor:secret@edit.example.com/" }, "cmshazards probe: the URL carries a user name or password; give the address without them, and the editor's cookie with --cookie-file.")]
    public async Task A_usage_error_exits_with_2_and_says_what_is_wrong(string[] args, string firstLine)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await Task.Run(() => Program.Run(args, new CliConsole(output, error, Path.GetTempPath())));

        Assert.Equal("", output.ToString());
        Assert.Equal(firstLine, error.ToString().Split('\n')[0].TrimEnd('\r'));
        Assert.Contains("Run 'cmshazards probe --help' to see how to use it.", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, exitCode);
    }

    [Fact]
    public void The_command_is_a_System_CommandLine_command_any_root_can_add()
    {
        var root = new System.CommandLine.RootCommand("cmshazards") { ProbeCommand.Create() };

        var parse = root.Parse(new[] { "probe", "https://edit.example.com/", "--root", "/cms/", "--timeout", "5" });

        Assert.Empty(parse.Errors);
        Assert.Equal("probe", parse.CommandResult.Command.Name);
    }
}
