using CmsHazards.Infrastructure;
using CmsHazards.Text;
using Xunit;

namespace CmsHazards.Tests;

/// <summary>
/// "Turn on Web sockets in &lt;file&gt;": the deciding literal becomes true, or the setting is added where it is
/// missing, and every other byte of the file stays (byte order mark, line endings, indentation, comments, a missing
/// final newline). The expected files are tests/Fixtures/Infrastructure/fixed/&lt;file&gt;.&lt;app&gt;.fixed.
/// </summary>
public class TurnOnWebSocketsTests
{
    [Theory]
    [InlineData("contoso-cms", new[] { "bicep/site-off/main.bicep" }, new[] { "bicep/site-off/main.bicep" })]
    [InlineData("alloy-web", new[] { "bicep/site-not-set/main.bicep" }, new[] { "bicep/site-not-set/main.bicep" })]
    [InlineData("cms-config-web", new[] { "bicep/config-web/main.bicep" }, new[] { "bicep/config-web/main.bicep" })]
    [InlineData("cms-misplaced", new[] { "bicep/misplaced/main.bicep" }, new[] { "bicep/misplaced/main.bicep" })]
    [InlineData("contoso-cms", new[] { "bicep/two-apps/main.bicep" }, new[] { "bicep/two-apps/main.bicep" })]
    [InlineData("cms-inline", new[] { "bicep/inline/main.bicep" }, new[] { "bicep/inline/main.bicep" })]
    [InlineData("episerver-cms", new[] { "arm/classic/azuredeploy.json" }, new[] { "arm/classic/azuredeploy.json" })]
    [InlineData("optimizely-cms", new[] { "arm/language-v2/template.json" }, new[] { "arm/language-v2/template.json" })]
    [InlineData("legacy-cms", new[] { "arm/language-v2/template.json" }, new[] { "arm/language-v2/template.json" })]
    [InlineData("cms-misplaced", new[] { "arm/misplaced/template.json" }, new[] { "arm/misplaced/template.json" })]
    [InlineData("cms-tabs", new[] { "arm/tabs/azuredeploy.json" }, new[] { "arm/tabs/azuredeploy.json" })]
    [InlineData("azurerm_linux_web_app.cms", new[] { "terraform/linux/main.tf", "terraform/linux/variables.tf" }, new[] { "terraform/linux/variables.tf", "terraform/linux/main.tf" })]
    [InlineData("azurerm_app_service.cms", new[] { "terraform/app-service/main.tf" }, new[] { "terraform/app-service/main.tf" })]
    public void Fixes_each_form_byte_for_byte_and_the_hosts_then_carry_WebSockets(string app, string[] files, string[] edited)
    {
        var model = InfrastructureReaderTests.Read(files);
        var evidence = WebSocketsEvidence.From(model, app);
        Assert.NotEmpty(evidence.Off);

        var fixes = evidence.Fixes;

        Assert.Equal(edited.Select(e => Path.GetFileName(e)), fixes.Select(f => f.File.FileName));
        var fixedFiles = new Dictionary<string, byte[]>();
        foreach (var fix in fixes)
        {
            var relative = Path.GetRelativePath(FixtureFiles.PathOf("Infrastructure"), fix.File.Path).Replace('\\', '/');
            var original = EncodedText.Decode(File.ReadAllBytes(fix.File.Path));
            var bytes = original.Encode(fix.ApplyTo(original.Text));
            var name = model.Sites.First(s => s.IsNamedBy(app)).Name.Replace('/', '_');
            Assert.Equal(FixtureFiles.Bytes($"Infrastructure/fixed/{relative}.{name}.fixed"), bytes);
            Assert.Equal("Turn on Web sockets in " + Path.GetFileName(fix.File.Path), fix.Title);
            fixedFiles[fix.File.Path] = bytes;
        }

        // The fix takes effect: read again, the app and every slot carry WebSockets.
        var reread = AppServiceModel.Read(files.Select(f =>
        {
            var loaded = InfrastructureReaderTests.Load(f);
            return fixedFiles.TryGetValue(loaded.Path, out var b) ? new InfrastructureFile(loaded.Path, EncodedText.Decode(b).Text, loaded.Language) : loaded;
        }));
        var after = WebSocketsEvidence.From(reread, app);
        Assert.True(after.CarriesWebSockets, InfrastructureReaderTests.Render(reread));
    }

    [Fact]
    public void Values_known_only_at_deployment_get_no_fix()
    {
        var evidence = WebSocketsEvidence.From(InfrastructureReaderTests.Read("bicep/unresolved/main.bicep"), null);

        Assert.Empty(evidence.Off);
        Assert.Equal(2, evidence.CannotTell.Count);
        Assert.Empty(evidence.Fixes);
        Assert.False(evidence.CarriesWebSockets);
        Assert.Null(evidence.WebSockets);
    }

    [Fact]
    public void A_literal_shared_by_the_app_and_its_slot_is_edited_once()
    {
        var file = new InfrastructureFile("shared.bicep",
            "param ws bool = false\n\nresource site 'Microsoft.Web/sites@2022-09-01' = {\n  name: 'cms'\n  properties: {\n    siteConfig: {\n      webSocketsEnabled: ws\n    }\n  }\n  resource staging 'slots' = {\n    name: 'staging'\n    properties: {\n      siteConfig: {\n        webSocketsEnabled: ws\n      }\n    }\n  }\n}\n",
            InfrastructureLanguage.Bicep);
        var evidence = WebSocketsEvidence.From(AppServiceModel.Read(new[] { file }), null);

        var fix = Assert.Single(evidence.Fixes);

        Assert.Equal(2, evidence.Off.Count);
        Assert.Equal("param ws bool = true\n", fix.ApplyTo(file.Text).Substring(0, 21));
        Assert.Single(fix.Edits);
    }

    [Fact]
    public void A_Terraform_block_on_one_line_gets_no_fix_rather_than_a_rewrite()
    {
        var file = new InfrastructureFile("main.tf",
            "resource \"azurerm_linux_web_app\" \"cms\" {\n  name = \"cms\"\n  site_config { always_on = true }\n}\n",
            InfrastructureLanguage.Terraform);
        var evidence = WebSocketsEvidence.From(AppServiceModel.Read(new[] { file }), null);

        Assert.Equal(WebSocketsSetting.NotSet, Assert.Single(evidence.Off).WebSockets.Setting);
        Assert.False(TurnOnWebSockets.CanFix(evidence.Off[0].WebSockets));
        Assert.Empty(evidence.Fixes);
    }
}
