using System;
using System.Collections.Generic;
using CmsHazards.Text;

namespace CmsHazards.Infrastructure
{
    /// <summary>
    /// A resource a file declares, as the readers hand it on: its type, its names and its body, in the same shape
    /// for ARM, Bicep and Terraform. What it means for App Service is decided in <see cref="AppServiceModel"/>.
    /// </summary>
    public sealed class InfraResource
    {
        public InfraResource(InfraScope scope, string type, InfrastructurePlace declaration, InfraObject body)
        {
            Scope = scope;
            Type = type;
            Declaration = declaration;
            Body = body;
        }

        public InfraScope Scope { get; }

        /// <summary>
        /// The full type without API version (<c>Microsoft.Web/sites/config</c>; a nested Bicep or ARM child gets
        /// its parent's type in front), or the Terraform resource type (<c>azurerm_linux_web_app</c>).
        /// </summary>
        public string Type { get; }

        /// <summary>The text that declares it: what a finding points at when nothing inside decides.</summary>
        public InfrastructurePlace Declaration { get; }

        public InfraObject Body { get; }

        /// <summary>Bicep's and languageVersion 2.0's symbolic name; Terraform's second label.</summary>
        public string? SymbolicName { get; set; }

        /// <summary>Terraform's address, <c>azurerm_linux_web_app.cms</c>.</summary>
        public string? Address { get; set; }

        /// <summary>The <c>name</c> property; for ARM children, the full name (<c>site/web</c>).</summary>
        public InfraValue? Name { get; set; }

        /// <summary>
        /// True when <see cref="Name"/> holds the child's own segment only (<c>web</c> in a Bicep nested resource or
        /// an ARM child in <c>resources</c>), so the parent's name comes first.
        /// </summary>
        public bool NameIsRelative { get; set; }

        /// <summary>The enclosing resource of a nested declaration, or the one <c>parent:</c> names.</summary>
        public InfraResource? Parent { get; set; }

        /// <summary>A parent named by symbol (Bicep <c>parent: site</c>, Terraform <c>app_service_id = azurerm_linux_web_app.cms.id</c>), linked once every file is read.</summary>
        public string? ParentSymbol { get; set; }

        /// <summary>Declared elsewhere and only referenced here (<c>existing</c>).</summary>
        public bool IsExisting { get; set; }

        /// <summary>Deployed many times (Bicep <c>[for ...]</c>, ARM <c>copy</c>, Terraform <c>count</c>/<c>for_each</c>).</summary>
        public bool IsLoop { get; set; }
    }

    /// <summary>
    /// What names in a file mean: a Bicep file's or an ARM template's parameters and variables, or a Terraform
    /// module's (a folder's) variables and locals, with the values that parameters files give.
    /// </summary>
    public sealed class InfraScope
    {
        private readonly Dictionary<string, InfraParameter> _parameters = new Dictionary<string, InfraParameter>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, InfraValue> _variables = new Dictionary<string, InfraValue>(StringComparer.OrdinalIgnoreCase);

        public InfraScope(string description) => Description = description;

        /// <summary>"main.bicep", "the Terraform folder infra".</summary>
        public string Description { get; }

        public IReadOnlyDictionary<string, InfraParameter> Parameters => _parameters;

        public IReadOnlyDictionary<string, InfraValue> Variables => _variables;

        public void AddParameter(InfraParameter parameter) => _parameters[parameter.Name] = parameter;

        public void AddVariable(string name, InfraValue value) => _variables[name] = value;
    }

    /// <summary>A parameter (Terraform: variable) with its default and the value a parameters file gives, if any.</summary>
    public sealed class InfraParameter
    {
        public InfraParameter(string name, InfrastructurePlace declaration, InfraValue? defaultValue)
        {
            Name = name;
            Declaration = declaration;
            Default = defaultValue;
        }

        public string Name { get; }

        public InfrastructurePlace Declaration { get; }

        public InfraValue? Default { get; }

        /// <summary>The value from a .bicepparam, ARM parameters or *.tfvars file; it wins over the default.</summary>
        public InfraValue? Given { get; set; }
    }

    /// <summary>What one reader got from one file.</summary>
    public sealed class InfraReading
    {
        public InfraReading(InfrastructureFile file) => File = file;

        public InfrastructureFile File { get; }

        public List<InfraResource> Resources { get; } = new List<InfraResource>();

        /// <summary>What the reader could not read, and whether that was the whole file.</summary>
        public List<InfrastructureNote> Notes { get; } = new List<InfrastructureNote>();

        /// <summary>For parameters files: the values they give, by parameter name.</summary>
        public Dictionary<string, InfraValue> ParameterValues { get; } = new Dictionary<string, InfraValue>(StringComparer.OrdinalIgnoreCase);

        /// <summary>For a .bicepparam file: the Bicep file its <c>using</c> names, as written.</summary>
        public string? UsingPath { get; set; }

        public InfraScope? Scope { get; set; }

        /// <summary>Nothing of the file is used: "cannot be read as Bicep at line 3, column 9: a string that never ends."</summary>
        internal void Unreadable(string language, string problem, int offset)
        {
            var place = new InfrastructurePlace(File, new TextSpan(Math.Min(offset, File.Text.Length), 0));
            var at = place.Start;
            Notes.Add(new InfrastructureNote(place, $"cannot be read as {language} at line {at.Line + 1}, column {at.Character + 1}: {problem}. CmsHazards reads nothing from it until it is fixed", fileUnreadable: true));
        }

        internal void TooLarge()
        {
            Notes.Add(new InfrastructureNote(
                new InfrastructurePlace(File, new TextSpan(0, 0)),
                $"is not read: it is {File.Length / (1024 * 1024.0):0.#} MB, larger than the {InfrastructureFile.MaxLength / (1024 * 1024)} MB CmsHazards reads (Azure Resource Manager itself refuses a template over 4 MB)",
                fileUnreadable: true));
        }

        internal void Skipped(TextSpan span, string message) =>
            Notes.Add(new InfrastructureNote(new InfrastructurePlace(File, span), message));
    }
}
