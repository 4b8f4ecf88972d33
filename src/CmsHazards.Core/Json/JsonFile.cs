using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using CmsHazards.Text;

namespace CmsHazards.Json
{
    /// <summary>A JSON value with the characters it was written as.</summary>
    public abstract class JsonValue
    {
        protected JsonValue(TextSpan span) => Span = span;

        /// <summary>From the first character of the value to the last (a string's quotes included).</summary>
        public TextSpan Span { get; }
    }

    /// <summary>A JSON object; its properties in the order they are written.</summary>
    public sealed class JsonObject : JsonValue
    {
        internal JsonObject(TextSpan span, IReadOnlyList<JsonProperty> properties)
            : base(span) => Properties = properties;

        public IReadOnlyList<JsonProperty> Properties { get; }

        /// <summary>
        /// The properties named <paramref name="name"/> without regard to case, as Microsoft.Extensions.Configuration
        /// matches keys (its JSON provider refuses a file in which two keys differ only in case).
        /// </summary>
        public IEnumerable<JsonProperty> Named(string name)
        {
            foreach (var property in Properties)
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) yield return property;
            }
        }
    }

    public sealed class JsonArray : JsonValue
    {
        internal JsonArray(TextSpan span, IReadOnlyList<JsonValue> items)
            : base(span) => Items = items;

        public IReadOnlyList<JsonValue> Items { get; }
    }

    public enum JsonLiteralKind
    {
        String,
        Number,
        True,
        False,
        Null,
    }

    /// <summary>A string, number, true, false or null.</summary>
    public sealed class JsonLiteral : JsonValue
    {
        internal JsonLiteral(TextSpan span, JsonLiteralKind kind, string value)
            : base(span)
        {
            Kind = kind;
            Value = value;
        }

        public JsonLiteralKind Kind { get; }

        /// <summary>
        /// The value as configuration holds it: a string unescaped, <c>true</c>/<c>false</c> as "True"/"False"
        /// (System.Text.Json's GetRawText would say "true"; the configuration provider stores bool.ToString()),
        /// a number as written, null as the empty string.
        /// </summary>
        public string Value { get; }
    }

    /// <summary>One <c>"name": value</c> member of an object.</summary>
    public sealed class JsonProperty
    {
        internal JsonProperty(string name, TextSpan nameSpan, JsonValue value)
        {
            Name = name;
            NameSpan = nameSpan;
            Value = value;
        }

        public string Name { get; }

        /// <summary>The name with its quotes.</summary>
        public TextSpan NameSpan { get; }

        public JsonValue Value { get; }
    }

    /// <summary>
    /// An appsettings.json file read the way the ASP.NET Core host reads it (Microsoft.Extensions.Configuration.Json:
    /// System.Text.Json with comments skipped and trailing commas allowed, keys without case, a duplicate key an
    /// error), with the position of every name and value so that diagnostics point at them and fixes replace
    /// exactly their characters. The analyzer carries this reader because it may ship no package of its own.
    /// </summary>
    /// <remarks>
    /// Limits, each reported as a read error instead of a guess: nesting deeper than System.Text.Json's default
    /// of 64; text longer than <see cref="MaxLength"/>; a top-level value that is not an object (the host refuses
    /// it too). Numbers are kept as written, not checked against the JSON grammar beyond their characters.
    /// </remarks>
    public sealed class JsonFile
    {
        /// <summary>The longest file read, in characters: appsettings files are kilobytes.</summary>
        public const int MaxLength = 4 * 1024 * 1024;

        /// <summary>System.Text.Json's default maximum depth, which the host uses.</summary>
        public const int MaxDepth = 64;

        private JsonFile(string path, string text, JsonObject? root, JsonReadError? error)
        {
            Path = path;
            Text = text;
            Lines = new LineMap(text);
            Root = root;
            Error = error;
        }

        public string Path { get; }

        /// <summary>The text without a byte order mark; every span refers to it.</summary>
        public string Text { get; }

        public LineMap Lines { get; }

        /// <summary>The top-level object, or null when the file could not be read.</summary>
        public JsonObject? Root { get; }

        public JsonReadError? Error { get; }

        public string FileName => System.IO.Path.GetFileName(Path);

        public static JsonFile Parse(string path, string text)
        {
            if (text.Length > 0 && text[0] == '\uFEFF') text = text.Substring(1);
            if (text.Length > MaxLength)
            {
                return new JsonFile(path, text, null, new JsonReadError($"it is {text.Length} characters long; CmsHazards reads JSON files up to {MaxLength}", 0));
            }

            var reader = new Reader(text);
            try
            {
                reader.SkipTrivia();
                if (reader.AtEnd) throw reader.Fail("the file is empty; the host expects a JSON object");
                if (text[reader.Position] != '{') throw reader.Fail("the top-level value must be an object");
                var root = (JsonObject)reader.ReadValue(0);
                reader.SkipTrivia();
                if (!reader.AtEnd) throw reader.Fail("text follows the top-level object");
                return new JsonFile(path, text, root, null);
            }
            catch (JsonSyntaxException e)
            {
                return new JsonFile(path, text, null, new JsonReadError(e.Message, e.Offset));
            }
        }

        /// <summary>The properties along a configuration path (segments matched without case), or null where it stops.</summary>
        public JsonProperty? Find(params string[] path)
        {
            JsonObject? current = Root;
            JsonProperty? found = null;
            foreach (var segment in path)
            {
                if (current is null) return null;
                found = null;
                foreach (var property in current.Named(segment)) found = property;
                if (found is null) return null;
                current = found.Value as JsonObject;
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

        private sealed class JsonSyntaxException : Exception
        {
            public JsonSyntaxException(string message, int offset)
                : base(message) => Offset = offset;

            public int Offset { get; }
        }

        private sealed class Reader
        {
            private readonly string _text;

            public Reader(string text) => _text = text;

            public int Position { get; private set; }

            public bool AtEnd => Position >= _text.Length;

            public JsonSyntaxException Fail(string message) => new JsonSyntaxException(message, Math.Min(Position, _text.Length));

            /// <summary>White space and comments, which the host's reader skips (JsonCommentHandling.Skip).</summary>
            public void SkipTrivia()
            {
                while (!AtEnd)
                {
                    var c = _text[Position];
                    if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                    {
                        Position++;
                    }
                    else if (c == '/' && Position + 1 < _text.Length && _text[Position + 1] == '/')
                    {
                        while (!AtEnd && _text[Position] != '\n' && _text[Position] != '\r') Position++;
                    }
                    else if (c == '/' && Position + 1 < _text.Length && _text[Position + 1] == '*')
                    {
                        var end = _text.IndexOf("*/", Position + 2, StringComparison.Ordinal);
                        if (end < 0) throw Fail("a /* comment is not closed");
                        Position = end + 2;
                    }
                    else
                    {
                        return;
                    }
                }
            }

            public JsonValue ReadValue(int depth)
            {
                SkipTrivia();
                if (AtEnd) throw Fail("a value is missing at the end of the file");
                var c = _text[Position];
                switch (c)
                {
                    case '{': return ReadObject(depth + 1);
                    case '[': return ReadArray(depth + 1);
                    case '"':
                        var start = Position;
                        var value = ReadString();
                        return new JsonLiteral(TextSpan.FromBounds(start, Position), JsonLiteralKind.String, value);
                    default:
                        return ReadBareLiteral();
                }
            }

            private JsonObject ReadObject(int depth)
            {
                if (depth > MaxDepth) throw Fail($"values nest deeper than {MaxDepth} levels, the host's limit");
                var start = Position;
                Position++; // {
                var properties = new List<JsonProperty>();
                var seen = new Dictionary<string, JsonProperty>(StringComparer.OrdinalIgnoreCase);
                while (true)
                {
                    SkipTrivia();
                    if (AtEnd) throw Fail("an object is not closed");
                    if (_text[Position] == '}')
                    {
                        Position++;
                        return new JsonObject(TextSpan.FromBounds(start, Position), properties);
                    }

                    if (_text[Position] != '"') throw Fail("a property name in double quotes is expected");
                    var nameStart = Position;
                    var name = ReadString();
                    var nameSpan = TextSpan.FromBounds(nameStart, Position);
                    SkipTrivia();
                    if (AtEnd || _text[Position] != ':') throw Fail($"':' is expected after \"{name}\"");
                    Position++;
                    var value = ReadValue(depth);
                    if (seen.TryGetValue(name, out var earlier))
                    {
                        // Microsoft.Extensions.Configuration.Json throws "A duplicate key '...' was found" for these.
                        Position = nameStart;
                        throw Fail($"the key \"{name}\" appears twice in one object (keys ignore case), which the host refuses");
                    }

                    var property = new JsonProperty(name, nameSpan, value);
                    seen[name] = property;
                    properties.Add(property);
                    SkipTrivia();
                    if (AtEnd) throw Fail("an object is not closed");
                    if (_text[Position] == ',') { Position++; continue; } // a trailing comma before } is accepted
                    if (_text[Position] != '}') throw Fail("',' or '}' is expected");
                }
            }

            private JsonArray ReadArray(int depth)
            {
                if (depth > MaxDepth) throw Fail($"values nest deeper than {MaxDepth} levels, the host's limit");
                var start = Position;
                Position++; // [
                var items = new List<JsonValue>();
                while (true)
                {
                    SkipTrivia();
                    if (AtEnd) throw Fail("an array is not closed");
                    if (_text[Position] == ']')
                    {
                        Position++;
                        return new JsonArray(TextSpan.FromBounds(start, Position), items);
                    }

                    items.Add(ReadValue(depth));
                    SkipTrivia();
                    if (AtEnd) throw Fail("an array is not closed");
                    if (_text[Position] == ',') { Position++; continue; }
                    if (_text[Position] != ']') throw Fail("',' or ']' is expected");
                }
            }

            private string ReadString()
            {
                Position++; // opening quote
                var value = new StringBuilder();
                while (true)
                {
                    if (AtEnd) throw Fail("a string is not closed");
                    var c = _text[Position];
                    if (c == '"') { Position++; return value.ToString(); }
                    if (c < ' ') throw Fail("a string holds a line break or control character; write it escaped");
                    if (c != '\\') { value.Append(c); Position++; continue; }
                    if (Position + 1 >= _text.Length) throw Fail("a string is not closed");
                    var escaped = _text[Position + 1];
                    Position += 2;
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
                            if (Position + 4 > _text.Length
                                || !int.TryParse(_text.Substring(Position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                            {
                                throw Fail("\\u must be followed by four hexadecimal digits");
                            }

                            value.Append((char)code);
                            Position += 4;
                            break;
                        default:
                            Position -= 2;
                            throw Fail($"'\\{escaped}' is not a JSON escape");
                    }
                }
            }

            private JsonLiteral ReadBareLiteral()
            {
                var start = Position;
                while (!AtEnd && IsBareChar(_text[Position])) Position++;
                var word = _text.Substring(start, Position - start);
                var span = TextSpan.FromBounds(start, Position);
                switch (word)
                {
                    case "true": return new JsonLiteral(span, JsonLiteralKind.True, bool.TrueString);
                    case "false": return new JsonLiteral(span, JsonLiteralKind.False, bool.FalseString);
                    case "null": return new JsonLiteral(span, JsonLiteralKind.Null, "");
                }

                if (word.Length > 0 && (word[0] == '-' || char.IsDigit(word[0]))
                    && double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    return new JsonLiteral(span, JsonLiteralKind.Number, word);
                }

                Position = start;
                throw Fail(word.Length == 0 ? $"'{_text[start]}' cannot start a value" : $"'{word}' is not a JSON value (strings need double quotes; true, false and null are lower case)");
            }

            private static bool IsBareChar(char c) => char.IsLetterOrDigit(c) || c == '-' || c == '+' || c == '.';
        }
    }
}
