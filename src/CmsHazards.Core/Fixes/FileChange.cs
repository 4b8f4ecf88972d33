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
        private readonly string[] _arguments;

        // False while an argument is still to be written (WriteArguments); volatile, so a thread that reads it true also
        // sees what was written before.
        private volatile bool _written;

        protected FileChange(string path, params string[] arguments)
            : this(path, true, arguments)
        {
        }

        /// <summary>A change with arguments left null that <see cref="WriteArguments"/> writes when they are first read.</summary>
        private protected FileChange(string path, bool written, string[] arguments)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            _arguments = arguments;
            _written = written;
        }

        /// <summary>The name of the kind of change, as carried in data ("SetAppSetting").</summary>
        public string Kind => GetType().Name;

        public string Path { get; }

        public IReadOnlyList<string> Arguments
        {
            get
            {
                if (!_written)
                {
                    // Two threads may both write; they write the same text.
                    WriteArguments(_arguments);
                    _written = true;
                }

                return _arguments;
            }
        }

        /// <summary>
        /// Writes the arguments a constructor left null: costly to write (an element's path), and the MSBuild task and
        /// <c>cmshazards scan</c> report findings without ever reading their fixes' arguments.
        /// </summary>
        private protected virtual void WriteArguments(string[] arguments)
        {
        }

        /// <summary>
        /// The edits that make the change in <paramref name="text"/>, the file as it is now. Empty when the file already
        /// reads as the change wants; null when it no longer holds what the change was made for (the whole fix is then
        /// not applied).
        /// </summary>
        public abstract IReadOnlyList<TextEdit>? PlanEdits(string text);

        /// <summary>
        /// Why <see cref="PlanEdits"/> gives null for <paramref name="text"/>, in words a front end can print ("Web.config no
        /// longer has the element the fix was made for (...)"); null when it does not.
        /// </summary>
        public virtual string? WhyNotPlanned(string text) =>
            PlanEdits(text) is null ? $"{System.IO.Path.GetFileName(Path)} no longer holds what the fix was made for; the file changed since, so the fix is not applied" : null;

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
                (nameof(SetXmlAttribute), 5) when Offset(0) >= 0 && XmlElementPath.Decode(Arg(4)) is not null => new SetXmlAttribute(path, Offset(0), Arg(1), Arg(2), Arg(3), Arg(4)),
                (nameof(InsertXmlElement), 4) when Offset(0) >= 0 && XmlElementPath.Decode(Arg(3)) is not null => new InsertXmlElement(path, Offset(0), Arg(1), Arg(2), Arg(3)),
                (nameof(InsertXmlElementInSection), 2) when InsertXmlElementInSection.Steps(Arg(0)) is not null => new InsertXmlElementInSection(path, Arg(0), Arg(1)),
                (nameof(RemoveXmlElement), 5) when Offset(0) >= 0 && XmlElementPath.Decode(Arg(3)) is not null => new RemoveXmlElement(path, Offset(0), Arg(1), Arg(2), Arg(3), Arg(4)),
                (nameof(SetJsonProperty), 2) => new SetJsonProperty(path, Arg(0), Arg(1)),
                (nameof(ReplaceText), 3) when Offset(0) >= 0 => new ReplaceText(path, Offset(0), Arg(1), Arg(2)),
                (nameof(SetUiOptionsInCode), 4) when Offset(0) >= 0 && Offset(1) >= 0 => new SetUiOptionsInCode(path, Offset(0), Offset(1), Arg(2), Arg(3)),
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
        internal static void ForgetLastParse()
        {
            _lastParsed = null;
            XmlElementPath.ForgetIndex();
        }

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

    /// <summary>
    /// What the XML changes share: the element they edit, found again by its <see cref="XmlElementPath"/> in the file as
    /// it is now, with the offset of its name where it was read as a hint (<see cref="XmlElementPath.Find"/>).
    /// </summary>
    public abstract class XmlElementChange : FileChange
    {
        private readonly LazyElementPath? _lazyPath;
        private readonly int _pathIndex;

        private protected XmlElementChange(string path, params string[] arguments)
            : base(path, arguments)
        {
        }

        /// <summary>A change of an element as read, whose path (argument <paramref name="pathIndex"/>, null here) is written when first read.</summary>
        private protected XmlElementChange(LazyElementPath path, int pathIndex, string[] arguments)
            : base(path.Element.File.Path, false, arguments)
        {
            _lazyPath = path;
            _pathIndex = pathIndex;
        }

        private protected sealed override void WriteArguments(string[] arguments)
        {
            if (_lazyPath is not null) arguments[_pathIndex] = _lazyPath.Text;
        }

        /// <summary>Where the element's name started in the text the change was made from: a hint, not a promise.</summary>
        public int NameOffset => int.Parse(Arguments[0], System.Globalization.CultureInfo.InvariantCulture);

        public string ElementName => Arguments[1];

        private protected abstract string EncodedElementPath { get; }

        /// <summary>The whole text the element must still have; null when only its start tag and path are checked.</summary>
        private protected virtual string? WholeText => null;

        public sealed override IReadOnlyList<TextEdit>? PlanEdits(string text) => Element(text, out _) is { } element ? Edit(element) : null;

        public sealed override string? WhyNotPlanned(string text)
        {
            if (Element(text, out var refusal) is not { } element) return refusal;
            return Edit(element) is null ? $"{element.Describe()} is no longer the <{ElementName}> the fix was made for, so the fix is not applied" : null;
        }

        /// <summary>The edits for the element found; null when it is not the element the change was made for after all.</summary>
        private protected abstract IReadOnlyList<TextEdit>? Edit(ConfigElement element);

        private ConfigElement? Element(string text, out string? refusal)
        {
            var file = ParseXml(text);
            if (file is null)
            {
                refusal = $"{System.IO.Path.GetFileName(Path)} can no longer be read as XML, so the fix is not applied";
                return null;
            }

            var path = XmlElementPath.Decode(EncodedElementPath);
            if (path is null || path.Name != ElementName)
            {
                refusal = "the fix's description of its element cannot be read";
                return null;
            }

            var element = path.Find(file, NameOffset, WholeText, out refusal);
            if (element is not null || StartTagOnceMade(path.StartTag) is not { } made || made == path.StartTag) return element;

            // The change may be made already (the same attribute set by another fix of the same Fix All): then the element
            // reads as the change leaves it, and the change has nothing left to do.
            var madeElement = path.WithStartTag(made).Find(file, NameOffset, WholeText, out _);
            if (madeElement is not null) refusal = null;
            return madeElement;
        }

        /// <summary>The element's start tag as this change leaves it, when the change edits only the start tag; null otherwise.</summary>
        private protected virtual string? StartTagOnceMade(string startTag) => null;
    }

    /// <summary>Sets an attribute of an element, adding the attribute if it is missing.</summary>
    public sealed class SetXmlAttribute : XmlElementChange
    {
        public SetXmlAttribute(ConfigElement element, string attribute, string value)
            : this(new LazyElementPath(element), attribute, value)
        {
        }

        /// <summary>The change for an element whose path other changes of it share.</summary>
        internal SetXmlAttribute(LazyElementPath element, string attribute, string value)
            : base(element, 4, new[] { Number(element.Element.NameSpan.Start), element.Element.Name, attribute, value, null! })
        {
        }

        public SetXmlAttribute(string path, int elementNameOffset, string elementName, string attribute, string value, string elementPath)
            : base(path, Number(elementNameOffset), elementName, attribute, value, elementPath)
        {
        }

        private protected override string EncodedElementPath => Arguments[4];

        private protected override IReadOnlyList<TextEdit>? Edit(ConfigElement element)
        {
            var edit = XmlEdits.SetAttribute(element, Arguments[2], Arguments[3]);
            return edit is null ? Array.Empty<TextEdit>() : new[] { edit };
        }

        private protected override string? StartTagOnceMade(string startTag)
        {
            // The start tag on its own, as an element, edited as the element would be.
            var selfClosing = startTag.EndsWith("/>", StringComparison.Ordinal);
            var alone = ConfigFile.Parse(Path, selfClosing ? startTag : startTag + "</" + ElementName + ">");
            if (alone.Error is not null || alone.Root is not { } element) return null;
            var edit = XmlEdits.SetAttribute(element, Arguments[2], Arguments[3]);
            return edit is null ? startTag : edit.ApplyTo(startTag);
        }
    }

    /// <summary>Adds markup as the last child of an element, indented as its siblings are.</summary>
    public sealed class InsertXmlElement : XmlElementChange
    {
        public InsertXmlElement(ConfigElement parent, string markup)
            : base(new LazyElementPath(parent), 3, new[] { Number(parent.NameSpan.Start), parent.Name, markup, null! })
        {
        }

        public InsertXmlElement(string path, int parentNameOffset, string parentName, string markup, string parentPath)
            : base(path, Number(parentNameOffset), parentName, markup, parentPath)
        {
        }

        private protected override string EncodedElementPath => Arguments[3];

        private protected override IReadOnlyList<TextEdit>? Edit(ConfigElement element) => new[] { XmlEdits.AppendChild(element, Arguments[2]) };
    }

    /// <summary>
    /// Adds markup as the last child of a section below the root, found as the file is when the change is planned, not as
    /// it was read: each step the root's (then that element's) first child of the step's name, given the attributes the
    /// step names where it lacks them, and created with the rest of the section where missing. Several of these changes
    /// of one section (redirects moved into the root <c>&lt;runtime&gt;&lt;assemblyBinding&gt;</c>) planned one after
    /// another fill the one section the first created or found, instead of each creating its own; and the result is the
    /// same whether or not another fix gave that element the attributes first. The section is written as nested empty
    /// elements (<c>&lt;runtime&gt;&lt;assemblyBinding xmlns="..." /&gt;&lt;/runtime&gt;</c>); the markup's lines after its
    /// first are indented relative to its first, and take the indentation of the place it lands.
    /// </summary>
    public sealed class InsertXmlElementInSection : FileChange
    {
        public InsertXmlElementInSection(string path, string section, string markup)
            : base(path, section, markup)
        {
        }

        public string Section => Arguments[0];

        public string Markup => Arguments[1];

        /// <summary>The steps of a section as written for this change, outermost first; null when it is not one element in another.</summary>
        public static IReadOnlyList<ConfigElement>? Steps(string section)
        {
            var parsed = ConfigFile.Parse("section", section);
            if (parsed.Error is not null || parsed.Root is not { } step) return null;
            var steps = new List<ConfigElement> { step };
            while (step.Children.Count > 0)
            {
                if (step.Children.Count > 1) return null;
                step = step.Children[0];
                steps.Add(step);
            }

            return steps;
        }

        public override IReadOnlyList<TextEdit>? PlanEdits(string text)
        {
            if (ParseXml(text) is not { Root: { } root } file || Steps(Section) is not { } steps) return null;
            var edits = new List<TextEdit>();
            var parent = root;
            var found = 0;
            for (; found < steps.Count; found++)
            {
                var child = parent.Children.FirstOrDefault(c => c.Name == steps[found].Name);
                if (child is null) break;
                foreach (var attribute in steps[found].Attributes)
                {
                    if (XmlEdits.SetAttribute(child, attribute.Name, attribute.Value) is { } set) edits.Add(set);
                }

                parent = child;
            }

            var layout = new TextLayout(file);
            var indent = layout.ChildIndent(parent);
            var missing = steps.Count - found;
            var markup = new System.Text.StringBuilder();
            for (var i = 0; i < missing; i++)
            {
                var step = steps[found + i];
                markup.Append('<').Append(step.Name);
                foreach (var attribute in step.Attributes) markup.Append(' ').Append(attribute.Name).Append("=\"").Append(XmlEdits.Escape(attribute.Value)).Append('"');
                markup.Append('>').Append(layout.NewLine).Append(indent).Append(Repeat(layout.IndentUnit, i + 1));
            }

            markup.Append(IndentLines(Markup, indent + Repeat(layout.IndentUnit, missing)));
            for (var i = missing - 1; i >= 0; i--) markup.Append(layout.NewLine).Append(indent).Append(Repeat(layout.IndentUnit, i)).Append("</").Append(steps[found + i].Name).Append('>');
            edits.Add(XmlEdits.AppendChild(parent, markup.ToString()));
            return edits;
        }

        public override string? WhyNotPlanned(string text) =>
            ParseXml(text) is null ? $"{System.IO.Path.GetFileName(Path)} can no longer be read as XML, so the fix is not applied" : base.WhyNotPlanned(text);

        private static string Repeat(string unit, int times)
        {
            var text = "";
            for (var i = 0; i < times; i++) text += unit;
            return text;
        }

        /// <summary>Each line after the first gets <paramref name="indent"/> in front; an empty line stays empty.</summary>
        private static string IndentLines(string markup, string indent)
        {
            var result = new System.Text.StringBuilder(markup.Length);
            for (var i = 0; i < markup.Length; i++)
            {
                var c = markup[i];
                result.Append(c);
                if (c != '\n' && c != '\r') continue;
                if (c == '\r' && i + 1 < markup.Length && markup[i + 1] == '\n') continue;
                if (i + 1 < markup.Length && markup[i + 1] != '\r' && markup[i + 1] != '\n') result.Append(indent);
            }

            return result.ToString();
        }
    }

    /// <summary>
    /// Removes an element, if it is still there with the text it had (and, when given, that <c>key</c> attribute,
    /// compared without case as appSettings keys are).
    /// </summary>
    public sealed class RemoveXmlElement : XmlElementChange
    {
        public RemoveXmlElement(ConfigElement element, string key = "")
            : base(new LazyElementPath(element), 3, new[] { Number(element.NameSpan.Start), element.Name, key, null!, element.File.Text.Substring(element.FullSpan.Start, element.FullSpan.Length) })
        {
        }

        public RemoveXmlElement(string path, int elementNameOffset, string elementName, string key, string elementPath, string wholeText)
            : base(path, Number(elementNameOffset), elementName, key, elementPath, wholeText)
        {
        }

        private protected override string EncodedElementPath => Arguments[3];

        private protected override string? WholeText => Arguments[4];

        private protected override IReadOnlyList<TextEdit>? Edit(ConfigElement element) =>
            Arguments[2].Length > 0 && !string.Equals(element.AttributeValue("key"), Arguments[2], StringComparison.OrdinalIgnoreCase)
                ? null
                : new[] { XmlEdits.Remove(element) };
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
            new RemoveXmlElement(element, element.AttributeValue("key") ?? ""),
            new InsertXmlElement(newParent, element.File.Text.Substring(element.FullSpan.Start, element.FullSpan.Length)),
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
            // The file's spans index the text as given (a byte order mark held as a character included).
            return Json.JsonPropertyEdit.Set(Json.JsonFile.Parse(Path, text), Arguments[0].Split(':'), Arguments[1]);
        }
    }

    /// <summary>
    /// Sets a property of <c>EPiServer.Web.UIOptions</c> in a CMS 12/13 site's C# (<c>WebSocketEnabled</c> to <c>false</c>):
    /// every assignment of it flipped, else one added to the site's <c>Configure&lt;UIOptions&gt;</c> lambda, else
    /// <c>services.Configure&lt;UIOptions&gt;(o =&gt; o.WebSocketEnabled = false);</c> right after the call that adds CMS,
    /// whose span in <see cref="FileChange.Path"/> the change carries. Where anything is depends on what the names bind
    /// to, so the change is planned with the compilation, by the C# code fix; from the text alone it cannot be planned.
    /// </summary>
    public sealed class SetUiOptionsInCode : FileChange
    {
        public SetUiOptionsInCode(string path, int anchorStart, int anchorLength, string property, string value)
            : base(path, Number(anchorStart), Number(anchorLength), property, value)
        {
        }

        /// <summary>The call that adds CMS (or the method or statements that configure services), where a new call goes after.</summary>
        public TextSpan Anchor => new TextSpan(
            int.Parse(Arguments[0], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Arguments[1], System.Globalization.CultureInfo.InvariantCulture));

        /// <summary>The UIOptions property: "WebSocketEnabled".</summary>
        public string Property => Arguments[2];

        /// <summary>The value as C# writes it: "false".</summary>
        public string Value => Arguments[3];

        /// <summary>Null: the C# code fix plans it with the compilation (a front end without one applies no such fix).</summary>
        public override IReadOnlyList<TextEdit>? PlanEdits(string text) => null;
    }
}
