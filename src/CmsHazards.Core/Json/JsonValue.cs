using System;
using System.Collections.Generic;
using CmsHazards.Text;

namespace CmsHazards.Json
{
    /// <summary>
    /// A JSON value with the characters it was written as, so that a finding points at the exact value and a fix
    /// replaces exactly its text. Core ships inside the analyzer with no package dependencies and System.Text.Json is
    /// not part of netstandard2.0, hence this small tree.
    /// </summary>
    public abstract class JsonValue
    {
        protected JsonValue(TextSpan span) => Span = span;

        /// <summary>From the first character of the value to the last (a string's quotes, an object's braces included).</summary>
        public TextSpan Span { get; }
    }

    /// <summary>A JSON object; its properties in the order they are written, duplicates kept where the host keeps them.</summary>
    public sealed class JsonObject : JsonValue
    {
        internal JsonObject(TextSpan span, IReadOnlyList<JsonProperty> properties)
            : base(span) => Properties = properties;

        public IReadOnlyList<JsonProperty> Properties { get; }

        /// <summary>
        /// The properties named <paramref name="name"/> without regard to case, as Microsoft.Extensions.Configuration
        /// matches keys and Azure Resource Manager matches property names.
        /// </summary>
        public IEnumerable<JsonProperty> Named(string name)
        {
            foreach (var property in Properties)
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) yield return property;
            }
        }

        /// <summary>
        /// The last property named <paramref name="name"/> without regard to case, or null: where a host keeps
        /// duplicate names (Azure Resource Manager, Terraform variables), the last one wins.
        /// </summary>
        public JsonProperty? Property(string name)
        {
            for (var i = Properties.Count - 1; i >= 0; i--)
            {
                if (string.Equals(Properties[i].Name, name, StringComparison.OrdinalIgnoreCase)) return Properties[i];
            }

            return null;
        }

        /// <summary>The value of <see cref="Property"/>, or null.</summary>
        public JsonValue? Get(string name) => Property(name)?.Value;
    }

    public sealed class JsonArray : JsonValue
    {
        internal JsonArray(TextSpan span, IReadOnlyList<JsonValue> items)
            : base(span) => Items = items;

        public IReadOnlyList<JsonValue> Items { get; }
    }

    public enum JsonLiteralKind
    {
        String,
        Number,
        True,
        False,
        Null,
    }

    /// <summary>A string, number, true, false or null.</summary>
    public sealed class JsonLiteral : JsonValue
    {
        internal JsonLiteral(TextSpan span, JsonLiteralKind kind, string value)
            : base(span)
        {
            Kind = kind;
            Value = value;
        }

        public JsonLiteralKind Kind { get; }

        /// <summary>
        /// The value as configuration holds it: a string unescaped, <c>true</c>/<c>false</c> as "True"/"False"
        /// (System.Text.Json's GetRawText would say "true"; the configuration provider stores bool.ToString()),
        /// a number as written, null as the empty string.
        /// </summary>
        public string Value { get; }
    }

    /// <summary>One <c>"name": value</c> member of an object.</summary>
    public sealed class JsonProperty
    {
        internal JsonProperty(string name, TextSpan nameSpan, JsonValue value)
        {
            Name = name;
            NameSpan = nameSpan;
            Value = value;
        }

        /// <summary>The name unescaped.</summary>
        public string Name { get; }

        /// <summary>The name with its quotes.</summary>
        public TextSpan NameSpan { get; }

        public JsonValue Value { get; }
    }
}
