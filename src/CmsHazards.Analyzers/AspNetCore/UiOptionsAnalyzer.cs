using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CmsHazards.AspNetCore;
using CmsHazards.Configuration;
using CmsHazards.Hosting;
using CmsHazards.Json;
using CmsHazards.Rules;
using CmsHazards.Versions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CmsHazards.Analyzers.AspNetCore
{
    /// <summary>
    /// CMSH100, CMSH101 and CMSH102 for CMS 12 and 13 sites: the same hazard as on CMS 9.4-11, with the switch
    /// those sites read (UIOptions.WebSocketEnabled, in C# or appsettings.json). It is C#, so the diagnostic sits
    /// on the call that adds CMS, where the light bulb and <c>dotnet format</c> apply the fix.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class UiOptionsAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Present on a diagnostic whose C# fix applies.</summary>
        public const string TurnOffInCodeProperty = "CmsHazards.UiOptions";

        /// <summary>The appsettings file "Turn off in appsettings.json" edits.</summary>
        public const string AppSettingsTargetProperty = "CmsHazards.AppSettingsTarget";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Descriptors.All;

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private static void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            var options = context.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
            var ui = FromReferences(context.Compilation) ?? FromBuild(options);
            if (!UiOptionsRule.Applies(ui) || !CmsStartupRecognizer.HasUiOptions(context.Compilation)) return;

            // Decided once, here, as SiteAnalyzer decides: each tree's callback below then only compares a path.
            var outcome = new Verdict(context.Compilation, ui!, context.Options).Get(context.CancellationToken);
            if (outcome.Failure is null && outcome.Findings.Count == 0) return;
            var onCode = outcome.Findings
                .Where(f => f.Location is { } location && context.Compilation.SyntaxTrees.Any(t => t.FilePath == location.Path))
                .ToList();

            // Findings with a fix sit on C# and are reported from that file's own (syntax tree) analysis, so the IDE
            // offers the light bulb; the rest (a key in a JSON or XML file) at the end of the compilation.
            if (outcome.Failure is null && onCode.Count > 0)
            {
                context.RegisterSyntaxTreeAction(tree =>
                {
                    foreach (var finding in onCode)
                    {
                        if (finding.Location!.Path == tree.Tree.FilePath)
                        {
                            tree.ReportDiagnostic(Create(Descriptors.OnSiteCode(finding.RuleId), finding, context.Compilation));
                        }
                    }
                });
            }

            context.RegisterCompilationEndAction(end =>
            {
                if (outcome.Failure is { } failure)
                {
                    // A bug of ours must not become an AD0001 with a stack trace in every build: say what failed, once.
                    end.ReportDiagnostic(Diagnostic.Create(Descriptors.AtCompilationEnd(RuleIds.InspectionFailed), Location.None,
                        $"CmsHazards could not check this site ({failure.GetType().Name}: {failure.Message}). The build goes on without its checks."));
                    return;
                }

                foreach (var finding in outcome.Findings)
                {
                    if (!onCode.Contains(finding)) end.ReportDiagnostic(Create(Descriptors.AtCompilationEnd(finding.RuleId), finding, end.Compilation));
                }
            });
        }

        /// <summary>The findings of one compilation, or the failure that kept it from being decided.</summary>
        private sealed class Verdict
        {
            private readonly Compilation _compilation;
            private readonly CmsUiReference _ui;
            private readonly AnalyzerOptions _options;
            private readonly object _gate = new object();
            private Outcome? _outcome;

            public Verdict(Compilation compilation, CmsUiReference ui, AnalyzerOptions options)
            {
                _compilation = compilation;
                _ui = ui;
                _options = options;
            }

            public Outcome Get(System.Threading.CancellationToken cancellationToken)
            {
                lock (_gate)
                {
                    if (_outcome is not null) return _outcome;
                    try
                    {
                        var code = CmsStartupRecognizer.Read(_compilation, cancellationToken)!;
                        var site = Site(_ui, code, _options, (path, text) => JsonFile.Parse(path, text.ToString()), cancellationToken);
                        _outcome = new Outcome(UiOptionsRule.Evaluate(site), null);
                    }
                    catch (Exception e) when (!(e is OperationCanceledException))
                    {
                        _outcome = new Outcome(Array.Empty<AspNetCoreFinding>(), e);
                    }

                    return _outcome;
                }
            }
        }

        private sealed class Outcome
        {
            public Outcome(IReadOnlyList<AspNetCoreFinding> findings, Exception? failure)
            {
                Findings = findings;
                Failure = failure;
            }

            public IReadOnlyList<AspNetCoreFinding> Findings { get; }

            public Exception? Failure { get; }
        }

        private static AspNetCoreSite Site(CmsUiReference ui, CmsStartupCode code, AnalyzerOptions analyzerOptions, Func<string, SourceText, JsonFile> parse, System.Threading.CancellationToken cancellationToken)
        {
            var options = analyzerOptions.AnalyzerConfigOptionsProvider.GlobalOptions;
            var projectDirectory = Property(options, "MSBuildProjectDirectory") ?? Property(options, "ProjectDir");
            var additional = analyzerOptions.AdditionalFiles;

            // appsettings files of the content root: the project folder, as the host's default content root.
            var json = new List<JsonFile>();
            foreach (var file in additional)
            {
                if (!CmsAppSettings.IsAppSettingsFile(file.Path)) continue;
                if (projectDirectory is not null && !SiteConfigurationFiles.SamePath(System.IO.Path.GetDirectoryName(file.Path) ?? "", projectDirectory)) continue;
                var text = file.GetText(cancellationToken);
                if (text is null) continue;
                json.Add(text.Length > JsonFile.MaxLength ? JsonFile.Parse(file.Path, "") : parse(file.Path, text));
            }

            var webConfigPath = SiteConfigurationFiles.ChooseWebConfig(additional.Select(f => f.Path), projectDirectory, Property(options, "CmsWebConfig"));
            ConfigFile? webConfig = null;
            if (webConfigPath is not null && additional.FirstOrDefault(f => f.Path == webConfigPath)?.GetText(cancellationToken) is { } webConfigText
                && webConfigText.Length <= ConfigFile.MaxLength)
            {
                webConfig = ConfigFile.Parse(webConfigPath, webConfigText.ToString());
            }

            var host = HostDeclaration.Read(Property(options, HostDeclaration.WebSocketsProperty), Property(options, HostDeclaration.IisVersionProperty));
            var settings = CmsAppSettings.Read(json, Property(options, CmsAppSettings.EnvironmentProperty));
            return new AspNetCoreSite(ui, host, code.Anchor, code.Settings, settings, webConfig);
        }

        private static Diagnostic Create(DiagnosticDescriptor descriptor, AspNetCoreFinding finding, Compilation compilation)
        {
            var properties = ImmutableDictionary<string, string?>.Empty;
            if (finding.TurnOffInCode) properties = properties.Add(TurnOffInCodeProperty, "TurnOff");
            if (finding.AppSettingsTarget is not null) properties = properties.Add(AppSettingsTargetProperty, finding.AppSettingsTarget);
            return Diagnostic.Create(
                descriptor,
                LocationOf(finding.Location, compilation),
                finding.Evidence.Select(e => LocationOf(e, compilation)),
                properties,
                finding.Message);
        }

        /// <summary>A C# location in its syntax tree (so the IDE and dotnet format find the document), a JSON or XML one by path.</summary>
        private static Location LocationOf(FileLocation? location, Compilation compilation)
        {
            if (location is null) return Location.None;
            var span = new TextSpan(location.Span.Start, location.Span.Length);
            var tree = compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == location.Path);
            if (tree is not null) return Location.Create(tree, span);
            return Location.Create(location.Path, span, new LinePositionSpan(
                new LinePosition(location.Start.Line, location.Start.Character),
                new LinePosition(location.End.Line, location.End.Character)));
        }

        private static CmsUiReference? FromReferences(Compilation compilation)
        {
            if (!CompilationReferences.MayReference(compilation, CmsUiReference.UiAssemblyNames)) return null;
            foreach (var name in CmsUiReference.UiAssemblyNames)
            {
                foreach (var identity in compilation.ReferencedAssemblyNames)
                {
                    if (string.Equals(identity.Name, name, StringComparison.OrdinalIgnoreCase)) return CmsUiReference.FromAssembly(identity.Name, identity.Version);
                }
            }

            return null;
        }

        private static CmsUiReference? FromBuild(AnalyzerConfigOptions options) =>
            CmsUiVersion.Parse(Property(options, "CmsHazardsUiVersion")) is { } version
                ? new CmsUiReference(version, Property(options, "CmsHazardsUiVersionSource") ?? "MSBuild")
                : null;

        private static string? Property(AnalyzerConfigOptions options, string name) =>
            options.TryGetValue("build_property." + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
    }
}
