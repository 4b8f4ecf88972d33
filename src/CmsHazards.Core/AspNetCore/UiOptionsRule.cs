using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Configuration;
using CmsHazards.Hosting;
using CmsHazards.Json;
using CmsHazards.Rules;
using CmsHazards.Versions;

namespace CmsHazards.AspNetCore
{
    /// <summary>What a CMS 12/13 site offers to decide its WebSocket hazard.</summary>
    public sealed class AspNetCoreSite
    {
        public AspNetCoreSite(
            CmsUiReference ui,
            HostDeclaration host,
            FileLocation? anchor,
            IReadOnlyList<SwitchSetting> codeSettings,
            CmsAppSettings appSettings,
            ConfigFile? webConfig)
        {
            Ui = ui;
            Host = host;
            Anchor = anchor;
            CodeSettings = codeSettings;
            AppSettings = appSettings;
            WebConfig = webConfig;
        }

        public CmsUiReference Ui { get; }

        public HostDeclaration Host { get; }

        /// <summary>The call that adds CMS, else where services are configured; null when the code shows neither.</summary>
        public FileLocation? Anchor { get; }

        /// <summary>Every setting of UIOptions.WebSocketEnabled in the site's C#.</summary>
        public IReadOnlyList<SwitchSetting> CodeSettings { get; }

        public CmsAppSettings AppSettings { get; }

        /// <summary>The web.config IIS reads for the site (the ASP.NET Core Module's), when the project has one.</summary>
        public ConfigFile? WebConfig { get; }
    }

    /// <summary>One diagnostic about a CMS 12/13 site, as the analyzer reports it.</summary>
    public sealed class AspNetCoreFinding
    {
        public AspNetCoreFinding(string ruleId, string message, FileLocation? location, IReadOnlyList<FileLocation>? evidence = null, bool turnOffInCode = false, string? appSettingsTarget = null)
        {
            RuleId = ruleId;
            Message = message;
            Location = location;
            Evidence = evidence ?? Array.Empty<FileLocation>();
            TurnOffInCode = turnOffInCode;
            AppSettingsTarget = appSettingsTarget;
        }

        public string RuleId { get; }

        public string Message { get; }

        /// <summary>Where the diagnostic sits: the AddCms call for findings with fixes; null when the site shows no such place.</summary>
        public FileLocation? Location { get; }

        /// <summary>The settings and keys the message names, as additional locations.</summary>
        public IReadOnlyList<FileLocation> Evidence { get; }

        /// <summary>Whether "Turn off CMS UI WebSockets (UIOptions.WebSocketEnabled = false)" applies.</summary>
        public bool TurnOffInCode { get; }

        /// <summary>The appsettings file "Turn off in appsettings.json" edits, when one applies.</summary>
        public string? AppSettingsTarget { get; }

        public override string ToString() => RuleId + ": " + Message;
    }

    /// <summary>
    /// CMSH100, CMSH101 and CMSH102 for CMS 12 and 13 (ASP.NET Core): the same hazards, and IDs, as for CMS 9.4-11,
    /// with the switch that CMS 12 reads: <c>EPiServer.Web.UIOptions.WebSocketEnabled</c> (on by default).
    /// </summary>
    public static class UiOptionsRule
    {
        public const string Remedy = "Set UIOptions.WebSocketEnabled to false: services.Configure<UIOptions>(o => o.WebSocketEnabled = false).";

        private const string EditorsSee = "Editors will get \"A real-time connection could not be established with the server\".";

        public static bool Applies(CmsUiReference? ui) => ui is not null && ui.Version.HasFeaturesOf(CmsUiVersion.FirstOnAspNetCore);

        public static IReadOnlyList<AspNetCoreFinding> Evaluate(AspNetCoreSite site)
        {
            var findings = new List<AspNetCoreFinding>();
            if (!Applies(site.Ui)) return findings;

            // Nothing is decided from a file the host itself would refuse.
            foreach (var file in site.AppSettings.Unreadable)
            {
                var position = file.Lines.GetPosition(file.Error!.Offset);
                var at = new Text.TextSpan(file.Error.Offset, 0);
                findings.Add(new AspNetCoreFinding(
                    RuleIds.ConfigurationUnreadable,
                    $"{file.FileName} cannot be read: {file.Error.Message} (line {position.Line + 1}, column {position.Character + 1}). The site would not start with it either; CmsHazards decides nothing from it.",
                    new FileLocation(file.Path, at, position, position)));
            }

            foreach (var (file, property) in site.AppSettings.NotBoolean)
            {
                var value = file.Text.Substring(property.Value.Span.Start, property.Value.Span.Length);
                findings.Add(new AspNetCoreFinding(
                    RuleIds.WebSocketsKeyIneffective,
                    $"{CmsAppSettings.WebSocketEnabledKey} is {value} in {file.FileName}, not true or false: the options binder fails on it when the site starts. Write false to turn the CMS UI's WebSocket off.",
                    CmsAppSettings.LocationOf(file, property.Value.Span)));
            }

            if (site.AppSettings.Unreadable.Count > 0) return findings;

            var settings = site.CodeSettings.Concat(site.AppSettings.Settings).ToList();
            var decided = WebSocketSwitch.Decide(settings);
            var appSettingsTarget = AppSettingsTarget(site, decided);

            foreach (var key in Cms11Keys(site))
            {
                var noEffect = $"{CmsAppSettings.Cms11Key} at {key.Describe()} has no effect on CMS {site.Ui.Version.Major}: the CMS UI reads UIOptions.WebSocketEnabled instead.";
                if (decided.IsOff)
                {
                    // Harmless now, but it misleads the next reader about where the switch is: say so where it is.
                    findings.Add(new AspNetCoreFinding(
                        RuleIds.WebSocketsKeyIneffective,
                        $"{noEffect} That is already false ({decided.DecidedBy!.How} at {decided.DecidedBy.Location.Describe()}); remove the key.",
                        key));
                }
                else
                {
                    findings.Add(site.Anchor is null
                        ? new AspNetCoreFinding(RuleIds.WebSocketsKeyIneffective, noEffect + " " + Remedy, key)
                        : new AspNetCoreFinding(RuleIds.WebSocketsKeyIneffective, noEffect + " " + Remedy, site.Anchor, new[] { key }, turnOffInCode: true, appSettingsTarget));
                }
            }

            if (decided.IsOff || site.Host.WebSockets == true) return findings;

            var opens = Opens(site.Ui, decided);
            var evidence = decided.DecidedBy is { } by ? new[] { by.Location } : Array.Empty<FileLocation>();
            if (HostWithoutWebSockets(site) is { } host)
            {
                findings.Add(new AspNetCoreFinding(
                    RuleIds.WebSocketsUnsupportedHost,
                    $"{opens}, but {host.Reason}. {EditorsSee} {Remedy}",
                    site.Anchor ?? host.Location,
                    host.Location is null || site.Anchor is null ? evidence : evidence.Concat(new[] { host.Location }).ToList(),
                    turnOffInCode: site.Anchor is not null,
                    appSettingsTarget));
            }
            else
            {
                findings.Add(new AspNetCoreFinding(
                    RuleIds.WebSocketsUnverifiedHost,
                    $"{opens}, and nothing declares whether the hosts carry WebSockets end to end (Azure App Service has Web sockets off unless turned on; IIS needs the WebSocket Protocol feature; proxies and CDNs must pass the Upgrade header). "
                    + $"Declare {HostDeclaration.WebSocketsProperty} for the hosts this build deploys to, or turn the WebSocket off. {Remedy}",
                    site.Anchor,
                    evidence,
                    turnOffInCode: site.Anchor is not null,
                    appSettingsTarget));
            }

            return findings;
        }

        /// <summary>"CMS UI 12.23.0 (EPiServer.Cms.Shell.UI 12.23.0.0) opens a WebSocket from the edit interface", with what sets the switch.</summary>
        private static string Opens(CmsUiReference ui, WebSocketSwitch decided)
        {
            var subject = $"CMS UI {ui.Version} ({ui.Source})";
            if (decided.DecidedBy is not { } by) return subject + " opens a WebSocket from the edit interface (UIOptions.WebSocketEnabled is on by default)";
            if (decided.State == SwitchState.DependsOn)
            {
                return $"{subject} opens a WebSocket from the edit interface unless UIOptions.WebSocketEnabled is false, and {by.How} at {by.Location.Describe()} sets it to '{by.Expression}', which a build cannot evaluate";
            }

            return by.Phase == SwitchPhase.Configuration
                ? $"{subject} opens a WebSocket from the edit interface ({by.Location.Describe()} sets {CmsAppSettings.WebSocketEnabledKey} to {by.Expression})"
                : $"{subject} opens a WebSocket from the edit interface ({by.How} at {by.Location.Describe()} sets UIOptions.WebSocketEnabled to {by.Expression})";
        }

        private sealed class HostEvidence
        {
            public HostEvidence(string reason, FileLocation? location)
            {
                Reason = reason;
                Location = location;
            }

            public string Reason { get; }

            public FileLocation? Location { get; }
        }

        private static HostEvidence? HostWithoutWebSockets(AspNetCoreSite site)
        {
            if (site.Host.WebSockets == false)
            {
                return new HostEvidence($"the hosts are declared without WebSockets ({HostDeclaration.WebSocketsProperty}=false)", null);
            }

            if (site.Host.IisTooOldForWebSockets)
            {
                return new HostEvidence($"the host is declared as IIS {site.Host.IisVersionText} ({HostDeclaration.IisVersionProperty}), and IIS carries WebSockets only from 8.0", null);
            }

            // The web.config that IIS reads in front of the ASP.NET Core Module.
            if (site.WebConfig is { } file && WebConfig.From(file) is { } config
                && config.WebSocket?.Attribute("enabled") is { } enabled
                && bool.TryParse(enabled.Value, out var on) && !on)
            {
                var location = LocationOf(file, enabled.NameSpan);
                return new HostEvidence($"WebSockets are switched off for the site in IIS (<webSocket enabled=\"{enabled.Value}\"> at {location.Describe()})", location);
            }

            return null;
        }

        /// <summary>The CMS 11 key, in the web.config's root appSettings or in an appsettings file.</summary>
        private static IEnumerable<FileLocation> Cms11Keys(AspNetCoreSite site)
        {
            if (site.WebConfig is { } file && WebConfig.From(file) is { } config)
            {
                foreach (var setting in config.GetAppSettings(null).FindAll(CmsAppSettings.Cms11Key))
                {
                    yield return LocationOf(setting.File, setting.Element.NameSpan);
                }
            }

            foreach (var (json, property) in site.AppSettings.Cms11Keys)
            {
                yield return CmsAppSettings.LocationOf(json, property.NameSpan);
            }
        }

        /// <summary>
        /// The file "Turn off in appsettings.json" edits: the appsettings file whose value decides, else
        /// appsettings.json, which every environment reads. None where C# decides (it overrides the file), or
        /// where the site has no appsettings.json.
        /// </summary>
        private static string? AppSettingsTarget(AspNetCoreSite site, WebSocketSwitch decided)
        {
            if (site.CodeSettings.Count > 0) return null;
            if (decided.DecidedBy is { Phase: SwitchPhase.Configuration } by) return by.Location.Path;
            return site.AppSettings.BaseFile is { Root: not null } baseFile ? baseFile.Path : null;
        }

        private static FileLocation LocationOf(ConfigFile file, Text.TextSpan span) =>
            new FileLocation(file.Path, span, file.Lines.GetPosition(span.Start), file.Lines.GetPosition(span.End));
    }
}
