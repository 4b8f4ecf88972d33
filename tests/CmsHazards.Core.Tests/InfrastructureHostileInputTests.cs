using System.Text;
using CmsHazards.Infrastructure;
using CmsHazards.Text;
using Xunit;

namespace CmsHazards.Tests;

/// <summary>
/// Files handed over under an infrastructure name that are not what they claim: each gets one clear note (CMSH200)
/// with the line and column where reading stopped; nothing throws, nothing hangs, nothing is guessed.
/// </summary>
public class InfrastructureHostileInputTests
{
    private static InfrastructureNote Unreadable(string name, string text, InfrastructureLanguage language)
    {
        var model = AppServiceModel.Read(new[] { new InfrastructureFile(name, text, language) });
        Assert.Empty(model.Sites);
        var note = Assert.Single(model.Notes);
        Assert.True(note.FileUnreadable);
        return note;
    }

    [Theory]
    [InlineData("main.bicep", InfrastructureLanguage.Bicep, "resource site 'Microsoft.Web/sites@2022-09-01' = {\n  name: 'cms\n}\n", "main.bicep cannot be read as Bicep at line 2, column 9: a string that never ends on its line. CmsHazards reads nothing from it until it is fixed.")]
    [InlineData("main.bicep", InfrastructureLanguage.Bicep, "var a = '''\nnever closed", "main.bicep cannot be read as Bicep at line 1, column 9: a multi-line string ''' that never ends. CmsHazards reads nothing from it until it is fixed.")]
    [InlineData("main.bicep", InfrastructureLanguage.Bicep, "var a = 'x${'y${b", "main.bicep cannot be read as Bicep at line 1, column 13: an interpolation '${' that never closes. CmsHazards reads nothing from it until it is fixed.")]
    [InlineData("main.bicep", InfrastructureLanguage.Bicep, "resource site 'Microsoft.Web/sites@2022-09-01' = {\n  properties: {\n", "main.bicep cannot be read as Bicep at line 2, column 15: '{' that never closes. CmsHazards reads nothing from it until it is fixed.")]
    [InlineData("main.bicep", InfrastructureLanguage.Bicep, "/* a comment\nthat never ends", "main.bicep cannot be read as Bicep at line 1, column 1: a comment that never ends. CmsHazards reads nothing from it until it is fixed.")]
    [InlineData("main.tf", InfrastructureLanguage.Terraform, "resource \"azurerm_linux_web_app\" \"cms\" {\n  name = \"cms\n}\n", "main.tf cannot be read as Terraform at line 2, column 10: a string that never ends on its line. CmsHazards reads nothing from it until it is fixed.")]
    [InlineData("main.tf", InfrastructureLanguage.Terraform, "locals {\n  x = <<EOT\nno end\n", "main.tf cannot be read as Terraform at line 2, column 7: a heredoc that never reaches its closing EOT. CmsHazards reads nothing from it until it is fixed.")]
    [InlineData("main.tf", InfrastructureLanguage.Terraform, "\u0000\u0001\u0002", "main.tf cannot be read as Terraform at line 1, column 1: the character '\\u0000', which the language does not have here. CmsHazards reads nothing from it until it is fixed.")]
    [InlineData("azuredeploy.json", InfrastructureLanguage.ArmTemplate, "{\n  \"resources\": [\n    { \"type\": \"Microsoft.Web/sites\n", "azuredeploy.json cannot be read as JSON at line 3, column 15: a string that never ends on its line. CmsHazards reads nothing from it until it is fixed.")]
    [InlineData("azuredeploy.json", InfrastructureLanguage.ArmTemplate, "{ \"resources\": [] } trailing", "azuredeploy.json cannot be read as JSON at line 1, column 21: text after the end of the document. CmsHazards reads nothing from it until it is fixed.")]
    [InlineData("azuredeploy.json", InfrastructureLanguage.ArmTemplate, "[1, 2]", "azuredeploy.json cannot be read as JSON at line 1, column 1: the top-level value must be an object, as Azure Resource Manager requires. CmsHazards reads nothing from it until it is fixed.")]
    [InlineData("azuredeploy.json", InfrastructureLanguage.ArmTemplate, "\n  // nothing yet\n", "azuredeploy.json cannot be read as JSON at line 3, column 1: the file is empty; Azure Resource Manager expects a JSON object. CmsHazards reads nothing from it until it is fixed.")]
    [InlineData("azuredeploy.json", InfrastructureLanguage.ArmTemplate, "{ \"resources\": [ { \"type\": True } ] }", "azuredeploy.json cannot be read as JSON at line 1, column 28: 'True' is not a JSON value (strings need double quotes; true, false and null are lower case). CmsHazards reads nothing from it until it is fixed.")]
    [InlineData("prod.tfvars.json", InfrastructureLanguage.TerraformVariables, "{\n  // staging\n  \"websockets\": true\n}\n", "prod.tfvars.json cannot be read as JSON at line 2, column 3: a comment, which Terraform does not accept in JSON. CmsHazards reads nothing from it until it is fixed.")]
    [InlineData("prod.tfvars.json", InfrastructureLanguage.TerraformVariables, "[true]", "prod.tfvars.json cannot be read as JSON at line 1, column 1: the top-level value must be an object, as Terraform requires. CmsHazards reads nothing from it until it is fixed.")]
    public void Broken_files_are_named_with_the_place_reading_stopped(string name, InfrastructureLanguage language, string text, string expected)
    {
        Assert.Equal(expected, Unreadable(name, text, language).Sentence);
    }

    [Theory]
    [InlineData(InfrastructureLanguage.ArmTemplate, "[", "", "json", "JSON at line 1, column 129: values nested deeper than 128 levels")]
    [InlineData(InfrastructureLanguage.Bicep, "var a = [", "", "bicep", "Bicep at line 1, column 109: values nested deeper than 100 levels")]
    [InlineData(InfrastructureLanguage.Terraform, "locals {\n x = [", "", "tf", "Terraform at line 2, column 105: values nested deeper than 100 levels")]
    public void Deep_nesting_stops_at_a_limit_instead_of_the_stack(InfrastructureLanguage language, string prefix, string suffix, string extension, string expected)
    {
        var text = prefix + new string('[', 100_000) + suffix;

        Assert.Equal($"main.{extension} cannot be read as {expected}. CmsHazards reads nothing from it until it is fixed.", Unreadable("main." + extension, text, language).Sentence);
    }

    [Theory]
    [InlineData("[-]")]
    [InlineData("[\u0663]")]
    [InlineData("[1e999]")]
    public void A_template_expression_with_a_number_that_is_not_one_is_left_to_deployment(string expression)
    {
        // double.Parse threw on '-' alone and on digits of other scripts (char.IsDigit says yes), which the analyzer
        // would have reported as AD0001.
        var text = "{\"resources\": [{\"type\": \"Microsoft.Web/sites\", \"name\": \"cms\", \"properties\": {\"siteConfig\": {\"webSocketsEnabled\": \"" + expression + "\"}}}]}";

        var evidence = WebSocketsEvidence.From(AppServiceModel.Read(new[] { new InfrastructureFile("azuredeploy.json", text, InfrastructureLanguage.ArmTemplate) }), null);

        Assert.Equal("cms", Assert.Single(evidence.CannotTell).Name);
    }

    [Fact]
    public void Deeply_nested_interpolations_stop_at_a_limit()
    {
        var text = new StringBuilder("var a = ");
        for (var i = 0; i < 10_000; i++) text.Append("'${");

        Assert.Equal("main.bicep cannot be read as Bicep at line 1, column 108: string interpolations nested deeper than 32 levels. CmsHazards reads nothing from it until it is fixed.", Unreadable("main.bicep", text.ToString(), InfrastructureLanguage.Bicep).Sentence);
    }

    [Fact]
    public void A_file_over_the_limit_is_not_loaded()
    {
        var path = Path.Combine(Path.GetTempPath(), "huge-" + Guid.NewGuid().ToString("N") + ".bicep");
        try
        {
            using (var stream = File.Create(path)) stream.SetLength(InfrastructureFile.MaxLength + 1L);
            var file = InfrastructureFile.Read(path, InfrastructureLanguage.Bicep);

            Assert.Equal("", file.Text);
            Assert.Equal($"{Path.GetFileName(path)} is not read: it is 4 MB, larger than the 4 MB CmsHazards reads (Azure Resource Manager itself refuses a template over 4 MB).", Assert.Single(AppServiceModel.Read(new[] { file }).Notes).Sentence);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// The fixture files cut, spliced and sprinkled with the characters that matter to the readers: reading never throws,
    /// and every fix offered applies cleanly and leaves the hosts it was offered for with Web sockets on.
    /// </summary>
    [Fact]
    public void Mangled_files_never_throw_and_every_fix_offered_takes_effect()
    {
        var sources = new[]
        {
            "bicep/site-off/main.bicep", "bicep/site-not-set/main.bicep", "bicep/config-web/main.bicep", "bicep/inline/main.bicep", "bicep/unresolved/main.bicep",
            "arm/classic/azuredeploy.json", "arm/language-v2/template.json", "arm/misplaced/template.json", "arm/tabs/azuredeploy.json",
            "terraform/linux/main.tf", "terraform/dynamic/main.tf", "terraform/app-service/main.tf",
        }.Select(InfrastructureReaderTests.Load).ToList();
        const string Alphabet = "{}[]()'\"$:=,\n\r\t #/*\\<-.?";
        var random = new Random(20261202);
        var fixesChecked = 0;

        for (var i = 0; i < 3000; i++)
        {
            var source = sources[random.Next(sources.Count)];
            var text = new StringBuilder(source.Text);
            for (var edits = random.Next(1, 4); edits > 0 && text.Length > 0; edits--)
            {
                var at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0: text.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                    case 1: text.Remove(at, Math.Min(random.Next(1, 20), text.Length - at)); break;
                    default: text.Length = at; break;
                }
            }

            var file = new InfrastructureFile(source.Path, text.ToString(), source.Language);
            var evidence = WebSocketsEvidence.From(AppServiceModel.Read(new[] { file }), null);
            foreach (var fix in evidence.Fixes)
            {
                var fixedText = fix.ApplyTo(file.Text);
                var after = WebSocketsEvidence.From(AppServiceModel.Read(new[] { new InfrastructureFile(file.Path, fixedText, file.Language) }), null);
                Assert.True(after.Off.Count == 0, $"{file.FileName} after the fix:\n{fixedText}\n{InfrastructureReaderTests.Render(after.Model)}");
                fixesChecked++;
            }
        }

        Assert.True(fixesChecked > 100, $"only {fixesChecked} fixes were checked");
    }
}
