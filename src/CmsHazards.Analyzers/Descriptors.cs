using CmsHazards.Rules;
using Microsoft.CodeAnalysis;

namespace CmsHazards.Analyzers
{
    /// <summary>
    /// The rule catalogue as Roslyn sees it. Messages are composed by the core (<see cref="Finding.Message"/>)
    /// so that the analyzer, the MSBuild task and the CLI print the same words; the format is therefore "{0}".
    /// </summary>
    internal static class Descriptors
    {
        private const string Hosting = "CmsHazards.Hosting";
        private const string Configuration = "CmsHazards.Configuration";

        public static readonly DiagnosticDescriptor InspectionFailed = Create(
            RuleIds.InspectionFailed,
            "CmsHazards could not check this site",
            "CmsHazards.Tool",
            DiagnosticSeverity.Warning,
            "CmsHazards met something it did not expect while checking the site. The build goes on without its checks; the message says what happened. Please report it.");

        public static readonly DiagnosticDescriptor WebSocketsUnverifiedHost = Create(
            RuleIds.WebSocketsUnverifiedHost,
            "CMS UI opens a WebSocket; make sure every host carries WebSockets",
            Hosting,
            DiagnosticSeverity.Info,
            "CMS UI 9.4 and later open a WebSocket from the edit interface. Hosts without WebSockets (IIS 7.5, IIS without the WebSocket Protocol feature, proxies that drop the Upgrade header) show editors \"A real-time connection could not be established with the server\". Declare CmsHostWebSockets, or turn WebSockets off.");

        public static readonly DiagnosticDescriptor WebSocketsUnsupportedHost = Create(
            RuleIds.WebSocketsUnsupportedHost,
            "CMS UI opens a WebSocket on a host without WebSocket support",
            Hosting,
            DiagnosticSeverity.Warning,
            "CMS UI 9.4 and later open a WebSocket from the edit interface unless Epi.WebSockets.Enabled is false. On this host, or with this configuration, the connection fails and editors see \"A real-time connection could not be established with the server\".");

        public static readonly DiagnosticDescriptor WebSocketsKeyIneffective = Create(
            RuleIds.WebSocketsKeyIneffective,
            "Epi.WebSockets.Enabled is set but does not take effect",
            Hosting,
            DiagnosticSeverity.Warning,
            "The key that turns CMS UI WebSockets off is there, but the deployed configuration does not read it as false: it sits in a folder web.config or a location below the root, its value is not one Boolean.TryParse reads as false, a later entry overrides it, the transform of the build configuration removes or changes it, or its configSource file does not exist.");

        public static readonly DiagnosticDescriptor HostDeclarationNotUnderstood = Create(
            RuleIds.HostDeclarationNotUnderstood,
            "CmsHazards host declaration is not understood",
            Hosting,
            DiagnosticSeverity.Warning,
            "CmsHostWebSockets takes true or false; CmsHostIisVersion takes an IIS version such as 7.5 or 10.0.");

        public static readonly DiagnosticDescriptor ConfigurationUnreadable = Create(
            RuleIds.ConfigurationUnreadable,
            "Site configuration cannot be read",
            Configuration,
            DiagnosticSeverity.Warning,
            "A configuration file is not well-formed XML or not of the expected shape. ASP.NET will refuse it too; CmsHazards checks nothing in it until it is fixed.");

        public static readonly DiagnosticDescriptor TransformNotUnderstood = Create(
            RuleIds.TransformNotUnderstood,
            "Configuration transform cannot be read or applied",
            Configuration,
            DiagnosticSeverity.Warning,
            "A Web.$(Configuration).config (or configSource file) transform uses an XDT form outside what CmsHazards reads, or one that XDT itself fails on. CmsHazards gives no verdict that depends on it rather than a verdict about a configuration that is not the one deployed.");

        public static DiagnosticDescriptor For(string ruleId) => ruleId switch
        {
            RuleIds.WebSocketsUnverifiedHost => WebSocketsUnverifiedHost,
            RuleIds.WebSocketsUnsupportedHost => WebSocketsUnsupportedHost,
            RuleIds.WebSocketsKeyIneffective => WebSocketsKeyIneffective,
            RuleIds.HostDeclarationNotUnderstood => HostDeclarationNotUnderstood,
            RuleIds.InspectionFailed => InspectionFailed,
            RuleIds.TransformNotUnderstood => TransformNotUnderstood,
            _ => ConfigurationUnreadable,
        };

        private static DiagnosticDescriptor Create(string id, string title, string category, DiagnosticSeverity severity, string description) =>
            new DiagnosticDescriptor(id, title, "{0}", category, severity, isEnabledByDefault: true, description, RuleIds.HelpLink(id));
    }
}
