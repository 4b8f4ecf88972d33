using System;

namespace CmsHazards.Rules
{
    /// <summary>A diagnostic's default severity, in the words MSBuild, the compiler and SARIF share.</summary>
    public enum Severity
    {
        Hidden,
        Info,
        Warning,
        Error,
    }

    /// <summary>Where the analyzer reports a rule; Visual Studio's Error List needs to know (the CompilationEnd tag).</summary>
    [Flags]
    public enum RuleReporting
    {
        /// <summary>On the C# code that starts the site, from a symbol or syntax action, so the IDE shows it live.</summary>
        OnSiteCode = 1,

        /// <summary>
        /// From a compilation-end action: on a file that is not C#, or where the site has no code to anchor on. Visual
        /// Studio drops such diagnostics from the Error List unless the descriptor carries the CompilationEnd tag
        /// (roslyn issue 65304).
        /// </summary>
        AtCompilationEnd = 2,
    }

    /// <summary>The front ends that report a rule.</summary>
    [Flags]
    public enum FrontEnds
    {
        Analyzer = 1,
        BuildTask = 2,
        Cli = 4,
    }

    /// <summary>One entry of the <see cref="RuleCatalog"/>.</summary>
    public sealed class RuleInfo
    {
        public RuleInfo(string id, string title, string category, Severity defaultSeverity, string description, string summary, RuleReporting reporting, FrontEnds frontEnds)
        {
            Id = id;
            Title = title;
            Category = category;
            DefaultSeverity = defaultSeverity;
            Description = description;
            Summary = summary;
            Reporting = reporting;
            FrontEnds = frontEnds;
        }

        public string Id { get; }

        /// <summary>The short title: the descriptor's title, the docs page heading, SARIF's shortDescription.</summary>
        public string Title { get; }

        public string Category { get; }

        public Severity DefaultSeverity { get; }

        /// <summary>The descriptor's description and SARIF's fullDescription.</summary>
        public string Description { get; }

        /// <summary>What the rule catches, in the words of README's "What it catches" table (markdown).</summary>
        public string Summary { get; }

        public RuleReporting Reporting { get; }

        public FrontEnds FrontEnds { get; }

        public string HelpLink => RuleIds.HelpLink(Id);

        /// <summary>A hazard fails a scan, as a warning marks a build; a note (info) does not.</summary>
        public bool IsHazard => DefaultSeverity >= Severity.Warning;

        public override string ToString() => Id + ": " + Title;
    }
}
