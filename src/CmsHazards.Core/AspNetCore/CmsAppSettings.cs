using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Json;
using CmsHazards.Text;
using CmsHazards.Rules;

namespace CmsHazards.AspNetCore
{
    /// <summary>
    /// What a CMS 12/13 site's appsettings files say about the CMS UI's WebSocket. The host reads appsettings.json,
    /// then appsettings.{Environment}.json, a later file overriding an earlier one key by key (environment
    /// variables such as <c>EPiServer__CmsUI__UI__WebSocketEnabled</c> come later still, and no build sees them).
    /// </summary>
    /// <remarks>
    /// The key <c>EPiServer:CmsUI:UI:WebSocketEnabled</c> follows the pattern by which CMS 12 binds options from
    /// configuration ("EPiServer" : product : options class without "Options"), and the CMS 13 documentation shows
    /// UIOptions properties under "EPiServer:CmsUI:UI"; it is inferred from that pattern, not read for this property.
    /// </remarks>
    public sealed class CmsAppSettings
    {
        /// <summary>The MSBuild property that names the environment a build deploys (ASPNETCORE_ENVIRONMENT there).</summary>
        public const string EnvironmentProperty = "CmsHostEnvironment";

        public static readonly IReadOnlyList<string> WebSocketEnabledPath = new[] { "EPiServer", "CmsUI", "UI", "WebSocketEnabled" };

        public const string WebSocketEnabledKey = "EPiServer:CmsUI:UI:WebSocketEnabled";

        /// <summary>The CMS 9.4-11 appSetting, which a CMS 12 site's configuration carries to no effect.</summary>
        public const string Cms11Key = "Epi.WebSockets.Enabled";

        private CmsAppSettings(
            JsonFile? baseFile,
            IReadOnlyList<SwitchSetting> settings,
            IReadOnlyList<JsonFile> unreadable,
            IReadOnlyList<(JsonFile File, JsonProperty Property)> notBoolean,
            IReadOnlyList<(JsonFile File, JsonProperty Property)> cms11Keys)
        {
            BaseFile = baseFile;
            Settings = settings;
            Unreadable = unreadable;
            NotBoolean = notBoolean;
            Cms11Keys = cms11Keys;
        }

        /// <summary>appsettings.json, when the site has one.</summary>
        public JsonFile? BaseFile { get; }

        /// <summary>
        /// The settings the deployed configuration may hold. With the environment declared: the value of the last
        /// file that sets the key. Without: appsettings.json's, plus every environment file that would set it to
        /// something else than false (the build does not know which one is deployed, so each is named).
        /// </summary>
        public IReadOnlyList<SwitchSetting> Settings { get; }

        /// <summary>Files the host would refuse to start with; nothing is decided from them.</summary>
        public IReadOnlyList<JsonFile> Unreadable { get; }

        /// <summary>Values of the key that are not a boolean: the options binder fails on them when the site starts.</summary>
        public IReadOnlyList<(JsonFile File, JsonProperty Property)> NotBoolean { get; }

        /// <summary><c>Epi.WebSockets.Enabled</c> anywhere in the files read: CMS 12 never looks at it.</summary>
        public IReadOnlyList<(JsonFile File, JsonProperty Property)> Cms11Keys { get; }

        /// <summary>Whether a file name is appsettings.json or appsettings.{Environment}.json.</summary>
        public static bool IsAppSettingsFile(string path)
        {
            var name = System.IO.Path.GetFileName(path);
            return name.Length >= "appsettings.json".Length
                && name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)
                && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                && (name.Length == "appsettings.json".Length || name["appsettings".Length] == '.');
        }

        /// <summary>The environment of appsettings.{Environment}.json; null for appsettings.json and other names.</summary>
        public static string? EnvironmentOf(string path)
        {
            var name = System.IO.Path.GetFileName(path);
            if (!IsAppSettingsFile(path) || name.Length <= "appsettings..json".Length) return null;
            var middle = name.Substring("appsettings.".Length, name.Length - "appsettings.".Length - ".json".Length);
            return middle.Length == 0 ? null : middle;
        }

        /// <param name="files">The appsettings files of the site's content root (the project folder).</param>
        /// <param name="environment">The declared <see cref="EnvironmentProperty"/>, or null.</param>
        public static CmsAppSettings Read(IReadOnlyList<JsonFile> files, string? environment)
        {
            environment = string.IsNullOrWhiteSpace(environment) ? null : environment!.Trim();
            var baseFile = files.FirstOrDefault(f => IsAppSettingsFile(f.Path) && EnvironmentOf(f.Path) is null
                && System.IO.Path.GetFileName(f.Path).Equals("appsettings.json", StringComparison.OrdinalIgnoreCase));
            var environmentFiles = files
                .Where(f => EnvironmentOf(f.Path) is not null)
                .OrderBy(f => f.Path, StringComparer.Ordinal)
                .ToList();
            var read = new List<JsonFile>();
            if (baseFile is not null) read.Add(baseFile);
            read.AddRange(environment is null
                ? environmentFiles
                : environmentFiles.Where(f => string.Equals(EnvironmentOf(f.Path), environment, StringComparison.OrdinalIgnoreCase)));

            var unreadable = read.Where(f => f.Root is null).ToList();
            var notBoolean = new List<(JsonFile, JsonProperty)>();
            var cms11Keys = new List<(JsonFile, JsonProperty)>();
            var settings = new List<SwitchSetting>();
            foreach (var file in read.Where(f => f.Root is not null))
            {
                foreach (var (_, property) in file.AllProperties())
                {
                    if (string.Equals(property.Name, Cms11Key, StringComparison.OrdinalIgnoreCase)) cms11Keys.Add((file, property));
                }

                if (file.Find(WebSocketEnabledPath.ToArray()) is not { } key) continue;
                var setting = ToSetting(file, key);
                if (setting is null)
                {
                    notBoolean.Add((file, key));
                    continue;
                }

                var isEnvironmentFile = !ReferenceEquals(file, baseFile);
                if (environment is not null)
                {
                    // Declared: a later file overrides an earlier one, so the last that sets the key decides.
                    settings.Clear();
                    settings.Add(setting);
                }
                else if (!isEnvironmentFile || setting.State != SwitchState.Off)
                {
                    settings.Add(setting);
                }
            }

            return new CmsAppSettings(baseFile, settings, unreadable, notBoolean, cms11Keys);
        }

        /// <summary>A JSON value as the options binder turns it into a bool: "false" in any case, quoted or not.</summary>
        private static SwitchSetting? ToSetting(JsonFile file, JsonProperty key)
        {
            if (key.Value is not JsonLiteral literal || literal.Kind == JsonLiteralKind.Null) return null;
            if (!bool.TryParse(literal.Value, out var value)) return null;
            var expression = file.Text.Substring(literal.Span.Start, literal.Span.Length);
            return new SwitchSetting(value ? SwitchState.On : SwitchState.Off, SwitchPhase.Configuration, file.FileName, expression, LocationOf(file, key.NameSpan));
        }

        public static FileLocation LocationOf(JsonFile file, TextSpan span) =>
            new FileLocation(file.Path, span, file.Lines.GetPosition(span.Start), file.Lines.GetPosition(span.End));
    }
}
