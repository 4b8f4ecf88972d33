using System;
using System.Collections.Generic;
using CmsHazards.Configuration;
using CmsHazards.Hosting;
using CmsHazards.Infrastructure;
using CmsHazards.Rules.Infrastructure;

namespace CmsHazards.Rules.WebSockets
{
    /// <summary>What says that the hosts do not carry WebSockets.</summary>
    internal enum HostEvidenceKind
    {
        HostDeclaredWithoutWebSockets,
        IisTooOld,
        WebSocketModuleOff,
        AspNetCompatibilityMode,
        AppServiceWebSocketsOff,
    }

    /// <summary>One reason to believe a host refuses the CMS UI's WebSocket, as a message names it, and where it is written.</summary>
    internal sealed class HostEvidence
    {
        private static readonly Version AspNet45 = new Version(4, 5);

        private HostEvidence(HostEvidenceKind kind, string description, FileLocation? location = null, string? setting = null)
        {
            Kind = kind;
            Description = description;
            Location = location;
            Setting = setting;
        }

        public HostEvidenceKind Kind { get; }

        /// <summary>"the host is declared as IIS 7.5 (CmsHostIisVersion), and IIS carries WebSockets only from 8.0".</summary>
        public string Description { get; }

        /// <summary>The configuration text that says so; null for a declaration in the project.</summary>
        public FileLocation? Location { get; }

        /// <summary>The MSBuild property that says so, for a declaration in the project; otherwise null.</summary>
        public string? Setting { get; }

        /// <summary>Everything the declaration and the deployed configuration say against WebSockets, in the order messages name it.</summary>
        /// <param name="infrastructure">What the project's ARM, Bicep or Terraform files say about its App Service hosts; null when it names none.</param>
        /// <param name="config">The deployed web.config; null for a CMS 12/13 site that has none.</param>
        /// <param name="aspNetCore">
        /// A CMS 12/13 site: IIS reads its web.config in front of the ASP.NET Core Module, so the webSocket element counts,
        /// but ASP.NET's (System.Web) runtime mode does not exist there.
        /// </param>
        public static List<HostEvidence> Collect(HostDeclaration host, DeployedConfiguration? config, WebSocketsEvidence? infrastructure = null, bool aspNetCore = false)
        {
            var evidence = new List<HostEvidence>();
            if (config?.Deployed.WebSocket is { } webSocket && webSocket.Attribute("enabled") is { } enabled
                && bool.TryParse(enabled.Value.Trim(), out var on) && !on)
            {
                // The attribute decides; a transform that set it is where it is written.
                var (where, location) = enabled.File != webSocket.File
                    ? (enabled.Describe(), FileLocation.Of(enabled))
                    : (webSocket.Describe(), FileLocation.Of(webSocket));
                evidence.Add(new HostEvidence(
                    HostEvidenceKind.WebSocketModuleOff,
                    $"WebSockets are switched off for the site in IIS (<webSocket enabled=\"{enabled.Value}\"> at {where})",
                    location));
            }

            if (!aspNetCore && config is not null && AspNetCompatibilityMode(config) is { } compatibility) evidence.Add(compatibility);

            // Infrastructure files are host evidence like web.config's webSocket element; a declaration outranks them.
            if (host.WebSockets != true && infrastructure is { Off: { Count: > 0 } } && infrastructure.DecidingPlace is { } place)
            {
                evidence.Add(new HostEvidence(HostEvidenceKind.AppServiceWebSocketsOff, infrastructure.OffClause(), AppServiceHostEvidence.Location(place)));
            }

            // An explicit CmsHostWebSockets=true is the user's word on the hosts; it outranks the IIS version.
            if (host.WebSockets == false)
            {
                evidence.Add(new HostEvidence(
                    HostEvidenceKind.HostDeclaredWithoutWebSockets,
                    $"the hosts are declared without WebSockets ({HostDeclaration.WebSocketsProperty}=false)",
                    setting: HostDeclaration.WebSocketsProperty));
            }
            else if (host.WebSockets is null && host.IisTooOldForWebSockets)
            {
                evidence.Add(new HostEvidence(
                    HostEvidenceKind.IisTooOld,
                    $"the host is declared as IIS {host.IisVersionText} ({HostDeclaration.IisVersionProperty}), and IIS carries WebSockets only from 8.0",
                    setting: HostDeclaration.IisVersionProperty));
            }

            return evidence;
        }

        /// <summary>
        /// ASP.NET accepts WebSockets only with the task-friendly synchronization context, which
        /// <c>httpRuntime targetFramework</c> 4.5 or later turns on, or the appSetting of the same name.
        /// Without either the application runs in 4.0 compatibility mode.
        /// </summary>
        private static HostEvidence? AspNetCompatibilityMode(DeployedConfiguration config)
        {
            var webConfig = config.Deployed;
            var httpRuntime = webConfig.HttpRuntime;
            var targetFramework = httpRuntime?.Attribute("targetFramework");
            var framework = targetFramework?.Value.Trim();
            if (framework is not null && Version.TryParse(framework, out var version) && version >= AspNet45) return null;
            if (config.DeployedAppSettings.Find(WebSocketsKeys.UseTaskFriendlySynchronizationContext)?.BooleanValue == true) return null;

            string where;
            FileLocation location;
            if (httpRuntime is null)
            {
                var parent = webConfig.SystemWeb ?? webConfig.Configuration;
                location = FileLocation.Of(parent);
                where = $"<{parent.Name}> at {parent.Describe()} has no <httpRuntime targetFramework=\"4.5\"> or later";
                if (config.Written.HttpRuntime is { } written && config.RemovalOf(written) is { } removal)
                {
                    location = FileLocation.Of(removal.Element);
                    where += $" ({removal.Describe()} removes the one at {written.Describe()})";
                }
            }
            else if (targetFramework is null)
            {
                location = FileLocation.Of(httpRuntime);
                where = $"<httpRuntime> at {httpRuntime.Describe()} has no targetFramework";
                if (config.AttributeChangeOf(httpRuntime, "targetFramework") is { } change)
                {
                    location = FileLocation.Of(change.Element);
                    where += $" ({change.Describe()} removes it)";
                }
            }
            else
            {
                var setByTransform = targetFramework.File != httpRuntime.File;
                location = setByTransform ? FileLocation.Of(targetFramework) : FileLocation.Of(httpRuntime);
                where = $"<httpRuntime targetFramework=\"{framework}\"> at {(setByTransform ? targetFramework.Describe() : httpRuntime.Describe())} is below 4.5";
            }

            return new HostEvidence(
                HostEvidenceKind.AspNetCompatibilityMode,
                $"ASP.NET runs in its 4.0 compatibility mode, which refuses WebSockets ({where}, and {WebSocketsKeys.UseTaskFriendlySynchronizationContext} is not true)",
                location);
        }
    }
}
