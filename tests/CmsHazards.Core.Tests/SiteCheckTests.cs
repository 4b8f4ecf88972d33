using CmsHazards.Configuration;
using CmsHazards.Hosting;
using CmsHazards.Rules;
using CmsHazards.Versions;
using Xunit;

namespace CmsHazards.Tests;

/// <summary>The engine as every front end calls it.</summary>
public class SiteCheckTests
{
    private static readonly CmsUiReference Ui = CmsUiReference.FromAssembly("EPiServer.Cms.Shell.UI", new Version(11, 20, 0, 0));

    private const string WebConfig = "<configuration>\n  <appSettings>\n  </appSettings>\n  <system.web><httpRuntime targetFramework=\"4.8\" /></system.web>\n</configuration>\n";

    [Fact]
    public void A_cancelled_check_stops_instead_of_deciding()
    {
        var site = new SiteFacts(Ui, HostDeclaration.Read(null, "7.5"), new SiteConfiguration(ConfigFile.Parse("/site/Web.config", WebConfig)));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => SiteCheck.Run(site, cancelled.Token));
        Assert.Equal("CMSH101", Assert.Single(SiteCheck.Run(site)).RuleId);
    }

    [Fact]
    public void A_fact_is_gathered_only_when_a_rule_reads_it()
    {
        var gathered = 0;
        var site = new SiteFacts(Ui, HostDeclaration.Read(null, "7.5"), new SiteConfiguration(ConfigFile.Parse("/site/Web.config", WebConfig)))
            .With(() =>
            {
                gathered++;
                return new ReferencedAssemblies(Array.Empty<ReferencedAssembly>());
            });

        SiteCheck.Run(site, new IRule[0], CancellationToken.None);
        Assert.Equal(0, gathered);

        Assert.NotNull(site.Fact<ReferencedAssemblies>());
        Assert.NotNull(site.Fact<ReferencedAssemblies>());
        Assert.Equal(1, gathered);
    }

    [Fact]
    public void Inputs_are_the_same_only_while_every_fact_a_rule_read_is_equal()
    {
        var webConfig = new SiteConfiguration(ConfigFile.Parse("/site/Web.config", WebConfig));
        SiteFacts With(string version) => new SiteFacts(Ui, HostDeclaration.None, webConfig)
            .With(() => new ReferencedAssemblies(new[] { new ReferencedAssembly("EPiServer", Version.Parse(version)) }));

        var first = With("11.20.0.0");
        Assert.True(first.HasSameInputsAs(With("11.21.0.0")));   // nothing read the references: they decided nothing

        _ = first.Fact<ReferencedAssemblies>();
        Assert.False(first.HasSameInputsAs(With("11.21.0.0")));
        Assert.True(first.HasSameInputsAs(With("11.20.0.0")));
        Assert.False(first.HasSameInputsAs(new SiteFacts(Ui, HostDeclaration.Read("false", null), webConfig)));
    }
}
