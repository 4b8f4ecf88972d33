using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace CmsHazards.Transforms
{
    /// <summary>
    /// The part of XPath that real web.config transforms use: element names separated by '/', each with
    /// optional predicates made of attribute tests (<c>@key='value'</c>, <c>@key!='value'</c>, <c>@key</c>)
    /// joined by <c>and</c>/<c>or</c>. XDT builds such a path for every transform element (its ancestors' names,
    /// with the predicates its locators add) and selects the targets with it. Anything else in an XPath or a
    /// Condition is refused rather than guessed at.
    /// </summary>
    internal sealed class XdtPath
    {
        private XdtPath(bool isAbsolute, IReadOnlyList<XdtStep> steps)
        {
            IsAbsolute = isAbsolute;
            Steps = steps;
        }

        /// <summary>The document itself: the path every transform path is built on.</summary>
        public static XdtPath Document { get; } = new XdtPath(true, Array.Empty<XdtStep>());

        public bool IsAbsolute { get; }

        public IReadOnlyList<XdtStep> Steps { get; }

        /// <summary>The name of the first element below the root element, such as "appSettings"; null if the path stops earlier.</summary>
        public string? Section => Steps.Where(s => !s.IsSelf).Skip(1).Select(s => s.Name).FirstOrDefault();

        public XdtPath Append(XdtStep step) => new XdtPath(IsAbsolute, Steps.Concat(new[] { step }).ToList());

        public XdtPath Append(XdtPath relative) => new XdtPath(IsAbsolute, Steps.Concat(relative.Steps).ToList());

        /// <summary>The elements the path selects, in document order; a relative path starts at <paramref name="context"/>.</summary>
        public IReadOnlyList<XdtNode> Select(XdtNode document, XdtNode? context = null)
        {
            IReadOnlyList<XdtNode> current = new[] { IsAbsolute ? document : context ?? document };
            foreach (var step in Steps)
            {
                var next = new List<XdtNode>();
                foreach (var node in current)
                {
                    if (step.IsSelf)
                    {
                        if (step.Matches(node)) next.Add(node);
                        continue;
                    }

                    foreach (var child in node.Children)
                    {
                        if (step.Matches(child)) next.Add(child);
                    }
                }

                current = next;
            }

            return current;
        }

        public override string ToString() => (IsAbsolute ? "/" : "") + string.Join("/", Steps);

        /// <summary>Reads an XPath argument; null when it uses anything outside the subset.</summary>
        public static XdtPath? Parse(string text)
        {
            var reader = new Reader(text);
            reader.SkipSpace();
            var absolute = reader.Take('/');
            var steps = new List<XdtStep>();
            do
            {
                reader.SkipSpace();
                var step = reader.Step();
                if (step is null) return null;
                steps.Add(step);
                reader.SkipSpace();
            }
            while (reader.Take('/'));

            return reader.AtEnd ? new XdtPath(absolute, steps) : null;
        }

        /// <summary>
        /// Reads the argument of <c>Condition(...)</c>: a predicate XDT puts in brackets after the element's
        /// name when it has none of its own. Null when it uses anything outside the subset.
        /// </summary>
        public static IReadOnlyList<XdtCondition>? ParsePredicates(string text)
        {
            var trimmed = text.Trim();
            if (!trimmed.StartsWith("[", StringComparison.Ordinal)) trimmed = "[" + trimmed;
            if (!trimmed.EndsWith("]", StringComparison.Ordinal)) trimmed += "]";
            var reader = new Reader(trimmed);
            var predicates = reader.Predicates();
            return predicates is not null && reader.AtEnd ? predicates : null;
        }

        private sealed class Reader
        {
            private readonly string _text;
            private int _at;

            public Reader(string text) => _text = text;

            public bool AtEnd
            {
                get
                {
                    SkipSpace();
                    return _at == _text.Length;
                }
            }

            public void SkipSpace()
            {
                while (_at < _text.Length && char.IsWhiteSpace(_text[_at])) _at++;
            }

            public bool Take(char c)
            {
                SkipSpace();
                if (_at < _text.Length && _text[_at] == c)
                {
                    _at++;
                    return true;
                }

                return false;
            }

            public XdtStep? Step()
            {
                // XPath 1.0 allows no predicate on the abbreviated step ".", and neither does XDT.
                if (_at < _text.Length && _text[_at] == '.' && (_at + 1 == _text.Length || _text[_at + 1] != '.'))
                {
                    _at++;
                    SkipSpace();
                    return _at < _text.Length && _text[_at] == '[' ? null : new XdtStep(null, Array.Empty<XdtCondition>());
                }

                var name = Name();
                if (name is null) return null;
                var predicates = Predicates();
                return predicates is null ? null : new XdtStep(name, predicates);
            }

            public List<XdtCondition>? Predicates()
            {
                var predicates = new List<XdtCondition>();
                while (Take('['))
                {
                    var condition = Or();
                    if (condition is null || !Take(']')) return null;
                    predicates.Add(condition);
                }

                return predicates;
            }

            // "and" binds tighter than "or", as in XPath.
            private XdtCondition? Or() => Joined("or", And, all => new XdtCondition.AnyOf(all));

            private XdtCondition? And() => Joined("and", Term, all => new XdtCondition.AllOf(all));

            private XdtCondition? Joined(string keyword, Func<XdtCondition?> operand, Func<List<XdtCondition>, XdtCondition> combine)
            {
                var first = operand();
                if (first is null) return null;
                var all = new List<XdtCondition> { first };
                while (Keyword(keyword))
                {
                    var next = operand();
                    if (next is null) return null;
                    all.Add(next);
                }

                return all.Count == 1 ? first : combine(all);
            }

            private XdtCondition? Term()
            {
                if (Take('('))
                {
                    var inner = Or();
                    return inner is not null && Take(')') ? new XdtCondition.Grouped(inner) : null;
                }

                if (!Take('@')) return null;
                var name = Name();
                if (name is null) return null;

                SkipSpace();
                var negated = false;
                if (_at + 1 < _text.Length && _text[_at] == '!' && _text[_at + 1] == '=')
                {
                    negated = true;
                    _at += 2;
                }
                else if (!Take('='))
                {
                    return new XdtCondition.AttributeTest(name, null, false);
                }

                var value = Literal();
                return value is null ? null : new XdtCondition.AttributeTest(name, value, negated);
            }

            private string? Literal()
            {
                SkipSpace();
                if (_at >= _text.Length || (_text[_at] != '\'' && _text[_at] != '"')) return null;
                var quote = _text[_at];
                var end = _text.IndexOf(quote, _at + 1);
                if (end < 0) return null;
                var value = _text.Substring(_at + 1, end - _at - 1);
                _at = end + 1;
                return value;
            }

            private bool Keyword(string word)
            {
                SkipSpace();
                if (string.CompareOrdinal(_text, _at, word, 0, word.Length) != 0) return false;
                var after = _at + word.Length;
                if (after < _text.Length && !char.IsWhiteSpace(_text[after]) && _text[after] != '@' && _text[after] != '(') return false;
                _at = after;
                return true;
            }

            // XML names as configuration files use them: letters, digits, '.', '-', '_' and a prefix ':'.
            private string? Name()
            {
                var start = _at;
                if (_at >= _text.Length || !(char.IsLetter(_text[_at]) || _text[_at] == '_')) return null;
                while (_at < _text.Length && (char.IsLetterOrDigit(_text[_at]) || _text[_at] == '.' || _text[_at] == '-' || _text[_at] == '_' || _text[_at] == ':')) _at++;
                return _text.Substring(start, _at - start);
            }
        }
    }

    /// <summary>One step of an <see cref="XdtPath"/>: a child element name (or "." for the element itself) and its predicates.</summary>
    internal sealed class XdtStep
    {
        public XdtStep(string? name, IReadOnlyList<XdtCondition> predicates)
        {
            Name = name;
            Predicates = predicates;
        }

        /// <summary>The element name, compared exactly as XPath does; null for ".".</summary>
        public string? Name { get; }

        public IReadOnlyList<XdtCondition> Predicates { get; }

        public bool IsSelf => Name is null;

        public bool Matches(XdtNode node)
        {
            if (node.IsDocument) return IsSelf && Predicates.Count == 0;
            if (Name is not null && !string.Equals(node.Name, Name, StringComparison.Ordinal)) return false;
            foreach (var predicate in Predicates)
            {
                if (!predicate.IsMetBy(node)) return false;
            }

            return true;
        }

        public override string ToString()
        {
            var text = new StringBuilder(Name ?? ".");
            foreach (var predicate in Predicates) text.Append('[').Append(predicate).Append(']');
            return text.ToString();
        }
    }

    /// <summary>A predicate of the subset, evaluated as XPath evaluates it on an element.</summary>
    internal abstract class XdtCondition
    {
        public abstract bool IsMetBy(XdtNode node);

        /// <summary>
        /// <c>@name</c>, <c>@name='v'</c> or <c>@name!='v'</c>. As in XPath, both comparisons are false when the
        /// attribute is missing, and values are compared exactly (case matters).
        /// </summary>
        public sealed class AttributeTest : XdtCondition
        {
            public AttributeTest(string name, string? value, bool negated)
            {
                Name = name;
                Value = value;
                Negated = negated;
            }

            public string Name { get; }
            public string? Value { get; }
            public bool Negated { get; }

            public override bool IsMetBy(XdtNode node)
            {
                var attribute = node.Attribute(Name);
                if (attribute is null) return false;
                if (Value is null) return true;
                return string.Equals(attribute.Value, Value, StringComparison.Ordinal) != Negated;
            }

            public override string ToString()
            {
                if (Value is null) return "@" + Name;
                var quote = Value.IndexOf('\'') >= 0 ? '"' : '\'';
                return "@" + Name + (Negated ? "!=" : "=") + quote + Value + quote;
            }
        }

        public sealed class AllOf : XdtCondition
        {
            private readonly IReadOnlyList<XdtCondition> _all;

            public AllOf(IReadOnlyList<XdtCondition> all) => _all = all;

            public override bool IsMetBy(XdtNode node) => _all.All(c => c.IsMetBy(node));

            public override string ToString() => string.Join(" and ", _all);
        }

        public sealed class AnyOf : XdtCondition
        {
            private readonly IReadOnlyList<XdtCondition> _any;

            public AnyOf(IReadOnlyList<XdtCondition> any) => _any = any;

            public override bool IsMetBy(XdtNode node) => _any.Any(c => c.IsMetBy(node));

            public override string ToString() => string.Join(" or ", _any);
        }

        public sealed class Grouped : XdtCondition
        {
            private readonly XdtCondition _inner;

            public Grouped(XdtCondition inner) => _inner = inner;

            public override bool IsMetBy(XdtNode node) => _inner.IsMetBy(node);

            public override string ToString() => "(" + _inner + ")";
        }
    }
}
