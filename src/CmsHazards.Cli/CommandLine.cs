using CmsHazards.Hosting;

namespace CmsHazards.Cli;

internal enum ReportFormat
{
    Text,
    Sarif,
}

/// <summary>What <c>cmshazards scan</c> was asked to do.</summary>
internal sealed class ScanOptions
{
    public List<string> Paths { get; } = new();

    public ReportFormat Format { get; set; } = ReportFormat.Text;

    /// <summary>Where the report goes; null for standard output.</summary>
    public string? OutputPath { get; set; }

    public bool Fix { get; set; }

    /// <summary><c>--host-websockets</c>: the value of <c>CmsHostWebSockets</c>, over the project's.</summary>
    public string? HostWebSockets { get; set; }

    /// <summary><c>--iis-version</c>: the value of <c>CmsHostIisVersion</c>, over the project's.</summary>
    public string? IisVersion { get; set; }

    /// <summary><c>--infrastructure</c>: ARM, Bicep or Terraform files (or folders of them) that deploy the sites, over the project's CmsHostInfrastructure.</summary>
    public List<string> Infrastructure { get; } = new();

    /// <summary>Infrastructure files found in the scanned folders, read for sites that name none; looked for only when such a site asks.</summary>
    public Lazy<IReadOnlyList<string>> FoundInfrastructure { get; set; } = new(Array.Empty<string>());

    /// <summary>The build configuration, as <c>dotnet build -c</c> takes it; MSBuild's default is Debug.</summary>
    public string Configuration { get; set; } = "Debug";
}

/// <summary>The command line, parsed: options to scan with, a request for help or the version, or what is wrong.</summary>
internal sealed class CommandLine
{
    private CommandLine(ScanOptions? scan, bool help, bool version, string? error)
    {
        Scan = scan;
        Help = help;
        Version = version;
        Error = error;
    }

    public ScanOptions? Scan { get; }

    public bool Help { get; }

    public bool Version { get; }

    /// <summary>A usage error, as a sentence; null when the command line is understood.</summary>
    public string? Error { get; }

    public const string HelpText = """
        cmshazards: finds EPiServer/Optimizely CMS configuration hazards in a folder tree, without building.

        Usage:
          cmshazards scan [PATH...] [options]

        Looks under each PATH (a folder, or a .csproj; default: the current folder) for CMS sites: a .csproj
        with a web.config beside it that references CMS UI through packages.config, a PackageReference or a
        HintPath. Old-style and SDK-style projects both count, and nothing is built, so Windows-only sites can be
        checked on Linux. Each site gets the same checks as a build with the CmsHazards package, with the same
        rule IDs and messages:

          Site/Web.config(10,4): warning CMSH101: CMS UI 11.20.0 (packages.config (...)) opens a WebSocket ...

        The IDE shows such a finding on the application class in Global.asax.cs; cmshazards has no compilation,
        so it points at the web.config element the finding is about. It reads the CMS UI version from the
        project file (PackageReference, Directory.Packages.props, HintPath) or else packages.config, and the
        hosts from the project's CmsHostWebSockets and CmsHostIisVersion properties (see --configuration).

        Options:
          --format text|sarif          text (the default): one line per finding and a summary line.
                                       sarif: a SARIF 2.1.0 log, for GitHub code scanning or Azure DevOps.
          -o, --output FILE            Write the report to FILE instead of the console.
          --fix                        Apply the fix the IDE offers for each warning ("Turn off CMS UI
                                       WebSockets": Epi.WebSockets.Enabled=false in the site's root
                                       appSettings), list the files changed, then report what is left.
                                       Files keep their encoding, byte order mark, line endings, indentation
                                       and comments. Running it again changes nothing.
          --host-websockets true|false Declare that the hosts do / do not carry WebSockets end to end, as the
                                       MSBuild property CmsHostWebSockets does. Wins over the project's value.
          --iis-version VERSION        Declare the hosts' IIS version (7.5 = Windows Server 2008 R2; below 8.0
                                       there are no WebSockets), as CmsHostIisVersion does.
          --infrastructure PATH        ARM templates and parameters, Bicep (.bicep, .bicepparam) or Terraform
                                       (.tf, .tfvars) files that deploy the sites to Azure App Service, or a
                                       folder of them; repeatable. Wins over the project's CmsHostInfrastructure.
                                       Without either, such files found under the scanned folders are read, and
                                       a note tells the CmsHostInfrastructure value that makes builds read them.
          -c, --configuration NAME     The build configuration (default: Debug). Property groups with a
                                       Condition on $(Configuration) are read for it, as in dotnet build -c NAME.
                                       The Web.NAME.config transform (and that of the appSettings file
                                       configSource names) is applied: the deployed configuration is checked.
          -h, --help                   Show this help.
          --version                    Show the version of cmshazards.

        Exit codes:
          0  no hazards (notes such as CMSH100 are printed, but leave the exit code 0, as they leave a build green)
          1  hazards found: warnings (after --fix: warnings that are left)
          2  a usage error, or a file or folder that could not be read (the rest is still checked)

        Examples:
          cmshazards scan                                  check every site under the current folder
          cmshazards scan src --iis-version 7.5            the hosts still run IIS 7.5
          cmshazards scan -c Release --format sarif -o cmshazards.sarif
          cmshazards scan --fix                            fix every site, then review and commit the changes
        """;

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        if (args.Any(a => a is "-h" or "--help" or "-?" or "/?") || (args.Count > 0 && args[0] == "help")) return new CommandLine(null, true, false, null);
        if (args.Any(a => a == "--version")) return new CommandLine(null, false, true, null);
        if (args.Count == 0) return Fail("no command given; the command is 'scan'.");
        if (args[0] != "scan") return Fail($"'{args[0]}' is not a command; the command is 'scan'.");

        var options = new ScanOptions();
        var onlyPaths = false;
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (onlyPaths || !arg.StartsWith("-", StringComparison.Ordinal))
            {
                options.Paths.Add(arg);
                continue;
            }

            // --name=value and --name value are the same.
            var equals = arg.IndexOf('=');
            var name = equals > 0 ? arg.Substring(0, equals) : arg;
            string? inlineValue = equals > 0 ? arg.Substring(equals + 1) : null;

            string? Value()
            {
                if (inlineValue is not null) return inlineValue;
                if (i + 1 < args.Count) return args[++i];
                return null;
            }

            switch (name)
            {
                case "--":
                    onlyPaths = true;
                    break;
                case "--fix":
                    if (inlineValue is not null) return Fail("--fix takes no value.");
                    options.Fix = true;
                    break;
                case "--format":
                    var format = Value();
                    if (string.Equals(format, "text", StringComparison.OrdinalIgnoreCase)) options.Format = ReportFormat.Text;
                    else if (string.Equals(format, "sarif", StringComparison.OrdinalIgnoreCase)) options.Format = ReportFormat.Sarif;
                    else return Fail(format is null ? "--format needs a value: text or sarif." : $"--format is '{format}'; use text or sarif.");
                    break;
                case "-o":
                case "--output":
                    options.OutputPath = Value();
                    if (string.IsNullOrWhiteSpace(options.OutputPath)) return Fail($"{name} needs a file name.");
                    break;
                case "--host-websockets":
                    options.HostWebSockets = Value();
                    if (Problem(options.HostWebSockets, null) is { } webSocketsProblem) return Fail($"{name}: {webSocketsProblem}");
                    break;
                case "--iis-version":
                    options.IisVersion = Value();
                    if (Problem(null, options.IisVersion) is { } iisProblem) return Fail($"{name}: {iisProblem}");
                    break;
                case "--infrastructure":
                    var infrastructure = Value();
                    if (string.IsNullOrWhiteSpace(infrastructure)) return Fail($"{name} needs a file or folder.");
                    options.Infrastructure.Add(infrastructure!);
                    break;
                case "-c":
                case "--configuration":
                    var configuration = Value();
                    if (string.IsNullOrWhiteSpace(configuration)) return Fail($"{name} needs a configuration name, such as Release.");
                    options.Configuration = configuration!;
                    break;
                default:
                    return Fail($"'{arg}' is not an option of scan.");
            }
        }

        if (options.Paths.Count == 0) options.Paths.Add(".");
        return new CommandLine(options, false, false, null);
    }

    /// <summary>A host value the project properties would not accept, in the words the core uses for them.</summary>
    private static string? Problem(string? webSockets, string? iisVersion)
    {
        if (webSockets is null && iisVersion is null) return "a value is needed.";
        var declaration = HostDeclaration.Read(webSockets ?? "", iisVersion ?? "");
        if (declaration.Problems.Count > 0) return declaration.Problems[0];
        return (webSockets ?? iisVersion)!.Trim().Length == 0 ? "a value is needed." : null;
    }

    private static CommandLine Fail(string error) => new CommandLine(null, false, false, error);
}
