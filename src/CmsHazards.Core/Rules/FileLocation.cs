using CmsHazards.Configuration;
using CmsHazards.Text;

namespace CmsHazards.Rules
{
    /// <summary>A place in a file that a finding points at: any text file, XML, JSON, Bicep or C#.</summary>
    public sealed class FileLocation
    {
        public FileLocation(string path, TextSpan span, LinePosition start, LinePosition end)
        {
            Path = path;
            Span = span;
            Start = start;
            End = end;
        }

        public static FileLocation In(ConfigFile file, TextSpan span) =>
            new FileLocation(file.Path, span, file.Lines.GetPosition(span.Start), file.Lines.GetPosition(span.End));

        /// <summary>Where an element's name is: what a diagnostic about the element underlines.</summary>
        public static FileLocation Of(ConfigElement element) => In(element.File, element.NameSpan);

        /// <summary>Where an attribute's name is: for an attribute a transform set, in the transform file.</summary>
        public static FileLocation Of(ConfigAttribute attribute) => In(attribute.File, attribute.NameSpan);

        public string Path { get; }

        public string FileName => System.IO.Path.GetFileName(Path);

        public TextSpan Span { get; }

        public LinePosition Start { get; }

        public LinePosition End { get; }

        /// <summary>"Startup.cs(12)": how a message names a place, as <c>ConfigElement.Describe()</c> does in web.config.</summary>
        public string Describe() => FileName + "(" + (Start.Line + 1) + ")";

        public override string ToString() => FileName + Start;
    }
}
