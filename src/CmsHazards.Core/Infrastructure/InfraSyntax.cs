using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using CmsHazards.Text;

namespace CmsHazards.Infrastructure
{
    /// <summary>The two line-oriented languages with blocks in braces that CmsHazards reads a subset of.</summary>
    internal enum InfraDialect
    {
        /// <summary>Bicep: single-quoted strings, <c>//</c> comments, <c>#disable-next-line</c> pragmas, <c>key: value</c>.</summary>
        Bicep,

        /// <summary>HCL (Terraform): double-quoted strings, heredocs, <c>#</c> and <c>//</c> comments, <c>key = value</c>.</summary>
        Hcl,
    }

    internal enum TokenKind
    {
        Identifier,
        String,
        Number,
        Symbol,
        NewLine,
        End,
    }

    internal sealed class Token
    {
        public Token(TokenKind kind, int start, int end, string text)
        {
            Kind = kind;
            Start = start;
            End = end;
            Text = text;
        }

        public TokenKind Kind { get; }
        public int Start { get; }
        public int End { get; }

        /// <summary>Identifiers, numbers and symbols as written; a string's value when it has no parts to fill in.</summary>
        public string Text { get; }

        /// <summary>For strings with interpolation: literal text and the spans of the expressions between.</summary>
        public List<StringPart>? Parts { get; set; }

        /// <summary>A string CmsHazards does not take apart (a heredoc): its value is an expression.</summary>
        public bool Opaque { get; set; }

        public TextSpan Span => TextSpan.FromBounds(Start, End);

        public bool Is(string symbol) => (Kind == TokenKind.Symbol || Kind == TokenKind.Identifier) && Text == symbol;
    }

    internal sealed class StringPart
    {
        public StringPart(string? literal, TextSpan span)
        {
            Literal = literal;
            Span = span;
        }

        /// <summary>The text of a literal part; null for an expression part, whose text is at <see cref="Span"/>.</summary>
        public string? Literal { get; }
        public TextSpan Span { get; }
    }

    /// <summary>Why a file is not the language it claims to be, at which character.</summary>
    internal sealed class InfraSyntaxError : Exception
    {
        public InfraSyntaxError(string message, int offset)
            : base(message) => Offset = offset;

        public int Offset { get; }
    }

    /// <summary>
    /// Splits Bicep or HCL text into tokens. Comments are dropped, line breaks are kept (both languages end a
    /// property at the end of its line). Errors name the character where reading stopped.
    /// </summary>
    internal sealed class InfraLexer
    {
        /// <summary>How deeply string interpolations may nest inside each other.</summary>
        private const int MaxInterpolationDepth = 32;

        private readonly string _text;
        private readonly InfraDialect _dialect;
        private readonly int _end;
        private int _pos;

        private InfraLexer(string text, InfraDialect dialect, int start, int end)
        {
            _text = text;
            _dialect = dialect;
            _pos = start;
            _end = end;
        }

        public static List<Token> Tokens(string text, InfraDialect dialect, int start, int end)
        {
            var lexer = new InfraLexer(text, dialect, start, end);
            var tokens = new List<Token>();
            if (lexer._pos < end && text[lexer._pos] == '\uFEFF') lexer._pos++;
            while (true)
            {
                var token = lexer.Next(0);
                tokens.Add(token);
                if (token.Kind == TokenKind.End) return tokens;
            }
        }

        private Token Next(int depth)
        {
            while (_pos < _end)
            {
                var c = _text[_pos];
                if (c == ' ' || c == '\t' || c == '\f') { _pos++; continue; }
                if (c == '\\' && _dialect == InfraDialect.Hcl && _pos + 1 < _end && (_text[_pos + 1] == '\n' || _text[_pos + 1] == '\r')) { _pos++; continue; }
                if (c == '/' && At("//")) { SkipLine(); continue; }
                if (c == '#' && (_dialect == InfraDialect.Hcl || AtLineStart())) { SkipLine(); continue; } // HCL comment; Bicep pragma such as #disable-next-line
                if (c == '/' && At("/*"))
                {
                    var close = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                    if (close < 0 || close + 2 > _end) throw new InfraSyntaxError("a comment that never ends", _pos);
                    _pos = close + 2;
                    continue;
                }

                break;
            }

            if (_pos >= _end) return new Token(TokenKind.End, _end, _end, "");
            var start = _pos;
            var ch = _text[_pos];
            if (ch == '\r' || ch == '\n')
            {
                _pos += ch == '\r' && _pos + 1 < _end && _text[_pos + 1] == '\n' ? 2 : 1;
                return new Token(TokenKind.NewLine, start, _pos, "\n");
            }

            if (char.IsLetter(ch) || ch == '_')
            {
                while (_pos < _end && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_' || (_dialect == InfraDialect.Hcl && _text[_pos] == '-'))) _pos++;
                return new Token(TokenKind.Identifier, start, _pos, _text.Substring(start, _pos - start));
            }

            if (char.IsDigit(ch))
            {
                while (_pos < _end && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '.')) _pos++;
                return new Token(TokenKind.Number, start, _pos, _text.Substring(start, _pos - start));
            }

            if (_dialect == InfraDialect.Bicep && At("'''")) return MultiLineString();
            if (_dialect == InfraDialect.Bicep && ch == '\'') return QuotedString('\'', depth);
            if (_dialect == InfraDialect.Hcl && ch == '"') return QuotedString('"', depth);
            if (_dialect == InfraDialect.Hcl && At("<<")) return Heredoc();

            foreach (var two in new[] { "==", "!=", "<=", ">=", "&&", "||", "??", "=>", "::", ".?", "..." })
            {
                if (At(two))
                {
                    _pos += two.Length;
                    return new Token(TokenKind.Symbol, start, _pos, two);
                }
            }

            _pos++;
            if ("{}[]():,.=?!<>+-*/%@|&;".IndexOf(ch) >= 0) return new Token(TokenKind.Symbol, start, _pos, ch.ToString());
            throw new InfraSyntaxError($"the character '{(char.IsControl(ch) ? "\\u" + ((int)ch).ToString("x4", CultureInfo.InvariantCulture) : ch.ToString())}', which the language does not have here", start);
        }

        private Token QuotedString(char quote, int depth)
        {
            if (depth > MaxInterpolationDepth) throw new InfraSyntaxError($"string interpolations nested deeper than {MaxInterpolationDepth} levels", _pos);
            var start = _pos++;
            var literal = new StringBuilder();
            var literalStart = _pos;
            List<StringPart>? parts = null;
            while (true)
            {
                if (_pos >= _end) throw new InfraSyntaxError("a string that never ends", start);
                var c = _text[_pos];
                if (c == quote) break;
                if (c == '\r' || c == '\n') throw new InfraSyntaxError("a string that never ends on its line", start);
                if (c == '\\')
                {
                    if (_pos + 1 >= _end) throw new InfraSyntaxError("a string that never ends", start);
                    var e = _text[_pos + 1];
                    _pos += 2;
                    switch (e)
                    {
                        case 'n': literal.Append('\n'); break;
                        case 'r': literal.Append('\r'); break;
                        case 't': literal.Append('\t'); break;
                        case 'u':
                            // Bicep \u{1F600}; HCL \uNNNN. The value matters for names only, so it is kept as written.
                            literal.Append("\\u");
                            break;
                        default: literal.Append(e); break;
                    }

                    continue;
                }

                if ((c == '$' || c == '%') && _dialect == InfraDialect.Hcl && At(c.ToString() + c + "{"))
                {
                    // HCL's $${ and %%{ write the characters themselves.
                    literal.Append(c).Append('{');
                    _pos += 3;
                    continue;
                }

                var interpolation = (c == '$' || (c == '%' && _dialect == InfraDialect.Hcl)) && _pos + 1 < _end && _text[_pos + 1] == '{';
                if (interpolation)
                {
                    parts ??= new List<StringPart>();
                    if (literal.Length > 0) parts.Add(new StringPart(literal.ToString(), TextSpan.FromBounds(literalStart, _pos)));
                    literal.Clear();
                    var exprStart = _pos + 2;
                    _pos = exprStart;
                    var braces = 1;
                    while (true)
                    {
                        var inner = Next(depth + 1);
                        if (inner.Kind == TokenKind.End) throw new InfraSyntaxError("an interpolation '${' that never closes", start);
                        if (inner.Is("{")) braces++;
                        else if (inner.Is("}") && --braces == 0) break;
                    }

                    parts.Add(new StringPart(c == '%' ? "%{" : null, TextSpan.FromBounds(exprStart, _pos - 1)));
                    literalStart = _pos;
                    continue;
                }

                literal.Append(c);
                _pos++;
            }

            if (parts != null && literal.Length > 0) parts.Add(new StringPart(literal.ToString(), TextSpan.FromBounds(literalStart, _pos)));
            _pos++;
            return new Token(TokenKind.String, start, _pos, parts is null ? literal.ToString() : "") { Parts = parts };
        }

        private Token MultiLineString()
        {
            var start = _pos;
            var close = _text.IndexOf("'''", _pos + 3, StringComparison.Ordinal);
            if (close < 0 || close + 3 > _end) throw new InfraSyntaxError("a multi-line string ''' that never ends", start);
            _pos = close + 3;
            while (_pos < _end && _text[_pos] == '\'') _pos++;
            return new Token(TokenKind.String, start, _pos, _text.Substring(start + 3, close - start - 3));
        }

        private Token Heredoc()
        {
            var start = _pos;
            _pos += 2;
            if (_pos < _end && (_text[_pos] == '-' || _text[_pos] == '~')) _pos++;
            var markerStart = _pos;
            while (_pos < _end && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
            var marker = _text.Substring(markerStart, _pos - markerStart);
            if (marker.Length == 0) throw new InfraSyntaxError("'<<' without a heredoc marker", start);
            SkipLine();
            while (_pos < _end)
            {
                var lineStart = _pos;
                SkipLine();
                var line = _text.Substring(lineStart, _pos - lineStart).Trim();
                if (_pos < _end) _pos += _text[_pos] == '\r' && _pos + 1 < _end && _text[_pos + 1] == '\n' ? 2 : 1;
                if (line == marker) return new Token(TokenKind.String, start, _text.IndexOf(marker, lineStart, StringComparison.Ordinal) + marker.Length, "") { Opaque = true };
            }

            throw new InfraSyntaxError($"a heredoc that never reaches its closing {marker}", start);
        }

        private bool At(string s) => _pos + s.Length <= _end && string.CompareOrdinal(_text, _pos, s, 0, s.Length) == 0;

        private bool AtLineStart()
        {
            for (var i = _pos - 1; i >= 0; i--)
            {
                if (_text[i] == '\n' || _text[i] == '\r') return true;
                if (_text[i] != ' ' && _text[i] != '\t') return false;
            }

            return true;
        }

        private void SkipLine()
        {
            while (_pos < _end && _text[_pos] != '\n' && _text[_pos] != '\r') _pos++;
        }
    }
}
