using System.Text;
using BenchmarkDotNet.Attributes;
using CmsHazards.Configuration;
using CmsHazards.Fixes;
using CmsHazards.Rules;
using CmsHazards.Text;
using CmsHazards.Upgrade;
using CmsHazards.Versions;

namespace CmsHazards.Benchmarks;

/// <summary>
/// What the upgrade rules (CMSH301-303) cost on a web.config with 2,000 binding redirects, against reading it:
/// decoding and parsing the same bytes into the tree with positions that every rule starts from. Twice: every redirect
/// matching the assembly the build compiles against (a healthy site, what most builds pay), and every fourth one stale
/// (500 findings with their messages and fixes).
/// </summary>
[MemoryDiagnoser]
public class RedirectBenchmarks
{
    /// <summary>Redirects in the generated web.config; large sites with many packages carry a few hundred.</summary>
    public const int Redirects = 2000;

    /// <summary>How many of the redirects are stale: none, or every fourth.</summary>
    [Params(0, Redirects / 4)]
    public int Stale { get; set; }

    private byte[] _bytes = Array.Empty<byte>();
    private IReadOnlyList<ReferencedAssembly> _assemblies = Array.Empty<ReferencedAssembly>();

    [GlobalSetup]
    public void Setup()
    {
        _bytes = WebConfigWithRedirects(Redirects);

        // Every assembly referenced, so every entry is judged; the stale ones spread evenly through the file.
        _assemblies = Enumerable.Range(0, Redirects)
            .Select(i => new ReferencedAssembly($"Vendor.Library{i}", new Version(2, Stale > 0 && i % (Redirects / Stale) == 0 ? 1 : 0, 0, 0), "0123456789abcdef", $"Vendor.Library{i}", "2.0.0", ReferenceOrigin.Package))
            .ToList();

        var (stale, duplicates, unread, edits) = Decide();
        if (stale != Stale || duplicates != 0 || unread != 0 || edits != (Stale == 0 ? 0 : 1))
        {
            throw new InvalidOperationException($"Expected {Stale} stale redirects in one edit, got {stale} stale, {duplicates} duplicates, {unread} unread, {edits} edits.");
        }
    }

    /// <summary>The floor: decode the bytes and parse them with positions, as every front end reads a web.config.</summary>
    [Benchmark(Baseline = true, Description = "floor: decode and parse")]
    public object? Read() => ConfigFile.Parse("/site/Web.config", EncodedText.Decode(_bytes).Text).Root;

    /// <summary>What every build pays: reading plus the engine (every rule, the redirect model, CMSH301-303).</summary>
    [Benchmark(Description = "read, SiteCheck.Run")]
    public int ReadAndCheck() => SiteCheck.Run(Site(ConfigFile.Parse("/site/Web.config", EncodedText.Decode(_bytes).Text))).Count;

    /// <summary>Reading plus the engine and planning the Fix All edit, which a developer asks for.</summary>
    [Benchmark(Description = "read, SiteCheck.Run, plan Fix All")]
    public int ReadAndDecide() => Decide().Stale;

    private (int Stale, int Duplicates, int Unread, int Edits) Decide()
    {
        var file = ConfigFile.Parse("/site/Web.config", EncodedText.Decode(_bytes).Text);
        var findings = SiteCheck.Run(Site(file));
        var stale = findings.Where(f => f.RuleId == RuleIds.StaleBindingRedirect).ToList();

        // Fix All: every stale redirect's fix planned together against the file, one edit.
        var changes = stale.SelectMany(f => f.Fixes[0].Changes).ToList();
        var edits = changes.Count == 0 ? 0 : FixPlanner.Plan(new Fix("Fix All", "all", changes), path => path == file.Path ? file.Text : null).Count;
        return (stale.Count, findings.Count(f => f.RuleId == RuleIds.DuplicateBindingRedirect), findings.Count(f => f.RuleId == RuleIds.UnreadBindingRedirect), edits);
    }

    private SiteFacts Site(ConfigFile file) =>
        new SiteFacts(new CmsUiReference(CmsUiVersion.Parse("11.20.0")!, "benchmark"), null, new SiteConfiguration(file, null, "Release"))
            .With(() => new ReferencedAssemblies(_assemblies));

    /// <summary>A CMS 11 web.config whose runtime section holds <paramref name="count"/> redirects, UTF-8 with a BOM and CRLF.</summary>
    internal static byte[] WebConfigWithRedirects(int count)
    {
        var text = new StringBuilder();
        text.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<configuration>\r\n");
        text.Append("  <appSettings>\r\n    <add key=\"webpages:Version\" value=\"3.0.0.0\" />\r\n  </appSettings>\r\n");
        text.Append("  <system.web>\r\n    <httpRuntime targetFramework=\"4.8\" />\r\n  </system.web>\r\n");
        text.Append("  <runtime>\r\n    <assemblyBinding xmlns=\"urn:schemas-microsoft-com:asm.v1\">\r\n");
        for (var i = 0; i < count; i++)
        {
            text.Append("      <dependentAssembly>\r\n");
            text.Append($"        <assemblyIdentity name=\"Vendor.Library{i}\" publicKeyToken=\"0123456789abcdef\" culture=\"neutral\" />\r\n");
            text.Append("        <bindingRedirect oldVersion=\"0.0.0.0-2.0.0.0\" newVersion=\"2.0.0.0\" />\r\n");
            text.Append("      </dependentAssembly>\r\n");
        }

        text.Append("    </assemblyBinding>\r\n  </runtime>\r\n</configuration>\r\n");
        return new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
    }
}
