using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Configuration;
using CmsHazards.Hosting;
using CmsHazards.Text;
using CmsHazards.Versions;

namespace CmsHazards.Rules
{
    /// <summary>
    /// Decides CMSH100 and CMSH101: CMS UI 9.4 to 11 opens a WebSocket from the edit interface unless
    /// <c>Epi.WebSockets.Enabled</c> is false, and a host without WebSockets then shows editors "A real-time
    /// connection could not be established with the server".
    /// </summary>
    public static class WebSocketsRule
    {
        private static readonly Version AspNet45 = new Version(4, 5);

        public static IReadOnlyList<Finding> Evaluate(SiteFacts site)
        {
            var findings = new List<Finding>();
            foreach (var problem in site.Host.Problems)
            {
                findings.Add(new Finding(RuleIds.HostDeclarationNotUnderstood, problem + " CmsHazards treats it as not declared.", null));
            }

            // CMS 12 and later read UIOptions in code, not this web.config; before 9.4 there is no WebSocket.
            var ui = site.CmsUi;
            if (ui is null
                || !ui.Version.HasFeaturesOf(CmsUiVersion.FirstWithWebSockets)
                || ui.Version.HasFeaturesOf(CmsUiVersion.FirstOnAspNetCore))
            {
                return findings;
            }

            // Nothing is guessed from a file that cannot be read.
            if (Unreadable(site.WebConfig) is { } unreadable)
            {
                findings.Add(unreadable);
                return findings;
            }

            var webConfig = WebConfig.From(site.WebConfig);
            if (webConfig is null)
            {
                findings.Add(new Finding(
                    RuleIds.ConfigurationUnreadable,
                    $"{site.WebConfig.FileName} is not a .NET configuration file: its root element is <{site.WebConfig.Root!.Name}>, not <configuration>.",
                    ConfigLocation.Of(site.WebConfig.Root)));
                return findings;
            }

            var configSource = webConfig.AppSettingsConfigSource;
            if (configSource is not null && site.AppSettingsFile is { } external)
            {
                if (Unreadable(external) is { } unreadableExternal)
                {
                    findings.Add(unreadableExternal);
                    return findings;
                }

                if (external.Root is not { Name: "appSettings" })
                {
                    findings.Add(new Finding(
                        RuleIds.ConfigurationUnreadable,
                        $"{external.FileName}, named by configSource at {webConfig.AppSettingsElement!.Describe()}, must have <appSettings> as its root element, not <{external.Root!.Name}>.",
                        ConfigLocation.Of(external.Root)));
                    return findings;
                }
            }

            var appSettings = webConfig.GetAppSettings(configSource is null ? null : site.AppSettingsFile);
            if (appSettings.Find(AppSettingKeys.WebSocketsEnabled)?.BooleanValue == false) return findings;

            var evidence = CollectEvidence(site.Host, webConfig, appSettings);
            if (evidence.Count == 0 && site.Host.WebSockets == true) return findings;

            var fixes = new List<FixKind>();
            string? fixTarget = null;
            string? noFix = null;
            if (configSource is not null && appSettings.EntriesFile is null)
            {
                noFix = $" No fix is offered: the appSettings come from '{configSource}' (configSource at {webConfig.AppSettingsElement!.Describe()}), which was not found; add the key there.";
            }
            else
            {
                fixTarget = (appSettings.EntriesFile ?? webConfig.File).Path;
                fixes.Add(FixKind.TurnOffWebSockets);
                if (evidence.Any(e => e.Kind == EvidenceKind.AspNetCompatibilityMode)) fixes.Add(FixKind.UseTaskFriendlySynchronizationContext);
            }

            var anchor = evidence.Select(e => e.Location).FirstOrDefault(l => l is not null)
                ?? ConfigLocation.Of(webConfig.AppSettingsElement ?? webConfig.Configuration);
            var uiText = $"CMS UI {ui.Version} ({ui.Source})";

            if (evidence.Count == 0)
            {
                findings.Add(new Finding(
                    RuleIds.WebSocketsUnverifiedHost,
                    $"{uiText} opens a WebSocket from the edit interface, and nothing declares whether the hosts carry WebSockets end to end " +
                    "(IIS 8 or later with the WebSocket Protocol feature, and every proxy or CDN passing the Upgrade header). " +
                    $"Declare <{HostDeclaration.WebSocketsProperty}>true</{HostDeclaration.WebSocketsProperty}> once that is checked, or set {AppSettingKeys.WebSocketsEnabled} to false." + noFix,
                    anchor,
                    fixes,
                    fixTarget));
            }
            else
            {
                findings.Add(new Finding(
                    RuleIds.WebSocketsUnsupportedHost,
                    $"{uiText} opens a WebSocket from the edit interface, but {string.Join("; and ", evidence.Select(e => e.Description))}. " +
                    $"Editors will get \"A real-time connection could not be established with the server\". Set {AppSettingKeys.WebSocketsEnabled} to false in the root appSettings." + noFix,
                    anchor,
                    fixes,
                    fixTarget));
            }

            return findings;
        }

        private static Finding? Unreadable(ConfigFile file)
        {
            if (file.Error is null) return null;
            var position = file.Error.Position;
            var offset = file.Lines.GetOffset(position.Line, position.Character);
            var message = file.Error.HasPosition
                ? $"{file.FileName} cannot be read as XML at line {position.Line + 1}, column {position.Character + 1}: {file.Error.Message} CmsHazards checks nothing in it until it is fixed."
                : $"{file.FileName} is not read: {file.Error.Message} CmsHazards checks nothing in it.";
            return new Finding(RuleIds.ConfigurationUnreadable, message, new ConfigLocation(file, new TextSpan(offset, 0)));
        }

        private enum EvidenceKind
        {
            HostDeclaredWithoutWebSockets,
            IisTooOld,
            WebSocketModuleOff,
            AspNetCompatibilityMode,
        }

        private sealed class Evidence
        {
            public Evidence(EvidenceKind kind, string description, ConfigLocation? location = null)
            {
                Kind = kind;
                Description = description;
                Location = location;
            }

            public EvidenceKind Kind { get; }
            public string Description { get; }
            public ConfigLocation? Location { get; }
        }

        private static List<Evidence> CollectEvidence(HostDeclaration host, WebConfig webConfig, AppSettings appSettings)
        {
            var evidence = new List<Evidence>();
            if (webConfig.WebSocket is { } webSocket && webSocket.Attribute("enabled") is { } enabled
                && bool.TryParse(enabled.Value.Trim(), out var on) && !on)
            {
                evidence.Add(new Evidence(
                    EvidenceKind.WebSocketModuleOff,
                    $"WebSockets are switched off for the site in IIS (<webSocket enabled=\"{enabled.Value}\"> at {webSocket.Describe()})",
                    ConfigLocation.Of(webSocket)));
            }

            if (AspNetCompatibilityMode(webConfig, appSettings) is { } compatibility) evidence.Add(compatibility);

            // An explicit CmsHostWebSockets=true is the user's word on the hosts; it outranks the IIS version.
            if (host.WebSockets == false)
            {
                evidence.Add(new Evidence(
                    EvidenceKind.HostDeclaredWithoutWebSockets,
                    $"the hosts are declared without WebSockets ({HostDeclaration.WebSocketsProperty}=false)"));
            }
            else if (host.WebSockets is null && host.IisTooOldForWebSockets)
            {
                evidence.Add(new Evidence(
                    EvidenceKind.IisTooOld,
                    $"the host is declared as IIS {host.IisVersionText} ({HostDeclaration.IisVersionProperty}), and IIS carries WebSockets only from 8.0"));
            }

            return evidence;
        }

        /// <summary>
        /// ASP.NET accepts WebSockets only with the task-friendly synchronization context, which
        /// <c>httpRuntime targetFramework</c> 4.5 or later turns on, or the appSetting of the same name.
        /// Without either the application runs in 4.0 compatibility mode.
        /// </summary>
        private static Evidence? AspNetCompatibilityMode(WebConfig webConfig, AppSettings appSettings)
        {
            var httpRuntime = webConfig.HttpRuntime;
            var targetFramework = httpRuntime?.AttributeValue("targetFramework")?.Trim();
            if (targetFramework is not null && Version.TryParse(targetFramework, out var framework) && framework >= AspNet45) return null;
            if (appSettings.Find(AppSettingKeys.UseTaskFriendlySynchronizationContext)?.BooleanValue == true) return null;

            string where;
            ConfigLocation location;
            if (httpRuntime is null)
            {
                var parent = webConfig.SystemWeb ?? webConfig.Configuration;
                location = ConfigLocation.Of(parent);
                where = $"<{parent.Name}> at {parent.Describe()} has no <httpRuntime targetFramework=\"4.5\"> or later";
            }
            else
            {
                location = ConfigLocation.Of(httpRuntime);
                where = targetFramework is null
                    ? $"<httpRuntime> at {httpRuntime.Describe()} has no targetFramework"
                    : $"<httpRuntime targetFramework=\"{targetFramework}\"> at {httpRuntime.Describe()} is below 4.5";
            }

            return new Evidence(
                EvidenceKind.AspNetCompatibilityMode,
                $"ASP.NET runs in its 4.0 compatibility mode, which refuses WebSockets ({where}, and {AppSettingKeys.UseTaskFriendlySynchronizationContext} is not true)",
                location);
        }
    }
}
