using System;
using System.Collections.Generic;
using CmsHazards.Text;

namespace CmsHazards.Configuration
{
    /// <summary>An attribute of a configuration element, with the spans of its name and of its raw value.</summary>
    public sealed class ConfigAttribute
    {
        internal ConfigAttribute(ConfigFile file, string name, string value, TextSpan nameSpan, TextSpan valueSpan)
        {
            File = file;
            Name = name;
            Value = value;
            NameSpan = nameSpan;
            ValueSpan = valueSpan;
        }

        /// <summary>The file the attribute is written in (a transform's, for one it set).</summary>
        public ConfigFile File { get; }

        public string Name { get; }

        /// <summary>The value as .NET configuration reads it (entities decoded).</summary>
        public string Value { get; }

        public TextSpan NameSpan { get; }

        /// <summary>The value as written in the file, between the quotes.</summary>
        public TextSpan ValueSpan { get; }

        /// <summary>"Web.Release.config(7)": where the attribute is written, for a message.</summary>
        public string Describe() => File.Describe(NameSpan);

        internal ConfigAttribute CopyTo(ConfigFile file) => new ConfigAttribute(file, Name, Value, NameSpan, ValueSpan);
    }

    /// <summary>An element of a configuration file with the positions a diagnostic or a fix needs.</summary>
    public sealed class ConfigElement
    {
        private readonly List<ConfigElement> _children = new List<ConfigElement>();
        private readonly List<ConfigAttribute> _attributes;

        internal ConfigElement(ConfigFile file, ConfigElement? parent, string name, List<ConfigAttribute> attributes, TextSpan startTag, bool isSelfClosing)
        {
            File = file;
            Parent = parent;
            Name = name;
            _attributes = attributes;
            StartTag = startTag;
            IsSelfClosing = isSelfClosing;
            EndTag = isSelfClosing ? startTag : default;
            Original = this;
        }

        /// <summary>
        /// The file the element is written in. In a transformed configuration, an element a transform inserted
        /// belongs to the transform file, so a diagnostic about it points there.
        /// </summary>
        public ConfigFile File { get; }

        public ConfigElement? Parent { get; }

        /// <summary>
        /// The element as its file holds it. An element read from a file is its own original; in a transformed
        /// configuration each element is a copy placed in the transformed tree, and this is what it copies.
        /// </summary>
        public ConfigElement Original { get; internal set; }

        public string Name { get; }

        public IReadOnlyList<ConfigAttribute> Attributes => _attributes;

        public IReadOnlyList<ConfigElement> Children => _children;

        /// <summary><c>&lt;name ...&gt;</c> or the whole <c>&lt;name ... /&gt;</c>.</summary>
        public TextSpan StartTag { get; }

        /// <summary><c>&lt;/name&gt;</c>; for a self-closing element, the start tag.</summary>
        public TextSpan EndTag { get; internal set; }

        public bool IsSelfClosing { get; }

        public TextSpan FullSpan => TextSpan.FromBounds(StartTag.Start, EndTag.End);

        /// <summary>The span of the element's name in its start tag: what a diagnostic underlines.</summary>
        public TextSpan NameSpan => new TextSpan(StartTag.Start + 1, Name.Length);

        /// <summary>An attribute by name. Configuration attribute names are case-sensitive, as .NET reads them.</summary>
        public ConfigAttribute? Attribute(string name)
        {
            foreach (var attribute in _attributes)
            {
                if (string.Equals(attribute.Name, name, StringComparison.Ordinal)) return attribute;
            }

            return null;
        }

        public string? AttributeValue(string name) => Attribute(name)?.Value;

        /// <summary>Child elements by name, in document order. Element names are case-sensitive in .NET configuration.</summary>
        public IEnumerable<ConfigElement> ChildrenNamed(string name)
        {
            foreach (var child in _children)
            {
                if (string.Equals(child.Name, name, StringComparison.Ordinal)) yield return child;
            }
        }

        public ConfigElement? FirstChild(string name)
        {
            foreach (var child in ChildrenNamed(name)) return child;
            return null;
        }

        /// <summary>Whether this element is <paramref name="element"/> or one of its ancestors.</summary>
        public bool Encloses(ConfigElement element)
        {
            for (var e = element; e is not null; e = e.Parent)
            {
                if (ReferenceEquals(e, this)) return true;
            }

            return false;
        }

        internal void Add(ConfigElement child) => _children.Add(child);

        /// <summary>A copy of this element and its descendants that belongs to <paramref name="file"/>.</summary>
        internal ConfigElement CopyTo(ConfigFile file, ConfigElement? parent)
        {
            // Iterative, so no nesting depth can exhaust the stack.
            var root = CopyAlone(this, file, parent);
            var pending = new Stack<(ConfigElement Source, ConfigElement Copy)>();
            pending.Push((this, root));
            while (pending.Count > 0)
            {
                var (source, copy) = pending.Pop();
                foreach (var child in source._children)
                {
                    var childCopy = CopyAlone(child, file, copy);
                    copy._children.Add(childCopy);
                    pending.Push((child, childCopy));
                }
            }

            return root;
        }

        private static ConfigElement CopyAlone(ConfigElement source, ConfigFile file, ConfigElement? parent)
        {
            var attributes = new List<ConfigAttribute>(source._attributes.Count);
            foreach (var attribute in source._attributes) attributes.Add(attribute.CopyTo(file));
            return new ConfigElement(file, parent, source.Name, attributes, source.StartTag, source.IsSelfClosing) { EndTag = source.EndTag };
        }

        /// <summary>"Web.config(12)": where the element is, for a message.</summary>
        public string Describe() => File.Describe(NameSpan);

        public override string ToString() => "<" + Name + ">";
    }
}
