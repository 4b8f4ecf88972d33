using System.Text;
using CmsHazards.Configuration;
using CmsHazards.Text;
using CmsHazards.Upgrade;
using CmsHazards.Versions;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace CmsHazards.Tests.Properties;

/// <summary>
/// Properties of the binding redirect rules over generated runtime sections: any mix of layouts, ranges and
/// versions; Fix All leaves a well-formed file whose next evaluation is clean, and changes nothing but versions.
/// </summary>
public class RedirectProperties
{
    private static readonly Config Cases = Config.QuickThrowOnFailure.WithMaxTest(
        int.TryParse(Environment.GetEnvironmentVariable("CMSHAZARDS_PROPERTY_CASES"), out var n) ? n : 300);

    /// <summary>One generated redirect: which assembly, how it is written, and what it says.</summary>
    public sealed record Redirect(int Assembly, bool OneLine, int Low, int High, int New, bool Range, bool Spaces);

    private static readonly Gen<Redirect> RedirectGen =
        from assembly in Gen.Choose(0, 5)
        from oneLine in Gen.Elements(true, false)
        from low in Gen.Choose(0, 12)
        from high in Gen.Choose(0, 12)
        from newVersion in Gen.Choose(0, 12)
        from range in Gen.Elements(true, true, false)
        from spaces in Gen.Elements(true, false)
        select new Redirect(assembly, oneLine, low, high, newVersion, range, spaces);

    private static readonly Gen<(Redirect[] Redirects, bool Tabs, bool Crlf, int[] Compiled)> SiteGen =
        from count in Gen.Choose(0, 8)
        from redirects in RedirectGen.ArrayOf(count)
        from tabs in Gen.Elements(true, false)
        from crlf in Gen.Elements(true, false)
        from compiled in Gen.Choose(0, 12).ArrayOf(6)
        select (redirects, tabs, crlf, compiled);

    [Fact]
    public void Fix_all_leaves_a_well_formed_file_that_the_next_evaluation_finds_clean() =>
        Check.One(Cases, Prop.ForAll(SiteGen.ToArbitrary(), site =>
        {
            var text = WebConfigText(site.Redirects, site.Tabs, site.Crlf);
            var assemblies = site.Compiled.Select((minor, i) => new ReferencedAssembly("Lib" + i, new Version(1, minor, 0, 0), "0123456789abcdef", "Lib" + i, "1." + minor + ".0", ReferenceOrigin.Package)).ToList();

            var file = ConfigFile.Parse("/site/Web.config", text);
            var facts = new Rules.SiteFacts(new CmsUiReference(CmsUiVersion.Parse("11.20.0")!, "test"), null, new SiteConfiguration(file))
                .With(() => new ReferencedAssemblies(assemblies));
            var stale = Rules.SiteCheck.Run(facts).Where(f => f.RuleId == Rules.RuleIds.StaleBindingRedirect).ToList();
            // A backwards range (Low above High) is malformed: reported without a fix, and still there after Fix All.
            Assert.All(stale.Where(f => f.Fixes.Count == 0), f => Assert.Contains(" is malformed: its oldVersion range runs backwards", f.Message));
            var changes = stale.Where(f => f.Fixes.Count > 0).SelectMany(f => f.Fixes[0].Changes).ToList();
            var edits = changes.Count == 0 ? Array.Empty<Fixes.FileEdit>() : Fixes.FixPlanner.Plan(new Fixes.Fix("all", "all", changes), path => text);
            Assert.True(changes.Count == 0 || edits.Count == 1);

            var fixedText = edits.Aggregate(text, (current, edit) => edit.ApplyTo(current));
            Assert.All(StaleRedirect.Find(Bindings(fixedText), assemblies), s => Assert.NotNull(s.Malformed));

            // Only digits, dots, dashes and the values' quotes' contents change: the rest of the file is kept.
            Assert.Equal(Skeleton(text), Skeleton(fixedText));
            return true;
        }));

    /// <summary>One generated dependentAssembly of a site with repeated entries: a redirect, a codeBase, or both.</summary>
    public sealed record Entry(int Assembly, int Low, int High, int New, bool Redirect, int CodeBase);

    private static readonly Gen<Entry> EntryGen =
        from assembly in Gen.Choose(0, 2)
        from low in Gen.Choose(0, 6)
        from high in Gen.Choose(0, 6)
        from newVersion in Gen.Choose(0, 6)
        from redirect in Gen.Elements(true, true, true, false)
        from codeBase in Gen.Choose(-3, 3)
        select new Entry(assembly, low, high, newVersion, redirect, codeBase);

    [Fact]
    public void Removing_every_entry_CMSH302_finds_without_effect_changes_nothing_the_runtime_resolves() =>
        Check.One(Cases, Prop.ForAll(EntryGen.ArrayOf().ToArbitrary(), entries =>
        {
            var text = RepeatedEntriesText(entries);
            var file = ConfigFile.Parse("/site/Web.config", text);
            var facts = new Rules.SiteFacts(new CmsUiReference(CmsUiVersion.Parse("11.20.0")!, "test"), null, new SiteConfiguration(file));
            var duplicates = Rules.SiteCheck.Run(facts).Where(f => f.RuleId == Rules.RuleIds.DuplicateBindingRedirect).ToList();
            var changes = duplicates.Where(f => f.Fixes.Count > 0).SelectMany(f => f.Fixes[0].Changes).ToList();
            var fixedText = changes.Count == 0
                ? text
                : Fixes.FixPlanner.Plan(new Fixes.Fix("all", "all", changes), path => text).Aggregate(text, (current, edit) => edit.ApplyTo(current));

            Assert.Equal(Resolution(Bindings(text)), Resolution(Bindings(fixedText)));
            Assert.All(DuplicateRedirect.Find(Bindings(fixedText)), d => Assert.True(d.LaterTakesEffect));
            return true;
        }));

    /// <summary>
    /// What the binder gives for each assembly and each version asked for, read as docs/rules/CMSH302.md describes it: the
    /// first redirect in document order whose oldVersion holds the version, and the first codeBase of the version it ends at.
    /// </summary>
    private static string Resolution(AssemblyBindings bindings)
    {
        var result = new StringBuilder();
        for (var assembly = 0; assembly <= 2; assembly++)
        {
            var entries = bindings.Effective.Where(e => e.Identity!.Name == "Lib" + assembly).ToList();
            for (var minor = 0; minor <= 7; minor++)
            {
                foreach (var asked in new[] { new Version(1, minor, 0, 0), new Version(1, minor, 0, 5) })
                {
                    var redirect = entries.SelectMany(e => e.Redirects).FirstOrDefault(r => r.IsWellFormed && r.OldVersion!.Contains(asked));
                    var version = redirect?.NewVersion ?? asked;
                    var codeBase = entries.SelectMany(e => e.CodeBases).FirstOrDefault(c => c.Attribute("href") is not null && c.AttributeValue("version") == StaleRedirect.Format(version));
                    result.Append(assembly).Append(' ').Append(asked).Append(" -> ").Append(version).Append(' ').Append(codeBase?.AttributeValue("href")).Append('\n');
                }
            }
        }

        return result.ToString();
    }

    private static string RepeatedEntriesText(Entry[] entries)
    {
        var text = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <runtime>\n    <assemblyBinding xmlns=\"urn:schemas-microsoft-com:asm.v1\">\n");
        for (var i = 0; i < entries.Length; i++)
        {
            var e = entries[i];
            text.Append("      <dependentAssembly>\n");
            text.Append($"        <assemblyIdentity name=\"Lib{e.Assembly}\" publicKeyToken=\"0123456789abcdef\" culture=\"neutral\" />\n");
            if (e.Redirect) text.Append($"        <bindingRedirect oldVersion=\"1.{e.Low}.0.0-1.{e.High}.0.0\" newVersion=\"1.{e.New}.0.0\" />\n");
            if (e.CodeBase >= 0) text.Append($"        <codeBase version=\"1.{e.CodeBase}.0.0\" href=\"bin/{i}/Lib{e.Assembly}.dll\" />\n");
            text.Append("      </dependentAssembly>\n");
        }

        return text.Append("    </assemblyBinding>\n  </runtime>\n</configuration>\n").ToString();
    }

    private static AssemblyBindings Bindings(string text)
    {
        var file = ConfigFile.Parse("/site/Web.config", text);
        Assert.Null(file.Error);
        return AssemblyBindings.From(DeployedConfiguration.Build(file, null, null, null, null)!.Deployed);
    }

    private static string Skeleton(string text) => new(text.Where(c => !char.IsDigit(c) && c != '.' && c != '-').ToArray());

    private static string WebConfigText(Redirect[] redirects, bool tabs, bool crlf)
    {
        var nl = crlf ? "\r\n" : "\n";
        var unit = tabs ? "\t" : "  ";
        var text = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + nl + "<configuration>" + nl + unit + "<runtime>" + nl);
        text.Append(unit + unit + "<assemblyBinding xmlns=\"urn:schemas-microsoft-com:asm.v1\">" + nl);
        foreach (var r in redirects)
        {
            var dash = r.Spaces ? " - " : "-";
            var old = r.Range ? $"1.{r.Low}.0.0{dash}1.{r.High}.0.0" : $"1.{r.Low}.0.0";
            var identity = $"<assemblyIdentity name=\"Lib{r.Assembly}\" publicKeyToken=\"0123456789abcdef\" culture=\"neutral\" />";
            var redirect = $"<bindingRedirect oldVersion=\"{old}\" newVersion=\"1.{r.New}.0.0\" />";
            var indent = unit + unit + unit;
            text.Append(r.OneLine
                ? indent + "<dependentAssembly>" + identity + redirect + "</dependentAssembly>" + nl
                : indent + "<dependentAssembly>" + nl + indent + unit + identity + nl + indent + unit + "<!-- " + r.Assembly + " -->" + nl + indent + unit + redirect + nl + indent + "</dependentAssembly>" + nl);
        }

        text.Append(unit + unit + "</assemblyBinding>" + nl + unit + "</runtime>" + nl + "</configuration>" + nl);
        return text.ToString();
    }
}
