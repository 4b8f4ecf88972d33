using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Configuration;

namespace CmsHazards.Transforms
{
    /// <summary>The XDT transforms CmsHazards applies (Microsoft Learn, "Web.config transformation syntax").</summary>
    public enum XdtTransformKind
    {
        /// <summary>Appends the element as the last child of the first element its parent path selects.</summary>
        Insert,

        /// <summary>Inserts the element just before the first element the argument XPath selects.</summary>
        InsertBefore,

        /// <summary>Inserts the element just after the first element the argument XPath selects.</summary>
        InsertAfter,

        /// <summary>Removes the first element its path selects.</summary>
        Remove,

        /// <summary>Removes every element its path selects.</summary>
        RemoveAll,

        /// <summary>Replaces the first element its path selects with the transform's element.</summary>
        Replace,

        /// <summary>Sets the listed (or all) attributes of the transform's element on every selected element.</summary>
        SetAttributes,

        /// <summary>Removes the listed (or, without a list, all) attributes from every selected element.</summary>
        RemoveAttributes,
    }

    /// <summary>What one transform element did to the configuration.</summary>
    public sealed class TransformStep
    {
        internal TransformStep(XdtTransformKind kind, ConfigElement element, ConfigAttribute transformAttribute, IReadOnlyList<ConfigElement> targets, IReadOnlyList<string> changedAttributes)
        {
            Kind = kind;
            Element = element;
            TransformAttribute = transformAttribute;
            Targets = targets;
            ChangedAttributes = changedAttributes;
        }

        public XdtTransformKind Kind { get; }

        /// <summary>The element of the transform file that carries <c>xdt:Transform</c>.</summary>
        public ConfigElement Element { get; }

        public ConfigAttribute TransformAttribute { get; }

        /// <summary>
        /// The elements it acted on, as written: removed, replaced or changed elements; for the insert transforms,
        /// the parent (Insert) or the sibling (InsertBefore/InsertAfter). Empty when nothing matched, which XDT
        /// reports only as a warning for these transforms.
        /// </summary>
        public IReadOnlyList<ConfigElement> Targets { get; }

        /// <summary>The attributes SetAttributes changed or added, or RemoveAttributes removed.</summary>
        public IReadOnlyList<string> ChangedAttributes { get; }

        /// <summary><c>xdt:Transform="Remove" at Web.Release.config(12)</c>: the transform, as a message names it.</summary>
        public string Describe() => $"{TransformAttribute.Name}=\"{TransformAttribute.Value}\" at {Element.Describe()}";
    }

    /// <summary>A transform element CmsHazards cannot apply: outside the subset it reads, or one XDT itself fails on.</summary>
    public sealed class TransformProblem
    {
        internal TransformProblem(string message, ConfigElement element, ConfigAttribute? attribute, string? section)
        {
            Message = message;
            Element = element;
            Attribute = attribute;
            Section = section;
        }

        /// <summary>What is wrong, naming the transform file and line.</summary>
        public string Message { get; }

        /// <summary>The transform element.</summary>
        public ConfigElement Element { get; }

        /// <summary>The <c>xdt:</c> attribute at fault, if one is.</summary>
        public ConfigAttribute? Attribute { get; }

        /// <summary>
        /// The section below the root element the transform element may change ("appSettings", "system.web"),
        /// or null when that cannot be told (an XPath that could point anywhere, the root element itself).
        /// </summary>
        public string? Section { get; }
    }

    /// <summary>
    /// A configuration as a transform leaves it: elements copied from the source keep the source's file and
    /// positions, elements and attributes the transform brought belong to the transform's file, and every
    /// transform element's effect is recorded, so a finding can name the line that decided it.
    /// </summary>
    public sealed class TransformedConfiguration
    {
        internal TransformedConfiguration(ConfigFile source, ConfigFile? transform, ConfigElement? root, IReadOnlyList<TransformStep> steps, IReadOnlyList<TransformProblem> problems)
        {
            Source = source;
            Transform = transform;
            Root = root;
            Steps = steps;
            Problems = problems;
        }

        public ConfigFile Source { get; }

        /// <summary>The transform file, or null when there is none for the build configuration.</summary>
        public ConfigFile? Transform { get; }

        /// <summary>The transformed root element; the source's own root when there is no transform; null when the source cannot be read.</summary>
        public ConfigElement? Root { get; }

        public IReadOnlyList<TransformStep> Steps { get; }

        public IReadOnlyList<TransformProblem> Problems { get; }

        /// <summary>The copy of a written element in the transformed configuration, or null when the transform dropped it.</summary>
        public ConfigElement? CopyOf(ConfigElement written)
        {
            if (Root is null) return null;
            var pending = new Stack<ConfigElement>();
            pending.Push(Root);
            while (pending.Count > 0)
            {
                var element = pending.Pop();
                if (ReferenceEquals(element.Original, written.Original)) return element;
                foreach (var child in element.Children) pending.Push(child);
            }

            return null;
        }

        /// <summary>The last step that removed or replaced a written element, or one of its ancestors.</summary>
        public TransformStep? RemovalOf(ConfigElement written) =>
            Steps.LastOrDefault(s =>
                (s.Kind == XdtTransformKind.Remove || s.Kind == XdtTransformKind.RemoveAll || s.Kind == XdtTransformKind.Replace)
                && s.Targets.Any(t => t.Encloses(written.Original)));

        /// <summary>The last step that set or removed an attribute of a written element.</summary>
        public TransformStep? AttributeChangeOf(ConfigElement written, string attribute) =>
            Steps.LastOrDefault(s =>
                (s.Kind == XdtTransformKind.SetAttributes || s.Kind == XdtTransformKind.RemoveAttributes)
                && s.ChangedAttributes.Contains(attribute, StringComparer.Ordinal)
                && s.Targets.Any(t => ReferenceEquals(t, written.Original)));
    }
}
