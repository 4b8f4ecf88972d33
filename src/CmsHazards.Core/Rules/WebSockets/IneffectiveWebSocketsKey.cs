using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CmsHazards.Configuration;
using CmsHazards.Transforms;

namespace CmsHazards.Rules.WebSockets
{
    /// <summary>
    /// Why an <c>Epi.WebSockets.Enabled</c> entry that means "off" does not turn WebSockets off in the deployed
    /// configuration. The CMS reads the key as .NET builds <c>ConfigurationManager.AppSettings</c>: the application's
    /// root appSettings (inline, or the configSource file), entries in document order with the last duplicate winning
    /// (keys ignore case), the value through <c>bool.TryParse</c>. Nothing else counts.
    /// </summary>
    internal sealed class IneffectiveWebSocketsKey
    {
        private IneffectiveWebSocketsKey(AppSetting entry, string entryPlace, string reason, FileLocation decider, bool throughTransform)
        {
            Entry = entry;
            EntryPlace = entryPlace;
            Reason = reason;
            Decider = decider;
            ThroughTransform = throughTransform;
        }

        /// <summary>The entry that means off, where it is written.</summary>
        public AppSetting Entry { get; }

        public string EntryPlace { get; }

        /// <summary>"xdt:Transform="Remove" at Web.Release.config(12) removes it".</summary>
        public string Reason { get; }

        /// <summary>The element that decides that the entry does not take effect.</summary>
        public FileLocation Decider { get; }

        /// <summary>Whether the transform of the build configuration decides it.</summary>
        public bool ThroughTransform { get; }

        /// <summary>The fix that would make the intent come true, if one is safe: to be confirmed by applying it.</summary>
        public WebSocketsFix? Fix { get; private set; }

        /// <summary>For a move: the entry to move.</summary>
        public ConfigElement? KeyToMove { get; private set; }

        /// <summary>What the developer can do, as a sentence for the end of a message.</summary>
        public string Advice { get; private set; } = "";

        /// <summary>Why no fix is offered, when none is (" No fix is offered: ...").</summary>
        public string NoFix { get; private set; } = "";

        public string Sentence(DeployedConfiguration config) =>
            $"{Entry.Describe()} at {EntryPlace} does not take effect{(ThroughTransform ? " " + config.WhichConfiguration : "")}: {Reason}.";

        public static IneffectiveWebSocketsKey? Find(DeployedConfiguration config, SiteConfiguration configuration)
        {
            var folderWebConfigs = configuration.FolderWebConfigs;
            var key = WebSocketsKeys.WebSocketsEnabled;
            var deployed = config.DeployedAppSettings;
            var effective = deployed.Find(key);
            if (effective?.BooleanValue == false) return null;

            return LostInTransform(config, effective)
                ?? NotFalse(config, effective)
                ?? Overridden(config, deployed, effective)
                ?? Misplaced(config, configuration, folderWebConfigs);
        }

        /// <summary>The written root entry meant off, and the transform dropped it or changed its value.</summary>
        private static IneffectiveWebSocketsKey? LostInTransform(DeployedConfiguration config, AppSetting? effective)
        {
            var written = config.WrittenAppSettings.Find(WebSocketsKeys.WebSocketsEnabled);
            if (written is null || !written.MeansOff) return null;

            var place = written.Element.Describe();
            var copy = config.DeployedCopyOf(written.Element);
            if (copy is null)
            {
                if (config.RemovalOf(written.Element) is not { } removal) return null;
                var target = removal.Targets.First(t => t.Encloses(written.Element.Original));
                var replaces = removal.Kind == XdtTransformKind.Replace;
                string reason;
                if (ReferenceEquals(target, written.Element.Original))
                {
                    reason = replaces
                        ? $"{removal.Describe()} replaces it" + (effective is not null && ReferenceEquals(effective.Element.Original, removal.Element) ? $" with {effective.Describe()}" : "")
                        : $"{removal.Describe()} removes it";
                }
                else
                {
                    reason = $"{removal.Describe()} {(replaces ? "replaces" : "removes")} <{target.Name}> at {target.Describe()}"
                        + (!replaces ? "" : effective is null ? ", which then lacks it" : $", which then has {effective.Describe()}");
                }

                return FromTransform(new IneffectiveWebSocketsKey(written, place, reason, FileLocation.Of(removal.Element), true), removal);
            }

            if (copy.AttributeValue("value") == written.Value) return null;
            if (config.AttributeChangeOf(written.Element, "value") is not { } change) return null;
            var now = copy.AttributeValue("value");
            var changeReason = now is null ? $"{change.Describe()} removes its value" : $"{change.Describe()} sets it to \"{now}\"";
            return FromTransform(new IneffectiveWebSocketsKey(written, place, changeReason, FileLocation.Of(change.Element), true), change);
        }

        /// <summary>The entry that takes effect has a value <c>bool.TryParse</c> does not read as a boolean.</summary>
        private static IneffectiveWebSocketsKey? NotFalse(DeployedConfiguration config, AppSetting? effective)
        {
            if (effective is null || effective.BooleanValue is not null) return null;

            var value = effective.Element.Attribute("value");
            var reason = value is null
                ? "without a value it is not false, and WebSockets stay on"
                : $"\"{value.Value}\" is not a value Boolean.TryParse reads as false (it takes \"false\" in any casing, with white space around it, and nothing else), so WebSockets stay on";
            var inTransformedValue = value is not null && value.File != effective.Element.File;
            var decidedIn = inTransformedValue ? FileLocation.Of(value!) : FileLocation.Of(effective.Element);
            var where = inTransformedValue ? value!.Describe() : effective.Element.Describe();
            var key = new IneffectiveWebSocketsKey(effective, where, reason, decidedIn, IsTransform(config, inTransformedValue ? value!.File : effective.Element.File));
            return key.ThroughTransform ? key.DecidedByTransformAt(where) : key.Fixable(WebSocketsFix.TurnOff, " Write \"false\".");
        }

        /// <summary>A later entry of the key (any casing), a &lt;remove&gt; or a &lt;clear&gt; undoes the entry meant off.</summary>
        private static IneffectiveWebSocketsKey? Overridden(DeployedConfiguration config, AppSettings deployed, AppSetting? effective)
        {
            // The inline (or configSource) entries, then those of the file appSettings file= names, as .NET reads them.
            var children = deployed.Children;
            if (children.Count == 0) return null;

            var lastOff = -1;
            for (var i = 0; i < children.Count; i++)
            {
                if (children[i].Name == "add" && IsKey(children[i]) && new AppSetting(children[i].File, children[i]).MeansOff) lastOff = i;
            }

            if (lastOff < 0) return null;
            var off = new AppSetting(children[lastOff].File, children[lastOff]);

            ConfigElement decider;
            string reason;
            if (effective is not null)
            {
                decider = effective.Element;
                reason = $"the later {effective.Describe()} at {decider.Describe()} overrides it (appSettings keys ignore case, and the last entry wins)";
            }
            else
            {
                var removal = children.Skip(lastOff + 1).FirstOrDefault(c => c.Name == "clear" || (c.Name == "remove" && IsKey(c)));
                if (removal is null) return null;
                decider = removal;
                reason = decider.Name == "clear"
                    ? $"the later <clear /> at {decider.Describe()} removes it"
                    : $"the later <remove key=\"{decider.AttributeValue("key")}\"> at {decider.Describe()} removes it";
            }

            var key = new IneffectiveWebSocketsKey(off, off.Element.Describe(), reason, FileLocation.Of(decider), IsTransform(config, decider.File));
            return key.ThroughTransform
                ? key.DecidedByTransformAt(decider.Describe())
                : key.Fixable(WebSocketsFix.TurnOff, " Remove the later entry, or set it to \"false\".");
        }

        /// <summary>The entry sits where the CMS never reads it.</summary>
        private static IneffectiveWebSocketsKey? Misplaced(DeployedConfiguration config, SiteConfiguration configuration, IReadOnlyList<ConfigFile> folderWebConfigs)
        {
            var webConfig = config.Deployed;
            foreach (var location in webConfig.LocationsBelowRoot)
            {
                if (FirstOff(location.ChildrenNamed("appSettings")) is { } inLocation)
                {
                    return Move(config, configuration, inLocation, inLocation.Element.Describe(),
                        $"it sits in <location path=\"{location.AttributeValue("path")}\"> at {location.Describe()}, and the CMS reads the application's appSettings, which a location below the root does not change");
                }
            }

            if (webConfig.AppSettingsConfigSource is { } configSource && FirstOff(new[] { webConfig.AppSettingsElement! }) is { } beside)
            {
                var declaration = $"<appSettings configSource=\"{configSource}\"> at {webConfig.AppSettingsElement!.Describe()}";
                var reason = config.DeployedAppSettings.EntriesFile is null
                    ? $"{declaration} takes its entries from {configSource}, {configuration.Availability.WhichClause(ConfigSourcePath(config))}"
                    : $"{declaration} takes its entries from {configSource} alone, and .NET rejects entries written beside configSource";
                return Move(config, configuration, beside, beside.Element.Describe(), reason);
            }

            var siteFolder = Path.GetDirectoryName(config.Written.File.Path) ?? "";
            foreach (var file in folderWebConfigs)
            {
                if (WebConfig.From(file) is not { } folderConfig) continue;
                var sections = folderConfig.Configuration.ChildrenNamed("appSettings")
                    .Concat(folderConfig.Configuration.ChildrenNamed("location").SelectMany(l => l.ChildrenNamed("appSettings")));
                if (FirstOff(sections) is { } inFolder)
                {
                    var name = RelativeName(file.Path, siteFolder);
                    var place = $"{name}({file.Lines.GetPosition(inFolder.Element.NameSpan.Start).Line + 1})";
                    return Move(config, configuration, inFolder, place,
                        $"{name} configures requests for its folder only, and the CMS reads appSettings from the site's root web.config");
                }
            }

            return null;
        }

        private static IneffectiveWebSocketsKey Move(DeployedConfiguration config, SiteConfiguration configuration, AppSetting entry, string place, string reason)
        {
            var key = new IneffectiveWebSocketsKey(entry, place, reason, FileLocation.Of(entry.Element), false);
            if (IsTransform(config, entry.Element.File))
            {
                return key.DecidedByTransformAt(place);
            }

            if (config.DeployedAppSettings.EntriesFile is null)
            {
                key.NoFix = NoFixForUnreadConfigSource(configuration, config);
                return key;
            }

            key.KeyToMove = entry.Element;
            return key.Fixable(WebSocketsFix.MoveKeyToRoot, " Move the key to the root appSettings.");
        }

        /// <summary>
        /// Why no fix is offered when the configSource file was not read: it does not exist (add the key there), or the
        /// analyzer has not been handed it yet (the next build or design-time build does).
        /// </summary>
        public static string NoFixForUnreadConfigSource(SiteConfiguration configuration, DeployedConfiguration config)
        {
            var place = $"'{config.Deployed.AppSettingsConfigSource}' (configSource at {config.Deployed.AppSettingsElement!.Describe()})";
            return configuration.Availability.IsMissing(ConfigSourcePath(config))
                ? $" No fix is offered: the appSettings come from {place}, which was not found; add the key there."
                : $" No fix is offered: the appSettings come from {place}, which {FileAvailability.NotYetSeen}.";
        }

        private static string ConfigSourcePath(DeployedConfiguration config) =>
            SiteConfiguration.ResolveConfigSource(config.Written.File.Path, config.Deployed.AppSettingsConfigSource!);

        private IneffectiveWebSocketsKey Fixable(WebSocketsFix fix, string advice)
        {
            Fix = fix;
            Advice = advice;
            return this;
        }

        private IneffectiveWebSocketsKey DecidedByTransformAt(string where)
        {
            NoFix = $" No fix is offered: the transform decides; change it at {where}.";
            return this;
        }

        private static IneffectiveWebSocketsKey FromTransform(IneffectiveWebSocketsKey key, TransformStep step) => key.DecidedByTransformAt(step.Element.Describe());

        /// <summary>Whether a file is one of the transforms applied, rather than a file the site deploys as written.</summary>
        private static bool IsTransform(DeployedConfiguration config, ConfigFile file) =>
            config.Transforms.Any(t => t.Transform is not null && ReferenceEquals(t.Transform, file));

        private static AppSetting? FirstOff(IEnumerable<ConfigElement> appSettingsSections)
        {
            foreach (var section in appSettingsSections)
            {
                foreach (var add in section.ChildrenNamed("add"))
                {
                    if (IsKey(add) && new AppSetting(add.File, add).MeansOff) return new AppSetting(add.File, add);
                }
            }

            return null;
        }

        private static bool IsKey(ConfigElement element) =>
            string.Equals(element.AttributeValue("key"), WebSocketsKeys.WebSocketsEnabled, StringComparison.OrdinalIgnoreCase);

        /// <summary>"Views/Web.config": a folder configuration named from the site folder, so it is not taken for the root one.</summary>
        private static string RelativeName(string path, string siteFolder)
        {
            var normalized = path.Replace('\\', '/');
            var folder = siteFolder.Replace('\\', '/').TrimEnd('/') + "/";
            return normalized.StartsWith(folder, StringComparison.OrdinalIgnoreCase) ? normalized.Substring(folder.Length) : Path.GetFileName(path);
        }
    }
}
