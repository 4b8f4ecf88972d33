using System.Collections.Generic;
using System.Globalization;
using System.Text;
using CmsHazards.Text;

namespace CmsHazards.Json
{
    /// <summary>
    /// Reads JSON as the files CmsHazards meets are written: appsettings.json (Microsoft.Extensions.Configuration.Json
    /// accepts // and /* */ comments and trailing commas) and ARM templates (Azure Resource Manager accepts comments
    /// too). A text that is not JSON gives an error with the offset where reading stopped; nothing throws and nothing
    /// is guessed.
    /// </summary>
    public sealed class JsonText
    {
        /// <summary>
        /// How deeply values may nest. Real templates and settings files stay below 30 levels; the limit keeps a
        /// hostile file from exhausting the stack of the compiler that hosts the analyzer.
        /// </summary>
        public const int MaxDepth = 128;

        private readonly string _text;
        private int _pos;

        private JsonText(string text) => _text = text;

        public JsonNode? Root { get; private set; }

        public JsonReadError? Error { get; private set; }

        public static JsonText Parse(string text)
        {
            var reader = new JsonText(text);
            try
            {
                // A byte order mark left in decoded text is not a character of the document.
                if (text.Length > 0 && text[0] == '\uFEFF') reader._pos = 1;
                reader.SkipTrivia();
                var root = reader.ReadValue(0);
                reader.SkipTrivia();
                if (reader._pos < text.Length) throw new Stop("text after the end of the document", reader._pos);
                reader.Root = root;
            }
            catch (Stop stop)
            {
                reader.Error = new JsonReadError(stop.Message, stop.Offset);
            }

            return reader;
        }

        private JsonNode ReadValue(int depth)
        {
            if (_pos >= _text.Length) throw new Stop("the document ends where a value was expected", _pos);
            var c = _text[_pos];
            switch (c)
            {
                case '{': return ReadObject(depth + 1);
                case '[': return ReadArray(depth + 1);
                case '"': return ReadString();
                case 't': return ReadWord("true", JsonKind.True);
                case 'f': return ReadWord("false", JsonKind.False);
                case 'n': return ReadWord("null", JsonKind.Null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return ReadNumber();
                    throw new Stop($"'{Shown(c)}' where a value was expected", _pos);
            }
        }

        private JsonNode ReadObject(int depth)
        {
            if (depth > MaxDepth) throw new Stop($"values nested deeper than {MaxDepth} levels", _pos);
            var start = _pos++;
            var members = new List<JsonMember>();
            SkipTrivia();
            while (true)
            {
                if (_pos >= _text.Length) throw new Stop("an object that never closes", start);
                if (_text[_pos] == '}') break;
                if (_text[_pos] != '"') throw new Stop($"'{Shown(_text[_pos])}' where a property name in double quotes was expected", _pos);
                var nameStart = _pos;
                var name = ReadString().StringValue!;
                var nameSpan = TextSpan.FromBounds(nameStart, _pos);
                SkipTrivia();
                if (_pos >= _text.Length || _text[_pos] != ':') throw new Stop($"no ':' after the property name \"{Shorten(name)}\"", _pos);
                _pos++;
                SkipTrivia();
                members.Add(new JsonMember(name, nameSpan, ReadValue(depth)));
                SkipTrivia();
                if (_pos < _text.Length && _text[_pos] == ',')
                {
                    _pos++;
                    SkipTrivia();
                    continue;
                }

                if (_pos < _text.Length && _text[_pos] == '}') break;
                if (_pos >= _text.Length) throw new Stop("an object that never closes", start);
                throw new Stop($"'{Shown(_text[_pos])}' where ',' or '}}' was expected", _pos);
            }

            _pos++;
            return new JsonNode(JsonKind.Object, TextSpan.FromBounds(start, _pos), members: members);
        }

        private JsonNode ReadArray(int depth)
        {
            if (depth > MaxDepth) throw new Stop($"values nested deeper than {MaxDepth} levels", _pos);
            var start = _pos++;
            var items = new List<JsonNode>();
            SkipTrivia();
            while (true)
            {
                if (_pos >= _text.Length) throw new Stop("an array that never closes", start);
                if (_text[_pos] == ']') break;
                items.Add(ReadValue(depth));
                SkipTrivia();
                if (_pos < _text.Length && _text[_pos] == ',')
                {
                    _pos++;
                    SkipTrivia();
                    continue;
                }

                if (_pos < _text.Length && _text[_pos] == ']') break;
                if (_pos >= _text.Length) throw new Stop("an array that never closes", start);
                throw new Stop($"'{Shown(_text[_pos])}' where ',' or ']' was expected", _pos);
            }

            _pos++;
            return new JsonNode(JsonKind.Array, TextSpan.FromBounds(start, _pos), items: items);
        }

        private JsonNode ReadString()
        {
            var start = _pos++;
            var value = new StringBuilder();
            while (true)
            {
                if (_pos >= _text.Length) throw new Stop("a string that never ends", start);
                var c = _text[_pos];
                if (c == '"') break;
                if (c == '\r' || c == '\n') throw new Stop("a string that never ends on its line", start);
                if (c == '\\')
                {
                    if (_pos + 1 >= _text.Length) throw new Stop("a string that never ends", start);
                    var e = _text[_pos + 1];
                    _pos += 2;
                    switch (e)
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
                            if (_pos + 4 > _text.Length || !int.TryParse(_text.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                            {
                                throw new Stop("'\\u' without four hexadecimal digits", _pos - 2);
                            }

                            value.Append((char)code);
                            _pos += 4;
                            break;
                        default: throw new Stop($"the escape '\\{Shown(e)}', which JSON does not have", _pos - 2);
                    }

                    continue;
                }

                value.Append(c);
                _pos++;
            }

            _pos++;
            return new JsonNode(JsonKind.String, TextSpan.FromBounds(start, _pos), value.ToString());
        }

        private JsonNode ReadWord(string word, JsonKind kind)
        {
            if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0 || (_pos + word.Length < _text.Length && char.IsLetterOrDigit(_text[_pos + word.Length])))
            {
                throw new Stop($"'{Shown(_text[_pos])}' where a value was expected", _pos);
            }

            var start = _pos;
            _pos += word.Length;
            return new JsonNode(kind, new TextSpan(start, word.Length));
        }

        private JsonNode ReadNumber()
        {
            var start = _pos;
            if (_text[_pos] == '-') _pos++;
            while (_pos < _text.Length && (char.IsDigit(_text[_pos]) || _text[_pos] == '.' || _text[_pos] == 'e' || _text[_pos] == 'E' || _text[_pos] == '+' || _text[_pos] == '-')) _pos++;
            var number = _text.Substring(start, _pos - start);
            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) throw new Stop($"'{Shorten(number)}', which is not a number", start);
            return new JsonNode(JsonKind.Number, TextSpan.FromBounds(start, _pos), number);
        }

        private void SkipTrivia()
        {
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') { _pos++; continue; }
                if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '/')
                {
                    while (_pos < _text.Length && _text[_pos] != '\n' && _text[_pos] != '\r') _pos++;
                    continue;
                }

                if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '*')
                {
                    var end = _text.IndexOf("*/", _pos + 2, System.StringComparison.Ordinal);
                    if (end < 0) throw new Stop("a comment that never ends", _pos);
                    _pos = end + 2;
                    continue;
                }

                break;
            }
        }

        private static string Shown(char c) => char.IsControl(c) ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString();

        private static string Shorten(string s) => s.Length <= 40 ? s : s.Substring(0, 40) + "...";

        private sealed class Stop : System.Exception
        {
            public Stop(string message, int offset)
                : base(message) => Offset = offset;

            public int Offset { get; }
        }
    }
}
