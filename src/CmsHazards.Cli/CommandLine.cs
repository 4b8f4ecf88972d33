using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using CmsHazards.Hosting;

namespace CmsHazards.Cli;

internal enum ReportFormat
{
    Text,
    Sarif,
    GitHub,
}

/// <summary>What <c>cmshazards scan</c> was asked to do.</summary>
internal sealed class ScanOptions
{
    public List<string> Paths { get; } = new();

    public ReportFormat Format { get; set; } = ReportFormat.Text;

    /// <summary>Where the report goes; null for standard output.</summary>
    public string? OutputPath { get; set; }

    public bool Fix { get; set; }

    /// <summary>
    /// The global properties every project is evaluated with, as <c>dotnet build</c> takes them: <c>-c</c> as
    /// Configuration, <c>-p:Name=Value</c>, and the host options as CmsHostWebSockets and CmsHostIisVersion. They
    /// win over what the project sets.
    /// </summary>
    public Dictionary<string, string> GlobalProperties { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary><c>--infrastructure</c>: ARM, Bicep or Terraform files (or folders of them) that deploy the sites, over the project's CmsHostInfrastructure.</summary>
    public List<string> Infrastructure { get; } = new();

    /// <summary>Infrastructure files found in the scanned folders, read for sites that name none; looked for only when such a site asks.</summary>
    public Lazy<IReadOnlyList<string>> FoundInfrastructure { get; set; } = new(Array.Empty<string>());
}

/// <summary>
/// The <c>cmshazards</c> command line (System.CommandLine): the root command and its subcommands. A subcommand
/// is one line in <see cref="Create"/>; each command's action returns its exit code.
/// </summary>
internal static class CmsHazardsCommand
{
    /// <param name="network">The probe's name lookup and heartbeat timing; tests replace them, never the sockets.</param>
    public static RootCommand Create(CliConsole console, Probe.ProbeNetwork? network = null)
    {
        var root = new RootCommand("cmshazards: finds EPiServer/Optimizely CMS configuration hazards in a folder tree, without building, and probes deployed sites.");

        // One line per command; each command's action returns its own exit code.
        root.Subcommands.Add(ScanCommand.Create(console));
        root.Subcommands.Add(Probe.ProbeCommand.Create(network ?? Probe.ProbeNetwork.Default, console.WorkingDirectory));

        foreach (var option in root.Options)
        {
            if (option is HelpOption help) help.Action = new HelpWithMore(help.Action!);
            if (option is VersionOption version) version.Action = new PrintVersion();
        }

        return root;
    }

    /// <summary>
    /// Parses and runs the command line. Usage errors (an unknown option, with the options it may have meant; a
    /// missing or malformed value) exit with 2, as a file that cannot be read does, so a CI gate never passes on them.
    /// </summary>
    public static int Run(IReadOnlyList<string> args, CliConsole console, Probe.ProbeNetwork? network = null)
    {
        // Response files (@file) are read from the console's working folder, one or more arguments a line.
        var parsed = Create(console, network).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = (string token, out IReadOnlyList<string>? replacement, out string? error) => ResponseFile.TryRead(token, console.WorkingDirectory, out replacement, out error) });
        var invocation = new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false };
        if (parsed.Errors.Count > 0 && parsed.Action is ParseErrorAction)
        {
            var command = parsed.CommandResult.Command;
            foreach (var error in parsed.Errors) console.Error.WriteLine("cmshazards: " + error.Message);
            foreach (var token in parsed.UnmatchedTokens)
            {
                if (Suggestions.For(token, command) is { Length: > 0 } suggestion) console.Error.WriteLine($"cmshazards: did you mean {suggestion}?");
            }

            var name = command is RootCommand ? "cmshazards" : "cmshazards " + command.Name;
            console.Error.WriteLine($"Run '{name} --help' to see how to use it.");
            return Program.UsageOrReadError;
        }

        return parsed.Invoke(invocation);
    }

    /// <summary>The generated help, then the text a command adds (exit codes, examples, what it reads).</summary>
    private sealed class HelpWithMore : SynchronousCommandLineAction
    {
        private readonly CommandLineAction _help;

        public HelpWithMore(CommandLineAction help) => _help = help;

        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            ((SynchronousCommandLineAction)_help).Invoke(parseResult);
            if (parseResult.CommandResult.Command is ScanCommand.Scan) parseResult.InvocationConfiguration.Output.WriteLine(ScanCommand.MoreHelp);
            return Program.NoHazards;
        }
    }

    /// <summary>The version without the source revision the SDK appends after '+'.</summary>
    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(SarifReport.ToolVersion);
            return Program.NoHazards;
        }
    }
}

/// <summary><c>cmshazards scan</c>: its arguments, options and help.</summary>
internal static class ScanCommand
{
    public const string MoreHelp = """
        What it reads:
          Each project is evaluated by MSBuild from the .NET SDK that dotnet uses (no build, no restore, no target
          runs), so conditions, property functions, Choose/When, imports and Directory.Build.props count as in
          dotnet build. Imports missing on this machine (Visual Studio's WebApplication targets on Linux) are
          skipped and named in a note. Where MSBuild cannot evaluate a project, its files are read instead, with a
          note saying what may be missed. The CMS UI version comes from obj/project.assets.json when the project
          was restored (packages that arrive transitively, such as through the EPiServer.CMS metapackage,
          included), else from the project's PackageReference, PackageVersion or HintPath, else packages.config.
          ARM, Bicep or Terraform files that deploy the sites come from --infrastructure, else the project's
          CmsHostInfrastructure, else those found under the scanned folders (a note then tells the
          CmsHostInfrastructure value that makes builds read them too).

        Exit codes:
          0  no hazards (notes such as CMSH100 are printed, but leave the exit code 0, as they leave a build green)
          1  hazards found: warnings (after --fix: warnings that are left)
          2  a usage error, or a file, folder or project that could not be read (the rest is still checked)

        Examples:
          cmshazards scan                                  check every site under the current folder
          cmshazards scan src --iis-version 7.5            the hosts still run IIS 7.5
          cmshazards scan -c Release --format sarif -o cmshazards.sarif
          cmshazards scan -c Release --format github       annotations on the pull request in GitHub Actions
          cmshazards scan @cmshazards.rsp                  options and paths read from a response file
          cmshazards scan --fix                            fix every site, then review and commit the changes
        """;

    /// <summary>The scan command's own type, so help knows which command it shows.</summary>
    internal sealed class Scan : Command
    {
        public Scan()
            : base("scan", "Check every CMS site (a project with a web.config and a CMS UI reference) under the paths given.")
        {
        }
    }

    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "A folder to search for projects, or a project file. Default: the current folder.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "text (default): a line per finding and a summary. sarif: a SARIF 2.1.0 log for code scanning. github: GitHub Actions workflow annotations (::warning file=...,line=...::).",
            HelpName = "text|sarif|github",
            DefaultValueFactory = _ => "text",
        };
        format.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (Format(value) is null) result.AddError($"--format is '{value}'; use text, sarif or github.");
        });
        var output = new Option<string>("--output", "-o") { Description = "Write the report to FILE instead of standard output.", HelpName = "FILE" };
        var fix = new Option<bool>("--fix")
        {
            Description = "Apply, for every warning that has one, the fix the IDE offers first (each rule's page in docs/rules names it: turn off CMS UI WebSockets, set or move a binding redirect, and the others), each edit once; list the files changed, then report what is left. Files keep their encoding, byte order mark, line endings, indentation and comments; a second run changes nothing.",
        };
        var hostWebSockets = new Option<string>("--host-websockets")
        {
            Description = "Declare that the hosts do / do not carry WebSockets end to end, as the MSBuild property CmsHostWebSockets does. Wins over the project's value.",
            HelpName = "true|false",
        };
        var iisVersion = new Option<string>("--iis-version")
        {
            Description = "Declare the hosts' IIS version (7.5 = Windows Server 2008 R2; below 8.0 there are no WebSockets), as CmsHostIisVersion does.",
            HelpName = "VERSION",
        };
        var configuration = new Option<string>("--configuration", "-c")
        {
            Description = "The build configuration, as in dotnet build -c NAME (default: the project's own, Debug). Also picks the Web.NAME.config transform: the deployed configuration is checked.",
            HelpName = "NAME",
        };
        var infrastructure = new Option<string[]>("--infrastructure")
        {
            Description = "ARM templates and parameters, Bicep (.bicep, .bicepparam) or Terraform (.tf, .tfvars) files that deploy the sites to Azure App Service, or a folder of them; repeatable. Wins over the project's CmsHostInfrastructure. Without either, such files found under the scanned folders are read, and a note tells the CmsHostInfrastructure value that makes builds read them.",
            HelpName = "PATH",
            AllowMultipleArgumentsPerToken = false,
        };
        var property = new Option<string[]>("--property", "-p")
        {
            Description = "A global property for every project, as in dotnet build: -p:Name=Value, or several as -p:A=1;B=2.",
            HelpName = "Name=Value",
            AllowMultipleArgumentsPerToken = false,
        };

        // A value that looks like an option is a mistake (-o --fix would write a file named --fix).
        foreach (var option in new Option[] { output, hostWebSockets, iisVersion, infrastructure, configuration, format })
        {
            option.Validators.Add(result =>
            {
                foreach (var token in result.Tokens)
                {
                    if (token.Value.StartsWith('-')) result.AddError($"{result.Option.Name} needs a value, and '{token.Value}' looks like an option.");
                }
            });
        }

        output.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.Tokens[0].Value)) result.AddError($"{result.Option.Name} needs a file name.");
        });
        configuration.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && string.IsNullOrWhiteSpace(result.Tokens[0].Value)) result.AddError($"{result.Option.Name} needs a configuration name, such as Release.");
        });
        infrastructure.Validators.Add(result =>
        {
            if (result.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value))) result.AddError($"{result.Option.Name} needs a file or folder.");
        });
        hostWebSockets.Validators.Add(result => HostProblem(result, result.GetValueOrDefault<string>(), null));
        iisVersion.Validators.Add(result => HostProblem(result, null, result.GetValueOrDefault<string>()));
        property.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (GlobalProperties(token.Value) is null) result.AddError($"-p '{token.Value}' is not Name=Value (several as A=1;B=2).");
            }
        });

        var scan = new Scan();
        scan.Arguments.Add(paths);
        foreach (var option in new Option[] { format, output, fix, hostWebSockets, iisVersion, infrastructure, configuration, property }) scan.Options.Add(option);

        // An option the command does not know reaches the parser as a path; a path that starts with '-' and is
        // not on disk is a mistyped option, told with the options it may have meant.
        paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (!token.Value.StartsWith('-') || File.Exists(Path.GetFullPath(token.Value, console.WorkingDirectory)) || Directory.Exists(Path.GetFullPath(token.Value, console.WorkingDirectory))) continue;
                var suggestion = Suggestions.For(token.Value, scan);
                result.AddError($"'{token.Value}' is not an option of scan" + (suggestion.Length > 0 ? $"; did you mean {suggestion}?" : "."));
            }
        });

        scan.SetAction(parsed =>
        {
            var options = new ScanOptions
            {
                Format = Format(parsed.GetValue(format))!.Value,
                OutputPath = parsed.GetValue(output),
                Fix = parsed.GetValue(fix),
            };
            options.Paths.AddRange(parsed.GetValue(paths) ?? Array.Empty<string>());
            options.Infrastructure.AddRange(parsed.GetValue(infrastructure) ?? Array.Empty<string>());
            if (options.Paths.Count == 0) options.Paths.Add(".");

            // Later wins, as in MSBuild; the named options win over -p, as they are the more specific.
            foreach (var text in parsed.GetValue(property) ?? Array.Empty<string>())
            {
                foreach (var (name, value) in GlobalProperties(text)!) options.GlobalProperties[name] = value;
            }

            if (parsed.GetValue(configuration) is { } configurationName) options.GlobalProperties["Configuration"] = configurationName.Trim();
            if (parsed.GetValue(hostWebSockets) is { } webSockets) options.GlobalProperties[HostDeclaration.WebSocketsProperty] = webSockets.Trim();
            if (parsed.GetValue(iisVersion) is { } iis) options.GlobalProperties[HostDeclaration.IisVersionProperty] = iis.Trim();
            return Program.Scan(options, console);
        });
        return scan;
    }

    private static ReportFormat? Format(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "text" => ReportFormat.Text,
        "sarif" => ReportFormat.Sarif,
        "github" => ReportFormat.GitHub,
        _ => null,
    };

    /// <summary>"A=1;B=2" as MSBuild's -p takes it; null when a part is not Name=Value.</summary>
    internal static List<(string Name, string Value)>? GlobalProperties(string text)
    {
        var properties = new List<(string, string)>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0) return null;
            var name = part.Substring(0, equals).Trim();
            if (name.Length == 0 || !name.All(c => char.IsLetterOrDigit(c) || c is '_' or '-') || !char.IsLetter(name[0]) && name[0] != '_') return null;
            properties.Add((name, part.Substring(equals + 1).Trim()));
        }

        return properties.Count == 0 ? null : properties;
    }

    /// <summary>A host value the project properties would not accept, in the words the core uses for them.</summary>
    private static void HostProblem(OptionResult result, string? webSockets, string? iisVersion)
    {
        if (result.Tokens.Count == 0) return;
        var value = (webSockets ?? iisVersion ?? "").Trim();
        if (value.Length == 0)
        {
            result.AddError($"{result.Option.Name}: a value is needed.");
            return;
        }

        if (value.StartsWith('-')) return; // said above: it looks like an option
        var declaration = HostDeclaration.Read(webSockets ?? "", iisVersion ?? "");
        if (declaration.Problems.Count > 0) result.AddError($"{result.Option.Name}: {declaration.Problems[0].Message}");
    }
}

/// <summary>The options and commands a mistyped one may have meant: those a few edits away, or that it starts.</summary>
internal static class Suggestions
{
    /// <returns>"--format" or "--format or --fix"; empty when nothing is close.</returns>
    public static string For(string typed, Command command)
    {
        // -p:Name=Value and --format=sarif: only the name is compared.
        var name = typed.Split(':', '=')[0];
        var candidates = command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name))
            .Concat(command.Subcommands.Select(c => c.Name))
            .Distinct(StringComparer.Ordinal);
        var close = candidates
            .Select(c => (Name: c, Distance: Distance(name.TrimStart('-'), c.TrimStart('-'))))
            .Where(c => c.Name.TrimStart('-').Length > 1 && (c.Distance <= Math.Max(1, c.Name.TrimStart('-').Length / 3) || (name.TrimStart('-').Length >= 3 && c.Name.TrimStart('-').StartsWith(name.TrimStart('-'), StringComparison.OrdinalIgnoreCase))))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)
            .Take(3)
            .ToList();
        return string.Join(" or ", close);
    }

    /// <summary>Edits (insertions, deletions, substitutions, swaps of neighbours) from one word to the other, ignoring case.</summary>
    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }
}

/// <summary>
/// A response file, as <c>dotnet build @file.rsp</c> reads one: arguments separated by white space, quotes
/// around an argument with spaces, lines starting with '#' left out.
/// </summary>
internal static class ResponseFile
{
    public static bool TryRead(string path, string workingDirectory, out IReadOnlyList<string>? arguments, out string? error)
    {
        arguments = null;
        error = null;
        var full = Path.GetFullPath(path, workingDirectory);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"the response file {path} cannot be read: {e.Message}";
            return false;
        }

        var found = new List<string>();
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var current = new System.Text.StringBuilder();
            var quoted = false;
            var any = false;
            foreach (var c in line)
            {
                if (c == '"')
                {
                    quoted = !quoted;
                    any = true;
                }
                else if (char.IsWhiteSpace(c) && !quoted)
                {
                    if (any) found.Add(current.ToString());
                    current.Clear();
                    any = false;
                }
                else
                {
                    current.Append(c);
                    any = true;
                }
            }

            if (any) found.Add(current.ToString());
        }

        arguments = found;
        return true;
    }
}
