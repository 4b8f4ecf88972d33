using Xunit;
using static CmsHazards.Analyzers.Tests.AspNetCore.Cms12SiteTest;

namespace CmsHazards.Analyzers.Tests.AspNetCore;

/// <summary>
/// "Turn off CMS UI WebSockets (UIOptions.WebSocketEnabled = false)" as the light bulb and dotnet format apply it,
/// compared with the expected files byte for byte (line endings, tabs, comments).
/// </summary>
public class UiOptionsCodeFixTests
{
    private const string Ui = "CMS UI 12.23.0 (EPiServer.Cms.Shell.UI 12.23.0.0)";
    private const string Declared = "but the hosts are declared without WebSockets (CmsHostWebSockets=false). Editors will get \"A real-time connection could not be established with the server\". Set UIOptions.WebSocketEnabled to false: services.Configure<UIOptions>(o => o.WebSocketEnabled = false).";
    private const string OnByDefault = Ui + " opens a WebSocket from the edit interface (UIOptions.WebSocketEnabled is on by default), " + Declared;

    [Fact]
    public async Task A_Startup_class_gets_the_call_after_AddCms_and_the_using_it_needs() =>
        await new Cms12SiteTest()
            .WithSourceFixture(StartupPath, "Cms12/startup-chain/Startup.cs")
            .WithProperty("CmsHostWebSockets", "false")
            .Expect(Cmsh101().WithSpan(StartupPath, 13, 18, 13, 26).WithMessage(OnByDefault))
            .ExpectFixedSourceFixture(StartupPath, "Cms12/startup-chain/Startup.cs.expected")
            .VerifyAsync();

    [Fact]
    public async Task Minimal_hosting_gets_the_call_on_builder_Services() =>
        await new Cms12SiteTest()
            .WithSourceFixture("/site/Program.cs", "Cms12/minimal-hosting/Program.cs")
            .WithProperty("CmsHostWebSockets", "false")
            .Expect(Cmsh101().WithSpan("/site/Program.cs", 7, 18, 7, 26).WithMessage(OnByDefault))
            .ExpectFixedSourceFixture("/site/Program.cs", "Cms12/minimal-hosting/Program.cs.expected")
            .VerifyAsync();

    [Fact]
    public async Task An_existing_Configure_lambda_gets_the_assignment() =>
        await new Cms12SiteTest()
            .WithSourceFixture(StartupPath, "Cms12/existing-lambda/Startup.cs")
            .WithProperty("CmsHostWebSockets", "false")
            .Expect(Cmsh101().WithSpan(StartupPath, 10, 22, 10, 30).WithMessage(OnByDefault))
            .ExpectFixedSourceFixture(StartupPath, "Cms12/existing-lambda/Startup.cs.expected")
            .VerifyAsync();

    [Fact]
    public async Task An_assignment_of_true_is_flipped_in_place() =>
        await new Cms12SiteTest()
            .WithSourceFixture(StartupPath, "Cms12/flip-true/Startup.cs")
            .WithProperty("CmsHostWebSockets", "false")
            .Expect(Cmsh101().WithSpan(StartupPath, 10, 22, 10, 30).WithSpan(StartupPath, 14, 38, 14, 42)
                .WithMessage(Ui + " opens a WebSocket from the edit interface (Configure<UIOptions> at Startup.cs(14) sets UIOptions.WebSocketEnabled to true), " + Declared))
            .ExpectFixedSourceFixture(StartupPath, "Cms12/flip-true/Startup.cs.expected")
            .VerifyAsync();

    [Fact]
    public async Task A_file_indented_with_tabs_stays_with_tabs() =>
        await new Cms12SiteTest()
            .WithSourceFixture(StartupPath, "Cms12/tabs-using/Startup.cs")
            .WithEditorConfig(Cms12SiteTest.Fixture("Cms12/tabs-using/.editorconfig").ToString())
            .WithProperty("CmsHostWebSockets", "false")
            .Expect(Cmsh101().WithSpan(StartupPath, 10, 13, 10, 21).WithMessage(OnByDefault))
            .ExpectFixedSourceFixture(StartupPath, "Cms12/tabs-using/Startup.cs.expected")
            .VerifyAsync();

    [Fact]
    public async Task The_new_line_is_laid_out_by_the_formatter_with_the_editorconfig_of_the_document()
    {
        // A file indented with spaces whose .editorconfig asks for tabs: the inserted line follows .editorconfig (the
        // formatter reads the document's options), and no other line changes.
        const string startup = "using EPiServer.Web;\nusing Microsoft.Extensions.DependencyInjection;\n\nnamespace Site\n{\n    public class Startup\n    {\n        public void ConfigureServices(IServiceCollection services)\n        {\n            services.AddCms();\n        }\n    }\n}\n";
        await new Cms12SiteTest()
            .WithSource(StartupPath, startup)
            .WithEditorConfig("root = true\n[*.cs]\nindent_style = tab\ntab_width = 4\n")
            .WithProperty("CmsHostWebSockets", "false")
            .Expect(Cmsh101().WithSpan(StartupPath, 10, 22, 10, 30).WithMessage(OnByDefault))
            .ExpectFixedSource(StartupPath, startup.Replace("services.AddCms();\n", "services.AddCms();\n\t\t\tservices.Configure<UIOptions>(o => o.WebSocketEnabled = false);\n"))
            .VerifyAsync();
    }
}
