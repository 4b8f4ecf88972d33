using CmsHazards.Analyzers.AspNetCore;
using CmsHazards.AspNetCore;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace CmsHazards.Analyzers.Tests.AspNetCore;

/// <summary>The C# facts of a CMS 12 site: where it adds CMS and each way it sets UIOptions.WebSocketEnabled.</summary>
public class CmsStartupRecognizerTests
{
    private const string Usings = "using EPiServer.Web;\nusing Microsoft.Extensions.DependencyInjection;\nusing Microsoft.Extensions.Options;\n";

    private static string Startup(string body, string members = "") => Usings + $$"""
        namespace Site
        {
            public class Startup
            {
                public void ConfigureServices(IServiceCollection services)
                {
                    {{body}}
                }
            {{members}}
            }
        }
        """;

    [Fact]
    public async Task The_AddCms_call_is_found_without_any_EPiServer_using()
    {
        var code = await RecognizeAsync(("/site/Startup.cs", """
            using Microsoft.Extensions.DependencyInjection;
            namespace Site
            {
                public class Startup
                {
                    public void ConfigureServices(IServiceCollection services)
                    {
                        services
                            .AddCmsAspNetIdentity<EPiServer.Cms.UI.AspNetIdentity.ApplicationUser>()
                            .AddCms();
                    }
                }
            }
            """));

        Assert.Equal("AddCms()", code.AddsCmsCall);
        Assert.Equal("Startup.cs(10)", code.AddsCms!.Describe());
        Assert.Equal(new Text.LinePosition(9, 17), code.AddsCms.Start);
        Assert.Equal(new Text.LinePosition(9, 25), code.AddsCms.End);
        Assert.Empty(code.Settings);
        Assert.Equal(CmsHazards.AspNetCore.SwitchState.On, code.Switch.State);
    }

    [Fact]
    public async Task AddCmsAspNetIdentity_alone_adds_CMS()
    {
        var code = await RecognizeAsync(("/site/Startup.cs", Startup("services.AddCmsAspNetIdentity<EPiServer.Cms.UI.AspNetIdentity.ApplicationUser>();")));

        Assert.Equal("AddCmsAspNetIdentity()", code.AddsCmsCall);
    }

    [Fact]
    public async Task A_sites_own_AddCms_is_not_the_CMS()
    {
        var code = await RecognizeAsync(("/site/Startup.cs", Startup("Site.Local.AddCms(services);")), ("/site/Local.cs", """
            namespace Site { public static class Local { public static void AddCms(object services) { } } }
            """));

        Assert.Null(code.AddsCms);
        Assert.Equal("Startup.cs(8)", code.Anchor!.Describe()); // the ConfigureServices method
    }

    [Fact]
    public async Task The_sites_own_extension_that_calls_AddCms_is_followed_to_its_caller()
    {
        var code = await RecognizeAsync(
            ("/site/Startup.cs", Startup("services.AddCommerce();")),
            ("/site/Infrastructure/CommerceExtensions.cs", """
                using Microsoft.Extensions.DependencyInjection;
                namespace Site
                {
                    public static class CommerceExtensions
                    {
                        public static IServiceCollection AddCommerce(this IServiceCollection services) => services.AddCms();
                    }
                }
                """));

        Assert.Equal("AddCommerce()", code.AddsCmsCall);
        Assert.Equal("Startup.cs(10)", code.AddsCms!.Describe());
    }

    [Fact]
    public async Task Top_level_statements_are_the_fallback_anchor()
    {
        var code = await RecognizeAsync(("/site/Program.cs", "using Microsoft.Extensions.DependencyInjection;\nvar name = \"start\";\nIServiceCollection services = null!;\n"));

        Assert.Null(code.AddsCms);
        Assert.Equal("Program.cs(2)", code.Anchor!.Describe());
    }

    [Theory]
    [InlineData("services.Configure<UIOptions>(o => o.WebSocketEnabled = false);", "Off Configure by Configure<UIOptions>: false")]
    [InlineData("services.Configure<UIOptions>(o => { o.EditUrl = \"/cms/\"; o.WebSocketEnabled = false; });", "Off Configure by Configure<UIOptions>: false")]
    [InlineData("services.PostConfigure<UIOptions>(o => o.WebSocketEnabled = false);", "Off PostConfigure by PostConfigure<UIOptions>: false")]
    [InlineData("services.ConfigureAll<UIOptions>(o => o.WebSocketEnabled = false);", "Off Configure by ConfigureAll<UIOptions>: false")]
    [InlineData("services.AddOptions<UIOptions>().Configure(o => o.WebSocketEnabled = false);", "Off Configure by AddOptions<UIOptions>().Configure: false")]
    [InlineData("services.AddOptions<UIOptions>().PostConfigure(o => o.WebSocketEnabled = false);", "Off PostConfigure by AddOptions<UIOptions>().PostConfigure: false")]
    [InlineData("services.Configure<UIOptions>(o => o.WebSocketEnabled = Off);", "Off Configure by Configure<UIOptions>: Off")]
    [InlineData("services.Configure<UIOptions>(o => o.WebSocketEnabled = true);", "On Configure by Configure<UIOptions>: true")]
    [InlineData("services.Configure<UIOptions>(o => o.WebSocketEnabled = System.Environment.GetEnvironmentVariable(\"WS\") == \"1\");", "DependsOn Configure by Configure<UIOptions>: System.Environment.GetEnvironmentVariable(\"WS\") == \"1\"")]
    [InlineData("services.AddSingleton(new UIOptions { WebSocketEnabled = false });", "Off Configure by new UIOptions { ... }: false")]
    public async Task Each_way_of_setting_the_switch_in_ConfigureServices_is_recognised(string statement, string expected)
    {
        var code = await RecognizeAsync(("/site/Startup.cs", Startup(statement, "    private const bool Off = false;")));

        var setting = Assert.Single(code.Settings);
        Assert.Equal(expected, $"{setting.State} {setting.Phase} by {setting.How}: {setting.Expression}");
        Assert.Equal("Startup.cs(10)", setting.Location.Describe());
    }

    [Theory]
    [InlineData("services.ConfigureOptions<TurnOffWebSockets>();", "IConfigureOptions<UIOptions> class TurnOffWebSockets", "IConfigureOptions<UIOptions>")]
    [InlineData("services.AddSingleton<IConfigureOptions<UIOptions>, TurnOffWebSockets>();", "IConfigureOptions<UIOptions> class TurnOffWebSockets", "IConfigureOptions<UIOptions>")]
    [InlineData("services.AddTransient(typeof(IPostConfigureOptions<UIOptions>), typeof(TurnOffWebSockets));", "IPostConfigureOptions<UIOptions> class TurnOffWebSockets", "IPostConfigureOptions<UIOptions>")]
    public async Task An_options_class_counts_when_the_site_registers_it(string registration, string how, string implemented)
    {
        var method = implemented.StartsWith("IPost", StringComparison.Ordinal) ? "PostConfigure(string? name, UIOptions options)" : "Configure(UIOptions options)";
        var optionsClass = Usings + $$"""
            namespace Site
            {
                public sealed class TurnOffWebSockets : {{implemented}}
                {
                    public void {{method}}
                    {
                        options.WebSocketEnabled = false;
                    }
                }
            }
            """;

        var registered = await RecognizeAsync(("/site/Startup.cs", Startup(registration)), ("/site/TurnOffWebSockets.cs", optionsClass));
        var unregistered = await RecognizeAsync(("/site/Startup.cs", Startup("services.AddCms();")), ("/site/TurnOffWebSockets.cs", optionsClass));

        var setting = Assert.Single(registered.Settings);
        Assert.Equal(how, setting.How);
        Assert.Equal(CmsHazards.AspNetCore.SwitchState.Off, setting.State);
        Assert.Equal("TurnOffWebSockets.cs(10)", setting.Location.Describe());
        Assert.Empty(unregistered.Settings);
    }

    [Fact]
    public async Task An_IsDevelopment_branch_is_named_not_guessed()
    {
        var code = await RecognizeAsync(("/site/Startup.cs", Startup(
            "services.Configure<UIOptions>(o => o.WebSocketEnabled = !_development);",
            "    private readonly bool _development = System.Environment.GetEnvironmentVariable(\"ASPNETCORE_ENVIRONMENT\") == \"Development\";")));

        Assert.Equal(CmsHazards.AspNetCore.SwitchState.DependsOn, code.Switch.State);
        Assert.Equal("!_development", code.Switch.DecidedBy!.Expression);
    }

    [Fact]
    public async Task A_variable_named_like_the_options_is_not_the_options()
    {
        var code = await RecognizeAsync(("/site/Startup.cs", Startup(
            "services.Configure<Site.ClientResourceOptions>(uiOptions => uiOptions.WebSocketEnabled = false);",
            "") + "\nnamespace Site { public class ClientResourceOptions { public bool WebSocketEnabled { get; set; } } }"));

        Assert.Empty(code.Settings);
    }

    [Fact]
    public async Task An_assignment_outside_any_options_call_depends_on_where_it_is()
    {
        var code = await RecognizeAsync(("/site/Startup.cs", Startup(
            "services.Configure<UIOptions>(TurnOff);",
            "    private static void TurnOff(UIOptions options) { options.WebSocketEnabled = false; }")));

        var setting = Assert.Single(code.Settings);
        Assert.Equal(CmsHazards.AspNetCore.SwitchState.DependsOn, setting.State);
        Assert.Equal("an assignment outside a Configure<UIOptions> call", setting.How);
    }

    [Fact]
    public void Nothing_is_read_from_a_compilation_without_UIOptions()
    {
        var compilation = CSharpCompilation.Create("Site", new[] { CSharpSyntaxTree.ParseText("class C { void ConfigureServices() { } }", path: "/site/C.cs") }, StandIns.Runtime,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        Assert.False(CmsStartupRecognizer.HasUiOptions(compilation));
        Assert.Null(CmsStartupRecognizer.Read(compilation, CancellationToken.None));
    }

    private static Task<CmsStartupCode> RecognizeAsync(params (string Path, string Code)[] sources)
    {
        var compilation = CSharpCompilation.Create(
            "Site",
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Code, new CSharpParseOptions(LanguageVersion.Latest), path: s.Path)),
            Cms12StandIns.All,
            new CSharpCompilationOptions(
                sources.Any(s => s.Path.EndsWith("Program.cs", StringComparison.Ordinal)) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        return Task.FromResult(CmsStartupRecognizer.Read(compilation, CancellationToken.None)!);
    }
}
