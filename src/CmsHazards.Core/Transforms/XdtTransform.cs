using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using CmsHazards.Configuration;

namespace CmsHazards.Transforms
{
    /// <summary>
    /// Applies an XDT transform (Web.Release.config, AppSettings.Release.config) to a configuration file, the way
    /// the Web Publishing TransformXml task does, for the transforms and locators real sites use. Nothing from an
    /// XDT library is used: none is served here, and the semantics below are those Microsoft documents
    /// ("Web.config transformation syntax for web project deployment"):
    /// <list type="bullet">
    /// <item>Each transform element selects its targets with a path built from its ancestors' names and its own,
    /// plus the predicates of every <c>xdt:Locator</c> on the way: <c>Match(a,b)</c> adds <c>[@a='..' and @b='..']</c>
    /// with the transform element's values, <c>Condition(expr)</c> adds <c>[expr]</c>, <c>XPath(path)</c> replaces
    /// the path (a relative one continues from the element).</item>
    /// <item>Transform elements run in document order, each on the document as the earlier ones left it.</item>
    /// <item>A transform that finds no target is skipped (XDT warns); an insert without a parent or sibling is an
    /// error that fails the publish.</item>
    /// </list>
    /// </summary>
    public static class XdtTransform
    {
        public const string Namespace = "http://schemas.microsoft.com/XML-Document-Transform";

        /// <summary>How TransformXml reads an attribute value: a name, then optional arguments in parentheses.</summary>
        private static readonly Regex NameAndArguments = new Regex(@"\A\s*(?<name>\w+)(\s*\((?<arguments>.*)\))?\s*\z", RegexOptions.Singleline);

        private const string SupportedTransforms = "Insert, InsertBefore, InsertAfter, Remove, RemoveAll, Replace, SetAttributes and RemoveAttributes";

        public static TransformedConfiguration Apply(ConfigFile source, ConfigFile? transform)
        {
            var none = Array.Empty<TransformStep>();
            if (source.Root is null || transform?.Root is null)
            {
                return new TransformedConfiguration(source, transform, source.Root, none, Array.Empty<TransformProblem>());
            }

            return new Run(source.Root, transform.Root).Execute(source, transform);
        }

        /// <summary>The namespace a prefix stands for at an element, from the declarations in scope there.</summary>
        private static string? NamespaceOf(string prefix, ConfigElement element)
        {
            for (var e = element; e is not null; e = e.Parent)
            {
                if (e.Attribute("xmlns:" + prefix) is { } declaration) return declaration.Value;
            }

            return null;
        }

        private static bool IsXdt(string qualifiedName, ConfigElement element)
        {
            var colon = qualifiedName.IndexOf(':');
            return colon > 0 && NamespaceOf(qualifiedName.Substring(0, colon), element) == Namespace;
        }

        private static bool IsNamespaceDeclaration(ConfigAttribute attribute) =>
            attribute.Name == "xmlns" || attribute.Name.StartsWith("xmlns:", StringComparison.Ordinal);

        /// <summary>What a transform copies into the configuration: its element without xdt: attributes and namespace declarations.</summary>
        private static bool IsContent(ConfigElement element, ConfigAttribute attribute) =>
            !IsNamespaceDeclaration(attribute) && !IsXdt(attribute.Name, element);

        private static ConfigAttribute? XdtAttribute(ConfigElement element, string localName)
        {
            foreach (var attribute in element.Attributes)
            {
                var colon = attribute.Name.IndexOf(':');
                if (colon > 0 && attribute.Name.Substring(colon + 1) == localName && IsXdt(attribute.Name, element)) return attribute;
            }

            return null;
        }

        private static IReadOnlyList<string> SplitNames(string? arguments) =>
            arguments is null
                ? Array.Empty<string>()
                : arguments.Split(',').Select(a => a.Trim()).Where(a => a.Length > 0).ToList();

        private sealed class Run
        {
            private readonly XdtNode _document;
            private readonly ConfigElement _transformRoot;
            private readonly List<TransformStep> _steps = new List<TransformStep>();
            private readonly List<TransformProblem> _problems = new List<TransformProblem>();

            public Run(ConfigElement sourceRoot, ConfigElement transformRoot)
            {
                _document = XdtNode.Document(sourceRoot);
                _transformRoot = transformRoot;
            }

            public TransformedConfiguration Execute(ConfigFile source, ConfigFile transform)
            {
                var sourceRoot = _document.Children[0].Original!;

                // XDT matches elements by namespace as well as name; a root in another default namespace than the
                // source's matches nothing, which is not a subset worth guessing at.
                var sourceNamespace = sourceRoot.AttributeValue("xmlns") ?? "";
                var transformNamespace = _transformRoot.AttributeValue("xmlns") ?? "";
                if (sourceNamespace != transformNamespace)
                {
                    Problem(
                        $"<{_transformRoot.Name}> at {_transformRoot.Describe()} is in the XML namespace '{transformNamespace}' and {source.FileName}'s in '{sourceNamespace}'; CmsHazards reads transforms only when both use the same one.",
                        _transformRoot,
                        _transformRoot.Attribute("xmlns"),
                        null);
                }
                else
                {
                    Visit(new Context(_transformRoot, null));
                }

                var root = _document.Children.Count == 1 ? _document.Children[0].ToElement(null) : null;
                return new TransformedConfiguration(source, transform, root, _steps, _problems);
            }

            private void Visit(Context context)
            {
                var element = context.Element;
                if (IsXdt(element.Name, element))
                {
                    // <xdt:Import> loads transforms from an assembly: they can do anything, anywhere.
                    Problem($"<{element.Name}> at {element.Describe()} brings XDT extensions that CmsHazards does not read.", element, null, null);
                    return;
                }

                // XDT builds a path only for a transform that needs it: a subtree without one changes nothing, and a
                // locator in it is never read, so it cannot fail either.
                if (!HasTransform(element)) return;

                if (XdtAttribute(element, "Transform") is { } transform) Execute(context, transform);
                foreach (var child in element.Children) Visit(new Context(child, context));
            }

            private static bool HasTransform(ConfigElement element) =>
                XdtAttribute(element, "Transform") is not null || IsXdt(element.Name, element) || element.Children.Any(HasTransform);

            private void Execute(Context context, ConfigAttribute transform)
            {
                var element = context.Element;
                var parsed = NameAndArguments.Match(transform.Value);

                // XDT finds a transform by its exact name; Enum.TryParse would also take a number, which XDT never does.
                if (!parsed.Success || char.IsDigit(parsed.Groups["name"].Value[0])
                    || !Enum.TryParse<XdtTransformKind>(parsed.Groups["name"].Value, ignoreCase: false, out var kind))
                {
                    Problem($"{Quote(transform)} at {element.Describe()} is not an XDT transform CmsHazards reads (it reads {SupportedTransforms}).", element, transform, SectionOf(context));
                    return;
                }

                var arguments = parsed.Groups["arguments"].Success && parsed.Groups["arguments"].Value.Length > 0 ? parsed.Groups["arguments"].Value : null;
                if (context.Parent is null)
                {
                    Problem($"{Quote(transform)} at {element.Describe()} transforms the root element itself, which CmsHazards does not read.", element, transform, null);
                    return;
                }

                switch (kind)
                {
                    case XdtTransformKind.Insert:
                    case XdtTransformKind.InsertBefore:
                    case XdtTransformKind.InsertAfter:
                        Insert(context, transform, kind, arguments);
                        break;
                    case XdtTransformKind.Remove:
                    case XdtTransformKind.RemoveAll:
                    case XdtTransformKind.Replace:
                        RemoveOrReplace(context, transform, kind);
                        break;
                    default:
                        ChangeAttributes(context, transform, kind, arguments);
                        break;
                }
            }

            private void Insert(Context context, ConfigAttribute transform, XdtTransformKind kind, string? arguments)
            {
                var element = context.Element;
                var parentPath = ParentPathOf(context);
                if (parentPath is null) return;

                var parents = parentPath.Select(_document);
                if (parents.Count == 0)
                {
                    Problem($"{Quote(transform)} at {element.Describe()} fails: no element matches {parentPath}, and XDT stops with an error.", element, transform, SectionOf(context));
                    return;
                }

                var parent = parents[0];
                var inserted = XdtNode.Copy(element, IsContent);
                if (kind == XdtTransformKind.Insert)
                {
                    if (parent.IsDocument)
                    {
                        Problem($"{Quote(transform)} at {element.Describe()} inserts a second root element, which CmsHazards does not read.", element, transform, null);
                        return;
                    }

                    parent.Append(inserted);
                    _steps.Add(new TransformStep(kind, element, transform, new[] { parent.Original! }, Array.Empty<string>()));
                    return;
                }

                if (arguments is null)
                {
                    Problem($"{Quote(transform)} at {element.Describe()} fails: it needs the XPath of the sibling to insert beside, and XDT stops with an error.", element, transform, SectionOf(context));
                    return;
                }

                var siblingPath = XdtPath.Parse(arguments);
                if (siblingPath is null)
                {
                    Problem($"{Quote(transform)} at {element.Describe()} uses XPath that CmsHazards does not read ({SupportedXPath}).", element, transform, SectionOf(context));
                    return;
                }

                var siblings = siblingPath.Select(_document, parent);
                if (siblings.Count == 0 || siblings[0].IsDocument || siblings[0].Parent!.IsDocument)
                {
                    var why = siblings.Count == 0 ? $"no element matches {siblingPath}" : $"{siblingPath} is the root element";
                    Problem($"{Quote(transform)} at {element.Describe()} fails: {why}, and XDT stops with an error.", element, transform, SectionOf(context));
                    return;
                }

                var sibling = siblings[0];
                var siblingParent = sibling.Parent!;
                var index = siblingParent.Children.IndexOf(sibling);
                siblingParent.Insert(kind == XdtTransformKind.InsertAfter ? index + 1 : index, inserted);
                _steps.Add(new TransformStep(kind, element, transform, new[] { sibling.Original! }, Array.Empty<string>()));
            }

            private void RemoveOrReplace(Context context, ConfigAttribute transform, XdtTransformKind kind)
            {
                var element = context.Element;
                var path = PathOf(context);
                if (path is null) return;

                var targets = path.Select(_document);
                if (targets.Any(t => t.IsDocument || t.Parent!.IsDocument))
                {
                    Problem($"{Quote(transform)} at {element.Describe()} would remove the root element, which CmsHazards does not read.", element, transform, null);
                    return;
                }

                // Remove and Replace act on the first match only; RemoveAll on every one.
                var acted = kind == XdtTransformKind.RemoveAll ? targets : targets.Take(1).ToList();
                foreach (var target in acted)
                {
                    if (kind == XdtTransformKind.Replace) target.ReplaceWith(XdtNode.Copy(element, IsContent));
                    else target.Remove();
                }

                _steps.Add(new TransformStep(kind, element, transform, acted.Select(t => t.Original!).ToList(), Array.Empty<string>()));
            }

            private void ChangeAttributes(Context context, ConfigAttribute transform, XdtTransformKind kind, string? arguments)
            {
                var element = context.Element;
                var path = PathOf(context);
                if (path is null) return;

                var names = SplitNames(arguments);
                var changed = new List<string>();
                var targets = path.Select(_document);
                if (targets.Any(t => t.IsDocument))
                {
                    Problem($"{Quote(transform)} at {element.Describe()} selects the document itself, which CmsHazards does not read.", element, transform, null);
                    return;
                }
                foreach (var target in targets)
                {
                    if (kind == XdtTransformKind.SetAttributes)
                    {
                        // Without a list, every attribute the transform element carries (xdt: ones aside) is set.
                        foreach (var attribute in element.Attributes.Where(a => IsContent(element, a)))
                        {
                            if (names.Count > 0 && !names.Contains(attribute.Name, StringComparer.Ordinal)) continue;
                            var index = target.Attributes.FindIndex(a => a.Name == attribute.Name);
                            if (index < 0) target.Attributes.Add(attribute);
                            else if (target.Attributes[index].Value != attribute.Value) target.Attributes[index] = attribute;
                            else continue;
                            if (!changed.Contains(attribute.Name)) changed.Add(attribute.Name);
                        }
                    }
                    else
                    {
                        // Without a list, RemoveAttributes selects @* on the target: every attribute goes.
                        foreach (var attribute in target.Attributes.Where(a => names.Count == 0 || names.Contains(a.Name, StringComparer.Ordinal)).ToList())
                        {
                            target.Attributes.Remove(attribute);
                            if (!changed.Contains(attribute.Name)) changed.Add(attribute.Name);
                        }
                    }
                }

                _steps.Add(new TransformStep(kind, element, transform, targets.Select(t => t.Original!).ToList(), changed));
            }

            private const string SupportedXPath = "element names separated by '/', each with optional [@attribute='value'] tests joined by and/or";

            /// <summary>The path that selects the element's targets; null (and a problem, once) when it cannot be built.</summary>
            private XdtPath? PathOf(Context context)
            {
                if (context.PathBuilt) return context.Path;
                context.PathBuilt = true;
                context.Path = BuildPath(context);
                return context.Path;
            }

            /// <summary>
            /// The path the insert transforms take their parent from: the parent's path; for an XPath locator, XDT
            /// takes the XPath itself.
            /// </summary>
            private XdtPath? ParentPathOf(Context context)
            {
                if (context.Locator is { Name: "XPath" }) return PathOf(context);
                return context.Parent is null ? XdtPath.Document : PathOf(context.Parent);
            }

            private XdtPath? BuildPath(Context context)
            {
                var element = context.Element;
                var parentPath = context.Parent is null ? XdtPath.Document : PathOf(context.Parent);
                if (parentPath is null) return null;

                var self = new XdtStep(element.Name, Array.Empty<XdtCondition>());
                var locator = context.Locator;
                if (locator is null) return parentPath.Append(self);

                var attribute = locator.Attribute;
                var arguments = locator.Arguments;
                switch (locator.Name)
                {
                    case "Match":
                    {
                        var names = SplitNames(arguments);
                        if (names.Count == 0)
                        {
                            Problem($"{Quote(attribute)} at {element.Describe()} fails: Match needs the names of the attributes to compare, and XDT stops with an error.", element, attribute, SectionOf(context));
                            return null;
                        }

                        var tests = new List<XdtCondition>();
                        foreach (var name in names)
                        {
                            var value = element.Attribute(name)?.Value;
                            if (value is null || value.IndexOf('\'') >= 0)
                            {
                                var why = value is null ? $"the element has no {name} attribute to match" : $"its {name} value has a quote, which breaks the XPath XDT builds";
                                Problem($"{Quote(attribute)} at {element.Describe()} fails: {why}, and XDT stops with an error.", element, attribute, SectionOf(context));
                                return null;
                            }

                            tests.Add(new XdtCondition.AttributeTest(name, value, false));
                        }

                        return parentPath.Append(new XdtStep(element.Name, new[] { tests.Count == 1 ? tests[0] : new XdtCondition.AllOf(tests) }));
                    }

                    case "Condition":
                    {
                        var predicates = arguments is null ? null : XdtPath.ParsePredicates(arguments);
                        if (predicates is null)
                        {
                            Problem($"{Quote(attribute)} at {element.Describe()} uses a condition CmsHazards does not read (it reads [@attribute='value'] tests joined by and/or).", element, attribute, SectionOf(context));
                            return null;
                        }

                        return parentPath.Append(new XdtStep(element.Name, predicates));
                    }

                    case "XPath":
                    {
                        var path = arguments is null ? null : XdtPath.Parse(arguments);
                        if (path is null)
                        {
                            Problem($"{Quote(attribute)} at {element.Describe()} uses XPath that CmsHazards does not read ({SupportedXPath}).", element, attribute, null);
                            return null;
                        }

                        return path.IsAbsolute ? path : parentPath.Append(self).Append(path);
                    }

                    default:
                        Problem($"{Quote(attribute)} at {element.Describe()} is not an XDT locator CmsHazards reads (it reads Match, Condition and XPath).", element, attribute, SectionOf(context));
                        return null;
                }
            }

            /// <summary>
            /// The section a transform element may change: from its path when known; else where it sits in the
            /// transform file, unless an XPath locator on the way can send it anywhere.
            /// </summary>
            private string? SectionOf(Context context)
            {
                if (context.PathBuilt && context.Path is { } path) return path.Section;
                var chain = new List<Context>();
                for (var c = context; c is not null; c = c.Parent) chain.Insert(0, c);
                if (chain.Any(c => c.Locator is { Name: "XPath" })) return null;
                return chain.Count > 1 ? chain[1].Element.Name : null;
            }

            private void Problem(string message, ConfigElement element, ConfigAttribute? attribute, string? section) =>
                _problems.Add(new TransformProblem(message, element, attribute, section));

            private static string Quote(ConfigAttribute attribute) => $"{attribute.Name}=\"{attribute.Value}\"";
        }

        /// <summary>A transform element with the path XDT builds for it, computed once and only when needed.</summary>
        private sealed class Context
        {
            public Context(ConfigElement element, Context? parent)
            {
                Element = element;
                Parent = parent;
                if (XdtAttribute(element, "Locator") is { } locator)
                {
                    var parsed = NameAndArguments.Match(locator.Value);
                    var arguments = parsed.Success && parsed.Groups["arguments"].Success && parsed.Groups["arguments"].Value.Length > 0 ? parsed.Groups["arguments"].Value : null;
                    Locator = new LocatorUse(parsed.Success ? parsed.Groups["name"].Value : locator.Value, arguments, locator);
                }
            }

            public ConfigElement Element { get; }

            public Context? Parent { get; }

            public LocatorUse? Locator { get; }

            public bool PathBuilt { get; set; }

            public XdtPath? Path { get; set; }
        }

        private sealed class LocatorUse
        {
            public LocatorUse(string name, string? arguments, ConfigAttribute attribute)
            {
                Name = name;
                Arguments = arguments;
                Attribute = attribute;
            }

            public string Name { get; }
            public string? Arguments { get; }
            public ConfigAttribute Attribute { get; }
        }
    }
}
