using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using CmsHazards.Text;

namespace CmsHazards.Json
{
    /// <summary>Why a JSON file could not be read, at which character.</summary>
    public sealed class JsonReadError
    {
        internal JsonReadError(string message, int offset, LinePosition position)
        {
            Message = message;
            Offset = offset;
            Position = position;
        }

        /// <summary>Said to a person: "a string that never ends", "values nested deeper than 64 levels, the host's limit".</summary>
        public string Message { get; }

        /// <summary>Where reading stopped, in the text as given.</summary>
        public int Offset { get; }

        /// <summary>The zero-based line and character of <see cref="Offset"/>.</summary>
        public LinePosition Position { get; }
    }

    /// <summary>
    /// A JSON file read the way its host reads it (<see cref="JsonDialect"/>: appsettings.json as
    /// Microsoft.Extensions.Configuration does, ARM templates as Azure Resource Manager does, *.tfvars.json as
    /// Terraform does), with the position of every property name and value, so that diagnostics point at them and
    /// fixes replace exactly their characters. The analyzer carries this reader because it may ship no package of
    /// its own. Reading never throws and never recurses deeper than the dialect's limit: a text that is not what the
    /// host accepts gives <see cref="Error"/> with the place where reading stopped, and nothing is guessed.
    /// </summary>
    /// <remarks>
    /// Every span indexes <see cref="Text"/> as given: a byte order mark left in decoded text is skipped, not removed,
    /// so an edit made from a span applies to the text it was read from. All three hosts require a top-level object.
    /// </remarks>
    public sealed class JsonFile
    {
        /// <summary>
        /// The longest text read, in characters: appsettings files are kilobytes, and Azure Resource Manager refuses a
        /// template over 4 MB.
        /// </summary>
        public const int MaxLength = 4 * 1024 * 1024;

        private LineMap? _lines;

        private JsonFile(string path, string text, JsonDialect dialect)
        {
            Path = path;
            Text = text;
            Dialect = dialect;
        }

        public string Path { get; }

        /// <summary>The text as given; every span refers to it.</summary>
        public string Text { get; }

        public JsonDialect Dialect { get; }

        /// <summary>Lines of <see cref="Text"/>, for the line and column of any span.</summary>
        public LineMap Lines => _lines ??= new LineMap(Text);

        /// <summary>The top-level object, or null when the file could not be read.</summary>
        public JsonObject? Root { get; private set; }

        public JsonReadError? Error { get; private set; }

        public string FileName => System.IO.Path.GetFileName(Path);

        /// <summary>
        /// A file too large to read, refused without decoding it: the front ends see its length before its text.
        /// </summary>
        public static JsonFile TooLarge(string path, JsonDialect? dialect = null)
        {
            var file = new JsonFile(path, "", dialect ?? JsonDialect.Configuration);
            file.Fail($"it is longer than the {MaxLength} characters CmsHazards reads in a JSON file", 0);
            return file;
        }

        /// <summary>Reads <paramref name="text"/> as <paramref name="dialect"/>'s host does; appsettings.json's when none is given.</summary>
        public static JsonFile Parse(string path, string text, JsonDialect? dialect = null)
        {
            var file = new JsonFile(path, text, dialect ?? JsonDialect.Configuration);
            if (text.Length > MaxLength)
            {
                file.Fail($"it is {text.Length} characters long; CmsHazards reads JSON files up to {MaxLength}", 0);
                return file;
            }

            try
            {
                var root = new Reader(text, file.Dialect).ReadDocument();
                if (file.Dialect.RefuseDuplicateNames && RepeatedKey(root) is { } repeated)
                {
                    // Microsoft.Extensions.Configuration.Json throws "A duplicate key '...' was found" for these.
                    file.Fail($"the key \"{Shorten(repeated.Key)}\" appears twice (configuration keys ignore case), which {file.Dialect.Host} refuses", repeated.Offset);
                    return file;
                }

                file.Root = root;
            }
            catch (Stop stop)
            {
                file.Fail(stop.Message, stop.Offset);
            }

            return file;
        }

        /// <summary>
        /// The property that gives the configuration key <paramref name="path"/> its value (segments matched without
        /// case), or null. Read as the configuration provider flattens the file: objects of the same name merge, and
        /// a name may hold several segments (<c>"EPiServer:CmsUI": { ... }</c>). Where more than one property gives
        /// the key (a host that keeps duplicates), the last one.
        /// </summary>
        public JsonProperty? Find(params string[] path) => Root is null || path.Length == 0 ? null : Find(Root, path, 0);

        private static JsonProperty? Find(JsonObject obj, string[] path, int index)
        {
            var rest = string.Join(":", path, index, path.Length - index);
            JsonProperty? found = null;
            foreach (var property in obj.Properties)
            {
                if (string.Equals(property.Name, rest, StringComparison.OrdinalIgnoreCase))
                {
                    found = property;
                }
                else if (property.Value is JsonObject inner
                    && rest.Length > property.Name.Length && rest[property.Name.Length] == ':'
                    && string.Compare(rest, 0, property.Name, 0, property.Name.Length, StringComparison.OrdinalIgnoreCase) == 0
                    && Find(inner, path, index + property.Name.Split(':').Length) is { } deeper)
                {
                    found = deeper;
                }
            }

            return found;
        }

        /// <summary>Every property in the file, depth first, with the configuration path of its parent object.</summary>
        public IEnumerable<(string ParentPath, JsonProperty Property)> AllProperties()
        {
            if (Root is null) yield break;
            var pending = new Stack<(string, JsonValue)>();
            pending.Push(("", Root));
            while (pending.Count > 0)
            {
                var (path, value) = pending.Pop();
                if (value is JsonObject obj)
                {
                    for (var i = obj.Properties.Count - 1; i >= 0; i--)
                    {
                        var property = obj.Properties[i];
                        yield return (path, property);
                        pending.Push((path.Length == 0 ? property.Name : path + ":" + property.Name, property.Value));
                    }
                }
                else if (value is JsonArray array)
                {
                    for (var i = array.Items.Count - 1; i >= 0; i--) pending.Push((path + ":" + i.ToString(CultureInfo.InvariantCulture), array.Items[i]));
                }
            }
        }

        private void Fail(string message, int offset)
        {
            offset = Math.Min(Math.Max(offset, 0), Text.Length);
            Error = new JsonReadError(message, offset, Lines.GetPosition(offset));
        }

        /// <summary>
        /// The first configuration key that two values give, as the configuration provider flattens the file: a value
        /// (not an object) whose key, without regard to case, is already taken. Objects of the same name merge, so
        /// <c>{"A": {"x": 1}, "a": {"y": 2}}</c> is accepted and <c>{"A": 1, "a": 2}</c> is not.
        /// </summary>
        private static (string Key, int Offset)? RepeatedKey(JsonObject root)
        {
            var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var pending = new Stack<(string Key, int Offset, JsonValue Value)>();
            for (var i = root.Properties.Count - 1; i >= 0; i--) pending.Push((root.Properties[i].Name, root.Properties[i].NameSpan.Start, root.Properties[i].Value));
            while (pending.Count > 0)
            {
                var (key, offset, value) = pending.Pop();
                switch (value)
                {
                    case JsonObject obj when obj.Properties.Count == 0:
                        keys.Add(key); // the provider stores an empty object as a null value, without looking for a duplicate
                        break;
                    case JsonObject obj:
                        for (var i = obj.Properties.Count - 1; i >= 0; i--) pending.Push((key + ":" + obj.Properties[i].Name, obj.Properties[i].NameSpan.Start, obj.Properties[i].Value));
                        break;
                    case JsonArray array:
                        for (var i = array.Items.Count - 1; i >= 0; i--) pending.Push((key + ":" + i.ToString(CultureInfo.InvariantCulture), array.Items[i].Span.Start, array.Items[i]));
                        break;
                    default:
                        if (!keys.Add(key)) return (key, offset);
                        break;
                }
            }

            return null;
        }

        private static string Shorten(string s) => s.Length <= 60 ? s : s.Substring(0, 60) + "...";

        private static string Shown(char c) =>
            c < ' ' || c == '\u007F' || (c > '\u007F' && (char.IsWhiteSpace(c) || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format))
                ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture)
                : c.ToString();

        private sealed class Stop : Exception
        {
            public Stop(string message, int offset)
                : base(message) => Offset = offset;

            public int Offset { get; }
        }

        /// <summary>
        /// RFC 8259 JSON plus what <see cref="JsonDialect"/> allows. It stops at the first thing the host would refuse
        /// (by throwing <see cref="Stop"/>, caught in <see cref="Parse"/>); its recursion is bounded by the dialect's depth.
        /// </summary>
        private sealed class Reader
        {
            private readonly string _text;
            private readonly JsonDialect _dialect;
            private int _pos;

            public Reader(string text, JsonDialect dialect)
            {
                _text = text;
                _dialect = dialect;
            }

            public JsonObject ReadDocument()
            {
                // A byte order mark left in decoded text is not a character of the document.
                if (_text.Length > 0 && _text[0] == '\uFEFF') _pos = 1;
                SkipTrivia();
                if (_pos >= _text.Length) throw new Stop($"the file is empty; {_dialect.Host} expects a JSON object", _pos);
                var root = ReadValue(0);
                SkipTrivia();
                if (_pos < _text.Length) throw new Stop("text after the end of the document", _pos);

                // As the hosts do: the text is read as JSON first, then refused when it is not an object.
                return root as JsonObject ?? throw new Stop($"the top-level value must be an object, as {_dialect.Host} requires", root.Span.Start);
            }

            private JsonValue ReadValue(int depth)
            {
                if (_pos >= _text.Length) throw new Stop("the file ends where a value was expected", _pos);
                var c = _text[_pos];
                switch (c)
                {
                    case '{': return ReadObject(depth + 1);
                    case '[': return ReadArray(depth + 1);
                    case '"':
                        var start = _pos;
                        var value = ReadString();
                        return new JsonLiteral(TextSpan.FromBounds(start, _pos), JsonLiteralKind.String, value);
                    case '\'': throw new Stop("''' where a value was expected (JSON strings take double quotes)", _pos);
                }

                if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
                if (char.IsLetter(c)) return ReadWord();
                throw new Stop($"'{Shown(c)}' where a value was expected", _pos);
            }

            private JsonObject ReadObject(int depth)
            {
                if (depth > _dialect.MaxDepth) throw TooDeep();
                var start = _pos++;
                var properties = new List<JsonProperty>();
                SkipTrivia();
                if (_pos < _text.Length && _text[_pos] == '}')
                {
                    _pos++;
                    return new JsonObject(TextSpan.FromBounds(start, _pos), properties);
                }

                while (true)
                {
                    if (_pos >= _text.Length) throw new Stop("an object that never closes", start);
                    if (_text[_pos] != '"') throw new Stop($"'{Shown(_text[_pos])}' where a property name in double quotes was expected", _pos);
                    var nameStart = _pos;
                    var name = ReadString();
                    var nameSpan = TextSpan.FromBounds(nameStart, _pos);
                    SkipTrivia();
                    if (_pos >= _text.Length || _text[_pos] != ':') throw new Stop($"no ':' after the property name \"{Shorten(name)}\"", _pos);
                    _pos++;
                    SkipTrivia();
                    properties.Add(new JsonProperty(name, nameSpan, ReadValue(depth)));
                    SkipTrivia();
                    if (_pos >= _text.Length) throw new Stop("an object that never closes", start);
                    var c = _text[_pos];
                    if (c == '}') break;
                    if (c != ',') throw new Stop($"'{Shown(c)}' where ',' or '}}' was expected", _pos);
                    if (AfterComma('}')) break;
                }

                _pos++;
                return new JsonObject(TextSpan.FromBounds(start, _pos), properties);
            }

            private JsonArray ReadArray(int depth)
            {
                if (depth > _dialect.MaxDepth) throw TooDeep();
                var start = _pos++;
                var items = new List<JsonValue>();
                SkipTrivia();
                if (_pos < _text.Length && _text[_pos] == ']')
                {
                    _pos++;
                    return new JsonArray(TextSpan.FromBounds(start, _pos), items);
                }

                while (true)
                {
                    if (_pos >= _text.Length) throw new Stop("an array that never closes", start);
                    items.Add(ReadValue(depth));
                    SkipTrivia();
                    if (_pos >= _text.Length) throw new Stop("an array that never closes", start);
                    var c = _text[_pos];
                    if (c == ']') break;
                    if (c != ',') throw new Stop($"'{Shown(c)}' where ',' or ']' was expected", _pos);
                    if (AfterComma(']')) break;
                }

                _pos++;
                return new JsonArray(TextSpan.FromBounds(start, _pos), items);
            }

            /// <summary>Steps over a comma; true when <paramref name="close"/> follows it (a trailing comma the dialect accepts).</summary>
            private bool AfterComma(char close)
            {
                var comma = _pos++;
                SkipTrivia();
                if (_pos >= _text.Length || _text[_pos] != close) return false;
                if (!_dialect.AllowTrailingCommas) throw new Stop($"a comma before '{close}', which {_dialect.Host} does not accept", comma);
                return true;
            }

            private Stop TooDeep() =>
                new Stop($"values nested deeper than {_dialect.MaxDepth} levels" + (_dialect.DepthIsHostLimit ? ", the host's limit" : ""), _pos);

            /// <summary>A string from its opening quote; its unescaped value.</summary>
            private string ReadString()
            {
                var start = _pos++;
                var value = new StringBuilder();
                while (true)
                {
                    if (_pos >= _text.Length) throw new Stop("a string that never ends", start);
                    var c = _text[_pos];
                    if (c == '"') break;
                    if (c == '\r' || c == '\n') throw new Stop("a string that never ends on its line", start);
                    if (c < ' ' && !_dialect.AllowControlCharactersInStrings)
                    {
                        throw new Stop($"the control character '{Shown(c)}' written as is in a string, which {_dialect.Host} refuses (write it escaped)", _pos);
                    }

                    if (c != '\\')
                    {
                        value.Append(c);
                        _pos++;
                        continue;
                    }

                    if (_pos + 1 >= _text.Length) throw new Stop("a string that never ends", start);
                    var escaped = _text[_pos + 1];
                    switch (escaped)
                    {
                        case '"': value.Append('"'); break;
                        case '\\': value.Append('\\'); break;
                        case '/': value.Append('/'); break;
                        case 'b': value.Append('\b'); break;
                        case 'f': value.Append('\f'); break;
                        case 'n': value.Append('\n'); break;
                        case 'r': value.Append('\r'); break;
                        case 't': value.Append('\t'); break;
                        case 'u':
                            var code = 0;
                            for (var i = _pos + 2; i < _pos + 6; i++)
                            {
                                var digit = i < _text.Length ? HexValue(_text[i]) : -1;
                                if (digit < 0) throw new Stop("'\\u' without four hexadecimal digits", _pos);
                                code = (code * 16) + digit;
                            }

                            value.Append((char)code);
                            _pos += 4;
                            break;
                        default:
                            throw new Stop($"the escape '\\{Shown(escaped)}', which JSON does not have", _pos);
                    }

                    _pos += 2;
                }

                _pos++;
                return value.ToString();
            }

            private static int HexValue(char c) =>
                c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

            /// <summary>
            /// A number as RFC 8259 writes it, kept as written. Leading zeros, a bare '.', hexadecimal, NaN and Infinity
            /// are refused: System.Text.Json and Go's encoding/json refuse them, and no real template needs them.
            /// </summary>
            private JsonLiteral ReadNumber()
            {
                var start = _pos;
                if (_text[_pos] == '-') _pos++;
                var valid = Digits() is var integer && integer > 0 && !(integer > 1 && _text[_pos - integer] == '0');
                if (valid && _pos < _text.Length && _text[_pos] == '.')
                {
                    _pos++;
                    valid = Digits() > 0;
                }

                if (valid && _pos < _text.Length && (_text[_pos] == 'e' || _text[_pos] == 'E'))
                {
                    _pos++;
                    if (_pos < _text.Length && (_text[_pos] == '+' || _text[_pos] == '-')) _pos++;
                    valid = Digits() > 0;
                }

                if (valid && (_pos >= _text.Length || !IsWordChar(_text[_pos])))
                {
                    return new JsonLiteral(TextSpan.FromBounds(start, _pos), JsonLiteralKind.Number, _text.Substring(start, _pos - start));
                }

                _pos = start;
                while (_pos < _text.Length && IsWordChar(_text[_pos])) _pos++;
                throw new Stop($"'{Shorten(_text.Substring(start, _pos - start))}', which is not a JSON number", start);
            }

            private int Digits()
            {
                var start = _pos;
                while (_pos < _text.Length && _text[_pos] >= '0' && _text[_pos] <= '9') _pos++;
                return _pos - start;
            }

            private JsonLiteral ReadWord()
            {
                var start = _pos;
                while (_pos < _text.Length && IsWordChar(_text[_pos])) _pos++;
                var span = TextSpan.FromBounds(start, _pos);
                var word = _text.Substring(start, _pos - start);
                switch (word)
                {
                    case "true": return new JsonLiteral(span, JsonLiteralKind.True, bool.TrueString);
                    case "false": return new JsonLiteral(span, JsonLiteralKind.False, bool.FalseString);
                    case "null": return new JsonLiteral(span, JsonLiteralKind.Null, "");
                }

                throw new Stop($"'{Shorten(word)}' is not a JSON value (strings need double quotes; true, false and null are lower case)", start);
            }

            private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '+' || c == '.';

            /// <summary>White space, and comments where the dialect allows them (skipped as System.Text.Json's JsonCommentHandling.Skip does).</summary>
            private void SkipTrivia()
            {
                while (_pos < _text.Length)
                {
                    var c = _text[_pos];
                    if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                    {
                        _pos++;
                        continue;
                    }

                    if (c != '/' || _pos + 1 >= _text.Length || (_text[_pos + 1] != '/' && _text[_pos + 1] != '*')) return;
                    if (!_dialect.AllowComments) throw new Stop($"a comment, which {_dialect.Host} does not accept in JSON", _pos);
                    if (_text[_pos + 1] == '/')
                    {
                        while (_pos < _text.Length && _text[_pos] != '\n' && _text[_pos] != '\r') _pos++;
                        continue;
                    }

                    var end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                    if (end < 0) throw new Stop("a comment that never ends", _pos);
                    _pos = end + 2;
                }
            }
        }
    }
}
