namespace CmsHazards.Cli.Evaluation;

/// <summary>
/// Evaluates the MSBuild conditions that declare hosts per build configuration, without MSBuild:
/// string comparisons (<c>==</c>, <c>!=</c>) of quoted text with <c>$(Property)</c> references, combined with
/// <c>and</c>, <c>or</c>, <c>!</c> and parentheses, as in
/// <c>'$(Configuration)|$(Platform)' == 'Release|AnyCPU'</c>. Anything else (<c>Exists(...)</c>, property
/// functions, numeric comparisons) is not understood: the answer is then null, never a guess.
/// </summary>
internal static class MsBuildCondition
{
    /// <param name="lookup">A property's value, or null when the value cannot be known without MSBuild.</param>
    public static bool? Evaluate(string condition, Func<string, string?> lookup)
    {
        var tokens = Tokenize(condition);
        if (tokens is null) return null;
        var parser = new Parser(tokens, lookup);
        var result = parser.Or();
        return parser.AtEnd ? result : null;
    }

    /// <summary>
    /// Replaces each <c>$(Name)</c> with its value. Null when the text holds what only MSBuild can evaluate:
    /// property functions, item lists, metadata, or a property whose value is not known.
    /// </summary>
    public static string? Expand(string text, Func<string, string?> lookup)
    {
        if (text.Contains("$([", StringComparison.Ordinal) || text.Contains("@(", StringComparison.Ordinal) || text.Contains("%(", StringComparison.Ordinal)) return null;
        var result = new System.Text.StringBuilder();
        var index = 0;
        while (index < text.Length)
        {
            var start = text.IndexOf("$(", index, StringComparison.Ordinal);
            if (start < 0)
            {
                result.Append(text, index, text.Length - index);
                break;
            }

            var end = text.IndexOf(')', start);
            if (end < 0) return null;
            var name = text.Substring(start + 2, end - start - 2).Trim();

            // $(Configuration.ToLower()) and the like are property functions: only MSBuild can say what they give.
            if (name.Length == 0 || !name.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '-')) return null;
            var value = lookup(name);
            if (value is null) return null;
            result.Append(text, index, start - index).Append(value);
            index = end + 1;
        }

        return result.ToString();
    }

    private enum Kind
    {
        Text,
        Word,
        Equal,
        NotEqual,
        Not,
        Open,
        Close,
    }

    private readonly record struct Token(Kind Kind, string Value);

    private static List<Token>? Tokenize(string condition)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < condition.Length)
        {
            var c = condition[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '\'')
            {
                var end = condition.IndexOf('\'', i + 1);
                if (end < 0) return null;
                tokens.Add(new Token(Kind.Text, condition.Substring(i + 1, end - i - 1)));
                i = end + 1;
            }
            else if (c == '=' && At(condition, i + 1, '='))
            {
                tokens.Add(new Token(Kind.Equal, "=="));
                i += 2;
            }
            else if (c == '!' && At(condition, i + 1, '='))
            {
                tokens.Add(new Token(Kind.NotEqual, "!="));
                i += 2;
            }
            else if (c == '!')
            {
                tokens.Add(new Token(Kind.Not, "!"));
                i++;
            }
            else if (c == '(' || c == ')')
            {
                tokens.Add(new Token(c == '(' ? Kind.Open : Kind.Close, c.ToString()));
                i++;
            }
            else if (c == '$' && At(condition, i + 1, '('))
            {
                // An unquoted property reference: $(Name) stands for its value. A property function inside it
                // ends at a later ')' than the first; Expand refuses the cut-off name, so nothing is guessed.
                var end = condition.IndexOf(')', i);
                if (end < 0) return null;
                tokens.Add(new Token(Kind.Text, condition.Substring(i, end - i + 1)));
                i = end + 1;
            }
            else if (char.IsLetterOrDigit(c) || c == '.' || c == '_')
            {
                var start = i;
                while (i < condition.Length && (char.IsLetterOrDigit(condition[i]) || condition[i] == '.' || condition[i] == '_')) i++;
                tokens.Add(new Token(Kind.Word, condition.Substring(start, i - start)));
            }
            else
            {
                // <, >, <=, >= compare numbers; function calls and the rest are for MSBuild alone.
                return null;
            }
        }

        return tokens;
    }

    private static bool At(string text, int index, char c) => index < text.Length && text[index] == c;

    private sealed class Parser
    {
        private readonly List<Token> _tokens;
        private readonly Func<string, string?> _lookup;
        private int _next;

        public Parser(List<Token> tokens, Func<string, string?> lookup)
        {
            _tokens = tokens;
            _lookup = lookup;
        }

        public bool AtEnd => _next == _tokens.Count;

        public bool? Or()
        {
            var left = And();
            while (left is not null && IsWord("or"))
            {
                _next++;
                var right = And();
                left = right is null ? null : left.Value || right.Value;
            }

            return left;
        }

        private bool? And()
        {
            var left = Unary();
            while (left is not null && IsWord("and"))
            {
                _next++;
                var right = Unary();
                left = right is null ? null : left.Value && right.Value;
            }

            return left;
        }

        private bool? Unary()
        {
            if (AtEnd) return null;
            var token = _tokens[_next];
            if (token.Kind == Kind.Not)
            {
                _next++;
                return !Unary();
            }

            if (token.Kind == Kind.Open)
            {
                _next++;
                var inner = Or();
                if (inner is null || AtEnd || _tokens[_next].Kind != Kind.Close) return null;
                _next++;
                return inner;
            }

            var left = Operand();
            if (left is null) return null;
            if (AtEnd || (_tokens[_next].Kind != Kind.Equal && _tokens[_next].Kind != Kind.NotEqual))
            {
                // A lone operand is a boolean: 'true' or 'false' (MSBuild also takes on/off and yes/no).
                return Boolean(left);
            }

            var equal = _tokens[_next++].Kind == Kind.Equal;
            var right = Operand();
            if (right is null) return null;

            // MSBuild compares strings without regard to case.
            var same = string.Equals(left, right, StringComparison.OrdinalIgnoreCase);
            return equal ? same : !same;
        }

        private string? Operand()
        {
            if (AtEnd) return null;
            var token = _tokens[_next];
            if (token.Kind == Kind.Text)
            {
                _next++;
                return Expand(token.Value, _lookup);
            }

            if (token.Kind == Kind.Word && !IsWord("and") && !IsWord("or"))
            {
                _next++;

                // A word followed by '(' is a function call, such as Exists(...).
                if (!AtEnd && _tokens[_next].Kind == Kind.Open) return null;
                return token.Value;
            }

            return null;
        }

        private bool IsWord(string word) =>
            !AtEnd && _tokens[_next].Kind == Kind.Word && string.Equals(_tokens[_next].Value, word, StringComparison.OrdinalIgnoreCase);

        private static bool? Boolean(string value) => value.ToLowerInvariant() switch
        {
            "true" or "on" or "yes" => true,
            "false" or "off" or "no" => false,
            _ => null,
        };
    }
}
