using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Configuration;
using CmsHazards.Text;

namespace CmsHazards.Fixes
{
    /// <summary>
    /// Computes the one text edit that makes an appSetting take effect with a given value, in the file that holds the
    /// site's root appSettings: a web.config, or the file its configSource names. Everything outside the edit stays as
    /// it was, byte for byte; when the setting already has the value, there is no edit.
    /// </summary>
    public static class AppSettingsEditor
    {
        /// <summary>
        /// The edit that makes <paramref name="key"/> read as <paramref name="value"/>, or null when it already
        /// does or the file cannot take the key (unreadable, or its appSettings live in a configSource file,
        /// which is then the file to edit). A boolean value counts as set when the entry reads as that boolean,
        /// as Boolean.TryParse reads it; any other value when it is written exactly so.
        /// </summary>
        public static TextEdit? Set(ConfigFile file, string key, string value)
        {
            var root = file.Root;
            if (root is null) return null;

            var layout = new TextLayout(file);
            var literal = value;
            var newEntry = $"<add key=\"{XmlEdits.Escape(key)}\" value=\"{XmlEdits.Escape(literal)}\" />";

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
                if (bool.TryParse(value, out var wanted) ? effective.BooleanValue == wanted : effective.Value == value) return null;

                // Change the entry that wins rather than add a second one: appSettings keys ignore case,
                // so a second key would only hide the first and confuse the next reader.
                var valueAttribute = effective.Element.Attribute("value");
                if (valueAttribute is not null) return new TextEdit(valueAttribute.ValueSpan, XmlEdits.Escape(literal));
                var keyAttribute = effective.Element.Attribute("key")!;
                return new TextEdit(new TextSpan(keyAttribute.ValueSpan.End + 1, 0), $" value=\"{XmlEdits.Escape(literal)}\"");
            }

            return XmlEdits.AppendChild(entries, newEntry);
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
