using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CmsHazards.AspNetCore;
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
    /// and the Error List still lead. A finding placed <see cref="FindingPlacement.OnCmsStartup"/> (CMS 12/13) goes on
    /// the call that adds CMS, which the site's <see cref="CmsStartupCode"/> fact names, from that file's syntax tree
    /// action; without one, at its location too.
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
            FileLocation? cmsStartup = null;
            var snapshots = new Dictionary<string, ConfigTextCache.ParsedText>(StringComparer.Ordinal);
            try
            {
                var site = CompilationFacts.Gather(context.Compilation, context.Options, Read, context.CancellationToken);
                if (site is null) return;
                findings = site.Configuration is { } configuration && snapshots.TryGetValue(configuration.WebConfig.Path, out var webConfig)
                    ? webConfig.Check(site, context.CancellationToken)
                    : SiteCheck.Run(site, context.CancellationToken);
                if (findings.Any(f => f.Placement == FindingPlacement.OnCmsStartup)) cmsStartup = site.Fact<CmsStartupCode>()?.Anchor;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug of ours must not become an AD0001 with a stack trace in every build: say what failed, once.
                var message = $"CmsHazards could not check this site ({e.GetType().Name}: {e.Message}). The build goes on without its checks.";
                context.RegisterCompilationEndAction(end => end.ReportDiagnostic(Diagnostic.Create(Descriptors.AtCompilationEnd(RuleIds.InspectionFailed), Location.None, message)));
                return;
            }

            if (findings.Count == 0) return;
            Register(context, findings, cmsStartup);

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

        private static void Register(CompilationStartAnalysisContext context, IReadOnlyList<Finding> findings, FileLocation? cmsStartup)
        {
            var compilation = context.Compilation;
            var onSiteCode = findings.Where(f => f.Placement == FindingPlacement.OnSiteCode).ToImmutableArray();

            // A CMS 12/13 finding goes on the call that adds CMS, reported from that file's own (syntax tree) analysis:
            // a diagnostic reported there is local to the document, so the IDE offers the light bulb.
            var anchorTree = cmsStartup is null ? null : compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == cmsStartup.Path);
            var onCmsStartup = anchorTree is null
                ? ImmutableArray<Finding>.Empty
                : findings.Where(f => f.Placement == FindingPlacement.OnCmsStartup).ToImmutableArray();
            var elsewhere = findings.Where(f => f.Placement != FindingPlacement.OnSiteCode && !onCmsStartup.Contains(f)).ToImmutableArray();

            if (onCmsStartup.Length > 0)
            {
                var anchor = Location.Create(anchorTree!, new TextSpan(cmsStartup!.Span.Start, cmsStartup.Span.Length));
                context.RegisterSyntaxTreeAction(treeContext =>
                {
                    if (treeContext.Tree.FilePath != anchorTree!.FilePath) return;
                    foreach (var finding in onCmsStartup)
                    {
                        treeContext.ReportDiagnostic(Create(Descriptors.OnSiteCode(finding.RuleId), finding, anchor, AdditionalLocations(finding, compilation, includeLocation: true)));
                    }
                });
            }

            // The application class is looked up once, here, rather than by a symbol action on every type: that made
            // the driver call the analyzer for each of a site's hundreds of types to find one (docs/performance.md).
            // The findings are then reported from the analysis of the class's own file, which the IDE runs for an open
            // document, so the diagnostic stays live and gets the light bulb; only a site without such a class has
            // them reported at the end of the compilation.
            var applicationClasses = onSiteCode.Length == 0
                ? ImmutableArray<Location>.Empty
                : ApplicationClasses(compilation, context.CancellationToken);
            if (applicationClasses.Length > 0)
            {
                context.RegisterSyntaxTreeAction(treeContext =>
                {
                    foreach (var location in applicationClasses)
                    {
                        if (location.SourceTree != treeContext.Tree) continue;
                        foreach (var finding in onSiteCode)
                        {
                            treeContext.ReportDiagnostic(Create(Descriptors.OnSiteCode(finding.RuleId), finding, location, AdditionalLocations(finding, compilation, includeLocation: true)));
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
                    endContext.ReportDiagnostic(Create(Descriptors.AtCompilationEnd(finding.RuleId), finding, LocationOf(finding.Location, compilation) ?? Location.None, AdditionalLocations(finding, compilation, includeLocation: false)));
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

        private static Diagnostic Create(DiagnosticDescriptor descriptor, Finding finding, Location location, IReadOnlyList<Location> additional)
        {
            var properties = finding.Fixes.Count == 0
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(FixesProperty, FixCodec.Encode(finding.Fixes));
            return Diagnostic.Create(descriptor, location, additional.Count == 0 ? null : additional, properties, finding.Message);
        }

        /// <summary>The finding's other places: its location too, when the diagnostic sits on the site's code instead.</summary>
        private static IReadOnlyList<Location> AdditionalLocations(Finding finding, Compilation compilation, bool includeLocation)
        {
            var locations = new List<Location>();
            if (includeLocation && LocationOf(finding.Location, compilation) is { } location) locations.Add(location);
            foreach (var additional in finding.AdditionalLocations)
            {
                if (LocationOf(additional, compilation) is { } other) locations.Add(other);
            }

            return locations;
        }

        /// <summary>A C# place in its syntax tree (so the IDE and dotnet format find the document); any other file by path.</summary>
        private static Location? LocationOf(FileLocation? file, Compilation compilation)
        {
            if (file is null) return null;
            var span = new TextSpan(file.Span.Start, file.Span.Length);
            if (file.Path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)
                && compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == file.Path) is { } tree)
            {
                return Location.Create(tree, span);
            }

            return Location.Create(
                file.Path,
                span,
                new LinePositionSpan(new LinePosition(file.Start.Line, file.Start.Character), new LinePosition(file.End.Line, file.End.Character)));
        }
    }
}
