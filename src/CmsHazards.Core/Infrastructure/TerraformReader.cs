using System;
using System.Text.RegularExpressions;
using CmsHazards.Json;

namespace CmsHazards.Infrastructure
{
    /// <summary>
    /// Reads the part of Terraform (HCL) that declares App Service with the azurerm provider: <c>resource</c> blocks,
    /// <c>variable</c> defaults, <c>locals</c>, and *.tfvars / *.tfvars.json values. Modules are named in a note:
    /// their source lives elsewhere and is not fetched.
    /// </summary>
    public static class TerraformReader
    {
        // app_service_id = azurerm_linux_web_app.cms.id; app_service_name = azurerm_app_service.cms.name
        private static readonly Regex ResourceAttribute = new Regex(@"^(azurerm_[a-z_]+)\.([A-Za-z0-9_-]+)\.(id|name)$", RegexOptions.CultureInvariant);

        /// <summary>
        /// Reads one file into <paramref name="scope"/>, the scope of its folder: Terraform reads every .tf file of a
        /// folder as one module, so variables declared in one file serve resources in another.
        /// </summary>
        public static InfraReading Read(InfrastructureFile file, InfraScope scope)
        {
            var reading = new InfraReading(file) { Scope = scope };
            if (file.IsTooLarge)
            {
                reading.TooLarge();
                return reading;
            }

            if (file.Language == InfrastructureLanguage.TerraformVariables && file.FileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                var json = JsonFile.Parse(file.Path, file.Text, JsonDialect.Terraform);
                if (json.Root is null) reading.Unreadable("JSON", json.Error!.Message, json.Error.Offset);
                else
                {
                    foreach (var m in json.Root.Properties) reading.ParameterValues[m.Name] = ArmTemplateReader.PlainValue(file, m.Value);
                }

                return reading;
            }

            InfraObject body;
            try
            {
                body = new InfraParser(file, InfraDialect.Hcl).Body();
            }
            catch (InfraSyntaxError e)
            {
                reading.Unreadable("Terraform", e.Message, e.Offset);
                return reading;
            }

            foreach (var member in body.Members)
            {
                if (file.Language == InfrastructureLanguage.TerraformVariables)
                {
                    if (!member.IsBlock) reading.ParameterValues[member.Name] = member.Value;
                    continue;
                }

                if (!member.IsBlock || !(member.Value is InfraObject block)) continue;
                switch (member.Name)
                {
                    case "resource" when member.Labels.Count == 2:
                        reading.Resources.Add(Resource(member, block, scope, reading));
                        break;
                    case "variable" when member.Labels.Count == 1:
                        scope.AddParameter(new InfraParameter(member.Labels[0], new InfrastructurePlace(file, member.NameSpan), block.Get("default")));
                        break;
                    case "locals":
                        foreach (var local in block.Members) scope.AddVariable(local.Name, local.Value);
                        break;
                    case "module" when member.Labels.Count == 1:
                        var source = block.Get("source") is InfraLiteral { Value: string s } ? " (source '" + s + "')" : "";
                        reading.Skipped(member.NameSpan, $"module '{member.Labels[0]}'{source} is not read, so no web app it declares is seen: name its files in CmsHostInfrastructure");
                        break;
                }
            }

            return reading;
        }

        private static InfraResource Resource(InfraMember member, InfraObject block, InfraScope scope, InfraReading reading)
        {
            var type = member.Labels[0];
            var name = member.Labels[1];
            var resource = new InfraResource(scope, type, new InfrastructurePlace(reading.File, member.NameSpan), block)
            {
                SymbolicName = name,
                Address = type + "." + name,
                Name = block.Get("name"),
                IsLoop = block.Member("count") != null || block.Member("for_each") != null,
            };

            // A slot names its app by the app's id (azurerm_*_web_app_slot) or name (azurerm_app_service_slot).
            var parent = block.Get("app_service_id") ?? block.Get("app_service_name");
            if (parent is InfraExpression expression)
            {
                var match = ResourceAttribute.Match(expression.Place.Text);
                if (match.Success) resource.ParentSymbol = match.Groups[1].Value + "." + match.Groups[2].Value;
            }

            return resource;
        }
    }
}
