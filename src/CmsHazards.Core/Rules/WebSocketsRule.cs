using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Configuration;
using CmsHazards.Fixes;
using CmsHazards.Hosting;
using CmsHazards.Text;
using CmsHazards.Transforms;
using CmsHazards.Versions;

namespace CmsHazards.Rules
{
    /// <summary>
    /// Decides CMSH100, CMSH101 and CMSH102: CMS UI 9.4 to 11 opens a WebSocket from the edit interface unless
    /// <c>Epi.WebSockets.Enabled</c> is false, and a host without WebSockets then shows editors "A real-time
    /// connection could not be established with the server". The verdict is about the configuration that is
    /// deployed: web.config after Web.$(Configuration).config, and the configSource file after its own transform.
    /// </summary>
    public static class WebSocketsRule
    {
        private static readonly Version AspNet45 = new Version(4, 5);

        /// <summary>The sections whose content the verdict reads; a transform CmsHazards cannot read there withholds it.</summary>
        private static readonly string[] SectionsRead = { "appSettings", "system.web", "system.webServer", "location" };

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
            foreach (var file in new[] { site.WebConfig, site.WebConfigTransform, site.AppSettingsFile, site.AppSettingsTransform })
            {
                if (file is not null && Unreadable(file) is { } unreadable)
                {
                    findings.Add(unreadable);
                    return findings;
                }
            }

            if (WebConfig.From(site.WebConfig) is null)
            {
                findings.Add(new Finding(
                    RuleIds.ConfigurationUnreadable,
                    $"{site.WebConfig.FileName} is not a .NET configuration file: its root element is <{site.WebConfig.Root!.Name}>, not <configuration>.",
                    ConfigLocation.Of(site.WebConfig.Root)));
                return findings;
            }

            var config = DeployedConfiguration.Build(site.WebConfig, site.WebConfigTransform, site.AppSettingsFile, site.AppSettingsTransform, site.BuildConfiguration);
            if (config is null || TransformProblems(config, findings)) return findings;

            if (config.Deployed.AppSettingsConfigSource is not null && site.AppSettingsFile is { Root: { } externalRoot } external
                && externalRoot.Name != "appSettings")
            {
                findings.Add(new Finding(
                    RuleIds.ConfigurationUnreadable,
                    $"{external.FileName}, named by configSource at {config.Deployed.AppSettingsElement!.Describe()}, must have <appSettings> as its root element, not <{externalRoot.Name}>.",
                    ConfigLocation.Of(externalRoot)));
                return findings;
            }

            if (Decide(site, config, ui) is { } finding) findings.Add(finding);
            return findings;
        }

        /// <summary>
        /// Reports every transform element CmsHazards cannot apply (CMSH201). True when one of them may change what the
        /// verdict reads: then there is no verdict, rather than one about a configuration that is not the deployed one.
        /// </summary>
        private static bool TransformProblems(DeployedConfiguration config, List<Finding> findings)
        {
            var withheld = false;
            foreach (var transform in config.Transforms)
            {
                foreach (var problem in transform.Problems)
                {
                    // Every section of an appSettings file is appSettings.
                    var relevant = transform != config.WebConfigTransform || problem.Section is null || SectionsRead.Contains(problem.Section);
                    withheld |= relevant;
                    var consequence = relevant
                        ? $" CmsHazards gives no WebSockets verdict {IneffectiveKey.ConfigurationText(config)} until it can read this transform."
                        : $" It does not reach appSettings, system.web or system.webServer, so the WebSockets checks go on.";
                    findings.Add(new Finding(
                        RuleIds.TransformNotUnderstood,
                        problem.Message + consequence,
                        problem.Attribute is { } attribute ? ConfigLocation.Of(attribute) : ConfigLocation.Of(problem.Element)));
                }
            }

            return withheld;
        }

        private static Finding? Decide(SiteFacts site, DeployedConfiguration config, CmsUiReference ui)
        {
            var appSettings = config.DeployedAppSettings;
            if (appSettings.Find(AppSettingKeys.WebSocketsEnabled)?.BooleanValue == false) return null;

            var ineffective = IneffectiveKey.Find(config, site.FolderWebConfigs);
            var evidence = CollectEvidence(site.Host, config);
            if (evidence.Count == 0 && ineffective is null && site.Host.WebSockets == true) return null;

            var webConfig = config.Deployed;
            var configSource = webConfig.AppSettingsConfigSource;
            var fixTarget = (appSettings.EntriesFile ?? webConfig.File).Path;
            var fixes = new List<FixKind>();
            var noFix = "";
            if (ineffective is not null)
            {
                if (ineffective.Fix is { } fix) fixes.Add(fix);
                noFix = ineffective.NoFix;
            }
            else if (configSource is not null && appSettings.EntriesFile is null)
            {
                noFix = $" No fix is offered: the appSettings come from '{configSource}' (configSource at {webConfig.AppSettingsElement!.Describe()}), which was not found; add the key there.";
            }
            else
            {
                fixes.Add(FixKind.TurnOffWebSockets);
            }

            if (fixes.Count > 0 && evidence.Any(e => e.Kind == EvidenceKind.AspNetCompatibilityMode)) fixes.Add(FixKind.UseTaskFriendlySynchronizationContext);

            // A fix edits the files as written; it is offered only if the deployed configuration then has what it promises.
            var keyToMove = ineffective?.KeyToMove;
            var working = new List<FixKind>();
            foreach (var fix in fixes)
            {
                if (Works(site, new FixRequest(fix, fixTarget, keyToMove?.File.Path, keyToMove?.Span.Start ?? -1), out var whyNot))
                {
                    working.Add(fix);
                }
                else if (fix != FixKind.UseTaskFriendlySynchronizationContext)
                {
                    var file = System.IO.Path.GetFileName(fixTarget);
                    noFix = $" No fix is offered: the key set in {file} would not take effect {IneffectiveKey.ConfigurationText(config)}" + (whyNot is null ? "." : $", because {whyNot.Reason}.");
                }
            }

            if (working.Count == 0) fixTarget = null;
            if (!working.Contains(FixKind.MoveWebSocketsKeyToRoot)) keyToMove = null;

            var uiText = $"CMS UI {ui.Version} ({ui.Source})";
            if (evidence.Count > 0)
            {
                var anchor = ineffective?.Decider
                    ?? evidence.Select(e => e.Location).FirstOrDefault(l => l is not null)
                    ?? ConfigLocation.Of(webConfig.AppSettingsElement ?? webConfig.Configuration);
                return new Finding(
                    RuleIds.WebSocketsUnsupportedHost,
                    $"{uiText} opens a WebSocket from the edit interface, but {string.Join("; and ", evidence.Select(e => e.Description))}. " +
                    $"Editors will get \"A real-time connection could not be established with the server\". Set {AppSettingKeys.WebSocketsEnabled} to false in the root appSettings." +
                    (ineffective is null ? "" : " " + ineffective.Sentence(config)) + noFix,
                    anchor,
                    working,
                    fixTarget,
                    keyToMove);
            }

            if (ineffective is not null)
            {
                return new Finding(
                    RuleIds.WebSocketsKeyIneffective,
                    $"{ineffective.Sentence(config)} {uiText} opens a WebSocket from the edit interface." + (working.Count > 0 ? ineffective.Advice : noFix),
                    ineffective.Decider,
                    working,
                    fixTarget,
                    keyToMove);
            }

            return new Finding(
                RuleIds.WebSocketsUnverifiedHost,
                $"{uiText} opens a WebSocket from the edit interface, and nothing declares whether the hosts carry WebSockets end to end " +
                "(IIS 8 or later with the WebSocket Protocol feature, and every proxy or CDN passing the Upgrade header). " +
                $"Declare <{HostDeclaration.WebSocketsProperty}>true</{HostDeclaration.WebSocketsProperty}> once that is checked, or set {AppSettingKeys.WebSocketsEnabled} to false." + noFix,
                ConfigLocation.Of(webConfig.AppSettingsElement ?? webConfig.Configuration),
                working,
                fixTarget);
        }

        /// <summary>
        /// Applies a fix to the site's files in memory and builds the deployed configuration again: a transform that
        /// replaces appSettings, or removes the key, would undo an edit of web.config, and such a fix is not offered.
        /// </summary>
        private static bool Works(SiteFacts site, FixRequest request, out IneffectiveKey? whyNot)
        {
            whyNot = null;
            var files = new[] { site.WebConfig, site.AppSettingsFile }.Concat(site.FolderWebConfigs).Where(f => f is not null).Select(f => f!).ToList();
            var edits = AppSettingsEditor.Plan(request, path => files.FirstOrDefault(f => SiteFiles.SamePath(f.Path, path)));
            if (edits.Count == 0) return false;

            // Without a transform nothing can undo the edit, and the editor's own guarantee (the key reads as asked
            // in the file it edits, checked by the property tests) is enough: reading a large web.config back in
            // would double the cost of every build for nothing.
            if (site.WebConfigTransform is null && site.AppSettingsTransform is null) return true;

            var changed = site.WithFiles(file =>
                edits.FirstOrDefault(e => SiteFiles.SamePath(e.Path, file.Path)) is { } edit ? ConfigFile.Parse(file.Path, edit.ApplyTo(file.Text)) : file);
            var config = DeployedConfiguration.Build(changed.WebConfig, changed.WebConfigTransform, changed.AppSettingsFile, changed.AppSettingsTransform, changed.BuildConfiguration);
            if (config is null) return false;

            if (request.Kind == FixKind.UseTaskFriendlySynchronizationContext)
            {
                return config.DeployedAppSettings.Find(AppSettingKeys.UseTaskFriendlySynchronizationContext)?.BooleanValue == true;
            }

            if (config.DeployedAppSettings.Find(AppSettingKeys.WebSocketsEnabled)?.BooleanValue == false) return true;
            whyNot = IneffectiveKey.Find(config, changed.FolderWebConfigs);
            return false;
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

        private static List<Evidence> CollectEvidence(HostDeclaration host, DeployedConfiguration config)
        {
            var evidence = new List<Evidence>();
            if (config.Deployed.WebSocket is { } webSocket && webSocket.Attribute("enabled") is { } enabled
                && bool.TryParse(enabled.Value.Trim(), out var on) && !on)
            {
                // The attribute decides; a transform that set it is where it is written.
                var (where, location) = enabled.File != webSocket.File
                    ? (enabled.Describe(), ConfigLocation.Of(enabled))
                    : (webSocket.Describe(), ConfigLocation.Of(webSocket));
                evidence.Add(new Evidence(
                    EvidenceKind.WebSocketModuleOff,
                    $"WebSockets are switched off for the site in IIS (<webSocket enabled=\"{enabled.Value}\"> at {where})",
                    location));
            }

            if (AspNetCompatibilityMode(config) is { } compatibility) evidence.Add(compatibility);

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
        private static Evidence? AspNetCompatibilityMode(DeployedConfiguration config)
        {
            var webConfig = config.Deployed;
            var httpRuntime = webConfig.HttpRuntime;
            var targetFramework = httpRuntime?.Attribute("targetFramework");
            var framework = targetFramework?.Value.Trim();
            if (framework is not null && Version.TryParse(framework, out var version) && version >= AspNet45) return null;
            if (config.DeployedAppSettings.Find(AppSettingKeys.UseTaskFriendlySynchronizationContext)?.BooleanValue == true) return null;

            string where;
            ConfigLocation location;
            if (httpRuntime is null)
            {
                var parent = webConfig.SystemWeb ?? webConfig.Configuration;
                location = ConfigLocation.Of(parent);
                where = $"<{parent.Name}> at {parent.Describe()} has no <httpRuntime targetFramework=\"4.5\"> or later";
                if (config.Written.HttpRuntime is { } written && config.RemovalOf(written) is { } removal)
                {
                    location = ConfigLocation.Of(removal.Element);
                    where += $" ({removal.Describe()} removes the one at {written.Describe()})";
                }
            }
            else if (targetFramework is null)
            {
                location = ConfigLocation.Of(httpRuntime);
                where = $"<httpRuntime> at {httpRuntime.Describe()} has no targetFramework";
                if (config.AttributeChangeOf(httpRuntime, "targetFramework") is { } change)
                {
                    location = ConfigLocation.Of(change.Element);
                    where += $" ({change.Describe()} removes it)";
                }
            }
            else
            {
                var setByTransform = targetFramework.File != httpRuntime.File;
                location = setByTransform ? ConfigLocation.Of(targetFramework) : ConfigLocation.Of(httpRuntime);
                where = $"<httpRuntime targetFramework=\"{framework}\"> at {(setByTransform ? targetFramework.Describe() : httpRuntime.Describe())} is below 4.5";
            }

            return new Evidence(
                EvidenceKind.AspNetCompatibilityMode,
                $"ASP.NET runs in its 4.0 compatibility mode, which refuses WebSockets ({where}, and {AppSettingKeys.UseTaskFriendlySynchronizationContext} is not true)",
                location);
        }
    }
}
