using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CmsHazards.Configuration;

namespace CmsHazards.Fixes
{
    /// <summary>
    /// Where an element of an XML file stands, described so that it can be found again after other edits moved text: the
    /// path from the root, each step the element's start tag as written and the start tag of its first child element
    /// (what tells one <c>&lt;dependentAssembly&gt;</c> from the next is its <c>&lt;assemblyIdentity&gt;</c>). A fix is
    /// computed against the file as it was read; another fix may have inserted lines above the element since (the CLI's
    /// <c>--fix</c> makes one rule's fixes after another's, all planned from one scan), so its offset alone is only a
    /// hint: it picks among elements the description fits equally, and is checked first because it is usually still right.
    /// </summary>
    public sealed class XmlElementPath
    {
        private readonly IReadOnlyList<Step> _steps;

        private XmlElementPath(IReadOnlyList<Step> steps) => _steps = steps;

        /// <summary>The element's name, the last step's.</summary>
        public string Name => _steps[_steps.Count - 1].Name;

        /// <summary>The description of <paramref name="element"/> in its own file (an original, not a transformed copy).</summary>
        public static XmlElementPath Of(ConfigElement element)
        {
            var steps = new List<Step>();
            for (var e = element; e is not null; e = e.Parent)
            {
                var first = e.Children.Count > 0 ? StartTagOf(e.Children[0]) : "";
                steps.Add(new Step(e.Name, StartTagOf(e), first));
            }

            steps.Reverse();
            return new XmlElementPath(steps);
        }

        /// <summary>
        /// The element this path describes in <paramref name="file"/>. Each step keeps the children of the candidates so
        /// far that have the step's name; where that leaves more than one, those whose start tag is as written, then those
        /// whose first child's start tag is. The element itself must still have its start tag as written (and, when
        /// <paramref name="wholeText"/> is given, exactly that text): a fix is not made to an element another edit changed.
        /// Of several that fit equally, the one at <paramref name="nameOffset"/>. Null with the reason when none fits or
        /// the description cannot tell which one is meant.
        /// </summary>
        public ConfigElement? Find(ConfigFile file, int nameOffset, string? wholeText, out string? refusal)
        {
            refusal = null;
            if (file.Root is null)
            {
                refusal = $"{file.FileName} cannot be read as XML";
                return null;
            }

            // The hint first: usually nothing moved, and this costs a walk down to one element instead of a search.
            if (XmlEdits.ElementAt(file, nameOffset, Name) is { } atOffset && FitsExactly(atOffset, wholeText)) return atOffset;

            IReadOnlyList<ConfigElement> candidates = file.Root.Name == _steps[0].Name ? new[] { file.Root } : Array.Empty<ConfigElement>();
            for (var i = 1; i < _steps.Count && candidates.Count > 0; i++)
            {
                var step = _steps[i];
                var last = i == _steps.Count - 1;
                var next = ChildrenOf(candidates, index => index.Named(step.Name));
                if (last || next.Count > 1) next = ChildrenOf(candidates, index => index.WithStartTag(step.StartTag));
                if (next.Count > 1) next = ChildrenOf(candidates, index => index.WithStartTag(step.StartTag, step.FirstChild));
                if (last && wholeText is not null) next = next.Where(c => HasText(c, wholeText)).ToList();
                candidates = next;
            }

            if (candidates.Count == 1) return candidates[0];
            refusal = candidates.Count == 0
                ? $"{file.FileName} no longer has the element the fix was made for ({this}); the file changed since, so the fix is not applied"
                : $"{file.FileName} has {candidates.Count} elements that fit the one the fix was made for ({this}) and none is where it was; " +
                  "which one is meant cannot be told, so the fix is not applied";
            return null;
        }

        /// <summary>The same path to an element whose start tag now reads <paramref name="startTag"/>.</summary>
        public XmlElementPath WithStartTag(string startTag)
        {
            var steps = _steps.ToList();
            var last = steps[steps.Count - 1];
            steps[steps.Count - 1] = new Step(last.Name, startTag, last.FirstChild);
            return new XmlElementPath(steps);
        }

        /// <summary>The start tag of the element, as written in the path.</summary>
        public string StartTag => _steps[_steps.Count - 1].StartTag;

        /// <summary>Drops this thread's index of the last file searched; <see cref="FixPlanner"/> calls it when a plan is done.</summary>
        internal static void ForgetIndex() => _indexed = null;

        // The children of the elements searched in the last file, by name and markup: a Fix All of 500 redirects that
        // another edit moved searches the same 2,000 dependentAssembly entries 500 times, and each search is then a
        // lookup instead of a walk (linear in the file, not in the file times the changes).
        [ThreadStatic]
        private static (ConfigFile File, Dictionary<ConfigElement, ChildIndex> Parents)? _indexed;

        /// <summary>The children of every candidate that an index lookup gives; the index's own list when there is one candidate.</summary>
        private static IReadOnlyList<ConfigElement> ChildrenOf(IReadOnlyList<ConfigElement> parents, Func<ChildIndex, IReadOnlyList<ConfigElement>> lookup) =>
            parents.Count == 1 ? lookup(Children(parents[0])) : parents.SelectMany(p => lookup(Children(p))).ToList();

        private static ChildIndex Children(ConfigElement parent)
        {
            if (_indexed is not { } indexed || !ReferenceEquals(indexed.File, parent.File))
            {
                indexed = (parent.File, new Dictionary<ConfigElement, ChildIndex>());
                _indexed = indexed;
            }

            if (!indexed.Parents.TryGetValue(parent, out var index)) indexed.Parents[parent] = index = new ChildIndex(parent);
            return index;
        }

        /// <summary>
        /// <c>Of(element).Encode()</c>, written straight from the file's text: a rule with hundreds of findings (CMSH301 on a
        /// large web.config) describes hundreds of elements, and the copies of every start tag on the way cost more than the
        /// finding itself (docs/performance.md, section 4).
        /// </summary>
        internal static string Encode(ConfigElement element)
        {
            var length = 0;
            for (var e = element; e is not null; e = e.Parent)
            {
                length += FieldLength(e.StartTag.Length) + FieldLength(e.Children.Count > 0 ? e.Children[0].StartTag.Length : 0);
            }

            var steps = new ConfigElement[Depth(element)];
            var i = steps.Length;
            for (var e = element; e is not null; e = e.Parent) steps[--i] = e;

            var text = new StringBuilder(length);
            foreach (var step in steps)
            {
                FixCodec.Field(text, step.File.Text, step.StartTag.Start, step.StartTag.Length);
                if (step.Children.Count > 0) FixCodec.Field(text, step.Children[0].File.Text, step.Children[0].StartTag.Start, step.Children[0].StartTag.Length);
                else FixCodec.Field(text, "", 0, 0);
            }

            return text.ToString();
        }

        private static int Depth(ConfigElement element)
        {
            var depth = 0;
            for (var e = element; e is not null; e = e.Parent) depth++;
            return depth;
        }

        private static int FieldLength(int length) => FixCodec.Digits(length) + 1 + length;

        /// <summary>The path as one string, for <see cref="FileChange"/>'s arguments: each start tag written as <see cref="FixCodec"/> writes a field.</summary>
        public string Encode()
        {
            var text = new StringBuilder();
            foreach (var step in _steps)
            {
                FixCodec.Field(text, step.StartTag);
                FixCodec.Field(text, step.FirstChild);
            }

            return text.ToString();
        }

        /// <summary>The path <see cref="Encode"/> wrote; null for anything else.</summary>
        public static XmlElementPath? Decode(string text)
        {
            var steps = new List<Step>();
            var position = 0;
            try
            {
                while (position < text.Length)
                {
                    var startTag = FixCodec.Read(text, ref position);
                    var firstChild = FixCodec.Read(text, ref position);
                    if (NameIn(startTag) is not { } name) return null;
                    steps.Add(new Step(name, startTag, firstChild));
                }
            }
            catch (FormatException)
            {
                return null;
            }

            return steps.Count == 0 ? null : new XmlElementPath(steps);
        }

        /// <summary>"&lt;configuration&gt;/&lt;runtime&gt;/.../&lt;bindingRedirect oldVersion=... /&gt;": the element as written, under its ancestors' names.</summary>
        public override string ToString() =>
            string.Join("/", _steps.Take(_steps.Count - 1).Select(s => "<" + s.Name + ">").Concat(new[] { _steps[_steps.Count - 1].StartTag }));

        private bool FitsExactly(ConfigElement element, string? wholeText)
        {
            if (wholeText is not null && !HasText(element, wholeText)) return false;
            var e = element;
            for (var i = _steps.Count - 1; i >= 0; i--, e = e.Parent)
            {
                if (e is null || e.Name != _steps[i].Name || !HasStartTag(e, _steps[i].StartTag) || !HasFirstChild(e, _steps[i].FirstChild)) return false;
            }

            return e is null;
        }

        private static string StartTagOf(ConfigElement element) => element.File.Text.Substring(element.StartTag.Start, element.StartTag.Length);

        private static bool HasStartTag(ConfigElement element, string startTag) => SameText(element, element.StartTag.Start, element.StartTag.Length, startTag);

        private static bool HasFirstChild(ConfigElement element, string firstChild) =>
            element.Children.Count == 0 ? firstChild.Length == 0 : HasStartTag(element.Children[0], firstChild);

        private static bool HasText(ConfigElement element, string text) => SameText(element, element.FullSpan.Start, element.FullSpan.Length, text);

        // Compared in place: a Fix All of a large web.config checks many elements, and none needs a copy of its markup.
        private static bool SameText(ConfigElement element, int start, int length, string expected) =>
            length == expected.Length && string.CompareOrdinal(element.File.Text, start, expected, 0, length) == 0;

        /// <summary>The element name a start tag opens with: after the '&lt;', up to white space, '/' or '&gt;'.</summary>
        private static string? NameIn(string startTag)
        {
            if (startTag.Length < 3 || startTag[0] != '<' || startTag[startTag.Length - 1] != '>') return null;
            var end = 1;
            while (end < startTag.Length && !char.IsWhiteSpace(startTag[end]) && startTag[end] != '/' && startTag[end] != '>') end++;
            return end > 1 ? startTag.Substring(1, end - 1) : null;
        }

        /// <summary>An element's children by name, by start tag, and by start tag with the first child's.</summary>
        private sealed class ChildIndex
        {
            private readonly Dictionary<string, List<ConfigElement>> _byName = new Dictionary<string, List<ConfigElement>>(StringComparer.Ordinal);
            private readonly Dictionary<string, List<ConfigElement>> _byStartTag = new Dictionary<string, List<ConfigElement>>(StringComparer.Ordinal);
            private readonly Dictionary<string, List<ConfigElement>> _byStartTagAndFirstChild = new Dictionary<string, List<ConfigElement>>(StringComparer.Ordinal);

            public ChildIndex(ConfigElement parent)
            {
                foreach (var child in parent.Children)
                {
                    var startTag = StartTagOf(child);
                    Add(_byName, child.Name, child);
                    Add(_byStartTag, startTag, child);
                    Add(_byStartTagAndFirstChild, Key(startTag, child.Children.Count > 0 ? StartTagOf(child.Children[0]) : ""), child);
                }
            }

            public IReadOnlyList<ConfigElement> Named(string name) => Get(_byName, name);

            public IReadOnlyList<ConfigElement> WithStartTag(string startTag) => Get(_byStartTag, startTag);

            public IReadOnlyList<ConfigElement> WithStartTag(string startTag, string firstChild) => Get(_byStartTagAndFirstChild, Key(startTag, firstChild));

            // '<' cannot stand inside a start tag, so the two tags joined by it read back one way only.
            private static string Key(string startTag, string firstChild) => startTag + "<" + firstChild;

            private static void Add(Dictionary<string, List<ConfigElement>> index, string key, ConfigElement element)
            {
                if (!index.TryGetValue(key, out var list)) index[key] = list = new List<ConfigElement>();
                list.Add(element);
            }

            private static IReadOnlyList<ConfigElement> Get(Dictionary<string, List<ConfigElement>> index, string key) =>
                index.TryGetValue(key, out var list) ? list : (IReadOnlyList<ConfigElement>)Array.Empty<ConfigElement>();
        }

        private sealed class Step
        {
            public Step(string name, string startTag, string firstChild)
            {
                Name = name;
                StartTag = startTag;
                FirstChild = firstChild;
            }

            public string Name { get; }

            public string StartTag { get; }

            /// <summary>The first child element's start tag; empty when the element has no child element.</summary>
            public string FirstChild { get; }
        }
    }
}
