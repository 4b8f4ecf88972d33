using CmsHazards.Rules;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CmsHazards.Analyzers.Tests;

/// <summary>The analyzer's descriptors are the rule catalogue as Roslyn sees it, tagged for Visual Studio's Error List.</summary>
public class DescriptorTests
{
    [Fact]
    public void Every_analyzer_rule_of_the_catalogue_has_its_descriptors_and_nothing_else()
    {
        var supported = new SiteAnalyzer().SupportedDiagnostics;

        Assert.Equal(RuleCatalog.ReportedBy(FrontEnds.Analyzer).Select(r => r.Id), supported.Select(d => d.Id).Distinct());
        foreach (var descriptor in supported)
        {
            var rule = RuleCatalog.Get(descriptor.Id);
            Assert.Equal(rule.Title, descriptor.Title.ToString());
            Assert.Equal(rule.Description, descriptor.Description.ToString());
            Assert.Equal(rule.Category, descriptor.Category);
            Assert.Equal(rule.DefaultSeverity.ToString(), descriptor.DefaultSeverity.ToString());
            Assert.Equal(rule.HelpLink, descriptor.HelpLinkUri);
            Assert.Equal("{0}", descriptor.MessageFormat.ToString());
            Assert.True(descriptor.IsEnabledByDefault);
        }
    }

    [Fact]
    public void Compilation_end_descriptors_carry_the_CompilationEnd_tag_and_live_ones_do_not()
    {
        foreach (var rule in RuleCatalog.ReportedBy(FrontEnds.Analyzer))
        {
            if ((rule.Reporting & RuleReporting.AtCompilationEnd) != 0)
            {
                Assert.Contains(WellKnownDiagnosticTags.CompilationEnd, Descriptors.AtCompilationEnd(rule.Id).CustomTags);
            }

            if ((rule.Reporting & RuleReporting.OnSiteCode) != 0)
            {
                Assert.DoesNotContain(WellKnownDiagnosticTags.CompilationEnd, Descriptors.OnSiteCode(rule.Id).CustomTags);
            }
        }

        // A rule reported both ways has two descriptors with one ID, so the analyzer declares both.
        var both = RuleCatalog.Get(RuleIds.WebSocketsUnsupportedHost);
        Assert.Equal(RuleReporting.OnSiteCode | RuleReporting.AtCompilationEnd, both.Reporting);
        Assert.Equal(2, new SiteAnalyzer().SupportedDiagnostics.Count(d => d.Id == both.Id));
    }

    [Fact]
    public void A_diagnostic_reported_on_the_application_class_is_live_and_one_reported_at_web_config_is_a_compilation_end_one()
    {
        Assert.DoesNotContain(WellKnownDiagnosticTags.CompilationEnd, Descriptors.OnSiteCode(RuleIds.WebSocketsUnsupportedHost).CustomTags);
        Assert.Throws<KeyNotFoundException>(() => Descriptors.OnSiteCode(RuleIds.ConfigurationUnreadable));
    }
}
