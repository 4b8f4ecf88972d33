using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CmsHazards.AspNetCore;
using CmsHazards.Fixes;
using CmsHazards.Hosting;
using CmsHazards.Json;
using CmsHazards.Rules.Infrastructure;
using CmsHazards.Versions;

namespace CmsHazards.Rules.WebSockets
{
    /// <summary>
    /// CMSH100, CMSH101 and CMSH102 for CMS 12 and 13 (ASP.NET Core): the same hazards, and IDs, as for CMS 9.4-11
    /// (<see cref="WebSocketsRule"/>), with the switch that CMS 12 reads: <c>EPiServer.Web.UIOptions.WebSocketEnabled</c>
    /// (on by default), set in C# (<see cref="CmsStartupCode"/>, which only the analyzer gathers) or in appsettings.json
    /// (<see cref="CmsAppSettings"/>). The host evidence is the CMS 11 rule's: the declaration, the webSocket element of
    /// the web.config IIS reads in front of the ASP.NET Core Module, and the App Service files the project names.
    /// </summary>
    public sealed class UiOptionsRule : IRule
    {
        public const string Remedy = "Set UIOptions.WebSocketEnabled to false: services.Configure<UIOptions>(o => o.WebSocketEnabled = false).";

        /// <summary>"Turn off CMS UI WebSockets (UIOptions.WebSocketEnabled = false)": Fix All groups by it.</summary>
        public const string TurnOffInCodeKey = "CmsHazards.UiOptions.TurnOffInCode";

        public const string TurnOffInCodeTitle = "Turn off CMS UI WebSockets (UIOptions.WebSocketEnabled = false)";

        public const string TurnOffInAppSettingsKey = "CmsHazards.UiOptions.TurnOffInAppSettings";

        private const string EditorsSee = "Editors will get \"A real-time connection could not be established with the server\".";

        /// <summary>
        /// Said where the front end reads no C# (the MSBuild task with analyzers off, the cmshazards command): the verdict
        /// rests on what it could read, and the site's code may still turn the switch off.
        /// </summary>
        public const string CodeNotRead =
            " The site's C# is not read here (CmsHazards reads it only through its analyzer, in a build): if it sets UIOptions.WebSocketEnabled to false, this does not apply.";

        public IReadOnlyList<string> RuleIds { get; } = new[]
        {
            Rules.RuleIds.WebSocketsUnverifiedHost, Rules.RuleIds.WebSocketsUnsupportedHost, Rules.RuleIds.WebSocketsKeyIneffective,
            Rules.RuleIds.ConfigurationUnreadable, Rules.RuleIds.HostDeclarationNotUnderstood,
        };

        // IIS reads the web.config of an ASP.NET Core site for system.webServer (webSocket); the CMS 11 key in its
        // appSettings is reported as doing nothing. Most CMS 12 sites have no web.config, and are decided all the same.
        public ConfigurationReading ReadsConfiguration { get; } = new ConfigurationReading(
            "WebSockets",
            new[] { "appSettings", "system.webServer", "location" },
            "appSettings or system.webServer",
            decidesWithoutConfiguration: true);

        ConfigurationReading? IRule.ReadsConfiguration => ReadsConfiguration;

        public bool AppliesTo(SiteFacts site) => Applies(site.CmsUi);

        public static bool Applies(CmsUiReference? ui) => ui is not null && ui.Version.HasFeaturesOf(CmsUiVersion.FirstOnAspNetCore);

        public void Evaluate(SiteFacts site, ICollection<Finding> findings, CancellationToken cancellationToken)
        {
            var ui = site.CmsUi!;

            // Null where the front end reads no C#: the task and the command say so in their messages.
            var code = site.Fact<CmsStartupCode>();
            if (code is { CompilesUiOptions: false }) return;
            var appSettings = site.Fact<CmsAppSettings>() ?? CmsAppSettings.Read(Array.Empty<JsonFile>(), null);
            var deployed = site.Configuration?.Deployed;

            AppServiceHostEvidence.AddMissingFiles(site, findings);
            var infrastructure = AppServiceHostEvidence.Of(site);
            if (infrastructure is not null) AppServiceHostEvidence.AddFileFindings(infrastructure, findings);

            // Nothing is decided from a file the host itself would refuse.
            foreach (var file in appSettings.Unreadable)
            {
                var position = file.Lines.GetPosition(file.Error!.Offset);
                findings.Add(new Finding(
                    Rules.RuleIds.ConfigurationUnreadable,
                    $"{file.FileName} cannot be read: {file.Error.Message} (line {position.Line + 1}, column {position.Character + 1}). The site would not start with it either; CmsHazards decides nothing from it.",
                    new FileLocation(file.Path, new Text.TextSpan(file.Error.Offset, 0), position, position)));
            }

            foreach (var (file, property) in appSettings.NotBoolean)
            {
                var value = file.Text.Substring(property.Value.Span.Start, property.Value.Span.Length);
                findings.Add(new Finding(
                    Rules.RuleIds.WebSocketsKeyIneffective,
                    $"{CmsAppSettings.WebSocketEnabledKey} is {value} in {file.FileName}, not true or false: the options binder fails on it when the site starts. Write false to turn the CMS UI's WebSocket off.",
                    CmsAppSettings.LocationOf(file, property.Value.Span)));
            }

            if (appSettings.Unreadable.Count > 0) return;

            var codeSettings = code?.Settings ?? Array.Empty<SwitchSetting>();
            var decided = WebSocketSwitch.Decide(codeSettings.Concat(appSettings.Settings));
            var turnOff = TurnOffFixes(code, appSettings, decided);
            var notRead = code is null ? CodeNotRead : "";

            foreach (var key in Cms11Keys(deployed, appSettings))
            {
                var noEffect = $"{CmsAppSettings.Cms11Key} at {key.Describe()} has no effect on CMS {ui.Version.Major}: the CMS UI reads UIOptions.WebSocketEnabled instead.";
                if (decided.IsOff)
                {
                    // Harmless now, but it misleads the next reader about where the switch is: said where it is.
                    findings.Add(new Finding(
                        Rules.RuleIds.WebSocketsKeyIneffective,
                        $"{noEffect} That is already false ({decided.DecidedBy!.How} at {decided.DecidedBy.Location.Describe()}); remove the key.",
                        key));
                }
                else
                {
                    findings.Add(new Finding(Rules.RuleIds.WebSocketsKeyIneffective, noEffect + " " + Remedy, key, turnOff, turnOff.Count > 0 ? FindingPlacement.OnCmsStartup : FindingPlacement.AtLocation));
                }
            }

            if (decided.IsOff) return;

            var host = site.Host;
            var evidence = HostEvidence.Collect(host, deployed, infrastructure, aspNetCore: true);

            // Infrastructure files that turn Web sockets on for every host say what a CmsHostWebSockets=true declaration says.
            var carried = host.WebSockets == true || (host.WebSockets is null && infrastructure?.CarriesWebSockets == true);
            var declaredAgainstFiles = host.WebSockets == true && infrastructure is { Off: { Count: > 0 } };
            if (evidence.Count == 0 && carried && !declaredAgainstFiles) return;

            // "Turn on Web sockets in <file>" where the files leave them off: after the fixes of the site's own switch.
            var fixes = turnOff.ToList();
            if (infrastructure is { Off: { Count: > 0 } }) fixes.AddRange(AppServiceHostEvidence.TurnOnFixes(infrastructure));

            var opens = Opens(ui, decided, code is not null);
            var decidedAt = decided.DecidedBy?.Location;
            if (evidence.Count > 0)
            {
                var hostAt = evidence.Select(e => e.Location).FirstOrDefault(l => l is not null);
                var appService = evidence.Any(e => e.Kind == HostEvidenceKind.AppServiceWebSocketsOff);
                findings.Add(new Finding(
                    Rules.RuleIds.WebSocketsUnsupportedHost,
                    $"{opens}, but {string.Join("; and ", evidence.Select(e => e.Description))}. {EditorsSee} {Remedy}"
                    + (appService ? " Or turn Web sockets on for every App Service host." : "")
                    + AppServiceHostEvidence.Disagreement(infrastructure, host.WebSockets) + notRead,
                    hostAt ?? decidedAt,
                    fixes,
                    FindingPlacement.OnCmsStartup,
                    hostAt is not null && decidedAt is not null ? new[] { decidedAt } : null,
                    evidence.Select(e => e.Setting).FirstOrDefault(s => s is not null)));
                return;
            }

            if (declaredAgainstFiles)
            {
                findings.Add(new Finding(
                    Rules.RuleIds.WebSocketsUnverifiedHost,
                    $"{opens}.{AppServiceHostEvidence.Disagreement(infrastructure, true)} Make sure which is right: turn Web sockets on for those hosts, or set UIOptions.WebSocketEnabled to false." + notRead,
                    AppServiceHostEvidence.Location(infrastructure!.DecidingPlace!),
                    fixes,
                    FindingPlacement.OnCmsStartup,
                    decidedAt is null ? null : new[] { decidedAt }));
                return;
            }

            if (host.WebSockets is null && infrastructure is { CannotTell: { Count: > 0 } } && infrastructure.DecidingPlace is { } undecided)
            {
                findings.Add(new Finding(
                    Rules.RuleIds.WebSocketsUnverifiedHost,
                    $"{opens}, and {infrastructure.CannotTellClause()}. " +
                    $"Declare <{HostDeclaration.WebSocketsProperty}>true</{HostDeclaration.WebSocketsProperty}> once the deployment turns them on, or turn the WebSocket off. {Remedy}" + notRead,
                    AppServiceHostEvidence.Location(undecided),
                    fixes,
                    FindingPlacement.OnCmsStartup,
                    decidedAt is null ? null : new[] { decidedAt }));
                return;
            }

            findings.Add(new Finding(
                Rules.RuleIds.WebSocketsUnverifiedHost,
                $"{opens}, and nothing declares whether the hosts carry WebSockets end to end (Azure App Service has Web sockets off unless turned on; IIS needs the WebSocket Protocol feature; proxies and CDNs must pass the Upgrade header). "
                + $"Declare {HostDeclaration.WebSocketsProperty} for the hosts this build deploys to, or turn the WebSocket off. {Remedy}" + notRead,
                decidedAt,
                fixes,
                FindingPlacement.OnCmsStartup));
        }

        /// <summary>
        /// "CMS UI 12.23.0 (EPiServer.Cms.Shell.UI 12.23.0.0) opens a WebSocket from the edit interface", with what sets
        /// the switch; where the C# was not read, that it may still turn it off.
        /// </summary>
        private static string Opens(CmsUiReference ui, WebSocketSwitch decided, bool codeRead)
        {
            var subject = $"CMS UI {ui.Version} ({ui.Source})";
            var unlessCode = codeRead ? "" : " unless the site's C# turns it off";
            if (decided.DecidedBy is not { } by)
            {
                return codeRead
                    ? subject + " opens a WebSocket from the edit interface (UIOptions.WebSocketEnabled is on by default)"
                    : subject + " opens a WebSocket from the edit interface unless the site's C# turns it off (UIOptions.WebSocketEnabled is on by default, and no appsettings file turns it off)";
            }

            if (decided.State == SwitchState.DependsOn)
            {
                return $"{subject} opens a WebSocket from the edit interface unless UIOptions.WebSocketEnabled is false, and {by.How} at {by.Location.Describe()} sets it to '{by.Expression}', which a build cannot evaluate";
            }

            return by.Phase == SwitchPhase.Configuration
                ? $"{subject} opens a WebSocket from the edit interface{unlessCode} ({by.Location.Describe()} sets {CmsAppSettings.WebSocketEnabledKey} to {by.Expression})"
                : $"{subject} opens a WebSocket from the edit interface ({by.How} at {by.Location.Describe()} sets UIOptions.WebSocketEnabled to {by.Expression})";
        }

        /// <summary>
        /// The fixes of the site's own switch, first the one dotnet format applies: in C# where the front end read the code
        /// and found where the site adds CMS (the documented way); in the appsettings file whose value decides, else
        /// appsettings.json, which every environment reads. None in appsettings where C# sets the switch: C# runs after
        /// configuration is bound, and overrides the file.
        /// </summary>
        private static IReadOnlyList<Fix> TurnOffFixes(CmsStartupCode? code, CmsAppSettings appSettings, WebSocketSwitch decided)
        {
            var fixes = new List<Fix>();
            if (code?.Anchor is { } anchor)
            {
                fixes.Add(new Fix(TurnOffInCodeTitle, TurnOffInCodeKey, new FileChange[]
                {
                    new SetUiOptionsInCode(anchor.Path, anchor.Span.Start, anchor.Span.Length, "WebSocketEnabled", "false"),
                }));
            }

            if (code is { Settings: { Count: > 0 } }) return fixes;
            var target = decided.DecidedBy is { Phase: SwitchPhase.Configuration } by
                ? by.Location.Path
                : appSettings.BaseFile is { Root: not null } baseFile ? baseFile.Path : null;
            if (target is not null)
            {
                fixes.Add(new Fix(TurnOffInAppSettingsTitle(target), TurnOffInAppSettingsKey, new FileChange[]
                {
                    new SetJsonProperty(target, CmsAppSettings.WebSocketEnabledKey, "false"),
                }));
            }

            return fixes;
        }

        public static string TurnOffInAppSettingsTitle(string path) => $"Turn off CMS UI WebSockets in {System.IO.Path.GetFileName(path)}";

        /// <summary>The CMS 11 key, in the root appSettings of the deployed web.config or in an appsettings file.</summary>
        private static IEnumerable<FileLocation> Cms11Keys(CmsHazards.Configuration.DeployedConfiguration? deployed, CmsAppSettings appSettings)
        {
            if (deployed is not null)
            {
                foreach (var setting in deployed.DeployedAppSettings.FindAll(CmsAppSettings.Cms11Key)) yield return FileLocation.Of(setting.Element);
            }

            foreach (var (json, property) in appSettings.Cms11Keys) yield return CmsAppSettings.LocationOf(json, property.NameSpan);
        }
    }
}
