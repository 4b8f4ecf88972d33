using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CmsHazards.Configuration;
using CmsHazards.Fixes;
using CmsHazards.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CmsHazards.Analyzers
{
    /// <summary>
    /// Runs every rule of the engine (<see cref="SiteCheck"/>) on the site a compilation builds, and places the findings.
    /// The decisions are the core's; this class only gathers the facts and reports.
    /// </summary>
    /// <remarks>
    /// Visual Studio shows no light bulb, and <c>dotnet format</c> applies no fix, for a diagnostic located in
    /// web.config. A finding placed <see cref="FindingPlacement.OnSiteCode"/> is therefore reported on the site's
    /// application class (the class deriving from <c>EPiServer.Global</c>, in Global.asax.cs), with the file location
    /// as an additional location. Without such a class it is reported at the file location, where the build output
    /// and the Error List still lead.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SiteAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The diagnostic property that carries the finding's fixes as data (<see cref="FixCodec"/>).</summary>
        public const string FixesProperty = "CmsHazards.Fixes";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors.All;

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            IReadOnlyList<Finding> findings;
            var snapshots = new Dictionary<string, ConfigTextCache.ParsedText>(StringComparer.Ordinal);
            try
            {
                var site = CompilationFacts.Gather(context.Compilation, context.Options, Read);
                if (site is null) return;
                findings = site.Configuration is { } configuration && snapshots.TryGetValue(configuration.WebConfig.Path, out var webConfig)
                    ? webConfig.Check(site, context.CancellationToken)
                    : SiteCheck.Run(site, context.CancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug of ours must not become an AD0001 with a stack trace in every build: say what failed, once.
                var message = $"CmsHazards could not check this site ({e.GetType().Name}: {e.Message}). The build goes on without its checks.";
                context.RegisterCompilationEndAction(end => end.ReportDiagnostic(Diagnostic.Create(Descriptors.AtCompilationEnd(RuleIds.InspectionFailed), Location.None, message)));
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
                if (!context.TryGetValue(text, ConfigTextCache.Parsed, out var parsed)) return ConfigFile.Parse(file.Path, text.ToString());
                snapshots[file.Path] = parsed;
                return parsed.For(file.Path);
            }
        }

        private static void Register(CompilationStartAnalysisContext context, IReadOnlyList<Finding> findings)
        {
            var onSiteCode = findings.Where(f => f.Placement == FindingPlacement.OnSiteCode).ToImmutableArray();
            var elsewhere = findings.Where(f => f.Placement != FindingPlacement.OnSiteCode).ToImmutableArray();

            // The application class is looked up once, here, rather than by a symbol action on every type: that made
            // the driver call the analyzer for each of a site's hundreds of types to find one (docs/performance.md).
            // The findings are then reported from the analysis of the class's own file, which the IDE runs for an open
            // document, so the diagnostic stays live and gets the light bulb; only a site without such a class has
            // them reported at the end of the compilation.
            var applicationClasses = onSiteCode.Length == 0
                ? ImmutableArray<Location>.Empty
                : ApplicationClasses(context.Compilation, context.CancellationToken);
            if (applicationClasses.Length > 0)
            {
                context.RegisterSyntaxTreeAction(treeContext =>
                {
                    foreach (var location in applicationClasses)
                    {
                        if (location.SourceTree != treeContext.Tree) continue;
                        foreach (var finding in onSiteCode)
                        {
                            treeContext.ReportDiagnostic(Create(Descriptors.OnSiteCode(finding.RuleId), finding, location, FileLocation(finding)));
                        }
                    }
                });
            }

            var atEnd = applicationClasses.Length > 0 ? elsewhere : elsewhere.AddRange(onSiteCode);
            if (atEnd.Length == 0) return;
            context.RegisterCompilationEndAction(endContext =>
            {
                foreach (var finding in atEnd)
                {
                    endContext.ReportDiagnostic(Create(Descriptors.AtCompilationEnd(finding.RuleId), finding, FileLocation(finding) ?? Location.None, null));
                }
            });
        }

        /// <summary>
        /// Where each application class of the compilation is declared. Walks the compilation's own types, the
        /// declarations only (no method body is bound), and asks each class for its base type, which the compiler
        /// binds for its own diagnostics anyway.
        /// </summary>
        private static ImmutableArray<Location> ApplicationClasses(Compilation compilation, CancellationToken cancellationToken)
        {
            var found = ImmutableArray.CreateBuilder<Location>();
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(compilation.Assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var container = pending.Pop();
                if (container is INamespaceSymbol ns)
                {
                    foreach (var inner in ns.GetNamespaceMembers()) pending.Push(inner);
                }

                foreach (var type in container.GetTypeMembers())
                {
                    pending.Push(type);
                    if (IsApplicationClass(type) && PreferredLocation(type) is { IsInSource: true } location) found.Add(location);
                }
            }

            return found.ToImmutable();
        }

        /// <summary>The ASP.NET application class of a CMS 7-11 site: a concrete class deriving from EPiServer.Global.</summary>
        private static bool IsApplicationClass(INamedTypeSymbol type)
        {
            if (type.TypeKind != TypeKind.Class || type.IsAbstract) return false;
            for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                if (baseType.Name == "Global" && baseType.ContainingNamespace is { Name: "EPiServer" } ns && ns.ContainingNamespace is { IsGlobalNamespace: true }) return true;
            }

            return false;
        }

        // A partial application class is named where Global.asax.cs declares it, if it does.
        private static Location PreferredLocation(INamedTypeSymbol type)
        {
            var locations = type.Locations.Where(l => l.IsInSource).ToList();
            return locations.FirstOrDefault(l => l.SourceTree?.FilePath.EndsWith(".asax.cs", StringComparison.OrdinalIgnoreCase) == true)
                ?? locations.FirstOrDefault()
                ?? Location.None;
        }

        private static Diagnostic Create(DiagnosticDescriptor descriptor, Finding finding, Location location, Location? additional)
        {
            var properties = finding.Fixes.Count == 0
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(FixesProperty, FixCodec.Encode(finding.Fixes));
            return Diagnostic.Create(descriptor, location, additional is null ? null : new[] { additional }, properties, finding.Message);
        }

        private static Location? FileLocation(Finding finding)
        {
            if (finding.Location is not { } file) return null;
            return Location.Create(
                file.Path,
                new TextSpan(file.Span.Start, file.Span.Length),
                new LinePositionSpan(new LinePosition(file.Start.Line, file.Start.Character), new LinePosition(file.End.Line, file.End.Character)));
        }
    }
}
