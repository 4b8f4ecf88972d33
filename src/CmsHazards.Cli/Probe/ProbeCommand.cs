using System.CommandLine;
using System.Text;

namespace CmsHazards.Cli.Probe;

/// <summary>
/// <c>cmshazards probe URL</c>: the CMS UI's WebSocket handshake against a deployed site, through whatever is in
/// front of it, and a verdict on what stopped it. A command of its own, so any root command adds it with
/// <c>root.Subcommands.Add(ProbeCommand.Create())</c>.
/// </summary>
public static class ProbeCommand
{
    /// <summary>The default for --timeout: long enough for a cold site, short enough for a CI step.</summary>
    public const int DefaultTimeoutSeconds = 30;

    public static Command Create() => Create(ProbeNetwork.Default, workingDirectory: null);

    /// <param name="workingDirectory">Where relative --cookie-file and --output paths start; null for the process's.</param>
    internal static Command Create(ProbeNetwork network, string? workingDirectory)
    {
        var url = new Argument<string>("URL")
        {
            Description = "The site's address as editors open it, such as https://edit.example.com/ (http and https; ws and wss too).",
        };
        var root = new Option<string>("--root")
        {
            Description = "The protected modules root the CMS UI lives under (CMS 11: the protected modules rootPath; CMS 12+: ProtectedModuleOptions.RootPath).",
            DefaultValueFactory = _ => ProbeTarget.DefaultRoot,
            HelpName = "PATH",
        };
        var path = new Option<string?>("--path")
        {
            Description = "The socket endpoint itself, instead of ROOT + Shell/socket/endpoint/.",
            HelpName = "PATH",
        };
        var cookieFile = new Option<string?>("--cookie-file")
        {
            Description = "A file with a logged-in editor's cookies: a Netscape cookie file, or the value of the browser's Cookie request header. Never printed, logged or written.",
            HelpName = "FILE",
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for the name lookup, connection, TLS and the answer to the upgrade, together. The heartbeat window (6 s) and the close (5 s at most) come after it.",
            DefaultValueFactory = _ => DefaultTimeoutSeconds,
            HelpName = "SECONDS",
        };
        timeout.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value is < 1 or > 600) result.AddError($"--timeout is {value}; give 1 to 600 seconds.");
        });
        var format = new Option<string>("--format")
        {
            Description = "text (the default), json (one object: verdict, exit code, evidence, timings), or sarif (a SARIF 2.1.0 log with one result).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "sarif");
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write the report to FILE; the text report still goes to the console.",
            HelpName = "FILE",
        };

        var command = new Command("probe", HelpText())
        {
            url, root, path, cookieFile, timeout, format, output,
        };

        command.SetAction(async (parse, cancel) =>
        {
            var console = parse.InvocationConfiguration;
            var here = workingDirectory ?? Directory.GetCurrentDirectory();
            var target = ProbeTarget.Create(parse.GetValue(url)!, parse.GetValue(root), parse.GetValue(path), out var problem);
            if (target is null) return Usage(console.Error, problem!);

            var cookie = EditorCookie.None;
            if (parse.GetValue(cookieFile) is { } cookiePath)
            {
                string text;
                try
                {
                    text = await File.ReadAllTextAsync(Path.GetFullPath(cookiePath, here), cancel).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
                {
                    // Said without the path or the exception's message, which quote the argument: a cookie value
                    // pasted where the file name belongs must not come back out.
                    var why = e switch
                    {
                        FileNotFoundException => "there is no such file",
                        DirectoryNotFoundException => "its folder does not exist",
                        UnauthorizedAccessException => "access is denied",
                        _ => "it cannot be read",
                    };
                    return Usage(console.Error, $"cannot read the file given with --cookie-file: {why}.");
                }

                cookie = EditorCookie.Read(text, target, DateTimeOffset.UtcNow, out problem)!;
                if (cookie is null) return Usage(console.Error, problem!);
            }

            var seen = await UpgradeProbe.RunAsync(target, cookie, TimeSpan.FromSeconds(parse.GetValue(timeout)), network, cancel).ConfigureAwait(false);
            var finding = ProbeDecision.Decide(seen);
            var chosen = parse.GetValue(format) switch { "json" => ProbeFormat.Json, "sarif" => ProbeFormat.Sarif, _ => ProbeFormat.Text };
            var report = ProbeReport.Write(finding, chosen, cookie.Secrets);

            if (parse.GetValue(output) is { } outputPath)
            {
                try
                {
                    await File.WriteAllTextAsync(Path.GetFullPath(outputPath, here), report, new UTF8Encoding(false), cancel).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
                {
                    console.Error.WriteLine($"cmshazards probe: error: cannot write {outputPath}: {e.Message}");
                    return ProbeVerdict.CouldNotTell;
                }

                if (chosen != ProbeFormat.Text) console.Output.Write(ProbeReport.Write(finding, ProbeFormat.Text, cookie.Secrets));
                else console.Output.WriteLine($"verdict: {finding.Verdict.Id} (report written to {outputPath})");
            }
            else
            {
                console.Output.Write(report);

                // JSON and SARIF on standard output are for a program; the person gets the verdict on standard error.
                if (chosen != ProbeFormat.Text) console.Error.WriteLine(ProbeReport.Redact($"cmshazards probe: {finding.Verdict.Id}: {finding.Summary}", cookie.Secrets));
            }

            return finding.Verdict.ExitCode;
        });
        return command;
    }

    private static int Usage(TextWriter error, string problem)
    {
        error.WriteLine($"cmshazards probe: {problem}");
        error.WriteLine("Run 'cmshazards probe --help' to see how to use it.");
        return ProbeVerdict.CouldNotTell;
    }

    /// <summary>The command's description: what it does, then every verdict with its exit code and meaning.</summary>
    private static string HelpText()
    {
        var text = new StringBuilder();
        text.AppendLine("Checks whether a deployed site really carries the CMS UI's WebSocket, end to end, through every load balancer, proxy and CDN in front of it.");
        text.AppendLine();
        text.AppendLine("It makes the request the CMS UI's client makes: GET wss://HOST/EPiServer/Shell/socket/endpoint/ with Upgrade: websocket, the site's Origin and no subprotocol; after 101 it sends the client's heartbeat text /epi/heartbeat, and again after 3 s as the client does; the connection must answer and stay up for the client's 6-second window; then it closes cleanly. The endpoint is protected: run it with --cookie-file holding a logged-in editor's cookie.");
        text.AppendLine();
        text.AppendLine("Verdicts (exit code: 0 works, 1 hazard found, 2 could not tell):");
        foreach (var verdict in ProbeVerdict.All)
        {
            text.AppendLine($"  {verdict.Id} ({verdict.ExitCode}): {verdict.Meaning}");
        }

        text.AppendLine();
        text.AppendLine("Each report gives the evidence (status line, the headers that say who answered, timings), the likely cause and what to do.");
        text.AppendLine();
        text.AppendLine("Examples:");
        text.AppendLine("  cmshazards probe https://edit.example.com/ --cookie-file editor-cookie.txt");
        text.AppendLine("  cmshazards probe https://staging.example.com/ --root /secret/cms/ --cookie-file cookies.txt --format sarif -o probe.sarif");
        return text.ToString().TrimEnd();
    }
}
