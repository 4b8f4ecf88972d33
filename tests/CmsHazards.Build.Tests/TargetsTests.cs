using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Xunit;

namespace CmsHazards.Build.Tests;

/// <summary>
/// The package's build/CmsHazards.props and .targets evaluated and run by the real MSBuild of the SDK
/// (dotnet msbuild -getItem/-getProperty), on a small project that imports them as NuGet would, with this
/// repository's build of the task. The project is restored once; each test passes its own global properties.
/// </summary>
public sealed class TargetsTests : IClassFixture<TargetsTests.Site>
{
    private const string OldIisMessage =
        "CMS UI 11.20.0 (packages.config (EPiServer.CMS.UI 11.20.0)) opens a WebSocket from the edit interface, but the host is declared as IIS 7.5 (CmsHostIisVersion), and IIS carries WebSockets only from 8.0. " +
        "Editors will get \"A real-time connection could not be established with the server\". Set Epi.WebSockets.Enabled to false in the root appSettings of Web.config.";

    private readonly Site _site;

    public TargetsTests(Site site) => _site = site;

    [Fact]
    public void Only_the_files_the_rules_read_become_additional_files_at_evaluation()
    {
        var result = _site.MsBuild("-getItem:AdditionalFiles");

        Assert.Equal(
            new[]
            {
                "Areas/Shop/Views/web.config",
                "Program.cs.txt", // the project's own AdditionalFiles item stays as it is
                "Views/Web.config",
                "Web.Debug.config", // the transform of this build's configuration (Debug, the default)
                "Web.config", // listed by the project as "Web.config": not added a second time
                "modules/_protected/Shell/web.config",
                "modules/web.config",
                "packages.config",
            },
            result.Items("AdditionalFiles"));
    }

    [Fact]
    public void The_transform_of_the_build_configuration_is_handed_over_and_no_other()
    {
        var release = _site.MsBuild("-getItem:AdditionalFiles", "-p:Configuration=Release");

        Assert.Contains("web.release.config", release.Items("AdditionalFiles"));
        Assert.DoesNotContain("Web.Debug.config", release.Items("AdditionalFiles"));
    }

    [Fact]
    public void The_task_adds_the_file_configSource_names_once()
    {
        var result = _site.MsBuild("-t:CmsHazardsInspectSite", "-getItem:AdditionalFiles", "-p:CmsWebConfig=Setup/Web.config");

        Assert.Equal(1, result.Items("AdditionalFiles").Count(f => f == "Setup/AppSettings.config"));
        Assert.Contains("Setup/Web.config", result.Items("AdditionalFiles"));
    }

    [Fact]
    public void The_transform_beside_the_file_CmsWebConfig_names_is_handed_over()
    {
        var result = _site.MsBuild("-getItem:AdditionalFiles", "-p:CmsWebConfig=Setup/Web.config", "-p:Configuration=Release");

        Assert.Contains("Setup/Web.config", result.Items("AdditionalFiles"));
        Assert.Contains("Setup/Web.Release.config", result.Items("AdditionalFiles"));
        Assert.DoesNotContain("Setup/Web.Debug.config", result.Items("AdditionalFiles"));
    }

    [Fact]
    public void CmsWebConfig_naming_a_file_that_does_not_exist_hands_the_analyzer_the_full_path_tried()
    {
        var missing = _site.MsBuild("-t:CmsHazardsInspectSite", "-getProperty:CmsHazardsMissingWebConfig", "-getProperty:CmsWebConfig", @"-p:CmsWebConfig=Setup\Missing.config");
        var present = _site.MsBuild("-t:CmsHazardsInspectSite", "-getProperty:CmsHazardsMissingWebConfig", "-getProperty:CmsWebConfig", "-p:CmsWebConfig=Setup/Web.config");

        Assert.Equal($"{_site.Root}/Setup/Missing.config", missing.Property("CmsHazardsMissingWebConfig"));
        Assert.Equal("", present.Property("CmsHazardsMissingWebConfig"));
    }

    [Fact]
    public void The_configSource_file_that_does_not_exist_is_passed_to_the_analyzer_as_missing()
    {
        var missing = _site.MsBuild("-t:CmsHazardsInspectSite", "-getProperty:CmsHazardsMissingConfigFiles", "-getProperty:CmsWebConfig", "-p:CmsWebConfig=Gone/Web.config");
        var present = _site.MsBuild("-t:CmsHazardsInspectSite", "-getProperty:CmsHazardsMissingConfigFiles", "-getProperty:CmsWebConfig", "-p:CmsWebConfig=Setup/Web.config");

        Assert.Equal($"{_site.Root}/Gone/AppSettings.config", missing.Property("CmsHazardsMissingConfigFiles"));
        Assert.Equal("", present.Property("CmsHazardsMissingConfigFiles"));
    }

    [Fact]
    public void The_file_appSettings_file_names_is_handed_over_and_one_that_does_not_exist_is_passed_as_missing()
    {
        var present = _site.MsBuild("-t:CmsHazardsInspectSite", "-getItem:AdditionalFiles", "-getProperty:CmsHazardsMissingConfigFiles", "-p:CmsWebConfig=Local/Web.config");
        var missing = _site.MsBuild("-t:CmsHazardsInspectSite", "-getItem:AdditionalFiles", "-getProperty:CmsHazardsMissingConfigFiles", "-p:CmsWebConfig=LocalGone/Web.config");

        Assert.Contains("Local/AppSettings.Local.config", present.Items("AdditionalFiles"));
        Assert.Equal("", present.Property("CmsHazardsMissingConfigFiles"));
        Assert.Equal($"{_site.Root}/LocalGone/AppSettings.Local.config", missing.Property("CmsHazardsMissingConfigFiles"));
    }

    /// <summary>
    /// The compiler writes compiler-visible properties into an .editorconfig whose reader ends a value at ';' or '#':
    /// a list joined as MSBuild joins it would reach the analyzer as its first file. What the analyzer reads is the
    /// line of that file, so the test reads the file the build generated.
    /// </summary>
    [Fact]
    public void Lists_handed_to_the_analyzer_survive_the_compiler_s_editorconfig()
    {
        var result = _site.MsBuild("-t:CmsHazardsInspectSite;GenerateMSBuildEditorConfigFile", "-getProperty:GeneratedMSBuildEditorConfigFile", "-getProperty:CmsHazardsMissingInfrastructure",
            "-p:CmsHostInfrastructure=\"infra/one.bicep;infra/C#/two.tf\"");

        Assert.True(result.ExitCode == 0, result.Output);
        var editorConfig = File.ReadAllLines(Path.Combine(_site.Root, result.Property("GeneratedMSBuildEditorConfigFile")!));
        Assert.Contains("build_property.CmsHazardsMissingInfrastructure = infra/one.bicep|infra/C%23/two.tf", editorConfig);
        Assert.Contains("build_property.CmsHazardsDeclaredPackages = 0", editorConfig);
        Assert.Contains($"build_property.CmsHazardsProjectDirectory = {_site.Root}", editorConfig);
    }

    [Fact]
    public void Without_an_analyzer_the_task_applies_the_file_appSettings_file_names()
    {
        var result = _site.MsBuild("-t:CmsHazardsInspectSite", "-p:RunAnalyzers=false", "-p:CmsHostIisVersion=7.5", "-p:CmsWebConfig=Local/Web.config");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(
            new[]
            {
                $"{_site.Root}/Local/AppSettings.Local.config(2,4,2,7): warning CMSH101: " + OldIisMessage.Replace("in the root appSettings of Web.config.",
                    "in AppSettings.Local.config, whose entries override the root appSettings of Web.config (appSettings file=). " +
                    "Epi.WebSockets.Enabled=\"false\" at Web.config(5) does not take effect: the later Epi.WebSockets.Enabled=\"true\" at AppSettings.Local.config(2) overrides it (appSettings keys ignore case, and the last entry wins).") +
                $" [{_site.Root}/Site.csproj]",
            },
            result.Warnings);
    }

    [Fact]
    public void Without_an_analyzer_the_task_reports_CmsWebConfig_naming_a_file_that_does_not_exist()
    {
        var result = _site.MsBuild("-t:CmsHazardsInspectSite", "-p:RunAnalyzers=false", @"-p:CmsWebConfig=Setup\Missing.config");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(
            new[]
            {
                // MSBuild on Linux and macOS hands the task the value with '/' for a backslash.
                $"{_site.Root}/Site.csproj : warning CMSH103: CmsWebConfig is 'Setup/Missing.config', but {_site.Root}/Setup/Missing.config does not exist. " +
                "CmsHazards checks no web.config of this site until CmsWebConfig names one that exists.",
            },
            result.Warnings);
    }

    [Theory]
    [InlineData("-p:CscToolPath={0}/packages/Microsoft.Net.Compilers.2.10.0/tools", "Microsoft.Net.Compilers 2.10.0")]
    [InlineData("-p:CscToolPath={0}\\packages\\Microsoft.Net.Compilers.1.3.2\\tools\\", "Microsoft.Net.Compilers 1.3.2")]
    [InlineData("-p:CSharpCoreTargetsPath={0}/nuget/microsoft.net.compilers.toolset/3.6.0/tasks/net472/Microsoft.CSharp.Core.targets", "Microsoft.Net.Compilers.Toolset 3.6.0")]
    public void A_compiler_package_older_than_the_analyzer_s_Roslyn_gets_no_analyzer_and_the_task_reports(string property, string compiler)
    {
        var result = _site.MsBuild("-t:CmsHazardsInspectSite", "-getItem:Analyzer", "-getProperty:_CmsHazardsCompilerLoadsAnalyzer", "-p:CmsHostIisVersion=7.5",
            string.Format(property, _site.Root));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal("False", result.Property("_CmsHazardsCompilerLoadsAnalyzer"));
        Assert.Equal(new[] { "analyzers/Other.Analyzers.dll" }, result.Items("Analyzer").Where(a => a.StartsWith("analyzers/", StringComparison.Ordinal)));
        Assert.Equal(new[] { $"{_site.Root}/Web.config(3,4,3,15): warning CMSH101: {OldIisMessage} [{_site.Root}/Site.csproj]" }, result.Warnings);
        Assert.DoesNotContain("CS8032", result.Output);
        Assert.Contains($"CmsHazards: this build compiles with {compiler} (", result.Log);
    }

    [Theory]
    [InlineData("-p:CSharpCoreTargetsPath={0}/nuget/microsoft.net.compilers.toolset/3.7.0/tasks/net472/Microsoft.CSharp.Core.targets")]
    [InlineData("-p:CscToolPath={0}/packages/Microsoft.Net.Compilers.Toolset.4.8.0/tasks/net472")]
    [InlineData("-p:NoCompilerPackage=true")]
    public void With_a_compiler_that_loads_the_analyzer_the_analyzer_reports_and_the_task_stays_silent(string property)
    {
        var result = _site.MsBuild("-t:CmsHazardsInspectSite", "-getItem:Analyzer", "-getProperty:_CmsHazardsCompilerLoadsAnalyzer", "-p:CmsHostIisVersion=7.5",
            string.Format(property, _site.Root));

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal("True", result.Property("_CmsHazardsCompilerLoadsAnalyzer"));
        Assert.Equal(new[] { "analyzers/CmsHazards.Analyzers.dll", "analyzers/CmsHazards.CodeFixes.dll", "analyzers/CmsHazards.Core.dll", "analyzers/Other.Analyzers.dll" },
            result.Items("Analyzer").Where(a => a.StartsWith("analyzers/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Empty(result.Warnings);
    }

    /// <summary>A CMS 11 site as a small SDK-style project that imports the package's props and targets.</summary>
    public sealed class Site : IDisposable
    {
        public Site()
        {
            Root = Directory.CreateTempSubdirectory("cmshazards-targets-").FullName;
            var repository = RepositoryRoot();
            Write("Site.csproj", $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <Import Project="{repository}/nuget/build/CmsHazards.props" />
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <EnableDefaultItems>false</EnableDefaultItems>
                  </PropertyGroup>
                  <ItemGroup>
                    <AdditionalFiles Include="Web.config" />
                    <AdditionalFiles Include="Program.cs.txt" />
                    <Analyzer Include="analyzers/CmsHazards.Analyzers.dll;analyzers/CmsHazards.CodeFixes.dll;analyzers/CmsHazards.Core.dll;analyzers/Other.Analyzers.dll" />
                  </ItemGroup>
                  <Import Project="{repository}/nuget/build/CmsHazards.targets" />
                </Project>
                """);
            Write("Program.cs.txt", "");
            const string webConfig = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<configuration>\r\n  <appSettings>\r\n    <add key=\"a\" value=\"b\" />\r\n  </appSettings>\r\n  <system.web>\r\n    <httpRuntime targetFramework=\"4.7.2\" />\r\n  </system.web>\r\n</configuration>\r\n";
            Write("Web.config", webConfig);
            Write("packages.config", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<packages>\r\n  <package id=\"EPiServer.CMS.UI\" version=\"11.20.0\" targetFramework=\"net48\" />\r\n</packages>\r\n");
            Write("Web.Debug.config", "<configuration />");
            Write("web.release.config", "<configuration />");
            foreach (var unread in new[] { "log4net.config", "NuGet.config", "EPiServerFramework.config", "connectionStrings.config" }) Write(unread, "<configuration />");
            Write("Views/Web.config", "<configuration />");
            Write("Views/Shared/Display.config", "<configuration />");
            Write("Areas/Shop/Views/web.config", "<configuration />");
            Write("modules/web.config", "<configuration />");
            Write("modules/_protected/Shell/web.config", "<configuration />");
            // Deeper than the bounded globs look: a site's modules folder is never walked to the bottom.
            Write("modules/_protected/Shell/1.0.0/ClientResources/web.config", "<configuration />");
            Write("Setup/Web.config", webConfig.Replace("<appSettings>\r\n    <add key=\"a\" value=\"b\" />\r\n  </appSettings>", "<appSettings configSource=\"AppSettings.config\" />"));
            Write("Setup/AppSettings.config", "<appSettings>\r\n</appSettings>\r\n");
            Write("Setup/Web.Release.config", "<configuration />");
            var withFile = webConfig.Replace("<appSettings>\r\n    <add key=\"a\" value=\"b\" />", "<appSettings file=\"AppSettings.Local.config\">\r\n    <add key=\"a\" value=\"b\" />\r\n    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />");
            Write("Local/Web.config", withFile);
            Write("Local/AppSettings.Local.config", "<appSettings>\r\n  <add key=\"Epi.WebSockets.Enabled\" value=\"true\" />\r\n</appSettings>\r\n");
            Write("LocalGone/Web.config", withFile);
            Write("Gone/Web.config", webConfig.Replace("<appSettings>\r\n    <add key=\"a\" value=\"b\" />\r\n  </appSettings>", "<appSettings configSource=\"AppSettings.config\" />"));
            Write("Setup/Web.Debug.config", "<configuration />");

            // A compiler package's own Microsoft.CSharp.Core.targets, which the C# targets import from CSharpCoreTargetsPath;
            // here it hands over to the SDK's, so the build goes on.
            foreach (var version in new[] { "3.6.0", "3.7.0" })
            {
                Write($"nuget/microsoft.net.compilers.toolset/{version}/tasks/net472/Microsoft.CSharp.Core.targets",
                    "<Project>\n  <Import Project=\"$(RoslynTargetsPath)/Microsoft.CSharp.Core.targets\" />\n</Project>\n");
            }

            var restore = Run("restore", "Site.csproj");
            Assert.True(restore.ExitCode == 0, restore.Output);
        }

        public string Root { get; }

        /// <summary>Evaluates the project (with -getItem/-getProperty alone) or runs the targets given with -t.</summary>
        public Result MsBuild(params string[] arguments)
        {
            // With -getItem/-getProperty the console shows warnings and errors only; messages go to a log file.
            var log = Path.Combine(Root, "msbuild-" + Guid.NewGuid().ToString("N") + ".log");
            var all = new List<string> { "msbuild", "Site.csproj", "-nologo", "-nodeReuse:false", "-p:CmsHazardsTaskAssembly=" + typeof(InspectCmsSite).Assembly.Location, "-flp:verbosity=normal;logfile=" + log };
            all.AddRange(arguments);
            var result = Run(all.ToArray());
            return result with { Log = File.Exists(log) ? File.ReadAllText(log) : "" };
        }

        public void Dispose() => Directory.Delete(Root, recursive: true);

        private void Write(string relative, string text)
        {
            var path = Path.Combine(Root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }

        private Result Run(params string[] arguments)
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            foreach (var inherited in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath" }) start.Environment.Remove(inherited);

            using var process = Process.Start(start)!;
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException(string.Join(' ', arguments) + Environment.NewLine + output);
            }

            process.WaitForExit();
            lock (output) return new Result(process.ExitCode, output.ToString(), Root);
        }

        private static string RepositoryRoot()
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Analyzers.sln"))) return folder.FullName;
            }

            throw new InvalidOperationException("Analyzers.sln was not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>What MSBuild printed: warnings as lines, then the JSON of -getItem/-getProperty.</summary>
    public sealed record Result(int ExitCode, string Output, string Root)
    {
        /// <summary>The build log at normal verbosity, with the messages the console leaves out.</summary>
        public string Log { get; init; } = "";

        public IReadOnlyList<string> Warnings => Output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Contains(": warning ", StringComparison.Ordinal)).ToList();

        /// <summary>The items' paths relative to the project folder, with '/'.</summary>
        public IReadOnlyList<string> Items(string type) =>
            Json().GetProperty("Items").GetProperty(type).EnumerateArray()
                .Select(i => Path.GetRelativePath(Root, i.GetProperty("FullPath").GetString()!).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .ToList();

        public string? Property(string name) => Json().GetProperty("Properties").GetProperty(name).GetString();

        private JsonElement Json()
        {
            var start = Output.IndexOf("\n{", StringComparison.Ordinal);
            Assert.True(start >= 0 || Output.StartsWith('{'), Output);
            return JsonDocument.Parse(Output[(start < 0 ? 0 : start + 1)..]).RootElement;
        }
    }
}
