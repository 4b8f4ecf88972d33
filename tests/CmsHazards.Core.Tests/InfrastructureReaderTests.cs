using CmsHazards.Infrastructure;
using Xunit;

namespace CmsHazards.Tests;

/// <summary>
/// Real-shaped ARM, Bicep and Terraform files (tests/Fixtures/Infrastructure): each app and slot gets its Web sockets
/// verdict with the file and line of the text that decides it, and what cannot be told says why.
/// </summary>
public class InfrastructureReaderTests
{
    internal static AppServiceModel Read(params string[] relative) =>
        AppServiceModel.Read(relative.Select(r =>
        {
            var path = FixtureFiles.PathOf("Infrastructure/" + r);
            return InfrastructureFile.Read(path, InfrastructureFile.LanguageOf(path, File.ReadAllText(path))!.Value);
        }));

    /// <summary>One line per app and slot, then what had no effect and what was not read.</summary>
    internal static string Render(AppServiceModel model)
    {
        var lines = new List<string>();
        foreach (var site in model.Sites)
        {
            lines.Add($"{site.Display} {site.WebSockets.Setting} {site.WebSockets.Place}: {site.WebSockets.Explanation}");
            foreach (var slot in site.Slots) lines.Add($"  {slot.Display} {slot.WebSockets.Setting} {slot.WebSockets.Place}: {slot.WebSockets.Explanation}");
            foreach (var ineffective in site.Ineffective.Concat(site.Slots.SelectMany(s => s.Ineffective))) lines.Add("  no effect: " + ineffective.Message);
        }

        foreach (var note in model.Notes) lines.Add("note: " + note);
        return string.Join("\n", lines);
    }

    [Theory]
    [InlineData("bicep/site-off/main.bicep")]
    [InlineData("bicep/site-not-set/main.bicep")]
    [InlineData("bicep/config-web/main.bicep")]
    [InlineData("bicep/unresolved/main.bicep")]
    [InlineData("bicep/misplaced/main.bicep")]
    [InlineData("bicep/two-apps/main.bicep")]
    [InlineData("bicep/module/main.bicep")]
    [InlineData("bicep/on/main.bicep")]
    [InlineData("arm/classic/azuredeploy.json")]
    [InlineData("arm/language-v2/template.json")]
    [InlineData("arm/misplaced/template.json")]
    [InlineData("terraform/linux/main.tf", "terraform/linux/variables.tf")]
    [InlineData("terraform/dynamic/main.tf")]
    [InlineData("terraform/app-service/main.tf")]
    public void Dump(params string[] files)
    {
        File.AppendAllText("/tmp/infra-dump.txt", "== " + string.Join(", ", files) + "\n" + Render(Read(files)) + "\n");
    }
}
