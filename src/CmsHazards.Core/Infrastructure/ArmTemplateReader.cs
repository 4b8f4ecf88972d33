using System;
using System.Collections.Generic;
using System.Globalization;
using CmsHazards.Json;
using CmsHazards.Text;

namespace CmsHazards.Infrastructure
{
    /// <summary>
    /// Reads Azure Resource Manager templates (what Bicep compiles to, and what many repositories keep by hand) and
    /// ARM parameters files. Template expressions are read only as far as naming goes: <c>parameters()</c>,
    /// <c>variables()</c>, <c>format()</c> and <c>concat()</c>; any other function is a value known at deployment.
    /// </summary>
    public static class ArmTemplateReader
    {
        public static InfraReading Read(InfrastructureFile file)
        {
            var reading = new InfraReading(file);
            if (file.IsTooLarge)
            {
                reading.TooLarge();
                return reading;
            }

            var json = JsonFile.Parse(file.Path, file.Text, JsonDialect.AzureResourceManager);
            if (json.Root is null)
            {
                reading.Unreadable("JSON", json.Error!.Message, json.Error.Offset);
                return reading;
            }

            var converter = new Converter(file);
            if (file.Language == InfrastructureLanguage.ArmParameters)
            {
                ReadParameterValues(json.Root, converter, reading);
                return reading;
            }

            var scope = new InfraScope(file.FileName);
            reading.Scope = scope;

            if (json.Root.Get("parameters") is JsonObject parameters)
            {
                foreach (var p in parameters.Properties)
                {
                    var defaultValue = (p.Value as JsonObject)?.Get("defaultValue");
                    scope.AddParameter(new InfraParameter(p.Name, new InfrastructurePlace(file, p.NameSpan), defaultValue is null ? null : converter.Convert(defaultValue)));
                }
            }

            if (json.Root.Get("variables") is JsonObject variables)
            {
                foreach (var v in variables.Properties) scope.AddVariable(v.Name, converter.Convert(v.Value));
            }

            // languageVersion 2.0 (what Bicep emits for some features) keys resources by symbolic name.
            var resources = json.Root.Get("resources");
            if (resources is JsonArray resourceList)
            {
                foreach (var r in resourceList.Items) ReadResource(r, null, null, null, scope, converter, reading);
            }
            else if (resources is JsonObject resourcesBySymbol)
            {
                foreach (var m in resourcesBySymbol.Properties) ReadResource(m.Value, m.Name, m.NameSpan, null, scope, converter, reading);
            }

            return reading;
        }

        private static void ReadParameterValues(JsonObject root, Converter converter, InfraReading reading)
        {
            if (!(root.Get("parameters") is JsonObject parameters)) return;
            foreach (var p in parameters.Properties)
            {
                if (!(p.Value is JsonObject parameter)) continue;
                if (parameter.Get("value") is { } value)
                {
                    // Values in a parameters file are plain JSON: brackets there are not expressions.
                    reading.ParameterValues[p.Name] = converter.Convert(value, expressions: false);
                }
                else if (parameter.Get("reference") is { } reference)
                {
                    reading.ParameterValues[p.Name] = new InfraExpression(reading.File, reference.Span, "a Key Vault reference, read at deployment");
                }
            }
        }

        private static void ReadResource(JsonValue value, string? symbolicName, TextSpan? symbolSpan, InfraResource? parent, InfraScope scope, Converter converter, InfraReading reading)
        {
            if (!(value is JsonObject node)) return;
            if (!(node.Get("type") is JsonLiteral { Kind: JsonLiteralKind.String } typeNode)) return;
            var type = typeNode.Value;
            if (parent != null && type.IndexOf('/') < 0) type = parent.Type + "/" + type;

            var body = (InfraObject)converter.Convert(node);
            var declared = symbolSpan ?? typeNode.Span;
            var resource = new InfraResource(scope, type, new InfrastructurePlace(reading.File, declared), body)
            {
                SymbolicName = symbolicName,
                Name = body.Get("name"),
                NameIsRelative = parent != null,
                Parent = parent,
                IsExisting = node.Get("existing") is JsonLiteral { Kind: JsonLiteralKind.True },
                IsLoop = node.Get("copy") != null,
            };
            reading.Resources.Add(resource);

            if (type.Equals("Microsoft.Resources/deployments", StringComparison.OrdinalIgnoreCase))
            {
                reading.Skipped(typeNode.Span, "a nested or linked deployment, whose resources CmsHazards does not read");
            }

            if (node.Get("resources") is JsonArray children)
            {
                foreach (var child in children.Items) ReadResource(child, null, null, resource, scope, converter, reading);
            }
        }

        /// <summary>Plain JSON values (a *.tfvars.json file) in the shared value shape.</summary>
        internal static InfraValue PlainValue(InfrastructureFile file, JsonValue node) => new Converter(file).Convert(node, expressions: false);

        /// <summary>
        /// A JSON number as a double. The reader has checked its grammar; a number beyond double's range is an
        /// infinity, as on .NET Core, where .NET Framework's double.Parse (Visual Studio's analyzer host) would throw.
        /// </summary>
        private static double Number(string text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
            : text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;

        /// <summary>JSON values into the shared value shape; strings in brackets are template expressions.</summary>
        private sealed class Converter
        {
            private readonly InfrastructureFile _file;

            public Converter(InfrastructureFile file) => _file = file;

            public InfraValue Convert(JsonValue node, bool expressions = true)
            {
                if (node is JsonObject obj)
                {
                    var members = new List<InfraMember>(obj.Properties.Count);
                    foreach (var m in obj.Properties) members.Add(new InfraMember(m.Name, m.NameSpan, Convert(m.Value, expressions)) { Start = m.NameSpan.Start });
                    return new InfraObject(_file, node.Span, members);
                }

                if (node is JsonArray array)
                {
                    var items = new List<InfraValue>(array.Items.Count);
                    foreach (var i in array.Items) items.Add(Convert(i, expressions));
                    return new InfraArray(_file, node.Span, items);
                }

                var literal = (JsonLiteral)node;
                switch (literal.Kind)
                {
                    case JsonLiteralKind.True: return new InfraLiteral(_file, node.Span, true);
                    case JsonLiteralKind.False: return new InfraLiteral(_file, node.Span, false);
                    case JsonLiteralKind.Null: return new InfraLiteral(_file, node.Span, null);
                    case JsonLiteralKind.Number: return new InfraLiteral(_file, node.Span, Number(literal.Value));
                    default:
                        var s = literal.Value;
                        if (expressions && s.Length >= 2 && s[0] == '[' && s[s.Length - 1] == ']')
                        {
                            // "[[" escapes a literal bracket.
                            if (s[1] == '[') return new InfraLiteral(_file, node.Span, s.Substring(1));
                            return new ArmExpression(_file, node.Span, s.Substring(1, s.Length - 2)).Read();
                        }

                        return new InfraLiteral(_file, node.Span, s);
                }
            }
        }
    }

    /// <summary>
    /// The part of the ARM template expression language that names take: a call of <c>parameters</c>,
    /// <c>variables</c>, <c>format</c>, <c>concat</c>, <c>true</c> or <c>false</c> on string literals and such calls,
    /// then property access. Anything else is left as an expression, with its text.
    /// </summary>
    internal sealed class ArmExpression
    {
        private const int MaxDepth = 64;
        private readonly InfrastructureFile _file;
        private readonly TextSpan _span;
        private readonly string _text;
        private int _pos;

        public ArmExpression(InfrastructureFile file, TextSpan span, string text)
        {
            _file = file;
            _span = span;
            _text = text;
        }

        public InfraValue Read()
        {
            var value = Expression(0);
            SkipSpace();
            return value is null || _pos != _text.Length ? Unknown() : value;
        }

        private InfraValue Unknown() => new InfraExpression(_file, _span);

        private InfraValue? Expression(int depth)
        {
            if (depth > MaxDepth) return null;
            SkipSpace();
            if (_pos >= _text.Length) return null;
            InfraValue? value;
            if (_text[_pos] == '\'')
            {
                var s = StringLiteral();
                if (s is null) return null;
                value = new InfraLiteral(_file, _span, s);
            }
            else if (char.IsDigit(_text[_pos]) || _text[_pos] == '-')
            {
                var start = _pos++;
                while (_pos < _text.Length && char.IsDigit(_text[_pos])) _pos++;

                // A lone '-' or digits of another script (char.IsDigit) are not a number: the expression is not read.
                if (!double.TryParse(_text.Substring(start, _pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) return null;
                value = new InfraLiteral(_file, _span, number);
            }
            else if (char.IsLetter(_text[_pos]))
            {
                var start = _pos;
                while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
                var name = _text.Substring(start, _pos - start);
                SkipSpace();
                if (_pos >= _text.Length || _text[_pos] != '(') return null;
                _pos++;
                var args = new List<InfraValue>();
                SkipSpace();
                while (_pos < _text.Length && _text[_pos] != ')')
                {
                    var arg = Expression(depth + 1);
                    if (arg is null) return null;
                    args.Add(arg);
                    SkipSpace();
                    if (_pos < _text.Length && _text[_pos] == ',') _pos++;
                    else if (_pos >= _text.Length || _text[_pos] != ')') return null;
                }

                if (_pos >= _text.Length) return null;
                _pos++;
                value = Call(name, args);
            }
            else
            {
                return null;
            }

            // Property access and indexes: parameters('settings').webSocketsEnabled
            var path = new List<string>();
            while (true)
            {
                SkipSpace();
                if (_pos < _text.Length && _text[_pos] == '.')
                {
                    var start = ++_pos;
                    while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
                    if (_pos == start) return null;
                    path.Add(_text.Substring(start, _pos - start));
                }
                else if (_pos < _text.Length && _text[_pos] == '[')
                {
                    _pos++;
                    SkipSpace();
                    var key = _pos < _text.Length && _text[_pos] == '\'' ? StringLiteral() : null;
                    SkipSpace();
                    if (key is null || _pos >= _text.Length || _text[_pos] != ']') return Unknown();
                    _pos++;
                    path.Add(key);
                }
                else
                {
                    break;
                }
            }

            if (path.Count == 0) return value;
            if (value is InfraReference reference)
            {
                var full = new List<string>(reference.Path);
                full.AddRange(path);
                return new InfraReference(_file, _span, reference.Name, full, reference.Kind);
            }

            return Unknown();
        }

        private InfraValue Call(string name, List<InfraValue> args)
        {
            switch (name.ToLowerInvariant())
            {
                case "parameters" when args.Count == 1 && args[0] is InfraLiteral { Value: string p }:
                    return new InfraReference(_file, _span, p, Array.Empty<string>(), InfraSymbolKind.Parameter);
                case "variables" when args.Count == 1 && args[0] is InfraLiteral { Value: string v }:
                    return new InfraReference(_file, _span, v, Array.Empty<string>(), InfraSymbolKind.Variable);
                case "true" when args.Count == 0:
                    return new InfraLiteral(_file, _span, true);
                case "false" when args.Count == 0:
                    return new InfraLiteral(_file, _span, false);
                case "concat" when args.Count > 0:
                    return new InfraConcat(_file, _span, args);
                case "format" when args.Count > 0 && args[0] is InfraLiteral { Value: string format }:
                    return Format(format, args) ?? Unknown();
                default:
                    return Unknown();
            }
        }

        // format('{0}/{1}', a, b) as the parts it joins.
        private InfraValue? Format(string format, List<InfraValue> args)
        {
            var parts = new List<InfraValue>();
            var literal = new System.Text.StringBuilder();
            for (var i = 0; i < format.Length; i++)
            {
                var c = format[i];
                if (c == '{' && i + 1 < format.Length && format[i + 1] == '{') { literal.Append('{'); i++; continue; }
                if (c == '}' && i + 1 < format.Length && format[i + 1] == '}') { literal.Append('}'); i++; continue; }
                if (c != '{') { literal.Append(c); continue; }
                var close = format.IndexOf('}', i);
                if (close < 0 || !int.TryParse(format.Substring(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index + 1 >= args.Count) return null;
                if (literal.Length > 0) parts.Add(new InfraLiteral(_file, _span, literal.ToString()));
                literal.Clear();
                parts.Add(args[index + 1]);
                i = close;
            }

            if (literal.Length > 0) parts.Add(new InfraLiteral(_file, _span, literal.ToString()));
            return new InfraConcat(_file, _span, parts);
        }

        private string? StringLiteral()
        {
            var value = new System.Text.StringBuilder();
            _pos++;
            while (_pos < _text.Length)
            {
                if (_text[_pos] == '\'')
                {
                    if (_pos + 1 < _text.Length && _text[_pos + 1] == '\'') { value.Append('\''); _pos += 2; continue; }
                    _pos++;
                    return value.ToString();
                }

                value.Append(_text[_pos++]);
            }

            return null;
        }

        private void SkipSpace()
        {
            while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos])) _pos++;
        }
    }
}
