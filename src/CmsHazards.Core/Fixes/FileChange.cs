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
                _ => null,
            };
        }

        public override string ToString() => Kind + "(" + System.IO.Path.GetFileName(Path) + ", " + string.Join(", ", Arguments) + ")";

        /// <summary>An XML change's target file, parsed; null when it cannot be read as XML.</summary>
        protected ConfigFile? ParseXml(string text)
        {
            var file = ConfigFile.Parse(Path, text);
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
}
