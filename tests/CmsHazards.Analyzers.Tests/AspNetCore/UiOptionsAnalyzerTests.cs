using Microsoft.CodeAnalysis.Text;
using Xunit;
using static CmsHazards.Analyzers.Tests.AspNetCore.Cms12SiteTest;

namespace CmsHazards.Analyzers.Tests.AspNetCore;

/// <summary>CMSH100, CMSH101 and CMSH102 on CMS 12 sites: where they sit, what they say, and when they stay silent.</summary>
public class UiOptionsAnalyzerTests
{
    private const string Ui = "CMS UI 12.23.0 (EPiServer.Cms.Shell.UI 12.23.0.0)";
    private const string EditorsAndRemedy = "Editors will get \"A real-time connection could not be established with the server\". Set UIOptions.WebSocketEnabled to false: services.Configure<UIOptions>(o => o.WebSocketEnabled = false).";
    private const string OnByDefault = Ui + " opens a WebSocket from the edit interface (UIOptions.WebSocketEnabled is on by default)";
    private const string DeclaredOff = "but the hosts are declared without WebSockets (CmsHostWebSockets=false). " + EditorsAndRemedy;

    private static string Startup(string body = "", string members = "") => $$"""
        using EPiServer.Web;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;

        namespace Site
        {
            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    services.AddCms();
                    {{body}}
                }
            {{members}}
            }
        }
        """;

    /// <summary>The site after the C# fix: the call right after AddCms, indented as it is.</summary>
    private static string TurnedOff(string startup) =>
        startup.Replace("services.AddCms();\n", "services.AddCms();\n            services.Configure<UIOptions>(o => o.WebSocketEnabled = false);\n");

    private const string AppSettingsOff = "{\n  // editors behind the DXP proxy\n  \"EpiServer\": { \"CmsUi\": { \"UI\": { \"WebSocketEnabled\": false, } } },\n}\n";

    [Fact]
    public async Task Nothing_declared_gets_CMSH100_on_the_AddCms_call() =>
        await new Cms12SiteTest()
            .WithSource(StartupPath, Startup())
            .Expect(Cmsh100().WithSpan(StartupPath, 11, 22, 11, 30).WithMessage(OnByDefault +
                ", and nothing declares whether the hosts carry WebSockets end to end (Azure App Service has Web sockets off unless turned on; IIS needs the WebSocket Protocol feature; proxies and CDNs must pass the Upgrade header). " +
                "Declare CmsHostWebSockets for the hosts this build deploys to, or turn the WebSocket off. Set UIOptions.WebSocketEnabled to false: services.Configure<UIOptions>(o => o.WebSocketEnabled = false)."))
            .ExpectFixedSource(StartupPath, TurnedOff(Startup()))
            .VerifyAsync();

    [Theory]
    [InlineData("services.Configure<UIOptions>(o => o.WebSocketEnabled = false);")]
    [InlineData("services.PostConfigure<UIOptions>(o => o.WebSocketEnabled = false);")]
    [InlineData("services.ConfigureAll<UIOptions>(o => o.WebSocketEnabled = false);")]
    [InlineData("services.AddOptions<UIOptions>().Configure(o => o.WebSocketEnabled = false);")]
    [InlineData("services.AddSingleton(Options.Create(new UIOptions { WebSocketEnabled = false }));")]
    [InlineData("services.ConfigureOptions<TurnOff>();")]
    public async Task The_switch_off_in_CSharp_silences_it(string statement) =>
        await new Cms12SiteTest()
            .WithSource(StartupPath, Startup(statement, "}\npublic sealed class TurnOff : IConfigureOptions<UIOptions> { public void Configure(UIOptions options) => options.WebSocketEnabled = false; "))
            .WithProperty("CmsHostWebSockets", "false")
            .VerifyAsync();

    [Fact]
    public async Task The_switch_off_in_appsettings_json_silences_it() =>
        await new Cms12SiteTest()
            .WithSource(StartupPath, Startup())
            .WithFile(AppSettingsPath, AppSettingsOff)
            .WithProperty("CmsHostWebSockets", "false")
            .VerifyAsync();

    /// <summary>
    /// The compiler's copy of MSBuildProjectDirectory ends at a '#' ("/src/C#/Site" reads "/src/C"); the task hands the
    /// folder over escaped, so the appsettings.json beside the project still counts.
    /// </summary>
    [Fact]
    public async Task The_switch_off_in_appsettings_json_counts_in_a_folder_whose_name_has_a_hash() =>
        await new Cms12SiteTest()
            .WithSource("/src/C#/Site/Startup.cs", Startup())
            .WithFile("/src/C#/Site/appsettings.json", AppSettingsOff)
            .WithProperty("MSBuildProjectDirectory", "/src/C")
            .WithProperty("CmsHazardsProjectDirectory", "/src/C%23/Site")
            .WithProperty("CmsHostWebSockets", "false")
            .VerifyAsync();

    [Fact]
    public async Task Hosts_declared_with_WebSockets_silence_it() =>
        await new Cms12SiteTest()
            .WithSource(StartupPath, Startup())
            .WithProperty("CmsHostWebSockets", "true")
            .VerifyAsync();

    [Fact]
    public async Task A_UI_11_compilation_is_left_to_the_web_config_rules() =>
        await new Cms12SiteTest("11.20.0.0")
            .WithSource(StartupPath, Startup())
            .WithProperty("CmsHostWebSockets", "false")
            .VerifyAsync();

    [Fact]
    public async Task An_old_IIS_is_named() =>
        await new Cms12SiteTest()
            .WithSource(StartupPath, Startup())
            .WithProperty("CmsHostIisVersion", "7.5")
            .Expect(Cmsh101().WithSpan(StartupPath, 11, 22, 11, 30).WithMessage(OnByDefault +
                ", but the host is declared as IIS 7.5 (CmsHostIisVersion), and IIS carries WebSockets only from 8.0. " + EditorsAndRemedy))
            .ExpectFixedSource(StartupPath, TurnedOff(Startup()))
            .VerifyAsync();

    [Fact]
    public async Task WebSockets_off_in_the_web_config_IIS_reads_is_host_evidence() =>
        await new Cms12SiteTest()
            .WithSource(StartupPath, Startup())
            .WithFile("/site/web.config", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <system.webServer>\n    <webSocket enabled=\"false\" />\n    <aspNetCore processPath=\"dotnet\" arguments=\".\\Site.dll\" hostingModel=\"inprocess\" />\n  </system.webServer>\n</configuration>\n")
            .Expect(Cmsh101().WithSpan(StartupPath, 11, 22, 11, 30).WithSpan("/site/web.config", 4, 6, 4, 15).WithMessage(OnByDefault +
                ", but WebSockets are switched off for the site in IIS (<webSocket enabled=\"false\"> at web.config(4)). " + EditorsAndRemedy))
            .ExpectFixedSource(StartupPath, TurnedOff(Startup()))
            .VerifyAsync();

    [Fact]
    public async Task An_expression_the_build_cannot_evaluate_is_named_with_its_place()
    {
        const string members = "    private readonly bool _development = System.Environment.GetEnvironmentVariable(\"ASPNETCORE_ENVIRONMENT\") == \"Development\";";
        await new Cms12SiteTest()
            .WithSource(StartupPath, Startup("services.Configure<UIOptions>(o => o.WebSocketEnabled = _development);", members))
            .WithProperty("CmsHostWebSockets", "false")
            .Expect(Cmsh101().WithSpan(StartupPath, 11, 22, 11, 30).WithSpan(StartupPath, 12, 69, 12, 81).WithMessage(Ui +
                " opens a WebSocket from the edit interface unless UIOptions.WebSocketEnabled is false, and Configure<UIOptions> at Startup.cs(12) sets it to '_development', which a build cannot evaluate, " + DeclaredOff))
            .ExpectFixedSource(StartupPath, Startup("services.Configure<UIOptions>(o => o.WebSocketEnabled = false);", members))
            .VerifyAsync();
    }

    [Fact]
    public async Task An_environment_file_that_turns_it_back_on_is_named_when_no_environment_is_declared() =>
        await new Cms12SiteTest()
            .WithSource(StartupPath, Startup())
            .WithFile(AppSettingsPath, AppSettingsOff)
            .WithFile("/site/appsettings.Staging.json", "{ \"EPiServer\": { \"CmsUI\": { \"UI\": { \"WebSocketEnabled\": true } } } }")
            .WithFile("/site/appsettings.Development.json", "{ }")
            .WithProperty("CmsHostWebSockets", "false")
            .Expect(Cmsh101().WithSpan(StartupPath, 11, 22, 11, 30).WithSpan("/site/appsettings.Staging.json", 1, 37, 1, 55).WithMessage(Ui +
                " opens a WebSocket from the edit interface (appsettings.Staging.json(1) sets EPiServer:CmsUI:UI:WebSocketEnabled to true), " + DeclaredOff))
            .ExpectFixedSource(StartupPath, TurnedOff(Startup()))
            .VerifyAsync();

    [Fact]
    public async Task The_declared_environment_reads_only_its_own_file() =>
        await new Cms12SiteTest()
            .WithSource(StartupPath, Startup())
            .WithFile(AppSettingsPath, AppSettingsOff)
            .WithFile("/site/appsettings.Staging.json", "{ \"EPiServer\": { \"CmsUI\": { \"UI\": { \"WebSocketEnabled\": true } } } }")
            .WithProperty("CmsHostWebSockets", "false")
            .WithProperty("CmsHostEnvironment", "Production")
            .VerifyAsync();

    [Fact]
    public async Task The_CMS_11_key_in_a_CMS_12_web_config_points_at_UIOptions() =>
        await new Cms12SiteTest()
            .WithSource(StartupPath, Startup())
            .WithFile("/site/web.config", "<configuration>\n  <appSettings>\n    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\n  </appSettings>\n</configuration>\n")
            .WithProperty("CmsHostWebSockets", "true")
            .Expect(Cmsh102().WithSpan(StartupPath, 11, 22, 11, 30).WithSpan("/site/web.config", 3, 6, 3, 9).WithMessage(
                "Epi.WebSockets.Enabled at web.config(3) has no effect on CMS 12: the CMS UI reads UIOptions.WebSocketEnabled instead. Set UIOptions.WebSocketEnabled to false: services.Configure<UIOptions>(o => o.WebSocketEnabled = false)."))
            .ExpectFixedSource(StartupPath, TurnedOff(Startup()))
            .ExpectFixed(Cmsh102().WithSpan("/site/web.config", 3, 6, 3, 9).WithMessage(
                "Epi.WebSockets.Enabled at web.config(3) has no effect on CMS 12: the CMS UI reads UIOptions.WebSocketEnabled instead. That is already false (Configure<UIOptions> at Startup.cs(12)); remove the key."))
            .VerifyAsync();

    [Fact]
    public async Task The_CMS_11_key_in_appsettings_of_a_site_with_the_switch_off_is_reported_where_it_is() =>
        await new Cms12SiteTest()
            .WithSource(StartupPath, Startup("services.Configure<UIOptions>(o => o.WebSocketEnabled = false);"))
            .WithFile(AppSettingsPath, "{ \"AppSettings\": { \"Epi.WebSockets.Enabled\": \"false\" } }")
            .Expect(Cmsh102().WithSpan(AppSettingsPath, 1, 20, 1, 44).WithMessage(
                "Epi.WebSockets.Enabled at appsettings.json(1) has no effect on CMS 12: the CMS UI reads UIOptions.WebSocketEnabled instead. That is already false (Configure<UIOptions> at Startup.cs(12)); remove the key."))
            .VerifyAsync();

    [Fact]
    public async Task An_unreadable_appsettings_file_is_reported_and_nothing_is_guessed() =>
        await new Cms12SiteTest()
            .WithSource(StartupPath, Startup())
            .WithFile(AppSettingsPath, "{\n  \"EPiServer\": { \"CmsUI\": { \"UI\": { \"WebSocketEnabled\": False } } }\n}\n")
            .WithProperty("CmsHostWebSockets", "false")
            .Expect(Cmsh200().WithSpan(AppSettingsPath, 2, 57, 2, 57).WithMessage(
                "appsettings.json cannot be read: 'False' is not a JSON value (strings need double quotes; true, false and null are lower case) (line 2, column 57). The site would not start with it either; CmsHazards decides nothing from it."))
            .VerifyAsync();

    [Fact]
    public async Task Turning_it_off_in_appsettings_json_keeps_every_other_byte()
    {
        var original = SourceText.From("\uFEFF{\r\n  \"AllowedHosts\": \"*\" // all\r\n}\r\n", new System.Text.UTF8Encoding(true));
        var test = new Cms12SiteTest()
            .WithSource(StartupPath, Startup())
            .WithFile(AppSettingsPath, original)
            .WithProperty("CmsHostWebSockets", "false")
            .Expect(Cmsh101().WithSpan(StartupPath, 11, 22, 11, 30).WithMessage(OnByDefault + ", " + DeclaredOff))
            .ExpectFixedFile(AppSettingsPath, SourceText.From("\uFEFF{\r\n  \"AllowedHosts\": \"*\", // all\r\n  \"EPiServer\": {\r\n    \"CmsUI\": {\r\n      \"UI\": {\r\n        \"WebSocketEnabled\": false\r\n      }\r\n    }\r\n  }\r\n}\r\n", new System.Text.UTF8Encoding(true)));
        test.CodeActionEquivalenceKey = CodeFixes.AspNetCore.UiOptionsCodeFix.TurnOffInAppSettingsKey;
        test.CodeActionIndex = 1;
        test.FixedState.Sources.Add((StartupPath, Startup()));
        await test.VerifyAsync();
    }

    private const string BicepPath = "/infra/main.bicep";

    private const string BicepOff = OnByDefault +
        ", but the host is Azure App Service, and Web sockets are off for web app 'contoso-cms' (siteConfig sets webSocketsEnabled to false at main.bicep(22)); " +
        "for slot 'contoso-cms/staging' (main.bicep(27) declares slot 'contoso-cms/staging' without siteConfig.webSocketsEnabled, and App Service leaves Web sockets off unless they are turned on). " +
        EditorsAndRemedy + " Or turn Web sockets on for every App Service host.";

    [Fact]
    public async Task A_Bicep_file_that_leaves_Web_sockets_off_is_host_evidence_with_its_line_as_additional_location() =>
        await new Cms12SiteTest()
            .WithSource(StartupPath, Startup())
            .WithFile(BicepPath, Fixture("Infrastructure/bicep/site-off/main.bicep"))
            .Expect(Cmsh101().WithSpan(StartupPath, 11, 22, 11, 30).WithSpan(BicepPath, 22, 26, 22, 31).WithMessage(BicepOff))
            .ExpectFixedSource(StartupPath, TurnedOff(Startup()))
            .ExpectFixedFile(BicepPath, Fixture("Infrastructure/bicep/site-off/main.bicep"))
            .VerifyAsync();

    [Fact]
    public async Task Turn_on_Web_sockets_in_the_Bicep_file_is_offered_beside_the_CSharp_fix()
    {
        var test = new Cms12SiteTest()
            .WithSource(StartupPath, Startup())
            .WithFile(BicepPath, Fixture("Infrastructure/bicep/site-off/main.bicep"))
            .Expect(Cmsh101().WithSpan(StartupPath, 11, 22, 11, 30).WithSpan(BicepPath, 22, 26, 22, 31).WithMessage(BicepOff))
            .ExpectFixedSource(StartupPath, Startup())
            .ExpectFixedFile(BicepPath, Fixture("Infrastructure/fixed/bicep/site-off/main.bicep.contoso-cms.fixed"));
        test.CodeActionEquivalenceKey = "CmsHazards.TurnOnAppServiceWebSockets";
        test.CodeActionIndex = 1;
        await test.VerifyAsync();
    }

    [Fact]
    public async Task Terraform_that_turns_Web_sockets_on_is_a_host_with_WebSockets() =>
        await new Cms12SiteTest()
            .WithSource(StartupPath, Startup())
            .WithFile("/infra/main.tf", "resource \"azurerm_linux_web_app\" \"cms\" {\n  name = \"cms\"\n  site_config {\n    websockets_enabled = true\n  }\n}\n")
            .VerifyAsync();
}
