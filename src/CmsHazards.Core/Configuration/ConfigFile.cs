using System;
using System.Collections.Generic;
using System.IO;
using System.Xml;
using CmsHazards.Text;

namespace CmsHazards.Configuration
{
    /// <summary>Why a configuration file could not be read, and where.</summary>
    public sealed class ConfigReadError
    {
        internal ConfigReadError(string message, LinePosition position, bool hasPosition = true)
        {
            Message = message;
            Position = position;
            HasPosition = hasPosition;
        }

        public string Message { get; }

        public LinePosition Position { get; }

        /// <summary>False when the file was not read at all (too large), so no line or column applies.</summary>
        public bool HasPosition { get; }
    }

    /// <summary>
    /// A configuration file (web.config, a transform, an appSettings file named by configSource,
    /// packages.config) read into elements that keep their positions, so diagnostics point at the exact
    /// element and fixes replace exactly the characters they mean to.
    /// </summary>
    public sealed class ConfigFile
    {
        private ConfigFile(string path, string text, LineMap lines)
        {
            Path = path;
            Text = text;
            Lines = lines;
        }

        /// <summary>
        /// The longest configuration file CmsHazards reads, in characters. IIS refuses a web.config over 250 KB
        /// unless MaxWebConfigFileSizeInKB is raised, so 4 MB leaves room for any real site while keeping the
        /// memory of a build bounded when a repository holds something else under that name.
        /// </summary>
        public const int MaxLength = 4 * 1024 * 1024;

        /// <summary>How deeply elements may nest; real configuration files stay below 20 levels.</summary>
        public const int MaxDepth = 256;

        public string Path { get; }

        /// <summary>The text the positions refer to.</summary>
        public string Text { get; }

        public LineMap Lines { get; }

        /// <summary>The document element, or null when the file could not be read.</summary>
        public ConfigElement? Root { get; private set; }

        public ConfigReadError? Error { get; private set; }

        public string FileName => System.IO.Path.GetFileName(Path);

        /// <summary>"Web.config(12)": how a message names a place in this file.</summary>
        public string Describe(TextSpan span) => FileName + "(" + (Lines.GetPosition(span.Start).Line + 1) + ")";

        /// <summary>
        /// The same file under another path. Parsing depends on the text alone, so a parse cached per text
        /// can serve a second path; the tree is copied, which costs about half as much as reading the XML
        /// again (docs/performance.md), so a cache keeps the parse made under the path it is read with.
        /// </summary>
        public ConfigFile WithPath(string path)
        {
            if (path == Path) return this;
            var copy = new ConfigFile(path, Text, Lines) { Error = Error };
            copy.Root = Root?.CopyTo(copy, null);
            return copy;
        }

        /// <summary>
        /// Reads XML the way it is safe to read files from a repository: DTDs are prohibited and no resolver
        /// is set, so nothing is fetched and no entity is expanded. A file that is not well-formed is kept
        /// with its error and position instead of a tree; nothing is guessed from it.
        /// </summary>
        public static ConfigFile Parse(string path, string text)
        {
            if (text.Length > MaxLength) return TooLarge(path, text.Length);

            var file = new ConfigFile(path, text, new LineMap(text));

            // A decoded text normally has no byte order mark; if one is left, the reader skips it and its
            // columns on the first line are one short of ours.
            var bom = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
                IgnoreWhitespace = true,
                CloseInput = true,
            };

            try
            {
                file.Root = file.Read(bom == 0 ? text : text.Substring(bom), bom, settings);
            }
            catch (XmlException e)
            {
                var position = new LinePosition(Math.Max(e.LineNumber - 1, 0), Math.Max(e.LinePosition - 1, 0) + (e.LineNumber <= 1 ? bom : 0));
                var message = e.Message;

                // The refusal of a DTD comes without a position or a message meant for a site developer.
                var doctype = text.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
                if (e.LineNumber == 0 && doctype >= 0)
                {
                    position = file.Lines.GetPosition(doctype);
                    message = "it has a DTD (<!DOCTYPE ...>), which is never read, so no entity is fetched or expanded.";
                }

                file.Root = null;
                file.Error = new ConfigReadError(message, position);
            }

            return file;
        }

        /// <summary>A file too large to read, kept with a message that says so; its text is never loaded.</summary>
        public static ConfigFile TooLarge(string path, long length) =>
            new ConfigFile(path, "", new LineMap(""))
            {
                Error = new ConfigReadError(
                    $"it is {length / (1024 * 1024.0):0.#} MB, larger than the {MaxLength / (1024 * 1024)} MB CmsHazards reads (IIS itself refuses a web.config over 250 KB unless MaxWebConfigFileSizeInKB is raised).",
                    new LinePosition(0, 0),
                    hasPosition: false),
            };

        private ConfigElement? Read(string xml, int bom, XmlReaderSettings settings)
        {
            var text = Text;
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            var info = (IXmlLineInfo)reader;
            var open = new Stack<ConfigElement>();
            ConfigElement? root = null;

            // XmlReader positions are one-based and count from the start of the reader's input.
            int Offset() => Lines.GetOffset(info.LineNumber - 1, info.LinePosition - 1 + (info.LineNumber == 1 ? bom : 0));

            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                    {
                        // XmlReader places an element at its name, one character after '<'.
                        var nameStart = Offset();
                        var tagStart = nameStart - 1;
                        var name = reader.Name;
                        var isEmpty = reader.IsEmptyElement;
                        var attributes = new List<ConfigAttribute>(reader.AttributeCount);
                        var scan = nameStart + name.Length;

                        while (reader.MoveToNextAttribute())
                        {
                            var attributeStart = Offset();
                            var valueSpan = FindAttributeValue(text, attributeStart + reader.Name.Length);
                            attributes.Add(new ConfigAttribute(
                                this,
                                reader.Name,
                                reader.Value,
                                new TextSpan(attributeStart, reader.Name.Length),
                                valueSpan));
                            scan = Math.Max(scan, valueSpan.End + 1);
                        }

                        reader.MoveToElement();
                        var tagEnd = text.IndexOf('>', scan) + 1;
                        var parent = open.Count > 0 ? open.Peek() : null;
                        var element = new ConfigElement(this, parent, name, attributes, TextSpan.FromBounds(tagStart, tagEnd), isEmpty);
                        if (parent is null) root = element;
                        else parent.Add(element);
                        if (!isEmpty) open.Push(element);
                        if (open.Count > MaxDepth)
                        {
                            throw new XmlException($"elements nest more than {MaxDepth} levels deep, which no configuration file does.", null, info.LineNumber, info.LinePosition);
                        }

                        break;
                    }

                    case XmlNodeType.EndElement:
                    {
                        // XmlReader places an end tag at its name, two characters after "</".
                        var nameStart = Offset();
                        var tagEnd = text.IndexOf('>', nameStart) + 1;
                        open.Pop().EndTag = TextSpan.FromBounds(nameStart - 2, tagEnd);
                        break;
                    }
                }
            }

            return root;
        }

        // From just after an attribute's name: optional white space, '=', optional white space, a quote.
        private static TextSpan FindAttributeValue(string text, int index)
        {
            while (text[index] != '\'' && text[index] != '"') index++;
            var quote = text[index];
            var end = text.IndexOf(quote, index + 1);
            return TextSpan.FromBounds(index + 1, end);
        }
    }
}
