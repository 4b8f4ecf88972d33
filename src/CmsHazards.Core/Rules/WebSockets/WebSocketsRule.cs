using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CmsHazards.Configuration;
using CmsHazards.Fixes;
using CmsHazards.Hosting;
using CmsHazards.Infrastructure;
using CmsHazards.Rules.Infrastructure;
using CmsHazards.Versions;

namespace CmsHazards.Rules.WebSockets
{
    /// <summary>
    /// Decides CMSH100, CMSH101 and CMSH102 for CMS UI 9.4 to 11: the edit interface opens a WebSocket unless
    /// <c>Epi.WebSockets.Enabled</c> is false, and a host without WebSockets then shows editors "A real-time connection
    /// could not be established with the server". The verdict is about the configuration that is deployed: web.config
    /// after Web.$(Configuration).config, and the configSource file after its own transform.
    /// </summary>
    public sealed class WebSocketsRule : IRule
    {
        public IReadOnlyList<string> RuleIds { get; } = new[]
        {
            Rules.RuleIds.WebSocketsUnverifiedHost, Rules.RuleIds.WebSocketsUnsupportedHost, Rules.RuleIds.WebSocketsKeyIneffective,
        };

        public ConfigurationReading ReadsConfiguration { get; } = new ConfigurationReading(
            "WebSockets",
            new[] { "appSettings", "system.web", "system.webServer", "location" },
            "appSettings, system.web or system.webServer");

        ConfigurationReading? IRule.ReadsConfiguration => ReadsConfiguration;

        // CMS 12 and later read UIOptions in code, not this web.config; before 9.4 there is no WebSocket.
        public bool AppliesTo(SiteFacts site) =>
            site.CmsUi is { } ui
            && ui.Version.HasFeaturesOf(CmsUiVersion.FirstWithWebSockets)
            && !ui.Version.HasFeaturesOf(CmsUiVersion.FirstOnAspNetCore);

        public void Evaluate(SiteFacts site, ICollection<Finding> findings, CancellationToken cancellationToken)
        {
            var configuration = site.Configuration!;
            var deployed = configuration.Deployed!;
            AppServiceHostEvidence.AddMissingFiles(site, findings);
            var infrastructure = AppServiceHostEvidence.Of(site);
            if (infrastructure is not null) AppServiceHostEvidence.AddFileFindings(infrastructure, findings);
            if (VerdictFor(site.CmsUi!, site.Host, configuration, deployed, infrastructure, cancellationToken) is { } finding) findings.Add(finding);
        }

        private static Finding? VerdictFor(CmsUiReference ui, HostDeclaration host, SiteConfiguration configuration, DeployedConfiguration config, WebSocketsEvidence? infrastructure, CancellationToken cancellationToken)
        {
            var appSettings = config.DeployedAppSettings;
            if (appSettings.Find(WebSocketsKeys.WebSocketsEnabled)?.BooleanValue == false) return null;

            var ineffective = IneffectiveWebSocketsKey.Find(config, configuration);
            var evidence = HostEvidence.Collect(host, config, infrastructure);

            // Infrastructure files that turn Web sockets on for every host say what a CmsHostWebSockets=true declaration says.
            var carried = host.WebSockets == true || (host.WebSockets is null && infrastructure?.CarriesWebSockets == true);
            var declaredAgainstFiles = host.WebSockets == true && infrastructure is { Off: { Count: > 0 } };
            if (evidence.Count == 0 && ineffective is null && carried && !declaredAgainstFiles) return null;

            var webConfig = config.Deployed;
            var configSource = webConfig.AppSettingsConfigSource;
            // Where the file appSettings file= names sets, removes or clears the key, that file decides, and the fix edits it there.
            var fixTarget = appSettings.OverridesDecide(WebSocketsKeys.WebSocketsEnabled) ? appSettings.OverridesFile!.Path : (appSettings.EntriesFile ?? webConfig.File).Path;
            var candidates = new List<WebSocketsFix>();
            var noFix = "";
            if (ineffective is not null)
            {
                if (ineffective.Fix is { } fix) candidates.Add(fix);
                noFix = ineffective.NoFix;
            }
            else if (configSource is not null && appSettings.EntriesFile is null)
            {
                noFix = IneffectiveWebSocketsKey.NoFixForUnreadConfigSource(configuration, config);
            }
            else
            {
                candidates.Add(WebSocketsFix.TurnOff);
            }

            if (candidates.Count > 0 && evidence.Any(e => e.Kind == HostEvidenceKind.AspNetCompatibilityMode)) candidates.Add(WebSocketsFix.UseTaskFriendlySynchronizationContext);

            // A fix edits the files as written; it is offered only if the deployed configuration then has what it promises.
            var fixes = new List<Fix>();
            foreach (var kind in candidates)
            {
                // Checking a fix parses the edited files again: the one step here that can take long on a large web.config.
                cancellationToken.ThrowIfCancellationRequested();
                var fix = WebSocketsFixes.Create(kind, fixTarget, ineffective?.KeyToMove);
                if (WebSocketsFixes.TakesEffect(configuration, kind, fix, out var whyNot))
                {
                    fixes.Add(fix);
                }
                else if (kind != WebSocketsFix.UseTaskFriendlySynchronizationContext)
                {
                    var file = System.IO.Path.GetFileName(fixTarget);
                    noFix = $" No fix is offered: the key set in {file} would not take effect {config.WhichConfiguration}" + (whyNot is null ? "." : $", because {whyNot.Reason}.");
                }
            }

            // "Turn on Web sockets in <file>" where the files leave them off: after the fixes of the site's own configuration.
            if (infrastructure is { Off: { Count: > 0 } }) fixes.AddRange(AppServiceHostEvidence.TurnOnFixes(infrastructure));

            // A file appSettings file= names that the analyzer has not been handed yet may override what is read here.
            noFix += UnseenOverrides(configuration, config);

            var uiText = $"CMS UI {ui.Version} ({ui.Source})";
            if (evidence.Count > 0)
            {
                var anchor = ineffective?.Decider
                    ?? evidence.Select(e => e.Location).FirstOrDefault(l => l is not null)
                    ?? FileLocation.Of(webConfig.AppSettingsElement ?? webConfig.Configuration);
                return new Finding(
                    Rules.RuleIds.WebSocketsUnsupportedHost,
                    $"{uiText} opens a WebSocket from the edit interface, but {string.Join("; and ", evidence.Select(e => e.Description))}. " +
                    $"Editors will get \"A real-time connection could not be established with the server\". Set {WebSocketsKeys.WebSocketsEnabled} to false in {RootAppSettings(configuration, config)}" +
                    (evidence.Any(e => e.Kind == HostEvidenceKind.AppServiceWebSocketsOff) ? ", or turn Web sockets on for every App Service host." : ".") +
                    AppServiceHostEvidence.Disagreement(infrastructure, host.WebSockets) +
                    (ineffective is null ? "" : " " + ineffective.Sentence(config)) + noFix,
                    anchor,
                    fixes,
                    FindingPlacement.OnSiteCode);
            }

            if (ineffective is not null)
            {
                // An ineffective key goes on the site's code when it can be fixed, so the light bulb is offered; else
                // it is reported where it is written.
                return new Finding(
                    Rules.RuleIds.WebSocketsKeyIneffective,
                    $"{ineffective.Sentence(config)} {uiText} opens a WebSocket from the edit interface." + (fixes.Count > 0 ? ineffective.Advice + UnseenOverrides(configuration, config) : noFix),
                    ineffective.Decider,
                    fixes,
                    fixes.Count > 0 ? FindingPlacement.OnSiteCode : FindingPlacement.AtLocation);
            }

            if (declaredAgainstFiles)
            {
                return new Finding(
                    Rules.RuleIds.WebSocketsUnverifiedHost,
                    $"{uiText} opens a WebSocket from the edit interface.{AppServiceHostEvidence.Disagreement(infrastructure, true)} " +
                    $"Make sure which is right: turn Web sockets on for those hosts, or set {WebSocketsKeys.WebSocketsEnabled} to false." + noFix,
                    AppServiceHostEvidence.Location(infrastructure!.DecidingPlace!),
                    fixes,
                    FindingPlacement.OnSiteCode);
            }

            if (host.WebSockets is null && infrastructure is { CannotTell: { Count: > 0 } } && infrastructure.DecidingPlace is { } undecided)
            {
                return new Finding(
                    Rules.RuleIds.WebSocketsUnverifiedHost,
                    $"{uiText} opens a WebSocket from the edit interface, and {infrastructure.CannotTellClause()}. " +
                    $"Declare <{HostDeclaration.WebSocketsProperty}>true</{HostDeclaration.WebSocketsProperty}> once the deployment turns them on, or set {WebSocketsKeys.WebSocketsEnabled} to false." + noFix,
                    AppServiceHostEvidence.Location(undecided),
                    fixes,
                    FindingPlacement.OnSiteCode);
            }

            return new Finding(
                Rules.RuleIds.WebSocketsUnverifiedHost,
                $"{uiText} opens a WebSocket from the edit interface, and nothing declares whether the hosts carry WebSockets end to end " +
                "(IIS 8 or later with the WebSocket Protocol feature, and every proxy or CDN passing the Upgrade header). " +
                $"Declare <{HostDeclaration.WebSocketsProperty}>true</{HostDeclaration.WebSocketsProperty}> once that is checked, or set {WebSocketsKeys.WebSocketsEnabled} to false." + noFix,
                FileLocation.Of(webConfig.AppSettingsElement ?? webConfig.Configuration),
                fixes,
                FindingPlacement.OnSiteCode);
        }

        /// <summary>
        /// A sentence about the file <c>&lt;appSettings file="..."&gt;</c> names when the analyzer was not handed it yet (and
        /// the build did not find it missing, which .NET would ignore); empty otherwise.
        /// </summary>
        private static string UnseenOverrides(SiteConfiguration configuration, DeployedConfiguration config)
        {
            var appSettings = config.DeployedAppSettings;
            if (appSettings.OverridesFile is not null || appSettings.FileAttributePath is not { } path || configuration.Availability.IsMissing(path)) return "";
            return $" {System.IO.Path.GetFileName(path)}, which <appSettings file=\"{appSettings.FileAttribute}\"> at {appSettings.Entries!.Describe()} names, {FileAvailability.NotYetSeen}; its entries override the inline ones.";
        }

        /// <summary>
        /// Where the key goes, with the file's name as the project has it: the diagnostic sits on Global.asax.cs, so the
        /// message must say which file to open. "the root appSettings of Web.config", or the file configSource names.
        /// </summary>
        private static string RootAppSettings(SiteConfiguration configuration, DeployedConfiguration config)
        {
            var webConfig = configuration.WebConfig.FileName;
            if (config.DeployedAppSettings.OverridesDecide(WebSocketsKeys.WebSocketsEnabled))
            {
                return $"{config.DeployedAppSettings.OverridesFile!.FileName}, whose entries override the root appSettings of {webConfig} (appSettings file=)";
            }

            if (config.Deployed.AppSettingsConfigSource is not { } configSource) return $"the root appSettings of {webConfig}";
            var file = config.DeployedAppSettings.EntriesFile?.FileName ?? configSource;
            return $"the root appSettings, which {webConfig} takes from {file} (configSource)";
        }
    }
}
