using CmsHazards.Infrastructure;
using Xunit;

namespace CmsHazards.Tests;

/// <summary>The CLI finds infrastructure files in the tree it scans and tells which property makes a build read them.</summary>
public class InfrastructureDiscoveryTests
{
    [Fact]
    public void Finds_Bicep_Terraform_and_ARM_files_by_schema_and_skips_build_output()
    {
        var root = Path.Combine(Path.GetTempPath(), "cmshazards-discovery-" + Guid.NewGuid().ToString("N"));
        try
        {
            void Write(string relative, string text)
            {
                var path = Path.Combine(root, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text);
            }

            Write("site/Site.csproj", "<Project />");
            Write("site/appsettings.json", "{ \"Logging\": {} }");
            Write("infra/main.bicep", "");
            Write("infra/prod.bicepparam", "using './main.bicep'");
            Write("infra/azuredeploy.json", "{ \"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\" }");
            Write("infra/bin/copy.bicep", "");
            Write("tf/main.tf", "");
            Write("tf/app.tf", "");
            Write("tf/variables.tf", "");
            Write("tf/.terraform/modules/x/main.tf", "");

            var found = InfrastructureDiscovery.Find(root);

            Assert.Equal(
                new[] { "infra/azuredeploy.json", "infra/main.bicep", "infra/prod.bicepparam", "tf/app.tf", "tf/main.tf", "tf/variables.tf" },
                found.Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')));
            Assert.Equal(
                @"<CmsHostInfrastructure>..\infra\azuredeploy.json;..\infra\main.bicep;..\infra\prod.bicepparam;..\tf\*.tf</CmsHostInfrastructure>",
                InfrastructureDiscovery.PropertyFor(Path.Combine(root, "site"), found));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
