using System;
using System.Collections.Generic;

namespace CmsHazards.Configuration
{
    /// <summary>One <c>&lt;add key="..." value="..."/&gt;</c> of appSettings.</summary>
    public sealed class AppSetting
    {
        internal AppSetting(ConfigFile file, ConfigElement element)
        {
            File = file;
            Element = element;
        }

        /// <summary>The file the entry is written in: web.config, the configSource file, or the transform that inserted it.</summary>
        public ConfigFile File { get; }

        public ConfigElement Element { get; }

        public string Key => Element.AttributeValue("key") ?? "";

        public string? Value => Element.AttributeValue("value");

        /// <summary>The value as <c>bool.TryParse</c> reads it, which is how the CMS and ASP.NET read their switches.</summary>
        public bool? BooleanValue => bool.TryParse(Value, out var parsed) ? parsed : (bool?)null;

        /// <summary>
        /// Whether the entry says "off" in any way a person might write it: anything but a value <c>bool.TryParse</c>
        /// reads as true. "0", "no" and "off" mean off to their author, though the CMS does not read them so.
        /// </summary>
        public bool MeansOff => BooleanValue != true;

        /// <summary><c>Epi.WebSockets.Enabled="false"</c>: the entry as its author wrote it, for a message.</summary>
        public string Describe() => Value is null ? $"{Key} (without a value)" : $"{Key}=\"{Value}\"";
    }

    /// <summary>
    /// The root appSettings of a site: the element in web.config, and the element whose children count
    /// (the same one, or the root of the file that <c>configSource</c> names).
    /// </summary>
    public sealed class AppSettings
    {
        internal AppSettings(ConfigElement? declaration, ConfigFile? entriesFile, ConfigElement? entries)
        {
            Declaration = declaration;
            EntriesFile = entriesFile;
            Entries = entries;
        }

        /// <summary>The <c>&lt;appSettings&gt;</c> element of web.config, or null when the file has none.</summary>
        public ConfigElement? Declaration { get; }

        /// <summary>The file holding the entries: web.config itself, or the configSource file (null when it is missing).</summary>
        public ConfigFile? EntriesFile { get; }

        /// <summary>The element whose <c>add</c>/<c>remove</c>/<c>clear</c> children are the settings.</summary>
        public ConfigElement? Entries { get; }

        /// <summary>
        /// The setting that takes effect for a key, as .NET's configuration system builds the collection:
        /// in document order, <c>add</c> sets (a later duplicate wins), <c>remove</c> and <c>clear</c> delete.
        /// Keys are compared ignoring case, as <c>NameValueCollection</c> does.
        /// </summary>
        public AppSetting? Find(string key)
        {
            if (EntriesFile is null || Entries is null) return null;

            AppSetting? effective = null;
            foreach (var child in Entries.Children)
            {
                switch (child.Name)
                {
                    case "clear":
                        effective = null;
                        break;
                    case "remove" when KeyIs(child, key):
                        effective = null;
                        break;
                    case "add" when KeyIs(child, key):
                        effective = new AppSetting(child.File, child);
                        break;
                }
            }

            return effective;
        }

        public IEnumerable<AppSetting> FindAll(string key)
        {
            if (EntriesFile is null || Entries is null) yield break;
            foreach (var child in Entries.ChildrenNamed("add"))
            {
                if (KeyIs(child, key)) yield return new AppSetting(child.File, child);
            }
        }

        private static bool KeyIs(ConfigElement element, string key) =>
            string.Equals(element.AttributeValue("key"), key, StringComparison.OrdinalIgnoreCase);
    }
}
