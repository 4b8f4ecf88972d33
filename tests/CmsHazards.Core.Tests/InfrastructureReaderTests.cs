using CmsHazards.Infrastructure;
using Xunit;

namespace CmsHazards.Tests;

/// <summary>
/// Real-shaped ARM, Bicep and Terraform files (tests/Fixtures/Infrastructure): each app and slot gets its Web sockets
/// verdict with the file and line of the text that decides it, what cannot be told says what decides it, and settings
/// App Service does not read are named.
/// </summary>
public class InfrastructureReaderTests
{
    internal static InfrastructureFile Load(string relative)
    {
        var path = FixtureFiles.PathOf("Infrastructure/" + relative);
        return InfrastructureFile.Read(path, InfrastructureFile.LanguageOf(path, File.ReadAllText(path))!.Value);
    }

    internal static AppServiceModel Read(params string[] relative) => AppServiceModel.Read(relative.Select(Load));

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

    private const string OffUnlessOn = ", and App Service leaves Web sockets off unless they are turned on";

    [Fact]
    public void Bicep_literal_false_with_a_pragma_and_a_trailing_comment_and_a_nested_slot_without_the_setting()
    {
        Assert.Equal(
            "web app 'contoso-cms' Off main.bicep(22): siteConfig sets webSocketsEnabled to false at main.bicep(22)\n" +
            $"  slot 'contoso-cms/staging' NotSet main.bicep(27): main.bicep(27) declares slot 'contoso-cms/staging' without siteConfig.webSocketsEnabled{OffUnlessOn}",
            Render(Read("bicep/site-off/main.bicep")));
    }

    [Fact]
    public void Bicep_siteConfig_without_the_setting_and_a_slot_linked_by_parent()
    {
        Assert.Equal(
            $"web app 'alloy-web' NotSet main.bicep(14): the siteConfig of web app 'alloy-web' at main.bicep(14) has no webSocketsEnabled{OffUnlessOn}\n" +
            "  slot 'alloy-web/staging' On main.bicep(28): siteConfig sets webSocketsEnabled to true at main.bicep(28)",
            Render(Read("bicep/site-not-set/main.bicep")));
    }

    [Fact]
    public void Bicep_config_web_child_decides_through_a_variable_and_a_sourcecontrols_child_named_web_is_not_config()
    {
        Assert.Equal(
            "web app 'cms-config-web' Off main.bicep(2): the config resource 'web' at main.bicep(10) sets webSocketsEnabled to settings.webSockets at main.bicep(13) (variable 'settings' in main.bicep(1): false)",
            Render(Read("bicep/config-web/main.bicep")));
    }

    [Fact]
    public void Bicep_parameter_without_default_and_a_condition_are_not_guessed()
    {
        Assert.Equal(
            "web app 'cms-unresolved' CannotTell main.bicep(1): siteConfig sets webSocketsEnabled to enableWebSockets at main.bicep(9), and parameter 'enableWebSockets' has no default and no parameters file CmsHazards was given sets it (main.bicep(1))\n" +
            "  slot 'cms-unresolved/staging' CannotTell main.bicep(19): the siteConfig of slot 'cms-unresolved/staging' is contains(config, 'siteConfig') ? config.siteConfig : {} at main.bicep(19), which is known only at deployment",
            Render(Read("bicep/unresolved/main.bicep")));
    }

    [Fact]
    public void Bicep_settings_where_App_Service_does_not_read_them_are_named()
    {
        Assert.Equal(
            $"web app 'cms-misplaced' NotSet main.bicep(1): main.bicep(1) declares web app 'cms-misplaced' without siteConfig.webSocketsEnabled{OffUnlessOn}\n" +
            "  no effect: webSocketsEnabled at main.bicep(5) sits directly under the properties of web app 'cms-misplaced', where App Service defines no such property: it has no effect. It belongs in properties.siteConfig\n" +
            "  no effect: webSocketsEnabled at main.bicep(13) is in the config resource 'appsettings', not 'web': there it is an app setting of that name, and it does not switch Web sockets",
            Render(Read("bicep/misplaced/main.bicep")));
    }

    [Fact]
    public void Bicep_function_apps_are_not_candidates_for_the_CMS()
    {
        Assert.Equal(
            "web app 'contoso-cms' Off main.bicep(6): siteConfig sets webSocketsEnabled to false at main.bicep(6)\n" +
            "web app 'contoso-api' On main.bicep(16): siteConfig sets webSocketsEnabled to true at main.bicep(16)",
            Render(Read("bicep/two-apps/main.bicep")));
    }

    [Fact]
    public void Bicep_module_is_named_as_not_read()
    {
        Assert.Equal(
            "note: main.bicep(3): module 'web' ('./modules/webapp.bicep') is not read, so no web app it declares is seen: name its file in CmsHostInfrastructure",
            Render(Read("bicep/module/main.bicep")));
    }

    [Fact]
    public void Bicep_single_line_object_with_commas_turns_Web_sockets_on()
    {
        Assert.Equal(
            "web app 'cms-on' On main.bicep(7): siteConfig sets webSocketsEnabled to true at main.bicep(7)\n" +
            "  slot 'cms-on/staging' On main.bicep(14): siteConfig sets webSocketsEnabled to true at main.bicep(14)",
            Render(Read("bicep/on/main.bicep")));
    }

    [Fact]
    public void Bicep_existing_app_changed_by_config_web_a_string_True_and_a_siteConfig_object_shared_with_a_conditional_slot()
    {
        Assert.Equal(
            "web app 'legacy-cms' On main.bicep(16): the config resource 'web' at main.bicep(12) sets webSocketsEnabled to 'True' at main.bicep(16), a string App Service reads as true\n" +
            "web app 'cms-shapes' Off main.bicep(4): siteConfig (parameter 'siteConfig', default in main.bicep(2)) sets webSocketsEnabled to false at main.bicep(4)\n" +
            "  slot 'cms-shapes/staging' Off main.bicep(4): siteConfig (parameter 'siteConfig', default in main.bicep(2)) sets webSocketsEnabled to false at main.bicep(4)",
            Render(Read("bicep/shapes/main.bicep")));
    }

    [Fact]
    public void Bicep_parameters_file_sets_the_value_and_the_name()
    {
        Assert.Equal(
            "web app 'cms-prod' On prod.bicepparam(4): siteConfig sets webSocketsEnabled to webSocketsEnabled at main.bicep(12) (parameter 'webSocketsEnabled', set in prod.bicepparam(4): true)",
            Render(Read("bicep/param-file/main.bicep", "bicep/param-file/prod.bicepparam")));
        Assert.Equal(
            "web app 'cms-{environmentName}' Off main.bicep(2): siteConfig sets webSocketsEnabled to webSocketsEnabled at main.bicep(12) (parameter 'webSocketsEnabled', default in main.bicep(2): false)",
            Render(Read("bicep/param-file/main.bicep")));
    }

    [Fact]
    public void Arm_parameter_default_and_a_child_config_web_with_the_string_True_and_a_sourcecontrols_child_named_web()
    {
        Assert.Equal(
            "web app 'episerver-cms' Off azuredeploy.json(14): siteConfig sets webSocketsEnabled to \"[parameters('webSocketsEnabled')]\" at azuredeploy.json(45) (parameter 'webSocketsEnabled', default in azuredeploy.json(14): false)\n" +
            "  slot 'episerver-cms/staging' On azuredeploy.json(83): the config resource 'web' at azuredeploy.json(76) sets webSocketsEnabled to \"True\" at azuredeploy.json(83), a string App Service reads as true",
            Render(Read("arm/classic/azuredeploy.json")));
    }

    [Fact]
    public void Arm_parameters_file_the_user_names_wins_over_the_defaults()
    {
        Assert.Equal(
            "web app 'episerver-cms-prod' On azuredeploy.parameters.json(9): siteConfig sets webSocketsEnabled to \"[parameters('webSocketsEnabled')]\" at azuredeploy.json(45) (parameter 'webSocketsEnabled', set in azuredeploy.parameters.json(9): true)\n" +
            "  slot 'episerver-cms-prod/staging' On azuredeploy.json(83): the config resource 'web' at azuredeploy.json(76) sets webSocketsEnabled to \"True\" at azuredeploy.json(83), a string App Service reads as true",
            Render(Read("arm/classic/azuredeploy.json", "arm/classic/azuredeploy.parameters.json")));
    }

    [Fact]
    public void Arm_language_version_2_resources_object_and_an_existing_site_changed_by_config_web()
    {
        Assert.Equal(
            $"web app 'optimizely-cms' NotSet template.json(18): template.json(18) declares web app 'optimizely-cms' without siteConfig.webSocketsEnabled{OffUnlessOn}\n" +
            "web app 'legacy-cms' Off template.json(41): the config resource 'web' at template.json(36) sets webSocketsEnabled to false at template.json(41)",
            Render(Read("arm/language-v2/template.json")));
    }

    [Fact]
    public void Arm_setting_directly_under_properties_has_no_effect_and_comments_are_read()
    {
        Assert.Equal(
            $"web app 'cms-misplaced' NotSet template.json(13): the siteConfig of web app 'cms-misplaced' at template.json(13) has no webSocketsEnabled{OffUnlessOn}\n" +
            "  no effect: webSocketsEnabled at template.json(12) sits directly under the properties of web app 'cms-misplaced', where App Service defines no such property: it has no effect. It belongs in properties.siteConfig",
            Render(Read("arm/misplaced/template.json")));
    }

    [Fact]
    public void Terraform_variable_default_in_another_file_of_the_folder_and_a_slot_without_the_setting()
    {
        Assert.Equal(
            "azurerm_linux_web_app.cms Off variables.tf(9): site_config sets websockets_enabled to var.websockets_enabled at main.tf(17) (variable 'websockets_enabled', default in variables.tf(9): false)\n" +
            $"  azurerm_linux_web_app_slot.staging NotSet main.tf(32): the site_config of azurerm_linux_web_app_slot.staging at main.tf(32) has no websockets_enabled{OffUnlessOn}",
            Render(Read("terraform/linux/main.tf", "terraform/linux/variables.tf")));
    }

    [Fact]
    public void Terraform_tfvars_the_user_names_wins_over_the_default()
    {
        Assert.Equal(
            "azurerm_linux_web_app.cms On prod.tfvars(2): site_config sets websockets_enabled to var.websockets_enabled at main.tf(17) (variable 'websockets_enabled', set in prod.tfvars(2): true)\n" +
            $"  azurerm_linux_web_app_slot.staging NotSet main.tf(32): the site_config of azurerm_linux_web_app_slot.staging at main.tf(32) has no websockets_enabled{OffUnlessOn}",
            Render(Read("terraform/linux/main.tf", "terraform/linux/variables.tf", "terraform/linux/prod.tfvars")));
    }

    [Fact]
    public void Terraform_dynamic_site_config_and_a_module_are_not_guessed()
    {
        Assert.Equal(
            "azurerm_windows_web_app.cms CannotTell main.tf(19): azurerm_windows_web_app.cms takes its site_config from a dynamic block at main.tf(19), built from 'var.site_config', known only at apply time\n" +
            "note: main.tf(9): module 'network' (source 'git::https://example.invalid/terraform-modules.git//network?ref=v1.2.0') is not read, so no web app it declares is seen: name its files in CmsHostInfrastructure",
            Render(Read("terraform/dynamic/main.tf")));
    }

    [Fact]
    public void Terraform_older_app_service_with_a_local_and_a_slot_without_site_config()
    {
        Assert.Equal(
            "azurerm_app_service.cms On main.tf(2): site_config sets websockets_enabled to local.websockets at main.tf(13) (local 'websockets' in main.tf(2): true)\n" +
            $"  azurerm_app_service_slot.staging NotSet main.tf(17): main.tf(17) declares azurerm_app_service_slot.staging without site_config.websockets_enabled{OffUnlessOn}",
            Render(Read("terraform/app-service/main.tf")));
    }

    [Theory]
    [InlineData("main.bicep", null, InfrastructureLanguage.Bicep)]
    [InlineData("prod.bicepparam", null, InfrastructureLanguage.BicepParameters)]
    [InlineData("main.tf", null, InfrastructureLanguage.Terraform)]
    [InlineData("prod.tfvars", null, InfrastructureLanguage.TerraformVariables)]
    [InlineData("prod.tfvars.json", null, InfrastructureLanguage.TerraformVariables)]
    [InlineData("azuredeploy.json", "{ \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\" }", InfrastructureLanguage.ArmTemplate)]
    [InlineData("azuredeploy.parameters.json", "{ \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#\" }", InfrastructureLanguage.ArmParameters)]
    [InlineData("appsettings.json", "{ \"Logging\": {} }", null)]
    [InlineData("web.config", null, null)]
    public void File_kinds_are_told_apart_by_name_and_schema(string name, string? text, InfrastructureLanguage? expected)
    {
        Assert.Equal(expected, InfrastructureFile.LanguageOf(name, text));
    }
}
