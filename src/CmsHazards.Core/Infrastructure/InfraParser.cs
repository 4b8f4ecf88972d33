using System;
using System.Collections.Generic;
using System.Globalization;
using CmsHazards.Text;

namespace CmsHazards.Infrastructure
{
    /// <summary>
    /// Reads values of Bicep and HCL into <see cref="InfraValue"/>s: objects, blocks, lists, literals, names and
    /// strings with parts. An expression beyond those (a call, a condition, arithmetic) is kept whole, with its span,
    /// as something known at deployment only: the reader never evaluates what it does not understand.
    /// </summary>
    internal sealed class InfraParser
    {
        /// <summary>How deeply objects and lists may nest; real files stay below 15 levels.</summary>
        public const int MaxDepth = 100;

        private readonly InfrastructureFile _file;
        private readonly InfraDialect _dialect;
        private readonly List<Token> _tokens;
        private int _i;

        public InfraParser(InfrastructureFile file, InfraDialect dialect)
            : this(file, dialect, 0, file.Text.Length)
        {
        }

        private InfraParser(InfrastructureFile file, InfraDialect dialect, int start, int end)
        {
            _file = file;
            _dialect = dialect;
            _tokens = InfraLexer.Tokens(file.Text, dialect, start, end);
        }

        /// <summary>Bicep <c>resource</c> declarations found inside objects, by the object that holds them.</summary>
        public Dictionary<InfraObject, List<BicepResourceDeclaration>> NestedResources { get; } = new Dictionary<InfraObject, List<BicepResourceDeclaration>>();

        public Token Peek => _tokens[_i];

        public Token PeekAt(int ahead) => _tokens[Math.Min(_i + ahead, _tokens.Count - 1)];

        private Token NextAfterNewLines(int ahead)
        {
            var i = _i + ahead;
            while (i < _tokens.Count - 1 && _tokens[i].Kind == TokenKind.NewLine) i++;
            return _tokens[Math.Min(i, _tokens.Count - 1)];
        }

        public Token Take() => _tokens[_i < _tokens.Count - 1 ? _i++ : _i];

        public bool AtEnd => Peek.Kind == TokenKind.End;

        public void SkipNewLines()
        {
            while (Peek.Kind == TokenKind.NewLine) _i++;
        }

        public Token Expect(string symbol, string what)
        {
            if (!Peek.Is(symbol)) throw Unexpected(what);
            return Take();
        }

        public InfraSyntaxError Unexpected(string expected)
        {
            var t = Peek;
            var found = t.Kind == TokenKind.End ? "the end of the file" : t.Kind == TokenKind.NewLine ? "the end of the line" : "'" + Shorten(_file.Text.Substring(t.Start, t.End - t.Start)) + "'";
            return new InfraSyntaxError(found + " where " + expected + " was expected", t.Start);
        }

        /// <summary>Skips the rest of a statement: to the end of its line, over anything in brackets.</summary>
        public TextSpan SkipStatement()
        {
            var start = Peek.Start;
            var end = start;
            var depth = 0;
            while (!AtEnd)
            {
                var t = Peek;
                if (depth == 0 && t.Kind == TokenKind.NewLine) break;
                if (t.Is("{") || t.Is("[") || t.Is("(")) depth++;
                else if ((t.Is("}") || t.Is("]") || t.Is(")")) && --depth < 0) break;
                end = t.End;
                Take();
            }

            return TextSpan.FromBounds(start, end);
        }

        public InfraValue Expression(int depth)
        {
            if (depth > MaxDepth) throw new InfraSyntaxError($"values nested deeper than {MaxDepth} levels", Peek.Start);
            var start = Peek.Start;
            var primary = Primary(depth);
            if (AtExpressionEnd()) return primary;

            // An operator follows: a condition, arithmetic, a comparison. Kept whole, never evaluated.
            var end = Swallow();
            return new InfraExpression(_file, TextSpan.FromBounds(start, end));
        }

        private bool AtExpressionEnd()
        {
            var t = Peek;
            return t.Kind == TokenKind.NewLine || t.Kind == TokenKind.End || t.Is(",") || t.Is("}") || t.Is("]") || t.Is(")");
        }

        // To the end of the expression: a line end, a comma or a closing bracket outside brackets opened here.
        private int Swallow()
        {
            var end = _i > 0 ? _tokens[_i - 1].End : Peek.Start;
            var depth = 0;
            while (!AtEnd)
            {
                var t = Peek;
                if (depth == 0 && (t.Kind == TokenKind.NewLine || t.Is(","))) break;
                if (t.Is("{") || t.Is("[") || t.Is("(")) depth++;
                else if (t.Is("}") || t.Is("]") || t.Is(")"))
                {
                    if (depth == 0) break;
                    depth--;
                }

                if (depth > MaxDepth) throw new InfraSyntaxError($"values nested deeper than {MaxDepth} levels", t.Start);
                end = t.End;
                Take();
            }

            if (depth > 0) throw new InfraSyntaxError("a bracket that never closes", Peek.Start);
            return end;
        }

        private InfraValue Primary(int depth)
        {
            var t = Peek;
            if (t.Is("{") && NextAfterNewLines(1).Is("for"))
            {
                // An HCL for expression building an object.
                Take();
                return new InfraExpression(_file, TextSpan.FromBounds(t.Start, SwallowGroup(t)), "a loop");
            }

            if (t.Is("{")) return Object(depth + 1);
            if (t.Is("[")) return Array(depth + 1);
            if (t.Is("(") || t.Is("!") || t.Is("-"))
            {
                Take();
                if (t.Is("-") && Peek.Kind == TokenKind.Number)
                {
                    var n = Take();
                    return Number(TextSpan.FromBounds(t.Start, n.End), "-" + n.Text);
                }

                var end = t.Is("(") ? SwallowGroup(t) : Swallow();
                return new InfraExpression(_file, TextSpan.FromBounds(t.Start, end));
            }

            if (t.Kind == TokenKind.String)
            {
                Take();
                if (t.Opaque) return new InfraExpression(_file, t.Span, "a heredoc");
                if (t.Parts is null) return new InfraLiteral(_file, t.Span, t.Text);
                var parts = new List<InfraValue>();
                foreach (var part in t.Parts)
                {
                    if (part.Literal == "%{") return new InfraExpression(_file, t.Span, "a template directive");
                    if (part.Literal != null)
                    {
                        parts.Add(new InfraLiteral(_file, part.Span, part.Literal));
                        continue;
                    }

                    var inner = new InfraParser(_file, _dialect, part.Span.Start, part.Span.End);
                    inner.SkipNewLines();
                    var value = inner.AtEnd ? new InfraExpression(_file, part.Span) : inner.Expression(depth + 1);
                    inner.SkipNewLines();
                    parts.Add(inner.AtEnd ? value : new InfraExpression(_file, part.Span));
                }

                return new InfraConcat(_file, t.Span, parts);
            }

            if (t.Kind == TokenKind.Number)
            {
                Take();
                return Number(t.Span, t.Text);
            }

            if (t.Kind == TokenKind.Identifier)
            {
                Take();
                switch (t.Text)
                {
                    case "true": return new InfraLiteral(_file, t.Span, true);
                    case "false": return new InfraLiteral(_file, t.Span, false);
                    case "null": return new InfraLiteral(_file, t.Span, null);
                }

                return Name(t);
            }

            throw Unexpected("a value");
        }

        private InfraValue Number(TextSpan span, string text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? new InfraLiteral(_file, span, d)
                : (InfraValue)new InfraExpression(_file, span);

        // A name and what follows it: member access, an index with a literal key, a call.
        private InfraValue Name(Token first)
        {
            var path = new List<string>();
            var end = first.End;
            var isCall = false;
            while (true)
            {
                var t = Peek;
                if ((t.Is(".") || t.Is(".?")) && PeekAt(1).Kind == TokenKind.Identifier)
                {
                    Take();
                    var member = Take();
                    path.Add(member.Text);
                    end = member.End;
                }
                else if (t.Is("[") && PeekAt(1).Kind == TokenKind.String && PeekAt(1).Parts is null && PeekAt(2).Is("]") && t.Start == end)
                {
                    Take();
                    path.Add(Take().Text);
                    end = Take().End;
                }
                else if (t.Is("(") || t.Is("[") && t.Start == end)
                {
                    Take();
                    end = SwallowGroup(t);
                    isCall = true;
                }
                else if (t.Is("::"))
                {
                    Take();
                    if (Peek.Kind == TokenKind.Identifier) end = Take().End;
                    isCall = true;
                }
                else
                {
                    break;
                }
            }

            var span = TextSpan.FromBounds(first.Start, end);
            if (isCall) return new InfraExpression(_file, span);
            if (_dialect == InfraDialect.Bicep) return new InfraReference(_file, span, first.Text, path);

            // HCL: var.x is a variable (a parameter), local.x a local value; other names (resources, each, count,
            // module outputs) are known at apply time.
            if (first.Text == "var" && path.Count > 0) return new InfraReference(_file, span, path[0], path.GetRange(1, path.Count - 1), InfraSymbolKind.Parameter);
            if (first.Text == "local" && path.Count > 0) return new InfraReference(_file, span, path[0], path.GetRange(1, path.Count - 1), InfraSymbolKind.Variable);
            return new InfraExpression(_file, span, first.Text == "module" ? "a module output" : null);
        }

        // From an opening bracket already taken to its closing one; returns the end of the closing bracket.
        private int SwallowGroup(Token open)
        {
            var close = open.Is("(") ? ")" : open.Is("[") ? "]" : "}";
            var depth = 1;
            while (true)
            {
                var t = Peek;
                if (t.Kind == TokenKind.End) throw new InfraSyntaxError($"'{open.Text}' that never closes", open.Start);
                Take();
                if (t.Is("(") || t.Is("[") || t.Is("{"))
                {
                    if (++depth > MaxDepth) throw new InfraSyntaxError($"values nested deeper than {MaxDepth} levels", t.Start);
                }
                else if (t.Is(")") || t.Is("]") || t.Is("}"))
                {
                    if (--depth == 0)
                    {
                        if (!t.Is(close)) throw new InfraSyntaxError($"'{t.Text}' where '{close}' was expected", t.Start);
                        return t.End;
                    }
                }
            }
        }

        /// <summary>A whole HCL file: attributes and blocks up to the end of the text.</summary>
        public InfraObject Body()
        {
            var members = new List<InfraMember>();
            while (true)
            {
                SkipNewLines();
                if (AtEnd) break;
                members.Add(Member(0));
                if (!(Peek.Kind == TokenKind.NewLine || AtEnd)) throw Unexpected("the end of the line");
            }

            return new InfraObject(_file, new TextSpan(0, _file.Text.Length), members);
        }

        public InfraObject Object(int depth)
        {
            if (depth > MaxDepth) throw new InfraSyntaxError($"values nested deeper than {MaxDepth} levels", Peek.Start);
            var open = Expect("{", "'{'");
            var members = new List<InfraMember>();
            List<BicepResourceDeclaration>? nested = null;
            while (true)
            {
                while (Peek.Kind == TokenKind.NewLine || Peek.Is(",")) Take();
                if (Peek.Is("}")) break;
                if (AtEnd) throw new InfraSyntaxError("'{' that never closes", open.Start);

                if (_dialect == InfraDialect.Bicep && Peek.Is("@"))
                {
                    // A decorator (@batchSize, @description) on the next declaration.
                    Take();
                    SkipStatement();
                    continue;
                }

                if (_dialect == InfraDialect.Bicep && Peek.Is("resource") && PeekAt(1).Kind == TokenKind.Identifier)
                {
                    (nested ??= new List<BicepResourceDeclaration>()).Add(ResourceDeclaration(depth));
                    continue;
                }

                members.Add(Member(depth));
                var t = Peek;
                if (!(t.Kind == TokenKind.NewLine || t.Is(",") || t.Is("}"))) throw Unexpected("the end of the line");
            }

            var closeToken = Take();
            var obj = new InfraObject(_file, TextSpan.FromBounds(open.Start, closeToken.End), members);
            if (nested != null) NestedResources[obj] = nested;
            return obj;
        }

        private InfraMember Member(int depth)
        {
            var key = Peek;
            if (key.Kind != TokenKind.Identifier && !(key.Kind == TokenKind.String && key.Parts is null)) throw Unexpected("a property name");
            Take();
            if (_dialect == InfraDialect.Bicep || Peek.Is("=") || Peek.Is(":"))
            {
                if (_dialect == InfraDialect.Bicep) Expect(":", "':' after the property name");
                else Take();
                var value = Expression(depth);
                return new InfraMember(key.Text, key.Span, value) { Start = key.Start };
            }

            // An HCL block: type, labels, body.
            var labels = new List<string>();
            while (Peek.Kind == TokenKind.String || Peek.Kind == TokenKind.Identifier)
            {
                var label = Take();
                labels.Add(label.Text);
            }

            if (!Peek.Is("{")) throw Unexpected("'=' or a block's '{'");
            var body = Object(depth + 1);
            return new InfraMember(key.Text, key.Span, body, isBlock: true, labels) { Start = key.Start };
        }

        private InfraValue Array(int depth)
        {
            if (depth > MaxDepth) throw new InfraSyntaxError($"values nested deeper than {MaxDepth} levels", Peek.Start);
            var open = Take();
            var afterOpen = _i;
            SkipNewLines();
            if (Peek.Is("for"))
            {
                _i = afterOpen;
                var end = SwallowGroup(open);
                return new InfraExpression(_file, TextSpan.FromBounds(open.Start, end), "a loop");
            }

            var items = new List<InfraValue>();
            while (true)
            {
                while (Peek.Kind == TokenKind.NewLine || Peek.Is(",")) Take();
                if (Peek.Is("]")) break;
                if (AtEnd) throw new InfraSyntaxError("'[' that never closes", open.Start);
                items.Add(Expression(depth));
            }

            var close = Take();
            return new InfraArray(_file, TextSpan.FromBounds(open.Start, close.End), items);
        }

        /// <summary>
        /// <c>resource sym 'type@version' [existing] = value</c>, where the value is an object, <c>if (...) {...}</c>
        /// or a loop <c>[for ... : {...}]</c>. The parser stands on <c>resource</c>.
        /// </summary>
        public BicepResourceDeclaration ResourceDeclaration(int depth)
        {
            var keyword = Take();
            var symbol = Take();
            if (Peek.Kind != TokenKind.String || Peek.Parts != null) throw Unexpected("the resource type in quotes");
            var type = Take();
            var existing = false;
            if (Peek.Is("existing"))
            {
                Take();
                existing = true;
            }

            Expect("=", "'='");
            SkipNewLines();
            var declaration = new BicepResourceDeclaration(keyword.Start, symbol.Text, symbol.Span, type.Text, type.Span, existing);
            if (Peek.Is("if"))
            {
                Take();
                var open = Expect("(", "'(' after if");
                SwallowGroup(open);
                SkipNewLines();
                declaration.IsConditional = true;
                declaration.Body = Object(depth + 1);
            }
            else if (Peek.Is("["))
            {
                // [for item in items: {...}] or [for ...: if (...) {...}]
                var open = Take();
                SkipNewLines();
                Expect("for", "'for'");
                var level = 0;
                while (!(level == 0 && Peek.Is(":")))
                {
                    if (AtEnd) throw new InfraSyntaxError("'[' that never closes", open.Start);
                    if (Peek.Is("(") || Peek.Is("[")) level++;
                    else if (Peek.Is(")") || Peek.Is("]")) level--;
                    Take();
                }

                Take();
                SkipNewLines();
                if (Peek.Is("if"))
                {
                    Take();
                    SwallowGroup(Expect("(", "'(' after if"));
                    SkipNewLines();
                }

                declaration.IsLoop = true;
                declaration.Body = Object(depth + 1);
                SkipNewLines();
                Expect("]", "']' closing the loop");
            }
            else
            {
                declaration.Body = Object(depth + 1);
            }

            return declaration;
        }

        private static string Shorten(string s)
        {
            s = s.Replace("\r", " ").Replace("\n", " ");
            return s.Length <= 40 ? s : s.Substring(0, 40) + "...";
        }
    }

    /// <summary>A Bicep <c>resource</c> statement as written, before it is linked to its parent.</summary>
    internal sealed class BicepResourceDeclaration
    {
        public BicepResourceDeclaration(int start, string symbol, TextSpan symbolSpan, string type, TextSpan typeSpan, bool existing)
        {
            Start = start;
            Symbol = symbol;
            SymbolSpan = symbolSpan;
            Type = type;
            TypeSpan = typeSpan;
            Existing = existing;
        }

        public int Start { get; }
        public string Symbol { get; }
        public TextSpan SymbolSpan { get; }

        /// <summary>As written: <c>Microsoft.Web/sites@2022-09-01</c>, or <c>config</c> for a nested child.</summary>
        public string Type { get; }
        public TextSpan TypeSpan { get; }
        public bool Existing { get; }
        public bool IsConditional { get; set; }
        public bool IsLoop { get; set; }
        public InfraObject Body { get; set; } = null!;
    }
}
