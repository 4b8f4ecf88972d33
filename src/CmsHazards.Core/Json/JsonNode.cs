using System;
using System.Collections.Generic;
using CmsHazards.Text;

namespace CmsHazards.Json
{
    public enum JsonKind
    {
        Object,
        Array,
        String,
        Number,
        True,
        False,
        Null,
    }

    /// <summary>
    /// A JSON value with the span of its text, so a finding points at the exact value and a fix replaces exactly
    /// that text. Core ships inside the analyzer with no package dependencies, and System.Text.Json is not part of
    /// netstandard2.0, hence this small tree.
    /// </summary>
    public sealed class JsonNode
    {
        private static readonly IReadOnlyList<JsonMember> NoMembers = Array.Empty<JsonMember>();
        private static readonly IReadOnlyList<JsonNode> NoItems = Array.Empty<JsonNode>();

        internal JsonNode(JsonKind kind, TextSpan span, string? text = null, IReadOnlyList<JsonMember>? members = null, IReadOnlyList<JsonNode>? items = null)
        {
            Kind = kind;
            Span = span;
            StringValue = text;
            Members = members ?? NoMembers;
            Items = items ?? NoItems;
        }

        public JsonKind Kind { get; }

        /// <summary>The value's text: for objects and arrays from the opening to the closing bracket.</summary>
        public TextSpan Span { get; }

        /// <summary>For strings, the unescaped value; for numbers, their text.</summary>
        public string? StringValue { get; }

        /// <summary>An object's members in text order, duplicates kept.</summary>
        public IReadOnlyList<JsonMember> Members { get; }

        public IReadOnlyList<JsonNode> Items { get; }

        public bool IsBoolean => Kind == JsonKind.True || Kind == JsonKind.False;

        /// <summary>
        /// The last member of that name, compared as <paramref name="comparison"/> says: the last one wins in both
        /// Microsoft.Extensions.Configuration and Azure Resource Manager.
        /// </summary>
        public JsonMember? Member(string name, StringComparison comparison = StringComparison.OrdinalIgnoreCase)
        {
            for (var i = Members.Count - 1; i >= 0; i--)
            {
                if (string.Equals(Members[i].Name, name, comparison)) return Members[i];
            }

            return null;
        }

        /// <summary>The value of the last member of that name, or null.</summary>
        public JsonNode? Get(string name) => Member(name)?.Value;
    }

    /// <summary>A name and its value, with the span of the name as written (quotes included).</summary>
    public sealed class JsonMember
    {
        internal JsonMember(string name, TextSpan nameSpan, JsonNode value)
        {
            Name = name;
            NameSpan = nameSpan;
            Value = value;
        }

        public string Name { get; }

        public TextSpan NameSpan { get; }

        public JsonNode Value { get; }
    }

    /// <summary>Why a JSON text could not be read, at which character.</summary>
    public sealed class JsonReadError
    {
        internal JsonReadError(string message, int offset)
        {
            Message = message;
            Offset = offset;
        }

        /// <summary>Said to a person: "an unterminated string", "nesting deeper than 128 levels".</summary>
        public string Message { get; }

        public int Offset { get; }
    }
}
