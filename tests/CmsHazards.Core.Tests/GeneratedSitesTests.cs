using CmsHazards.Configuration;
using CmsHazards.Fixes;
using CmsHazards.Hosting;
using CmsHazards.Rules;
using CmsHazards.Versions;
using Xunit;

namespace CmsHazards.Tests;

/// <summary>
/// Thousands of small sites built from the pieces real ones mix (keys in every casing and place, locations,
/// configSource, transforms well and badly formed): the rule never throws, since an exception in an analyzer is a
/// build warning (AD0001) instead of a verdict, and every fix it offers really turns WebSockets off in the deployed
/// configuration, once.
/// </summary>
public class GeneratedSitesTests
{
    private const string XdtNamespace = "xmlns:xdt=\"http://schemas.microsoft.com/XML-Document-Transform\"";

    private static readonly string[] Transforms =
    {
        "Insert", "InsertBefore(/configuration/appSettings/add[@key='a'])", "InsertAfter(/configuration/appSettings/add[@key='Epi.WebSockets.Enabled'])",
        "InsertAfter(add)", "InsertBefore()", "Remove", "RemoveAll", "Replace", "SetAttributes", "SetAttributes(value)", "RemoveAttributes",
        "RemoveAttributes(value,key)", "InsertIfMissing", "Insert(", " ", "XSLT(a,b)",
    };

    private static readonly string[] Locators =
    {
        "Match(key)", "Match(key,value)", "Match(path)", "Match()", "Condition(@key='a')", "Condition([@key='a'][@value])", "Condition(@key=)",
        "Condition((@key='a' or @value) and @value!='true')", "XPath(/configuration/appSettings/add)", "XPath(/.)", "XPath(.)", "XPath(/)",
        "XPath(..)", "XPath(add)", "XPath(/configuration)",
    };

    private static readonly string[] Names = { "appSettings", "add", "system.web", "httpRuntime", "location", "system.webServer", "webSocket", "clear", "remove" };

    private static readonly string[] Values = { "false", "true", "0", " False ", "", "no" };

    [Fact]
    public void The_rule_never_throws_and_every_fix_it_offers_takes_effect_once()
    {
        var random = new Random(20240611);
        for (var i = 0; i < 3000; i++)
        {
            var site = GenerateSite(random);
            try
            {
                foreach (var finding in SiteCheck.Run(site))
                {
                    foreach (var fix in finding.Fixes.Where(f => f.EquivalenceKey != "CmsHazards.UseTaskFriendlySynchronizationContext"))
                    {
                        var fixedSite = ApplyFix(site, fix);
                        var after = SiteCheck.Run(fixedSite);
                        Assert.DoesNotContain(after, f => f.RuleId is "CMSH100" or "CMSH101" or "CMSH102");
                    }
                }
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"Site {i}:\n{site.Configuration!.WebConfig.Text}\n----\n{site.Configuration.WebConfigTransform!.Text}", e);
            }
        }
    }

    private static SiteFacts ApplyFix(SiteFacts site, Fix fix)
    {
        var changed = FixCheck.Apply(site.Configuration!, fix);
        Assert.NotNull(changed);
        return site.WithConfiguration(changed!);
    }

    private static SiteFacts GenerateSite(Random random)
    {
        // A 4.5 runtime at the root, so the ineffective key (CMSH102) is reached as often as the hazard (CMSH101).
        var webConfig = $"<configuration>\n<system.web><httpRuntime targetFramework=\"4.8\" /></system.web>{Children(random, 0, false)}\n</configuration>";
        var transform = $"<configuration {XdtNamespace}>{Children(random, 0, true)}\n</configuration>";
        var appSettings = random.Next(3) == 0 ? ConfigFile.Parse("/site/AppSettings.config", $"<appSettings>{Children(random, 1, false)}\n</appSettings>") : null;
        var host = HostDeclaration.Read(random.Next(3) == 0 ? "false" : null, null);
        return new SiteFacts(
            new CmsUiReference(CmsUiVersion.Parse("11.20.0")!, "EPiServer.Cms.Shell.UI 11.20.0.0"),
            host,
            new SiteConfiguration(
                ConfigFile.Parse("/site/Web.config", webConfig),
                appSettings,
                "Release",
                ConfigFile.Parse("/site/Web.Release.config", transform),
                random.Next(3) == 0 ? ConfigFile.Parse("/site/AppSettings.Release.config", $"<appSettings {XdtNamespace}>{Children(random, 1, true)}\n</appSettings>") : null,
                new[] { ConfigFile.Parse("/site/Views/Web.config", $"<configuration>{Children(random, 0, false)}\n</configuration>") }));
    }

    private static string Children(Random random, int depth, bool transform) =>
        depth > 3 ? "" : string.Concat(Enumerable.Range(0, random.Next(4)).Select(_ => "\n" + Element(random, depth + 1, transform)));

    private static string Element(Random random, int depth, bool transform)
    {
        var name = Names[random.Next(Names.Length)];
        var attributes = "";
        if (name == "add" || random.Next(4) == 0)
        {
            attributes += $" key=\"{(random.Next(3) == 0 ? "a" : random.Next(2) == 0 ? "Epi.WebSockets.Enabled" : "epi.websockets.enabled")}\"";
        }

        if (random.Next(2) == 0) attributes += $" value=\"{Values[random.Next(Values.Length)]}\"";
        if (name == "location") attributes += random.Next(2) == 0 ? " path=\".\"" : " path=\"EPiServer\"";
        if (name == "appSettings" && random.Next(5) == 0) attributes += " configSource=\"AppSettings.config\"";
        if (name == "httpRuntime" && random.Next(2) == 0) attributes += $" targetFramework=\"{(random.Next(2) == 0 ? "4.0" : "4.8")}\"";
        if (name == "webSocket") attributes += " enabled=\"false\"";
        if (transform && random.Next(4) == 0) attributes += $" xdt:Transform=\"{Transforms[random.Next(Transforms.Length)]}\"";
        if (transform && random.Next(4) == 0) attributes += $" xdt:Locator=\"{Locators[random.Next(Locators.Length)]}\"";

        var children = random.Next(3) == 0 ? "" : Children(random, depth, transform);
        return children.Length == 0 ? $"<{name}{attributes} />" : $"<{name}{attributes}>{children}\n</{name}>";
    }
}
