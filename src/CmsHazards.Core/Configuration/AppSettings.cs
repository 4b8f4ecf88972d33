using System;
using System.Collections.Generic;
using System.Linq;

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
    /// The root appSettings of a site: the element in web.config, the element whose children count (the same one, or the
    /// root of the file that <c>configSource</c> names), and the entries of the file its <c>file</c> attribute names.
    /// </summary>
    /// <remarks>
    /// <c>&lt;appSettings file="..."&gt;</c>, as .NET Framework documents it (Microsoft Learn, "&lt;appSettings&gt; element
    /// for &lt;configuration&gt;" and <c>AppSettingsSection.File</c>): the path is relative to the configuration file that
    /// holds the element, the file has <c>&lt;appSettings&gt;</c> as its root, its <c>add</c>, <c>remove</c> and
    /// <c>clear</c> entries are read after the inline ones (so they override entries of the same key), and the runtime
    /// ignores the attribute when the file cannot be found.
    /// </remarks>
    public sealed class AppSettings
    {
        internal AppSettings(ConfigElement? declaration, ConfigFile? entriesFile, ConfigElement? entries, ConfigFile? overridesFile = null)
        {
            Declaration = declaration;
            EntriesFile = entriesFile;
            Entries = entries;
            var file = entries?.AttributeValue("file");
            FileAttribute = string.IsNullOrWhiteSpace(file) ? null : file!.Trim();

            // Only the file the attribute names counts: a transform may have pointed it elsewhere.
            if (FileAttribute is not null && entriesFile is not null && overridesFile is { Root: { Name: "appSettings" } overridesRoot }
                && SiteConfigurationFiles.SamePath(SiteConfiguration.ResolveConfigSource(entriesFile.Path, FileAttribute), overridesFile.Path))
            {
                OverridesFile = overridesFile;
                Overrides = overridesRoot;
            }

            var children = new List<ConfigElement>();
            if (entriesFile is not null && entries is not null) children.AddRange(entries.Children);
            if (Overrides is not null) children.AddRange(Overrides.Children);
            Children = children;
        }

        /// <summary>The <c>&lt;appSettings&gt;</c> element of web.config, or null when the file has none.</summary>
        public ConfigElement? Declaration { get; }

        /// <summary>The file holding the entries: web.config itself, or the configSource file (null when it is missing).</summary>
        public ConfigFile? EntriesFile { get; }

        /// <summary>The element whose <c>add</c>/<c>remove</c>/<c>clear</c> children are the settings.</summary>
        public ConfigElement? Entries { get; }

        /// <summary>The <c>file</c> attribute of <see cref="Entries"/>, as written; null when there is none.</summary>
        public string? FileAttribute { get; }

        /// <summary>The file <see cref="FileAttribute"/> names, when it was read; null when there is none or it is missing, which .NET ignores.</summary>
        public ConfigFile? OverridesFile { get; }

        /// <summary>The root of <see cref="OverridesFile"/>, whose entries are read after the inline ones.</summary>
        public ConfigElement? Overrides { get; }

        /// <summary>The full path <see cref="FileAttribute"/> names, against the file that holds it; null without one.</summary>
        public string? FileAttributePath =>
            FileAttribute is not null && EntriesFile is not null ? SiteConfiguration.ResolveConfigSource(EntriesFile.Path, FileAttribute) : null;

        /// <summary>Every entry in the order .NET reads them: the inline (or configSource) ones, then those of the <c>file</c> file.</summary>
        public IReadOnlyList<ConfigElement> Children { get; }

        /// <summary>
        /// The setting that takes effect for a key, as .NET's configuration system builds the collection:
        /// in document order, <c>add</c> sets (a later duplicate wins), <c>remove</c> and <c>clear</c> delete.
        /// Keys are compared ignoring case, as <c>NameValueCollection</c> does.
        /// </summary>
        public AppSetting? Find(string key)
        {
            AppSetting? effective = null;
            foreach (var child in Children)
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
            foreach (var child in Children)
            {
                if (child.Name == "add" && KeyIs(child, key)) yield return new AppSetting(child.File, child);
            }
        }

        /// <summary>
        /// Whether the <c>file</c> file decides the key: it sets or removes it (any casing), or clears every entry. Setting
        /// the key then takes effect only there.
        /// </summary>
        public bool OverridesDecide(string key) =>
            Overrides is not null && Overrides.Children.Any(e => e.Name == "clear" || ((e.Name == "add" || e.Name == "remove") && KeyIs(e, key)));

        private static bool KeyIs(ConfigElement element, string key) =>
            string.Equals(element.AttributeValue("key"), key, StringComparison.OrdinalIgnoreCase);
    }
}
