using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CmsHazards.Configuration;
using CmsHazards.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CmsHazards.Analyzers
{
    /// <summary>
    /// Reports CMSH100/CMSH101 (and the configuration problems that keep them from being decided) for a CMS 9-11
    /// site. The decision is the core's; this class only places the diagnostics.
    /// </summary>
    /// <remarks>
    /// Visual Studio shows no light bulb, and <c>dotnet format</c> applies no fix, for a diagnostic located in
    /// web.config. A finding that has a fix is therefore reported on the site's application class (the class
    /// deriving from <c>EPiServer.Global</c>, in Global.asax.cs), with the web.config element as an additional
    /// location. Without such a class it is reported on the web.config element, where the build output and the
    /// Error List still lead.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class WebSocketsAnalyzer : DiagnosticAnalyzer
    {
        public const string FixTargetProperty = "CmsHazards.FixTarget";
        public const string FixesProperty = "CmsHazards.Fixes";
        public const string KeyPathProperty = "CmsHazards.KeyPath";
        public const string KeyOffsetProperty = "CmsHazards.KeyOffset";

        private const string ApplicationBaseClass = "EPiServer.Global";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            Descriptors.InspectionFailed,
            Descriptors.WebSocketsUnverifiedHost,
            Descriptors.WebSocketsUnsupportedHost,
            Descriptors.WebSocketsKeyIneffective,
            Descriptors.HostDeclarationNotUnderstood,
            Descriptors.ConfigurationUnreadable,
            Descriptors.TransformNotUnderstood);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            IReadOnlyList<Finding> findings;
            var snapshots = new Dictionary<string, CompilationSite.ParsedText>(StringComparer.Ordinal);
            try
            {
                var site = CompilationSite.Gather(context.Compilation, context.Options, Read);
                if (site is null) return;
                findings = snapshots.TryGetValue(site.WebConfig.Path, out var webConfig) ? webConfig.Evaluate(site) : WebSocketsRule.Evaluate(site);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug of ours must not become an AD0001 with a stack trace in every build: say what failed, once.
                var message = $"CmsHazards could not check this site ({e.GetType().Name}: {e.Message}). The build goes on without its checks.";
                context.RegisterCompilationEndAction(end => end.ReportDiagnostic(Diagnostic.Create(Descriptors.InspectionFailed, Location.None, message)));
                return;
            }

            if (findings.Count == 0) return;
            Register(context, findings);

            ConfigFile? Read(AdditionalText file)
            {
                var text = file.GetText(context.CancellationToken);
                if (text is null) return null;
                // The cache keys texts by content, which reads them: a text over the limit is turned away first.
                if (text.Length > ConfigFile.MaxLength) return ConfigFile.TooLarge(file.Path, text.Length);
                if (!context.TryGetValue(text, CompilationSite.Parsed, out var parsed)) return ConfigFile.Parse(file.Path, text.ToString());
                snapshots[file.Path] = parsed;
                return parsed.For(file.Path);
            }
        }

        private static void Register(CompilationStartAnalysisContext context, IReadOnlyList<Finding> findings)
        {
            var onApplicationClass = findings.Where(BelongsOnApplicationClass).ToImmutableArray();
            var elsewhere = findings.Where(f => !BelongsOnApplicationClass(f)).ToImmutableArray();
            var applicationClassSeen = 0;

            if (onApplicationClass.Length > 0)
            {
                context.RegisterSymbolAction(symbolContext =>
                {
                    var type = (INamedTypeSymbol)symbolContext.Symbol;
                    if (!IsApplicationClass(type)) return;
                    Interlocked.Exchange(ref applicationClassSeen, 1);
                    var location = PreferredLocation(type);
                    foreach (var finding in onApplicationClass)
                    {
                        symbolContext.ReportDiagnostic(Create(finding, location, ConfigLocation(finding)));
                    }
                }, SymbolKind.NamedType);
            }

            context.RegisterCompilationEndAction(endContext =>
            {
                foreach (var finding in elsewhere)
                {
                    endContext.ReportDiagnostic(Create(finding, ConfigLocation(finding) ?? Location.None, null));
                }

                if (Volatile.Read(ref applicationClassSeen) != 0) return;
                foreach (var finding in onApplicationClass)
                {
                    endContext.ReportDiagnostic(Create(finding, ConfigLocation(finding) ?? Location.None, null));
                }
            });
        }

        // The WebSocket findings are about the site as a whole and carry its fixes; an ineffective key goes there when
        // it can be fixed, so the light bulb is offered; problems with one file or one property are reported where they are.
        private static bool BelongsOnApplicationClass(Finding finding) =>
            finding.RuleId == RuleIds.WebSocketsUnverifiedHost || finding.RuleId == RuleIds.WebSocketsUnsupportedHost
            || (finding.RuleId == RuleIds.WebSocketsKeyIneffective && finding.Fixes.Count > 0);

        /// <summary>The ASP.NET application class of a CMS 7-11 site: a concrete class deriving from EPiServer.Global.</summary>
        private static bool IsApplicationClass(INamedTypeSymbol type)
        {
            if (type.TypeKind != TypeKind.Class || type.IsAbstract) return false;
            for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                if (baseType.Name == "Global" && baseType.ContainingNamespace?.ToDisplayString() == "EPiServer") return true;
            }

            return false;
        }

        // A partial application class is named where Global.asax.cs declares it, if it does.
        private static Location PreferredLocation(INamedTypeSymbol type)
        {
            var locations = type.Locations.Where(l => l.IsInSource).ToList();
            return locations.FirstOrDefault(l => l.SourceTree?.FilePath.EndsWith(".asax.cs", System.StringComparison.OrdinalIgnoreCase) == true)
                ?? locations.FirstOrDefault()
                ?? Location.None;
        }

        private static Diagnostic Create(Finding finding, Location location, Location? additional)
        {
            var properties = ImmutableDictionary<string, string?>.Empty;
            if (finding.FixTargetPath is not null)
            {
                properties = properties
                    .Add(FixTargetProperty, finding.FixTargetPath)
                    .Add(FixesProperty, string.Join(",", finding.Fixes));
            }

            if (finding.KeyToMove is { } key)
            {
                properties = properties
                    .Add(KeyPathProperty, key.File.Path)
                    .Add(KeyOffsetProperty, key.Span.Start.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return Diagnostic.Create(
                Descriptors.For(finding.RuleId),
                location,
                additional is null ? null : new[] { additional },
                properties,
                finding.Message);
        }

        private static Location? ConfigLocation(Finding finding)
        {
            if (finding.Location is not { } config) return null;
            var start = config.Start;
            var end = config.End;
            return Location.Create(
                config.File.Path,
                new TextSpan(config.Span.Start, config.Span.Length),
                new LinePositionSpan(new LinePosition(start.Line, start.Character), new LinePosition(end.Line, end.Character)));
        }
    }
}
