using System.Text;
using BenchmarkDotNet.Attributes;
using CmsHazards.Configuration;
using CmsHazards.Text;
using CmsHazards.Upgrade;

namespace CmsHazards.Benchmarks;

/// <summary>
/// What the upgrade rules (CMSH301-303) cost on a web.config with 2,000 binding redirects, against reading it:
/// decoding and parsing the same bytes into the tree with positions that every rule starts from.
/// </summary>
[MemoryDiagnoser]
public class RedirectBenchmarks
{
    /// <summary>Redirects in the generated web.config; large sites with many packages carry a few hundred.</summary>
    public const int Redirects = 2000;

    private byte[] _bytes = Array.Empty<byte>();
    private IReadOnlyList<ReferencedAssembly> _assemblies = Array.Empty<ReferencedAssembly>();

    [GlobalSetup]
    public void Setup()
    {
        _bytes = WebConfigWithRedirects(Redirects);

        // Every assembly referenced; every fourth redirect stale, so the rules decide and the fix has work.
        _assemblies = Enumerable.Range(0, Redirects)
            .Select(i => new ReferencedAssembly($"Vendor.Library{i}", new Version(2, i % 4 == 0 ? 1 : 0, 0, 0), "0123456789abcdef", ReferenceOrigin.Package, $"Vendor.Library{i}", "2.0.0"))
            .ToList();

        var (stale, duplicates, unread, edits) = Decide();
        if (stale != Redirects / 4 || duplicates != 0 || unread != 0 || edits != 1)
        {
            throw new InvalidOperationException($"Expected {Redirects / 4} stale redirects in one edit, got {stale} stale, {duplicates} duplicates, {unread} unread, {edits} edits.");
        }
    }

    /// <summary>The floor: decode the bytes and parse them with positions, as every front end reads a web.config.</summary>
    [Benchmark(Baseline = true, Description = "floor: decode and parse")]
    public object? Read() => ConfigFile.Parse("/site/Web.config", EncodedText.Decode(_bytes).Text).Root;

    /// <summary>Reading plus the deployed configuration, the redirect model, CMSH301-303, and the Fix All edit.</summary>
    [Benchmark(Description = "read, decide CMSH301-303, plan Fix All")]
    public int ReadAndDecide() => Decide().Stale;

    private (int Stale, int Duplicates, int Unread, int Edits) Decide()
    {
        var file = ConfigFile.Parse("/site/Web.config", EncodedText.Decode(_bytes).Text);
        var deployed = DeployedConfiguration.Build(file, null, null, null, "Release")!;
        var bindings = AssemblyBindings.From(deployed.Deployed);
        var stale = StaleRedirect.Find(bindings, _assemblies);
        var edits = BindingRedirectEditor.SetCompiledVersions(stale);
        return (stale.Count, DuplicateRedirect.Find(bindings).Count, UnreadRedirect.Find(bindings).Count, edits.Count);
    }

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
