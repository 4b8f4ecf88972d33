using System.Text;
using CmsHazards.CodeFixes;
using CmsHazards.Fixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace CmsHazards.Analyzers.Tests;

/// <summary>
/// The code fix edits the text the workspace decoded, and the workspace saves it in the text's encoding. Where that
/// would not give the file's bytes back (dotnet format reads a windows-1252 web.config as UTF-8 and turns "ö" into
/// U+FFFD), the fix changes nothing; where the workspace read the file in its own encoding, the fix applies.
/// </summary>
public class CodeFixEncodingTests
{
    private const string WebConfigPath = "/site/Web.config";

    private static readonly Fix TurnOff = new("Turn off CMS UI WebSockets (Epi.WebSockets.Enabled=false)", "CmsHazards.TurnOffWebSockets",
        new FileChange[] { new SetAppSetting(WebConfigPath, "Epi.WebSockets.Enabled", "false") });

    static CodeFixEncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // Visual Studio has code page 1252; .NET needs the provider

    [Fact]
    public async Task A_windows_1252_file_read_as_UTF_8_is_left_unchanged()
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Fixes", "windows-1252", "Web.config"));
        var readAsUtf8 = SourceText.From(new MemoryStream(bytes), new UTF8Encoding(false));
        Assert.Contains("G\uFFFDteborg", readAsUtf8.ToString());

        var (solution, document) = Solution(readAsUtf8);
        var fixedSolution = await AdditionalFileCodeFix.ApplyAsync(solution, document.Project.Id, TurnOff, CancellationToken.None);

        Assert.Same(solution, fixedSolution);
    }

    [Theory]
    [InlineData("windows-1252", 1252)]
    [InlineData("iso-8859-1", 28591)]
    public async Task A_single_byte_file_read_in_its_own_encoding_is_fixed_byte_for_byte(string fixture, int codePage)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Fixes", fixture);
        var encoding = Encoding.GetEncoding(codePage);
        var text = SourceText.From(new MemoryStream(File.ReadAllBytes(Path.Combine(folder, "Web.config"))), encoding);

        var (solution, document) = Solution(text);
        var fixedSolution = await AdditionalFileCodeFix.ApplyAsync(solution, document.Project.Id, TurnOff, CancellationToken.None);

        var fixedText = await fixedSolution.GetAdditionalDocument(document.Id)!.GetTextAsync();
        Assert.Same(encoding, fixedText.Encoding);
        Assert.Equal(File.ReadAllBytes(Path.Combine(folder, "Web.config.expected")), fixedText.Encoding!.GetBytes(fixedText.ToString()));
    }

    [Fact]
    public async Task An_iso_8859_1_file_read_as_windows_1252_is_fixed_when_its_characters_are_the_same_bytes_in_both()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Fixes", "iso-8859-1");
        var text = SourceText.From(new MemoryStream(File.ReadAllBytes(Path.Combine(folder, "Web.config"))), Encoding.GetEncoding(1252));

        var (solution, document) = Solution(text);
        var fixedSolution = await AdditionalFileCodeFix.ApplyAsync(solution, document.Project.Id, TurnOff, CancellationToken.None);

        var fixedText = await fixedSolution.GetAdditionalDocument(document.Id)!.GetTextAsync();
        Assert.Equal(File.ReadAllBytes(Path.Combine(folder, "Web.config.expected")), fixedText.Encoding!.GetBytes(fixedText.ToString()));
    }

    private static (Solution Solution, TextDocument Document) Solution(SourceText webConfig)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("Site", LanguageNames.CSharp);
        var document = project.AddAdditionalDocument("Web.config", webConfig, filePath: WebConfigPath);
        return (document.Project.Solution, document);
    }
}
