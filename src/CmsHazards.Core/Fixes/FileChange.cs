using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Configuration;
using CmsHazards.Text;

namespace CmsHazards.Fixes
{
    /// <summary>
    /// One change a fix makes to one file, as data: a kind, the file, and a few string arguments. Front ends carry it as
    /// it is (the analyzer through diagnostic properties, <see cref="FixCodec"/>) and plan it against the file's text at
    /// the moment the fix is applied. A new kind of edit is a new subclass here and a line in <see cref="Create"/>.
    /// </summary>
    public abstract class FileChange
    {
        protected FileChange(string path, params string[] arguments)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            Arguments = arguments;
        }

        /// <summary>The name of the kind of change, as carried in data ("SetAppSetting").</summary>
        public string Kind => GetType().Name;

        public string Path { get; }

        public IReadOnlyList<string> Arguments { get; }

        /// <summary>
        /// The edits that make the change in <paramref name="text"/>, the file as it is now. Empty when the file already
        /// reads as the change wants; null when it no longer holds what the change was made for (the whole fix is then
        /// not applied).
        /// </summary>
        public abstract IReadOnlyList<TextEdit>? PlanEdits(string text);

        public bool IsSameAs(FileChange other) =>
            Kind == other.Kind && SiteConfigurationFiles.SamePath(Path, other.Path) && Arguments.SequenceEqual(other.Arguments, StringComparer.Ordinal);

        /// <summary>A change from its data; null for a kind or arguments this version does not know.</summary>
        public static FileChange? Create(string kind, string path, IReadOnlyList<string> arguments)
        {
            string Arg(int i) => arguments[i];
            int Offset(int i) => int.TryParse(arguments[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1;
            return (kind, arguments.Count) switch
            {
                (nameof(SetAppSetting), 2) => new SetAppSetting(path, Arg(0), Arg(1)),
                (nameof(SetXmlAttribute), 4) when Offset(0) >= 0 => new SetXmlAttribute(path, Offset(0), Arg(1), Arg(2), Arg(3)),
                (nameof(InsertXmlElement), 3) when Offset(0) >= 0 => new InsertXmlElement(path, Offset(0), Arg(1), Arg(2)),
                (nameof(RemoveXmlElement), 3) when Offset(0) >= 0 => new RemoveXmlElement(path, Offset(0), Arg(1), Arg(2)),
                (nameof(SetJsonProperty), 2) => new SetJsonProperty(path, Arg(0), Arg(1)),
                (nameof(ReplaceText), 3) when Offset(0) >= 0 => new ReplaceText(path, Offset(0), Arg(1), Arg(2)),
                _ => null,
            };
        }

        public override string ToString() => Kind + "(" + System.IO.Path.GetFileName(Path) + ", " + string.Join(", ", Arguments) + ")";

        // The last file parsed on this thread: a fix with many changes of one file (Fix All of 500 binding redirects)
        // plans each against the same text, which is then parsed once instead of once per change. FixPlanner forgets
        // it when its plan is done, so no parse outlives the fix it was made for (in Visual Studio, a thread-pool
        // thread would otherwise keep a large web.config alive).
        [ThreadStatic]
        private static ConfigFile? _lastParsed;

        /// <summary>Drops this thread's last parse; <see cref="FixPlanner"/> calls it when a plan is done.</summary>
        internal static void ForgetLastParse() => _lastParsed = null;

        /// <summary>
        /// The text of a file that is parsed already, for a plan's <c>readText</c>: the changes of that file then use
        /// this parse instead of parsing the same text again (<see cref="FixCheck"/>, which checks fixes during a build).
        /// </summary>
        internal static string TextOf(ConfigFile parsed)
        {
            _lastParsed = parsed;
            return parsed.Text;
        }

        /// <summary>An XML change's target file, parsed; null when it cannot be read as XML.</summary>
        protected ConfigFile? ParseXml(string text)
        {
            var file = _lastParsed is { } last && ReferenceEquals(last.Text, text) && last.Path == Path ? last : ConfigFile.Parse(Path, text);
            _lastParsed = file;
            return file.Error is null && file.Root is not null ? file : null;
        }

        protected static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Sets an appSettings key in the root appSettings of a web.config, or in the file its configSource names.</summary>
    public sealed class SetAppSetting : FileChange
    {
        public SetAppSetting(string path, string key, string value)
            : base(path, key, value)
        {
        }

        public string Key => Arguments[0];

        public string Value => Arguments[1];

        public override IReadOnlyList<TextEdit>? PlanEdits(string text)
        {
            var file = ParseXml(text);
            var edit = file is null ? null : AppSettingsEditor.Set(file, Key, Value);
            return edit is null ? Array.Empty<TextEdit>() : new[] { edit };
        }
    }

    /// <summary>Sets an attribute of the element whose name starts at an offset, adding the attribute if it is missing.</summary>
    public sealed class SetXmlAttribute : FileChange
    {
        public SetXmlAttribute(string path, int elementNameOffset, string elementName, string attribute, string value)
            : base(path, Number(elementNameOffset), elementName, attribute, value)
        {
        }

        public override IReadOnlyList<TextEdit>? PlanEdits(string text)
        {
            var element = ParseXml(text) is { } file ? XmlEdits.ElementAt(file, int.Parse(Arguments[0], System.Globalization.CultureInfo.InvariantCulture), Arguments[1]) : null;
            if (element is null) return null;
            var edit = XmlEdits.SetAttribute(element, Arguments[2], Arguments[3]);
            return edit is null ? Array.Empty<TextEdit>() : new[] { edit };
        }
    }

    /// <summary>Adds markup as the last child of the element whose name starts at an offset, indented as its siblings are.</summary>
    public sealed class InsertXmlElement : FileChange
    {
        public InsertXmlElement(string path, int parentNameOffset, string parentName, string markup)
            : base(path, Number(parentNameOffset), parentName, markup)
        {
        }

        public override IReadOnlyList<TextEdit>? PlanEdits(string text)
        {
            var parent = ParseXml(text) is { } file ? XmlEdits.ElementAt(file, int.Parse(Arguments[0], System.Globalization.CultureInfo.InvariantCulture), Arguments[1]) : null;
            return parent is null ? null : new[] { XmlEdits.AppendChild(parent, Arguments[2]) };
        }
    }

    /// <summary>
    /// Removes the element whose name starts at an offset, if it is still there with that name (and, when given, that
    /// <c>key</c> attribute, compared without case as appSettings keys are).
    /// </summary>
    public sealed class RemoveXmlElement : FileChange
    {
        public RemoveXmlElement(string path, int elementNameOffset, string elementName, string key = "")
            : base(path, Number(elementNameOffset), elementName, key)
        {
        }

        public override IReadOnlyList<TextEdit>? PlanEdits(string text)
        {
            var element = ParseXml(text) is { } file ? XmlEdits.ElementAt(file, int.Parse(Arguments[0], System.Globalization.CultureInfo.InvariantCulture), Arguments[1]) : null;
            if (element is null) return null;
            if (Arguments[2].Length > 0 && !string.Equals(element.AttributeValue("key"), Arguments[2], StringComparison.OrdinalIgnoreCase)) return null;
            return new[] { XmlEdits.Remove(element) };
        }
    }

    /// <summary>
    /// Replaces text a rule planned against the file as it read it (an infrastructure file's literal, a setting added
    /// after a line), if that text is still at its offset; otherwise the file changed since, and the fix is not applied.
    /// An insertion carries the text just before it as its old text, so it too lands only where it was planned.
    /// </summary>
    public sealed class ReplaceText : FileChange
    {
        /// <summary>How much text before an insertion is carried to check that it is still where it was planned.</summary>
        private const int InsertionContext = 40;

        public ReplaceText(string path, int offset, string oldText, string newText)
            : base(path, Number(offset), oldText, newText)
        {
        }

        /// <summary>The change for one planned edit of <paramref name="text"/>; its check of the text before an insertion starts no earlier than <paramref name="notBefore"/> (the end of the previous edit).</summary>
        public static ReplaceText For(string path, string text, TextEdit edit, int notBefore = 0)
        {
            var start = edit.Span.Length > 0 ? edit.Span.Start : Math.Max(notBefore, edit.Span.Start - InsertionContext);
            var old = text.Substring(start, edit.Span.End - start);
            return new ReplaceText(path, start, old, text.Substring(start, edit.Span.Start - start) + edit.NewText);
        }

        public override IReadOnlyList<TextEdit>? PlanEdits(string text)
        {
            var offset = int.Parse(Arguments[0], System.Globalization.CultureInfo.InvariantCulture);
            var old = Arguments[1];
            if (offset + old.Length > text.Length || string.CompareOrdinal(text, offset, old, 0, old.Length) != 0) return null;
            return new[] { new TextEdit(new TextSpan(offset, old.Length), Arguments[2]) };
        }
    }

    /// <summary>Changes that are made of other changes.</summary>
    public static class FileChanges
    {
        /// <summary>Moves an element under another parent (possibly in another file): removed there, appended here.</summary>
        public static IReadOnlyList<FileChange> MoveXmlElement(ConfigElement element, ConfigElement newParent) => new FileChange[]
        {
            new RemoveXmlElement(element.File.Path, element.NameSpan.Start, element.Name, element.AttributeValue("key") ?? ""),
            new InsertXmlElement(newParent.File.Path, newParent.NameSpan.Start, newParent.Name, element.File.Text.Substring(element.FullSpan.Start, element.FullSpan.Length)),
        };
    }

    /// <summary>
    /// Sets a property of a JSON file (appsettings.json) to a JSON value, by its configuration path
    /// ("EPiServer:CmsUI:UI:WebSocketEnabled", segments matched without case as configuration keys are): the value
    /// replaced, or the missing objects added, keeping indentation, comments and property order.
    /// </summary>
    public sealed class SetJsonProperty : FileChange
    {
        public SetJsonProperty(string path, string configurationPath, string jsonValue)
            : base(path, configurationPath, jsonValue)
        {
        }

        public override IReadOnlyList<TextEdit>? PlanEdits(string text)
        {
            var file = Json.JsonFile.Parse(Path, text);
            var edits = Json.JsonPropertyEdit.Set(file, Arguments[0].Split(':'), Arguments[1]);
            if (edits is null || edits.Count == 0) return edits;

            // JsonFile reads past a byte order mark held as a character; the edits are against the text as given.
            var shift = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
            return edits.Select(e => new TextEdit(new TextSpan(e.Span.Start + shift, e.Span.Length), e.NewText)).ToList();
        }
    }
}
