using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Configuration;
using CmsHazards.Rules;
using CmsHazards.Text;

namespace CmsHazards.Fixes
{
    /// <summary>
    /// Computes the one text edit that makes a boolean appSetting take effect with a given value, in the file
    /// that holds the site's root appSettings: a web.config, or the file its configSource names. Everything
    /// outside the edit stays as it was, byte for byte; when the setting already has the value, there is no edit.
    /// </summary>
    public static class AppSettingsEditor
    {
        public static TextEdit? TurnOffWebSockets(ConfigFile file) => SetSwitch(file, AppSettingKeys.WebSocketsEnabled, false);

        public static TextEdit? UseTaskFriendlySynchronizationContext(ConfigFile file) =>
            SetSwitch(file, AppSettingKeys.UseTaskFriendlySynchronizationContext, true);

        public static TextEdit? Apply(FixKind fix, ConfigFile file) => fix switch
        {
            FixKind.TurnOffWebSockets => TurnOffWebSockets(file),
            FixKind.UseTaskFriendlySynchronizationContext => UseTaskFriendlySynchronizationContext(file),
            _ => null,
        };

        /// <summary>
        /// Every edit a fix makes, per file, computed from the files as they are now (<paramref name="read"/> gives
        /// them by path, null when absent). Empty when there is nothing left to do, or the files no longer hold
        /// what the finding saw: a fix never applies a stale edit.
        /// </summary>
        public static IReadOnlyList<FileEdit> Plan(FixRequest request, Func<string, ConfigFile?> read)
        {
            var target = read(request.TargetPath);
            if (target is null) return Array.Empty<FileEdit>();
            if (request.Kind != FixKind.MoveWebSocketsKeyToRoot)
            {
                var edit = Apply(request.Kind, target);
                return edit is null ? Array.Empty<FileEdit>() : new[] { new FileEdit(target.Path, new[] { edit }) };
            }

            var from = request.KeyPath is null ? null : read(request.KeyPath);
            var entry = from is null ? null : FindEntry(from, request.KeyOffset);
            if (from is null || entry is null) return Array.Empty<FileEdit>();

            var removal = RemoveEntry(from, entry);
            var addition = TurnOffWebSockets(target);
            if (!SiteFiles.SamePath(from.Path, target.Path))
            {
                var edits = new List<FileEdit> { new FileEdit(from.Path, new[] { removal }) };
                if (addition is not null) edits.Add(new FileEdit(target.Path, new[] { addition }));
                return edits;
            }

            // A location below the root, in the web.config that also holds the root appSettings: one file, two edits.
            if (addition is null) return new[] { new FileEdit(from.Path, new[] { removal }) };
            if (addition.Span.End > removal.Span.Start && addition.Span.Start < removal.Span.End) return Array.Empty<FileEdit>();
            return new[] { new FileEdit(from.Path, new[] { removal, addition }) };
        }

        /// <summary>The <c>Epi.WebSockets.Enabled</c> entry whose name starts at <paramref name="nameOffset"/>, if it is still there.</summary>
        private static ConfigElement? FindEntry(ConfigFile file, int nameOffset)
        {
            if (file.Root is null) return null;
            var pending = new Stack<ConfigElement>();
            pending.Push(file.Root);
            while (pending.Count > 0)
            {
                var element = pending.Pop();
                if (element.NameSpan.Start == nameOffset)
                {
                    return element.Name == "add"
                        && string.Equals(element.AttributeValue("key"), AppSettingKeys.WebSocketsEnabled, StringComparison.OrdinalIgnoreCase)
                        ? element
                        : null;
                }

                foreach (var child in element.Children) pending.Push(child);
            }

            return null;
        }

        /// <summary>
        /// Removes an entry. On a line of its own, the whole line goes, so no blank line is left behind; beside
        /// other markup, only the element.
        /// </summary>
        internal static TextEdit RemoveEntry(ConfigFile file, ConfigElement entry)
        {
            var layout = new TextLayout(file);
            var span = entry.FullSpan;
            var lineEnd = layout.LineEndAfter(span.End);
            if (layout.StartsLine(span.Start) && lineEnd is not null)
            {
                return new TextEdit(TextSpan.FromBounds(layout.LineStart(span.Start), lineEnd.Value), "");
            }

            return new TextEdit(span, "");
        }

        /// <summary>
        /// The edit that makes <paramref name="key"/> read as <paramref name="value"/>, or null when it already
        /// does or the file cannot take the key (unreadable, or its appSettings live in a configSource file,
        /// which is then the file to edit).
        /// </summary>
        public static TextEdit? SetSwitch(ConfigFile file, string key, bool value)
        {
            var root = file.Root;
            if (root is null) return null;

            var layout = new TextLayout(file);
            var literal = value ? "true" : "false";
            var newEntry = $"<add key=\"{key}\" value=\"{literal}\" />";

            ConfigElement? entries;
            if (root.Name == "appSettings")
            {
                entries = root;
            }
            else if (WebConfig.From(file) is { } webConfig)
            {
                if (webConfig.AppSettingsConfigSource is not null) return null;
                entries = webConfig.AppSettingsElement;
                if (entries is null) return CreateAppSettings(webConfig, layout, newEntry);
            }
            else
            {
                return null;
            }

            var appSettings = entries == root ? new AppSettings(null, file, root) : WebConfig.From(file)!.GetAppSettings(null);
            var effective = appSettings.Find(key);
            if (effective is not null)
            {
                if (effective.BooleanValue == value) return null;

                // Change the entry that wins rather than add a second one: appSettings keys ignore case,
                // so a second key would only hide the first and confuse the next reader.
                var valueAttribute = effective.Element.Attribute("value");
                if (valueAttribute is not null) return new TextEdit(valueAttribute.ValueSpan, literal);
                var keyAttribute = effective.Element.Attribute("key")!;
                return new TextEdit(new TextSpan(keyAttribute.ValueSpan.End + 1, 0), $" value=\"{literal}\"");
            }

            return AddEntry(file, entries, layout, newEntry);
        }

        internal static TextEdit AddEntry(ConfigFile file, ConfigElement entries, TextLayout layout, string newEntry)
        {
            var nl = layout.NewLine;
            var indent = layout.IndentOfLine(entries.StartTag.Start);
            var childIndent = layout.ChildIndent(entries);

            if (entries.IsSelfClosing)
            {
                // <appSettings /> becomes an element with content; its attributes stay as written.
                var slash = entries.StartTag.End - 2;
                var start = slash;
                while (start > entries.StartTag.Start && char.IsWhiteSpace(file.Text[start - 1])) start--;
                return new TextEdit(
                    TextSpan.FromBounds(start, entries.StartTag.End),
                    ">" + nl + childIndent + newEntry + nl + indent + "</" + entries.Name + ">");
            }

            var endTag = entries.EndTag.Start;
            if (layout.StartsLine(endTag))
            {
                return new TextEdit(new TextSpan(layout.LineStart(endTag), 0), childIndent + newEntry + nl);
            }

            return new TextEdit(new TextSpan(endTag, 0), nl + childIndent + newEntry + nl + indent);
        }

        private static TextEdit? CreateAppSettings(WebConfig webConfig, TextLayout layout, string newEntry)
        {
            var configuration = webConfig.Configuration;
            if (configuration.IsSelfClosing) return null;

            var nl = layout.NewLine;

            // <configSections> must stay the first child of <configuration>, or .NET refuses the file.
            var configSections = configuration.FirstChild("configSections");
            string indent;
            int at;
            if (configSections is not null)
            {
                indent = layout.IndentOfLine(configSections.StartTag.Start);
                at = configSections.EndTag.End;
            }
            else
            {
                indent = layout.ChildIndent(configuration);
                at = configuration.StartTag.End;
            }

            return new TextEdit(
                new TextSpan(at, 0),
                nl + indent + "<appSettings>" + nl + indent + layout.IndentUnit + newEntry + nl + indent + "</appSettings>");
        }
    }
}
