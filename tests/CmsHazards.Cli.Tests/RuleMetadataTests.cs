using System.Reflection;
using CmsHazards.Rules;
using Xunit;

namespace CmsHazards.Cli.Tests;

/// <summary>The command learns rules from the catalogue in Core, not from the analyzer: it ships without Roslyn.</summary>
public class RuleMetadataTests
{
    [Fact]
    public void The_command_references_neither_Roslyn_nor_the_analyzer()
    {
        var references = typeof(ScanResult).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("CmsHazards.Core", references);
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.DoesNotContain("CmsHazards.Analyzers", references);
    }

    [Fact]
    public void The_text_report_names_each_rule_with_the_catalogue_severity() =>
        Assert.Equal(
            RuleCatalog.ReportedBy(FrontEnds.Cli).Select(r => r.DefaultSeverity == Severity.Warning ? "warning" : "info"),
            RuleCatalog.ReportedBy(FrontEnds.Cli).Select(r => TextReport.Word(r.DefaultSeverity)));
}
