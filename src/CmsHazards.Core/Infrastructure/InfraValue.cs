using System;
using System.Collections.Generic;
using CmsHazards.Text;

namespace CmsHazards.Infrastructure
{
    /// <summary>
    /// A value as an infrastructure file writes it, in the same shape for ARM JSON, Bicep and Terraform: objects
    /// (and Terraform blocks), lists, literals, references to parameters and variables, strings put together from
    /// parts, and everything else as an expression CmsHazards does not evaluate. Each keeps its place.
    /// </summary>
    public abstract class InfraValue
    {
        protected InfraValue(InfrastructureFile file, TextSpan span)
        {
            File = file;
            Span = span;
        }

        public InfrastructureFile File { get; }

        public TextSpan Span { get; }

        public InfrastructurePlace Place => new InfrastructurePlace(File, Span);

        /// <summary>The text as written, shortened for a message.</summary>
        public string Shown
        {
            get
            {
                var text = File.Text.Substring(Span.Start, Span.Length).Replace("\r", " ").Replace("\n", " ");
                return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
            }
        }
    }

    public sealed class InfraObject : InfraValue
    {
        public InfraObject(InfrastructureFile file, TextSpan span, IReadOnlyList<InfraMember> members)
            : base(file, span) => Members = members;

        /// <summary>In text order, duplicates kept. For Terraform, nested blocks are members too.</summary>
        public IReadOnlyList<InfraMember> Members { get; }

        /// <summary>
        /// The last member of that name, ignoring case: Azure Resource Manager compares property names without case
        /// and Terraform's schema names are lower case.
        /// </summary>
        public InfraMember? Member(string name)
        {
            for (var i = Members.Count - 1; i >= 0; i--)
            {
                if (string.Equals(Members[i].Name, name, StringComparison.OrdinalIgnoreCase)) return Members[i];
            }

            return null;
        }

        public InfraValue? Get(string name) => Member(name)?.Value;
    }

    public sealed class InfraMember
    {
        public InfraMember(string name, TextSpan nameSpan, InfraValue value, bool isBlock = false, IReadOnlyList<string>? labels = null)
        {
            Name = name;
            NameSpan = nameSpan;
            Value = value;
            IsBlock = isBlock;
            Labels = labels ?? Array.Empty<string>();
        }

        /// <summary>A Terraform block's labels: <c>dynamic "site_config"</c> has the label site_config.</summary>
        public IReadOnlyList<string> Labels { get; }

        public string Name { get; }

        public TextSpan NameSpan { get; }

        public InfraValue Value { get; }

        /// <summary>A Terraform block (<c>site_config { }</c>) rather than an attribute.</summary>
        public bool IsBlock { get; }

        /// <summary>Where the member starts: its name (for a dynamic block, the word "dynamic").</summary>
        public int Start { get; internal set; } = -1;
    }

    public sealed class InfraArray : InfraValue
    {
        public InfraArray(InfrastructureFile file, TextSpan span, IReadOnlyList<InfraValue> items)
            : base(file, span) => Items = items;

        public IReadOnlyList<InfraValue> Items { get; }
    }

    /// <summary>true, false, a number, a string without parts to fill in, null.</summary>
    public sealed class InfraLiteral : InfraValue
    {
        public InfraLiteral(InfrastructureFile file, TextSpan span, object? value)
            : base(file, span) => Value = value;

        /// <summary>A bool, a string, a double, or null.</summary>
        public object? Value { get; }
    }

    /// <summary>A parameter, variable or local named by the file: Bicep <c>ws</c>, ARM <c>parameters('ws')</c>, Terraform <c>var.ws</c>.</summary>
    public sealed class InfraReference : InfraValue
    {
        public InfraReference(InfrastructureFile file, TextSpan span, string name, IReadOnlyList<string> path, InfraSymbolKind? kind = null)
            : base(file, span)
        {
            Name = name;
            Path = path;
            Kind = kind;
        }

        public string Name { get; }

        /// <summary>Properties read from the referenced value: <c>settings.webSocketsEnabled</c>.</summary>
        public IReadOnlyList<string> Path { get; }

        /// <summary>Whether the file says a parameter or a variable; null in Bicep, where one namespace holds both.</summary>
        public InfraSymbolKind? Kind { get; }
    }

    public enum InfraSymbolKind
    {
        Parameter,
        Variable,
    }

    /// <summary>A string made of parts: Bicep <c>'${prefix}-cms'</c>, ARM <c>format()</c> and <c>concat()</c>, Terraform <c>"${var.prefix}-cms"</c>.</summary>
    public sealed class InfraConcat : InfraValue
    {
        public InfraConcat(InfrastructureFile file, TextSpan span, IReadOnlyList<InfraValue> parts)
            : base(file, span) => Parts = parts;

        public IReadOnlyList<InfraValue> Parts { get; }
    }

    /// <summary>
    /// An expression CmsHazards does not evaluate (a function call, a condition, a module output, a resource
    /// property): its value is known at deployment only.
    /// </summary>
    public sealed class InfraExpression : InfraValue
    {
        public InfraExpression(InfrastructureFile file, TextSpan span, string? why = null)
            : base(file, span) => Why = why;

        /// <summary>Why it is not evaluated, when there is more to say than "an expression".</summary>
        public string? Why { get; }
    }
}
