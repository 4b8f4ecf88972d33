using Xunit;

namespace CmsHazards.Cli.Tests;

/// <summary>
/// <c>cmshazards scan</c> end to end on the fixture repository tests/Fixtures/Cli/Repo: an old-style site with
/// packages.config and HintPaths (Intranet), an SDK-style site with Central Package Management and a configSource
/// appSettings file (Public), a site already safe (Campaign), a site with a broken web.config (Broken), and a
/// CMS 12 project without web.config (Headless). Its Directory.Build.props declares IIS 7.5 for Release.
/// </summary>
public class ScanTests
{
    internal const string Consequence = "Editors will get \"A real-time connection could not be established with the server\". Set Epi.WebSockets.Enabled to false in the root appSettings of Web.config.";
    /// <summary>Public keeps its appSettings in appsettings.config (configSource): the message names that file.</summary>
    internal const string PublicConsequence = "Editors will get \"A real-time connection could not be established with the server\". Set Epi.WebSockets.Enabled to false in the root appSettings, which Web.config takes from appsettings.config (configSource).";
    /// <summary>Headless references the EPiServer.CMS metapackage and is not restored: its CMS UI cannot be known without a restore.</summary>
    internal const string HeadlessNote =
        "Headless/Headless.csproj: note: not checked: it references EPiServer.CMS, which can bring CMS UI transitively, but it has not been restored " +
        "(obj/project.assets.json is missing); run dotnet restore, then cmshazards scan.";
    internal const string OldIis = "the host is declared as IIS 7.5 (CmsHostIisVersion), and IIS carries WebSockets only from 8.0";

    internal const string Broken =
        "Broken/Web.config(2,3): warning CMSH200: Web.config cannot be read as XML at line 2, column 3: Unexpected XML declaration. " +
        "The XML declaration must be the first node in the document, and no whitespace characters are allowed to appear before it. Line 2, position 3. " +
        "CmsHazards checks nothing in it until it is fixed.";

    internal const string IntranetUi = "CMS UI 10.10.4 (Intranet.csproj (HintPath EPiServer.CMS.UI.Core.10.10.4))";

    internal const string CompatibilityMode =
        "ASP.NET runs in its 4.0 compatibility mode, which refuses WebSockets (<httpRuntime> at Web.config(13) has no targetFramework, and aspnet:UseTaskFriendlySynchronizationContext is not true)";

    internal const string Intranet =
        $"Intranet/Web.config(13,6): warning CMSH101: {IntranetUi} opens a WebSocket from the edit interface, but {CompatibilityMode}. {Consequence}";

    internal const string PublicUi = "CMS UI 11.20.0 (Directory.Packages.props (EPiServer.CMS.UI 11.20.0))";

    internal const string PublicNote =
        $"Public/Web.config(3,4): info CMSH100: {PublicUi} opens a WebSocket from the edit interface, and nothing declares whether the hosts carry WebSockets end to end " +
        "(IIS 8 or later with the WebSocket Protocol feature, and every proxy or CDN passing the Upgrade header). " +
        "Declare <CmsHostWebSockets>true</CmsHostWebSockets> once that is checked, or set Epi.WebSockets.Enabled to false.";

    [Fact]
    public void Text_report_has_a_line_per_finding_at_the_web_config_element_and_a_summary()
    {
        using var tree = FixtureTree.Copy("Repo");
        var before = tree.Snapshot();

        var run = CliRun.InProcess(tree.Root, "scan");

        Assert.Equal(new[] { Broken, Intranet, PublicNote, "4 CMS sites checked: 2 warnings (CMSH101: 1, CMSH200: 1), 1 info (CMSH100: 1)." }, run.OutLines);
        Assert.Equal(new[] { HeadlessNote }, run.ErrorLines);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(before, tree.Snapshot());
    }

    [Fact]
    public void Paths_are_shown_relative_to_the_working_folder_and_a_project_file_can_be_named()
    {
        using var tree = FixtureTree.Copy("Repo");

        var run = CliRun.InProcess(tree.PathOf("Intranet"), "scan", ".", "../Public/Public.csproj");

        // Public is outside the working folder, so its path is shown in full.
        var publicWebConfig = tree.PathOf("Public/Web.config").Replace(Path.DirectorySeparatorChar, '/');
        Assert.Equal(
            new[]
            {
                Intranet.Replace("Intranet/Web.config", "Web.config"),
                PublicNote.Replace("Public/Web.config", publicWebConfig),
                "2 CMS sites checked: 1 warning (CMSH101: 1), 1 info (CMSH100: 1).",
            },
            run.OutLines);
    }

    [Fact]
    public void The_configuration_picks_the_hosts_the_project_declares_for_it()
    {
        using var tree = FixtureTree.Copy("Repo");

        var run = CliRun.InProcess(tree.Root, "scan", "--configuration", "Release");

        Assert.Equal(
            new[]
            {
                Broken,
                $"Intranet/Web.config(13,6): warning CMSH101: {IntranetUi} opens a WebSocket from the edit interface, but {CompatibilityMode}; and {OldIis}. {Consequence}",
                $"Public/Web.config(3,4): warning CMSH101: {PublicUi} opens a WebSocket from the edit interface, but {OldIis}. {PublicConsequence}",
                "4 CMS sites checked: 3 warnings (CMSH101: 2, CMSH200: 1), 0 info.",
            },
            run.OutLines);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void Host_options_declare_the_hosts_and_win_over_the_project()
    {
        using var tree = FixtureTree.Copy("Repo");

        var declaredWithout = CliRun.InProcess(tree.Root, "scan", "Public", "--host-websockets", "false");
        var oldIis = CliRun.InProcess(tree.Root, "scan", "Public", "--iis-version=7.5");
        var checkedHosts = CliRun.InProcess(tree.Root, "scan", "Public", "-c", "Release", "--host-websockets", "true");

        Assert.Equal(
            new[] { $"Public/Web.config(3,4): warning CMSH101: {PublicUi} opens a WebSocket from the edit interface, but the hosts are declared without WebSockets (CmsHostWebSockets=false). {PublicConsequence}", "1 CMS site checked: 1 warning (CMSH101: 1), 0 info." },
            declaredWithout.OutLines);
        Assert.Equal(
            new[] { $"Public/Web.config(3,4): warning CMSH101: {PublicUi} opens a WebSocket from the edit interface, but {OldIis}. {PublicConsequence}", "1 CMS site checked: 1 warning (CMSH101: 1), 0 info." },
            oldIis.OutLines);
        Assert.Equal(new[] { "1 CMS site checked: 0 warnings, 0 info." }, checkedHosts.OutLines);
        Assert.Equal((1, 1, 0), (declaredWithout.ExitCode, oldIis.ExitCode, checkedHosts.ExitCode));
    }

    [Fact]
    public void Exit_code_is_0_without_hazards_even_with_notes()
    {
        using var tree = FixtureTree.Copy("Repo");

        var safe = CliRun.InProcess(tree.Root, "scan", "Campaign", "Headless");
        var noteOnly = CliRun.InProcess(tree.Root, "scan", "Public");

        Assert.Equal(new[] { "1 CMS site checked: 0 warnings, 0 info." }, safe.OutLines);
        Assert.Equal(0, safe.ExitCode);
        Assert.Equal(new[] { PublicNote, "1 CMS site checked: 0 warnings, 1 info (CMSH100: 1)." }, noteOnly.OutLines);
        Assert.Equal(0, noteOnly.ExitCode);
    }

    [Theory]
    [InlineData(new string[0], "cmshazards: Required command was not provided.")]
    [InlineData(new[] { "check" }, "cmshazards: Required command was not provided.", "cmshazards: Unrecognized command or argument 'check'.")]
    [InlineData(new[] { "scna" }, "cmshazards: Required command was not provided.", "cmshazards: Unrecognized command or argument 'scna'.", "cmshazards: did you mean scan?")]
    [InlineData(new[] { "scan", "--fixx" }, "cmshazards: '--fixx' is not an option of scan; did you mean --fix?")]
    [InlineData(new[] { "scan", "--configuraton", "Release" }, "cmshazards: '--configuraton' is not an option of scan; did you mean --configuration?")]
    [InlineData(new[] { "scan", "--format", "xml" }, "cmshazards: --format is 'xml'; use text, sarif or github.")]
    [InlineData(new[] { "scan", "--format" }, "cmshazards: Required argument missing for option: '--format'.")]
    [InlineData(new[] { "scan", "--iis-version", "seven" }, "cmshazards: --iis-version: CmsHostIisVersion is 'seven'; use an IIS version such as 7.5 or 10.0.")]
    [InlineData(new[] { "scan", "--host-websockets", "maybe" }, "cmshazards: --host-websockets: CmsHostWebSockets is 'maybe'; use true or false.")]
    [InlineData(new[] { "scan", "--host-websockets" }, "cmshazards: Required argument missing for option: '--host-websockets'.")]
    [InlineData(new[] { "scan", "-c" }, "cmshazards: Required argument missing for option: '-c'.")]
    [InlineData(new[] { "scan", "-c", "--fix" }, "cmshazards: --configuration needs a value, and '--fix' looks like an option.")]
    [InlineData(new[] { "scan", "--iis-version", "--fix" }, "cmshazards: --iis-version needs a value, and '--fix' looks like an option.")]
    [InlineData(new[] { "scan", "-p:Foo" }, "cmshazards: -p 'Foo' is not Name=Value (several as A=1;B=2).")]
    public void Usage_errors_exit_with_2_and_say_what_is_wrong(string[] args, params string[] errors)
    {
        using var tree = FixtureTree.Copy("Repo");
        var before = tree.Snapshot();

        var run = CliRun.InProcess(tree.Root, args);

        var help = args.Length > 0 && args[0] == "scan" ? "Run 'cmshazards scan --help' to see how to use it." : "Run 'cmshazards --help' to see how to use it.";
        Assert.Equal(errors.Append(help), run.ErrorLines);
        Assert.Equal("", run.Out);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(before, tree.Snapshot());
    }

    [Fact]
    public void A_value_that_looks_like_an_option_is_refused_and_no_file_is_written()
    {
        using var tree = FixtureTree.Copy("Repo");
        var before = tree.Snapshot();

        var run = CliRun.InProcess(tree.Root, "scan", "-o", "--fix");

        Assert.Equal(new[] { "cmshazards: --output needs a value, and '--fix' looks like an option.", "Run 'cmshazards scan --help' to see how to use it." }, run.ErrorLines);
        Assert.Equal(2, run.ExitCode);
        Assert.False(File.Exists(tree.PathOf("--fix")));
        Assert.Equal(before, tree.Snapshot());
    }

    [Fact]
    public void A_response_file_gives_paths_and_options_as_if_typed()
    {
        using var tree = FixtureTree.Copy("Repo");
        tree.Write("cmshazards.rsp", "# the release gate\nPublic\n-c Release\n--format github\n");

        var fromFile = CliRun.InProcess(tree.Root, "scan", "@cmshazards.rsp");
        var typed = CliRun.InProcess(tree.Root, "scan", "Public", "-c", "Release", "--format", "github");

        Assert.Equal(typed, fromFile);
        Assert.StartsWith("::warning file=Public/Web.config,line=3,col=4,", fromFile.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Global_properties_are_given_as_dotnet_build_takes_them()
    {
        using var tree = FixtureTree.Copy("Repo");

        var colon = CliRun.InProcess(tree.Root, "scan", "Public", "-p:CmsHostIisVersion=7.5");
        var several = CliRun.InProcess(tree.Root, "scan", "Public", "--property:Flavour=x;CmsHostIisVersion=7.5");
        var spaced = CliRun.InProcess(tree.Root, "scan", "Public", "-p", "CmsHostIisVersion=7.5");

        var expected = new[] { $"Public/Web.config(3,4): warning CMSH101: {PublicUi} opens a WebSocket from the edit interface, but {OldIis}. {PublicConsequence}", "1 CMS site checked: 1 warning (CMSH101: 1), 0 info." };
        Assert.Equal(expected, colon.OutLines);
        Assert.Equal(expected, several.OutLines);
        Assert.Equal(expected, spaced.OutLines);
        Assert.Equal((1, 1, 1), (colon.ExitCode, several.ExitCode, spaced.ExitCode));
    }

    [Fact]
    public void A_path_that_does_not_exist_exits_with_2_after_checking_the_others()
    {
        using var tree = FixtureTree.Copy("Repo");

        var run = CliRun.InProcess(tree.Root, "scan", "Publik", "Public");

        Assert.Equal(new[] { PublicNote, "1 CMS site checked: 0 warnings, 1 info (CMSH100: 1), 1 file or folder not read." }, run.OutLines);
        Assert.Equal(new[] { "cmshazards: error: Publik does not exist." }, run.ErrorLines);
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public void A_file_the_file_system_refuses_is_an_error_and_the_other_sites_are_still_checked()
    {
        if (OperatingSystem.IsWindows()) return; // creating a symbolic link needs a privilege there

        using var tree = FixtureTree.Copy("Repo");
        var webConfig = tree.PathOf("Intranet/Web.config");
        File.Delete(webConfig);
        File.CreateSymbolicLink(webConfig, tree.PathOf("Intranet/Web.config.gone"));
        var reason = Assert.ThrowsAny<IOException>(() => File.ReadAllBytes(webConfig)).Message;

        var run = CliRun.InProcess(tree.Root, "scan");

        Assert.Equal(new[] { Broken, PublicNote, "3 CMS sites checked: 1 warning (CMSH200: 1), 1 info (CMSH100: 1), 1 file or folder not read." }, run.OutLines);
        Assert.Equal(new[] { HeadlessNote, $"cmshazards: error: Intranet/Web.config: {reason}" }, run.ErrorLines);
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public void A_project_file_that_is_not_XML_is_an_error()
    {
        using var tree = FixtureTree.Copy("Repo");
        tree.Write("Public/Public.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n</Project>\n");

        var run = CliRun.InProcess(tree.Root, "scan", "Public");

        Assert.Equal(
            new[] { "cmshazards: error: Public/Public.csproj(3,3): not well-formed XML: The 'PropertyGroup' start tag on line 2 position 4 does not match the end tag of 'Project'. Line 3, position 3." },
            run.ErrorLines);
        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public void The_configuration_picks_the_transform_of_the_deployed_configuration()
    {
        using var tree = FixtureTree.Copy("Repo");
        tree.Write("Public/appsettings.config", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<appSettings>\r\n\t<add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\r\n</appSettings>\r\n");
        tree.Write("Public/appsettings.Release.config", "<?xml version=\"1.0\"?>\r\n<appSettings xmlns:xdt=\"http://schemas.microsoft.com/XML-Document-Transform\">\r\n\t<add key=\"Epi.WebSockets.Enabled\" xdt:Transform=\"Remove\" xdt:Locator=\"Match(key)\" />\r\n</appSettings>\r\n");

        var debug = CliRun.InProcess(tree.Root, "scan", "Public", "--iis-version", "7.5");
        var release = CliRun.InProcess(tree.Root, "scan", "Public", "--iis-version", "7.5", "-c", "Release");

        Assert.Equal(new[] { "1 CMS site checked: 0 warnings, 0 info." }, debug.OutLines);
        Assert.Equal(0, debug.ExitCode);
        Assert.Equal(
            new[]
            {
                $"Public/appsettings.Release.config(3,3): warning CMSH101: {PublicUi} opens a WebSocket from the edit interface, but the host is declared as IIS 7.5 (CmsHostIisVersion), and IIS carries WebSockets only from 8.0. {PublicConsequence} " +
                "Epi.WebSockets.Enabled=\"false\" at appsettings.config(3) does not take effect in the Release configuration: xdt:Transform=\"Remove\" at appsettings.Release.config(3) removes it. " +
                "No fix is offered: the transform decides; change it at appsettings.Release.config(3).",
                "1 CMS site checked: 1 warning (CMSH101: 1), 0 info.",
            },
            release.OutLines);
        Assert.Equal(1, release.ExitCode);
    }

    [Fact]
    public void CmsWebConfig_names_a_web_config_that_is_not_beside_the_project()
    {
        using var tree = FixtureTree.Copy("Repo");
        Directory.CreateDirectory(tree.PathOf("Intranet/Setup"));
        File.Move(tree.PathOf("Intranet/Web.config"), tree.PathOf("Intranet/Setup/Web.config"));
        var project = File.ReadAllText(tree.PathOf("Intranet/Intranet.csproj"))
            .Replace("<OutputType>Library</OutputType>", "<OutputType>Library</OutputType>\r\n    <CmsWebConfig>Setup\\Web.config</CmsWebConfig>");
        tree.Write("Intranet/Intranet.csproj", project);

        var run = CliRun.InProcess(tree.Root, "scan", "Intranet");

        Assert.Equal(new[] { Intranet.Replace("Intranet/Web.config", "Intranet/Setup/Web.config"), "1 CMS site checked: 1 warning (CMSH101: 1), 0 info." }, run.OutLines);
    }

    [Fact]
    public void CmsWebConfig_naming_a_file_that_does_not_exist_gets_CMSH103_at_the_property()
    {
        using var tree = FixtureTree.Copy("Repo");
        var line = DeclareInIntranet(tree, "<CmsWebConfig>Setup\\Web.config</CmsWebConfig>");

        var run = CliRun.InProcess(tree.Root, "scan", "Intranet");

        Assert.Equal(
            new[]
            {
                $"Intranet/Intranet.csproj({line},6): warning CMSH103: CmsWebConfig is 'Setup\\Web.config', but {tree.PathOf("Intranet/Setup/Web.config")} does not exist. " +
                "CmsHazards checks no web.config of this site until CmsWebConfig names one that exists.",
                "1 CMS site checked: 1 warning (CMSH103: 1), 0 info.",
            },
            run.OutLines);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void A_host_property_that_cannot_be_read_gets_CMSH103_at_the_element_that_declares_it()
    {
        using var tree = FixtureTree.Copy("Repo");
        var line = DeclareInIntranet(tree, "<CmsHostIisVersion>IIS7</CmsHostIisVersion>");

        var run = CliRun.InProcess(tree.Root, "scan", "Intranet");

        Assert.Equal(
            new[]
            {
                $"Intranet/Intranet.csproj({line},6): warning CMSH103: CmsHostIisVersion is 'IIS7'; use an IIS version such as 7.5 or 10.0. CmsHazards treats it as not declared.",
                Intranet,
                "1 CMS site checked: 2 warnings (CMSH101: 1, CMSH103: 1), 0 info.",
            },
            run.OutLines);
        Assert.Equal(1, run.ExitCode);
    }

    /// <summary>Declares <paramref name="element"/> in the Intranet project after its OutputType; returns the line it is on.</summary>
    private static int DeclareInIntranet(FixtureTree tree, string element)
    {
        var project = File.ReadAllText(tree.PathOf("Intranet/Intranet.csproj"))
            .Replace("<OutputType>Library</OutputType>", "<OutputType>Library</OutputType>\r\n    " + element);
        tree.Write("Intranet/Intranet.csproj", project);
        return project.Split('\n').ToList().FindIndex(l => l.Contains(element, StringComparison.Ordinal)) + 1;
    }

    [Fact]
    public void Build_output_and_hidden_folders_are_not_searched()
    {
        using var tree = FixtureTree.Copy("Repo");
        foreach (var folder in new[] { "Headless/bin/Release/Stale", "Headless/obj/Stale", ".vs/Stale", "node_modules/stale" })
        {
            tree.Write(folder + "/Stale.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
            tree.Write(folder + "/packages.config", "<packages><package id=\"EPiServer.CMS.UI.Core\" version=\"11.20.0\" /></packages>");
            tree.Write(folder + "/Web.config", "<configuration />");
        }

        var run = CliRun.InProcess(tree.Root, "scan");

        Assert.Equal(new[] { Broken, Intranet, PublicNote, "4 CMS sites checked: 2 warnings (CMSH101: 1, CMSH200: 1), 1 info (CMSH100: 1)." }, run.OutLines);
    }

    [Fact]
    public void NoWarn_in_the_project_silences_a_rule_as_it_does_in_a_build()
    {
        using var tree = FixtureTree.Copy("Repo");
        var project = File.ReadAllText(tree.PathOf("Public/Public.csproj"))
            .Replace("<TargetFramework>net48</TargetFramework>", "<TargetFramework>net48</TargetFramework>\n    <NoWarn>$(NoWarn);CMSH100</NoWarn>");
        tree.Write("Public/Public.csproj", project);

        var run = CliRun.InProcess(tree.Root, "scan", "Public");

        Assert.Equal(new[] { "1 CMS site checked: 0 warnings, 0 info." }, run.OutLines);
    }

    [Fact]
    public void Conditions_on_files_count_as_MSBuild_evaluates_them()
    {
        using var tree = FixtureTree.Copy("Repo");
        tree.Write("Directory.Build.props", "<Project>\n  <PropertyGroup Condition=\"Exists('$(MSBuildThisFileDirectory)production.txt')\">\n    <CmsHostIisVersion>7.5</CmsHostIisVersion>\n  </PropertyGroup>\n</Project>\n");

        var without = CliRun.InProcess(tree.Root, "scan", "Public");
        tree.Write("production.txt", "");
        var with = CliRun.InProcess(tree.Root, "scan", "Public");

        Assert.Equal(new[] { PublicNote, "1 CMS site checked: 0 warnings, 1 info (CMSH100: 1)." }, without.OutLines);
        Assert.Equal(new[] { $"Public/Web.config(3,4): warning CMSH101: {PublicUi} opens a WebSocket from the edit interface, but {OldIis}. {PublicConsequence}", "1 CMS site checked: 1 warning (CMSH101: 1), 0 info." }, with.OutLines);
        Assert.Equal(("", ""), (without.Error, with.Error));
        Assert.Equal((0, 1), (without.ExitCode, with.ExitCode));
    }

    [Fact]
    public void Progress_is_a_line_per_project_on_standard_error_when_it_is_not_a_terminal()
    {
        using var tree = FixtureTree.Copy("Repo");

        // An interval of zero reports at once, as a long scan does after the interval.
        var run = CliRun.InProcess(tree.Root, TimeSpan.Zero, "scan", "Public", "Campaign");
        var quiet = CliRun.InProcess(tree.Root, TimeSpan.FromHours(1), "scan", "Public", "Campaign");

        Assert.Equal(new[] { "cmshazards: checking 1 of 2: Campaign/Campaign.csproj", "cmshazards: checking 2 of 2: Public/Public.csproj" }, run.ErrorLines);
        Assert.Equal(quiet.Out, run.Out);
        Assert.Equal("", quiet.Error);
    }

    [Fact]
    public void Help_explains_each_command_and_every_option_it_names_is_accepted()
    {
        var root = CliRun.InProcess(Path.GetTempPath(), "--help");
        var scan = CliRun.InProcess(Path.GetTempPath(), "scan", "--help");

        Assert.Equal((0, 0), (root.ExitCode, scan.ExitCode));
        Assert.Contains("cmshazards: finds EPiServer/Optimizely CMS configuration hazards", root.Out, StringComparison.Ordinal);
        Assert.Contains("scan", root.OutLines.SkipWhile(l => l != "Commands:").Skip(1).FirstOrDefault() ?? "", StringComparison.Ordinal);
        Assert.Contains("Exit codes:", scan.Out, StringComparison.Ordinal);
        var options = System.Text.RegularExpressions.Regex.Matches(scan.Out, @"(?<=[\s,])--?[a-z][a-z-]*").Select(m => m.Value).Distinct().ToList();
        Assert.Contains("--fix", options);
        Assert.Contains("--configuration", options);
        Assert.Contains("--property", options);
        foreach (var option in options.Where(o => o is not "--help" and not "-h" and not "--version"))
        {
            var value = option.Contains("websockets") ? "true" : option.Contains("iis") ? "7.5" : option == "--format" ? "sarif" : option is "-p" or "--property" ? "A=1" : "value";
            var run = CliRun.InProcess(Path.GetTempPath(), "scan", "--help", option, value);
            Assert.True(run.ExitCode == 0 && !run.Error.Contains("not an option", StringComparison.Ordinal), option + ": " + run.Error);
        }
    }

    [Theory]
    [InlineData("Views/web.config", true)]
    [InlineData("Views/Shared/web.config", true)]
    [InlineData("modules/_protected/Shell/web.config", true)]
    // Deeper than the package's targets look, so a build never hands it to the analyzer: the scan skips it too.
    [InlineData("modules/_protected/Shell/1.0.0/ClientResources/web.config", false)]
    public void Folder_web_configs_are_read_at_the_depths_the_build_reads_them(string path, bool read)
    {
        using var tree = FixtureTree.Copy("Repo");
        tree.Write("Public/" + path, "<?xml version=\"1.0\"?>\r\n<configuration>\r\n  <appSettings>\r\n    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\r\n  </appSettings>\r\n</configuration>\r\n");

        var run = CliRun.InProcess(tree.Root, "scan", "Public");

        var ineffective = run.OutLines.Where(l => l.Contains(": warning CMSH102: ", StringComparison.Ordinal)).Select(l => l[..l.IndexOf('(')]);
        Assert.Equal(read ? new[] { "Public/" + path } : Array.Empty<string>(), ineffective);
    }

}
