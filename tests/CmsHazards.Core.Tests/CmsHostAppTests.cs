using CmsHazards.Infrastructure;
using Xunit;

namespace CmsHazards.Tests;

/// <summary>Which web app hosts the CMS: the only one, or the one CmsHostAppService names; every slot of it counts.</summary>
public class CmsHostAppTests
{
    private const string TwoApps = "web app 'contoso-cms' (symbolic name cms, main.bicep(1)), web app 'contoso-api' (symbolic name api, main.bicep(11))";

    [Fact]
    public void The_only_web_app_is_the_CMS_and_its_slots_are_hosts_too()
    {
        var app = CmsHostApp.Choose(InfrastructureReaderTests.Read("bicep/site-off/main.bicep"), null);

        Assert.Null(app.Problem);
        Assert.Equal(new[] { "contoso-cms", "contoso-cms/staging" }, app.Hosts.Select(h => h.Name));
    }

    [Fact]
    public void Several_web_apps_and_none_named_give_a_listing()
    {
        var app = CmsHostApp.Choose(InfrastructureReaderTests.Read("bicep/two-apps/main.bicep"), null);

        Assert.Empty(app.Hosts);
        Assert.Equal(
            $"The infrastructure files declare 2 web apps: {TwoApps}. Set CmsHostAppService to the one that hosts the CMS (its symbolic name, resource name or Terraform address); until then CmsHazards does not use their Web sockets settings.",
            app.Problem);
    }

    [Theory]
    [InlineData("cms")]
    [InlineData("contoso-cms")]
    [InlineData("CONTOSO-CMS")]
    public void The_CMS_app_is_named_by_symbolic_name_or_resource_name(string name)
    {
        var evidence = WebSocketsEvidence.From(InfrastructureReaderTests.Read("bicep/two-apps/main.bicep"), name);

        Assert.Null(evidence.App.Problem);
        Assert.Equal("contoso-cms", Assert.Single(evidence.App.Hosts).Name);
        Assert.False(evidence.WebSockets);
        Assert.Equal("the host is Azure App Service, and Web sockets are off for web app 'contoso-cms' (siteConfig sets webSocketsEnabled to false at main.bicep(6))", evidence.OffClause());
    }

    [Fact]
    public void The_other_app_turns_WebSockets_on_and_gives_nothing()
    {
        var evidence = WebSocketsEvidence.From(InfrastructureReaderTests.Read("bicep/two-apps/main.bicep"), "api");

        Assert.True(evidence.CarriesWebSockets);
        Assert.True(evidence.WebSockets);
        Assert.Empty(evidence.Fixes);
    }

    [Fact]
    public void A_name_that_matches_no_app_says_which_there_are()
    {
        var app = CmsHostApp.Choose(InfrastructureReaderTests.Read("bicep/two-apps/main.bicep"), "contoso-web");

        Assert.Equal($"CmsHostAppService is 'contoso-web', but no web app in the infrastructure files has that symbolic name, resource name or Terraform address. They declare: {TwoApps}.", app.Problem);
    }

    [Fact]
    public void A_Terraform_address_names_the_app()
    {
        var model = InfrastructureReaderTests.Read("terraform/linux/main.tf", "terraform/linux/variables.tf", "terraform/app-service/main.tf");

        var unnamed = CmsHostApp.Choose(model, null);
        var named = WebSocketsEvidence.From(model, "azurerm_app_service.cms");

        Assert.Equal("The infrastructure files declare 2 web apps: azurerm_linux_web_app.cms (main.tf(9)), azurerm_app_service.cms (main.tf(5)). Set CmsHostAppService to the one that hosts the CMS (its symbolic name, resource name or Terraform address); until then CmsHazards does not use their Web sockets settings.", unnamed.Problem);
        Assert.Equal(new[] { "azurerm_app_service.cms", "azurerm_app_service_slot.staging" }, named.App.Hosts.Select(h => h.Display));
        Assert.Equal("azurerm_app_service_slot.staging", Assert.Single(named.Off).Display);
    }

    [Fact]
    public void A_Bicep_file_and_the_ARM_template_compiled_from_it_declare_one_app()
    {
        var bicep = InfrastructureReaderTests.Load("bicep/two-apps/main.bicep");
        var arm = new InfrastructureFile("main.json",
            "{\"$schema\":\"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\",\"resources\":[{\"type\":\"Microsoft.Web/sites\",\"name\":\"contoso-cms\",\"properties\":{\"siteConfig\":{\"webSocketsEnabled\":false}}}]}",
            InfrastructureLanguage.ArmTemplate);
        var model = AppServiceModel.Read(new[] { bicep, arm });

        var app = CmsHostApp.Choose(model, "contoso-cms");

        Assert.Null(app.Problem);
        Assert.Equal(new[] { "main.bicep", "main.json" }, app.Declarations.Select(d => d.Resource.Declaration.File.FileName));
    }

    [Fact]
    public void No_web_app_in_the_files_is_no_evidence()
    {
        var evidence = WebSocketsEvidence.From(InfrastructureReaderTests.Read("bicep/module/main.bicep"), null);

        Assert.Null(evidence.App.Problem);
        Assert.Empty(evidence.App.Hosts);
        Assert.Null(evidence.WebSockets);
        Assert.False(evidence.CarriesWebSockets);
    }
}
