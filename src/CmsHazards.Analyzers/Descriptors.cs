using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using CmsHazards.Rules;
using Microsoft.CodeAnalysis;

namespace CmsHazards.Analyzers
{
    /// <summary>
    /// The rule catalogue (<see cref="RuleCatalog"/>) as Roslyn sees it. Messages are composed by the core
    /// (<see cref="Finding.Message"/>) so that the analyzer, the MSBuild task and the CLI print the same words; the format
    /// is therefore "{0}". A rule reported both on C# code (live, from a symbol action) and from compilation end has a
    /// descriptor for each: Visual Studio drops a compilation-end diagnostic from the Error List unless its descriptor
    /// carries the CompilationEnd tag (roslyn issue 65304), and a live one must not carry it.
    /// </summary>
    internal static class Descriptors
    {
        /// <summary>"CompilationEnd", as WellKnownDiagnosticTags names it from Roslyn 4.0; the analyzers build against 3.7.</summary>
        public const string CompilationEndTag = "CompilationEnd";

        private static readonly IReadOnlyDictionary<string, DiagnosticDescriptor> Live = RuleCatalog.ReportedBy(FrontEnds.Analyzer)
            .Where(r => (r.Reporting & RuleReporting.OnSiteCode) != 0)
            .ToDictionary(r => r.Id, r => Create(r));

        private static readonly IReadOnlyDictionary<string, DiagnosticDescriptor> End = RuleCatalog.ReportedBy(FrontEnds.Analyzer)
            .Where(r => (r.Reporting & RuleReporting.AtCompilationEnd) != 0)
            .ToDictionary(r => r.Id, r => Create(r, CompilationEndTag));

        /// <summary>Every descriptor, in catalogue order: what the analyzer declares it supports.</summary>
        public static ImmutableArray<DiagnosticDescriptor> All { get; } = RuleCatalog.ReportedBy(FrontEnds.Analyzer)
            .SelectMany(r => new[] { Live.TryGetValue(r.Id, out var live) ? live : null, End.TryGetValue(r.Id, out var end) ? end : null })
            .Where(d => d is not null)
            .Select(d => d!)
            .ToImmutableArray();

        /// <summary>The descriptor for a finding reported on C# code from a symbol or syntax action.</summary>
        /// <exception cref="KeyNotFoundException">The rule is not reported on code: a defect, never a silent stand-in.</exception>
        public static DiagnosticDescriptor OnSiteCode(string ruleId) => Live[ruleId];

        /// <summary>The descriptor for a finding reported from a compilation-end action.</summary>
        /// <exception cref="KeyNotFoundException">The rule is not reported at compilation end.</exception>
        public static DiagnosticDescriptor AtCompilationEnd(string ruleId) => End[ruleId];

        private static DiagnosticDescriptor Create(RuleInfo rule, params string[] customTags) =>
            new DiagnosticDescriptor(rule.Id, rule.Title, "{0}", rule.Category, Severity(rule.DefaultSeverity), isEnabledByDefault: true, rule.Description, rule.HelpLink, customTags);

        private static DiagnosticSeverity Severity(Rules.Severity severity) => severity switch
        {
            Rules.Severity.Error => DiagnosticSeverity.Error,
            Rules.Severity.Warning => DiagnosticSeverity.Warning,
            Rules.Severity.Info => DiagnosticSeverity.Info,
            _ => DiagnosticSeverity.Hidden,
        };
    }
}
