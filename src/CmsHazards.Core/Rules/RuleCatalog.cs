using System;
using System.Collections.Generic;
using System.Linq;

namespace CmsHazards.Rules
{
    /// <summary>
    /// Every rule CmsHazards reports, as data. The analyzer's descriptors, the CLI's and SARIF's rule list, the README
    /// rule tables and the header of each docs/rules page are projections of this table (tests check each of them),
    /// so a rule is described once. An ID that is not here is an error, never a silent stand-in.
    /// </summary>
    public static class RuleCatalog
    {
        private const string Tool = "CmsHazards.Tool";
        private const string Hosting = "CmsHazards.Hosting";
        private const string Configuration = "CmsHazards.Configuration";
        private const string Upgrade = "CmsHazards.Upgrade";

        /// <summary>In ID order: the order of the README table, SARIF's rule list and the analyzer's descriptors.</summary>
        public static IReadOnlyList<RuleInfo> All { get; } = new[]
        {
            new RuleInfo(
                RuleIds.InspectionFailed,
                "CmsHazards could not check this site",
                Tool,
                // CmsHazards' own limits never fail a correct build: seen in the IDE, the build log and SARIF, not a warning.
                Severity.Info,
                "CmsHazards met something it did not expect while checking the site. The build goes on without its checks; the message says what happened. Please report it.",
                "CmsHazards could not check the site (a file failed to load, or a defect of ours): said once, never a crash",
                RuleReporting.AtCompilationEnd,
                FrontEnds.Analyzer | FrontEnds.BuildTask | FrontEnds.Cli),
            new RuleInfo(
                RuleIds.WebSocketsUnverifiedHost,
                "CMS UI opens a WebSocket; make sure every host carries WebSockets",
                Hosting,
                Severity.Info,
                "CMS UI 9.4 and later open a WebSocket from the edit interface. Hosts without WebSockets (IIS 7.5, IIS without the WebSocket Protocol feature, proxies that drop the Upgrade header) show editors \"A real-time connection could not be established with the server\". Declare CmsHostWebSockets, or turn WebSockets off.",
                "CMS UI opens a WebSocket and nothing declares whether the hosts carry WebSockets",
                RuleReporting.OnSiteCode | RuleReporting.AtCompilationEnd,
                FrontEnds.Analyzer | FrontEnds.BuildTask | FrontEnds.Cli),
            new RuleInfo(
                RuleIds.WebSocketsUnsupportedHost,
                "CMS UI opens a WebSocket on a host without WebSocket support",
                Hosting,
                Severity.Warning,
                "CMS UI 9.4 and later open a WebSocket from the edit interface unless it is turned off: Epi.WebSockets.Enabled=false in web.config for CMS 9.4-11, UIOptions.WebSocketEnabled=false (C# or appsettings.json) for CMS 12 and 13. On this host, or with this configuration, the connection fails and editors see \"A real-time connection could not be established with the server\".",
                "CMS UI opens a WebSocket on a host without WebSocket support (declared, seen in web.config, or in the ARM, Bicep or Terraform files that deploy it)",
                RuleReporting.OnSiteCode | RuleReporting.AtCompilationEnd,
                FrontEnds.Analyzer | FrontEnds.BuildTask | FrontEnds.Cli),
            new RuleInfo(
                RuleIds.WebSocketsKeyIneffective,
                "Epi.WebSockets.Enabled is set but does not take effect",
                Hosting,
                Severity.Warning,
                "The key that turns CMS UI WebSockets off is there, but the deployed configuration does not read it as false: it sits in a folder web.config or a location below the root, its value is not one Boolean.TryParse reads as false, a later entry overrides it, the transform of the build configuration removes or changes it, or its configSource file does not exist. On CMS 12 and 13 the key has no effect at all (they read UIOptions.WebSocketEnabled), and an appsettings value of that switch that is not a boolean fails when the site starts.",
                "`Epi.WebSockets.Enabled` is set but does not take effect (folder web.config, location, value, duplicate, transform, missing configSource file), or an App Service Web sockets setting sits where App Service does not read it",
                RuleReporting.OnSiteCode | RuleReporting.AtCompilationEnd,
                FrontEnds.Analyzer | FrontEnds.BuildTask | FrontEnds.Cli),
            new RuleInfo(
                RuleIds.HostDeclarationNotUnderstood,
                "CmsHazards setting is not understood or names nothing",
                Hosting,
                Severity.Warning,
                "CmsHostWebSockets takes true or false; CmsHostIisVersion takes an IIS version such as 7.5 or 10.0; CmsWebConfig and CmsHostInfrastructure name files that exist; CmsHostAppService names one of the web apps the infrastructure files describe, and is needed when they describe several.",
                "A setting (`CmsHostWebSockets`, `CmsHostIisVersion`) is not understood, or one (`CmsWebConfig`, `CmsHostInfrastructure`, `CmsHostAppService`) names no file or web app that exists",
                RuleReporting.AtCompilationEnd,
                FrontEnds.Analyzer | FrontEnds.BuildTask | FrontEnds.Cli),
            new RuleInfo(
                RuleIds.ConfigurationUnreadable,
                "Site configuration cannot be read",
                Configuration,
                Severity.Warning,
                "A configuration file is not well-formed XML or not of the expected shape. ASP.NET will refuse it too; CmsHazards checks nothing in it until it is fixed.",
                "The site's web.config (or its appSettings file, or a transform) cannot be read",
                RuleReporting.AtCompilationEnd,
                FrontEnds.Analyzer | FrontEnds.BuildTask | FrontEnds.Cli),
            new RuleInfo(
                RuleIds.TransformNotUnderstood,
                "Configuration transform cannot be read or applied",
                Configuration,
                // A transform outside the XDT subset CmsHazards applies is its limit, not the site's fault: said, never failing a build.
                Severity.Info,
                "A Web.$(Configuration).config (or configSource file) transform uses an XDT form outside what CmsHazards reads, or one that XDT itself fails on. CmsHazards gives no verdict that depends on it rather than a verdict about a configuration that is not the one deployed.",
                "A configuration transform uses an XDT form CmsHazards does not apply, or one XDT fails on",
                RuleReporting.AtCompilationEnd,
                FrontEnds.Analyzer | FrontEnds.BuildTask | FrontEnds.Cli),
            new RuleInfo(
                RuleIds.StaleBindingRedirect,
                "Binding redirect does not match the assembly the build compiles against",
                Upgrade,
                Severity.Warning,
                "A bindingRedirect the runtime reads sends references to another version than the one of the assembly the build compiles against and copies to bin, or its oldVersion range stops short of it. The site then fails to load the assembly: \"The located assembly's manifest definition does not match the assembly reference\" (0x80131040).",
                "A binding redirect sends references to another version than the assembly the build compiles against and copies to bin",
                RuleReporting.OnSiteCode | RuleReporting.AtCompilationEnd,
                FrontEnds.Analyzer | FrontEnds.BuildTask | FrontEnds.Cli),
            new RuleInfo(
                RuleIds.DuplicateBindingRedirect,
                "Second dependentAssembly for the same assembly",
                Upgrade,
                Severity.Warning,
                "Two dependentAssembly entries name the same assembly identity (name, publicKeyToken, culture), and the earlier one overrides what the later one says: for a version asked for, the runtime uses the first bindingRedirect in document order whose oldVersion holds it. A later entry that the earlier ones override entirely has no effect and says something the site does not do.",
                "Two `dependentAssembly` entries for one assembly identity where the first overrides the second: for each version the runtime uses the first matching redirect",
                RuleReporting.OnSiteCode | RuleReporting.AtCompilationEnd,
                FrontEnds.Analyzer | FrontEnds.BuildTask | FrontEnds.Cli),
            new RuleInfo(
                RuleIds.UnreadBindingRedirect,
                "Binding redirects that the runtime never reads",
                Upgrade,
                Severity.Warning,
                "The CLR reads binding redirects only from <configuration><runtime><assemblyBinding xmlns=\"urn:schemas-microsoft-com:asm.v1\"> of the application's web.config: not without the namespace, not from a block whose appliesTo names no runtime version, not through configSource, not inside a <location>, not from a folder's web.config.",
                "Binding redirects the runtime never reads (no asm.v1 namespace, an `appliesTo` that names no runtime, `<runtime configSource>`, a `<location>`, a folder web.config)",
                RuleReporting.OnSiteCode | RuleReporting.AtCompilationEnd,
                FrontEnds.Analyzer | FrontEnds.BuildTask | FrontEnds.Cli),
            new RuleInfo(
                RuleIds.MixedPackageFamily,
                "EPiServer package family at mixed versions",
                Upgrade,
                Severity.Warning,
                "EPiServer packages of one family share one version number and depend strictly on each other (Optimizely, \"NuGet package families in CMS\"). Members at different versions fail to restore (NU1107, NU1608) or, in packages.config projects, fail at run time.",
                "EPiServer packages of one family (EPiServer.CMS.Core, EPiServer.CMS.UI) declared at different versions",
                RuleReporting.AtCompilationEnd,
                FrontEnds.Analyzer | FrontEnds.BuildTask | FrontEnds.Cli),
            new RuleInfo(
                RuleIds.Cms11PackageOnModernNet,
                "CMS 11 package in a .NET 5+ project",
                Upgrade,
                Severity.Warning,
                "A project on .NET 5 or later declares a CMS 11 package built for ASP.NET on .NET Framework that has no CMS 12 package of the same name (EPiServer.CMS.AspNet, EPiServer.Framework.AspNet, EPiServer.ServiceLocation.StructureMap, EPiServer.Logging.Log4Net).",
                "A .NET 5+ project still declares a CMS 11 package that has no CMS 12 counterpart",
                RuleReporting.AtCompilationEnd,
                FrontEnds.Analyzer | FrontEnds.BuildTask | FrontEnds.Cli),
        };

        /// <summary>The rule with this ID.</summary>
        /// <exception cref="ArgumentException">No rule has this ID: a finding with it is a defect, and is never reported as another rule.</exception>
        public static RuleInfo Get(string id)
        {
            // A loop, not a query: every finding asks, and a site may have hundreds (a closure and an enumerator each).
            foreach (var rule in All)
            {
                if (rule.Id == id) return rule;
            }

            throw new ArgumentException($"{id} is not in the CmsHazards rule catalogue.", nameof(id));
        }

        /// <summary>The rules a front end reports, in catalogue order.</summary>
        public static IReadOnlyList<RuleInfo> ReportedBy(FrontEnds frontEnd) => All.Where(r => (r.FrontEnds & frontEnd) != 0).ToList();
    }
}
