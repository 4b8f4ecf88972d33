using System;
using System.Collections.Generic;
using CmsHazards.Configuration;

namespace CmsHazards.Transforms
{
    /// <summary>
    /// An element of the document a transform is working on. It remembers the written element it copies
    /// (from the web.config, or from the transform for an element the transform inserted), so the finished
    /// tree can point every diagnostic at the file and line that decided it.
    /// </summary>
    internal sealed class XdtNode
    {
        private XdtNode(ConfigElement? original, string name, List<ConfigAttribute> attributes)
        {
            Original = original;
            Name = name;
            Attributes = attributes;
        }

        /// <summary>The written element; null only for the document node above the root element.</summary>
        public ConfigElement? Original { get; }

        public string Name { get; }

        public List<ConfigAttribute> Attributes { get; }

        public List<XdtNode> Children { get; } = new List<XdtNode>();

        public XdtNode? Parent { get; private set; }

        public bool IsDocument => Original is null;

        /// <summary>XPath compares attribute names and values exactly, as <c>Match</c> and <c>Condition</c> do.</summary>
        public ConfigAttribute? Attribute(string name)
        {
            foreach (var attribute in Attributes)
            {
                if (string.Equals(attribute.Name, name, StringComparison.Ordinal)) return attribute;
            }

            return null;
        }

        public static XdtNode Document(ConfigElement root)
        {
            var document = new XdtNode(null, "", new List<ConfigAttribute>());
            document.Append(Copy(root, (_, _) => true));
            return document;
        }

        /// <summary>A copy of a written element and its descendants, keeping the attributes <paramref name="keep"/> accepts.</summary>
        public static XdtNode Copy(ConfigElement element, Func<ConfigElement, ConfigAttribute, bool> keep)
        {
            var attributes = new List<ConfigAttribute>(element.Attributes.Count);
            foreach (var attribute in element.Attributes)
            {
                if (keep(element, attribute)) attributes.Add(attribute);
            }

            var node = new XdtNode(element.Original, element.Name, attributes);
            foreach (var child in element.Children) node.Append(Copy(child, keep));
            return node;
        }

        public void Append(XdtNode child) => Insert(Children.Count, child);

        public void Insert(int index, XdtNode child)
        {
            child.Parent = this;
            Children.Insert(index, child);
        }

        public void Remove()
        {
            Parent?.Children.Remove(this);
            Parent = null;
        }

        public void ReplaceWith(XdtNode replacement)
        {
            var parent = Parent!;
            var index = parent.Children.IndexOf(this);
            Remove();
            parent.Insert(index, replacement);
        }

        /// <summary>The finished element: the file and positions of what it copies, the attributes it ended with.</summary>
        public ConfigElement ToElement(ConfigElement? parent)
        {
            var original = Original!;
            var element = new ConfigElement(original.File, parent, Name, new List<ConfigAttribute>(Attributes), original.StartTag, original.IsSelfClosing)
            {
                EndTag = original.EndTag,
                Original = original,
            };
            foreach (var child in Children) element.Add(child.ToElement(element));
            return element;
        }
    }
}
