using System;

namespace CmsHazards.Text
{
    /// <summary>A range of characters in a configuration file's text: [Start, End).</summary>
    public readonly struct TextSpan : IEquatable<TextSpan>
    {
        public TextSpan(int start, int length)
        {
            if (start < 0) throw new ArgumentOutOfRangeException(nameof(start));
            if (length < 0) throw new ArgumentOutOfRangeException(nameof(length));
            Start = start;
            Length = length;
        }

        public int Start { get; }
        public int Length { get; }
        public int End => Start + Length;

        public static TextSpan FromBounds(int start, int end) => new TextSpan(start, end - start);

        public bool Equals(TextSpan other) => Start == other.Start && Length == other.Length;
        public override bool Equals(object? obj) => obj is TextSpan other && Equals(other);
        public override int GetHashCode() => unchecked(Start * 31 + Length);
        public override string ToString() => $"[{Start}..{End})";
    }

    /// <summary>A zero-based line and character, as Roslyn's LinePosition; shown one-based to people.</summary>
    public readonly struct LinePosition : IEquatable<LinePosition>
    {
        public LinePosition(int line, int character)
        {
            Line = line;
            Character = character;
        }

        public int Line { get; }
        public int Character { get; }

        public bool Equals(LinePosition other) => Line == other.Line && Character == other.Character;
        public override bool Equals(object? obj) => obj is LinePosition other && Equals(other);
        public override int GetHashCode() => unchecked(Line * 397 + Character);
        public override string ToString() => $"({Line + 1},{Character + 1})";
    }

    /// <summary>One replacement in a file's text. An insertion has an empty span.</summary>
    public sealed class TextEdit
    {
        public TextEdit(TextSpan span, string newText)
        {
            Span = span;
            NewText = newText ?? throw new ArgumentNullException(nameof(newText));
        }

        public TextSpan Span { get; }
        public string NewText { get; }

        public string ApplyTo(string text) =>
            text.Substring(0, Span.Start) + NewText + text.Substring(Span.End);
    }
}
