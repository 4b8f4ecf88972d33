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
        internal ConfigReadError(string message, LinePosition position)
        {
            Message = message;
            Position = position;
        }

        public string Message { get; }

        public LinePosition Position { get; }
    }

    /// <summary>
    /// A configuration file (web.config, a transform, an appSettings file named by configSource,
    /// packages.config) read into elements that keep their positions, so diagnostics point at the exact
    /// element and fixes replace exactly the characters they mean to.
    /// </summary>
    public sealed class ConfigFile
    {
        private ConfigFile(string path, string text, ConfigElement? root, ConfigReadError? error, LineMap lines)
        {
            Path = path;
            Text = text;
            Root = root;
            Error = error;
            Lines = lines;
        }

        public string Path { get; }

        /// <summary>The decoded text, without a byte order mark.</summary>
        public string Text { get; }

        public LineMap Lines { get; }

        /// <summary>The document element, or null when the file could not be read.</summary>
        public ConfigElement? Root { get; }

        public ConfigReadError? Error { get; }

        public string FileName => System.IO.Path.GetFileName(Path);

        /// <summary>"Web.config(12)": how a message names a place in this file.</summary>
        public string Describe(TextSpan span) => FileName + "(" + (Lines.GetPosition(span.Start).Line + 1) + ")";

        /// <summary>The same parsed file under another path: parsing depends on the text alone, so it can be shared.</summary>
        public ConfigFile WithPath(string path) => path == Path ? this : new ConfigFile(path, Text, Root, Error, Lines);

        /// <summary>
        /// Reads XML the way it is safe to read files from a repository: DTDs are prohibited and no resolver
        /// is set, so nothing is fetched and no entity is expanded. A file that is not well-formed is kept
        /// with its error and position instead of a tree; nothing is guessed from it.
        /// </summary>
        public static ConfigFile Parse(string path, string text)
        {
            if (text.Length > 0 && text[0] == '\uFEFF') text = text.Substring(1);

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
                var lines = new LineMap(text);
                return new ConfigFile(path, text, Read(text, lines, settings), null, lines);
            }
            catch (XmlException e)
            {
                var lines = new LineMap(text);
                var position = new LinePosition(Math.Max(e.LineNumber - 1, 0), Math.Max(e.LinePosition - 1, 0));
                var message = e.Message;

                // The refusal of a DTD comes without a position or a message meant for a site developer.
                var doctype = text.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
                if (e.LineNumber == 0 && doctype >= 0)
                {
                    position = lines.GetPosition(doctype);
                    message = "it has a DTD (<!DOCTYPE ...>), which is never read, so no entity is fetched or expanded.";
                }

                return new ConfigFile(path, text, null, new ConfigReadError(message, position), lines);
            }
        }

        private static ConfigElement? Read(string text, LineMap lines, XmlReaderSettings settings)
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            var info = (IXmlLineInfo)reader;
            var open = new Stack<ConfigElement>();
            ConfigElement? root = null;

            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                    {
                        // XmlReader places an element at its name, one character after '<'.
                        var nameStart = lines.GetOffset(info.LineNumber - 1, info.LinePosition - 1);
                        var tagStart = nameStart - 1;
                        var name = reader.Name;
                        var isEmpty = reader.IsEmptyElement;
                        var attributes = new List<ConfigAttribute>(reader.AttributeCount);
                        var scan = nameStart + name.Length;

                        while (reader.MoveToNextAttribute())
                        {
                            var attributeStart = lines.GetOffset(info.LineNumber - 1, info.LinePosition - 1);
                            var valueSpan = FindAttributeValue(text, attributeStart + reader.Name.Length);
                            attributes.Add(new ConfigAttribute(
                                reader.Name,
                                reader.Value,
                                new TextSpan(attributeStart, reader.Name.Length),
                                valueSpan));
                            scan = Math.Max(scan, valueSpan.End + 1);
                        }

                        reader.MoveToElement();
                        var tagEnd = text.IndexOf('>', scan) + 1;
                        var parent = open.Count > 0 ? open.Peek() : null;
                        var element = new ConfigElement(parent, name, attributes, TextSpan.FromBounds(tagStart, tagEnd), isEmpty);
                        if (parent is null) root = element;
                        else parent.Add(element);
                        if (!isEmpty) open.Push(element);
                        break;
                    }

                    case XmlNodeType.EndElement:
                    {
                        // XmlReader places an end tag at its name, two characters after "</".
                        var nameStart = lines.GetOffset(info.LineNumber - 1, info.LinePosition - 1);
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
