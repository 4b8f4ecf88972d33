using CmsHazards.Configuration;
using CmsHazards.Fixes;
using CmsHazards.Rules;
using CmsHazards.Text;
using CmsHazards.Upgrade;
using CmsHazards.Versions;
using Xunit;

namespace CmsHazards.Tests.Upgrade;

/// <summary>
/// A fixture site under tests/Fixtures/Upgrade, read as the front ends read it and checked by the engine, with the
/// bytes a fix must keep.
/// </summary>
internal sealed class UpgradeSite
{
    private readonly Dictionary<string, EncodedText> _texts = new(StringComparer.Ordinal);
    private readonly string? _buildConfiguration;

    /// <param name="webConfigText">The root web.config's text instead of the fixture's (a variation of it).</param>
    public UpgradeSite(string folder, string? buildConfiguration = null, string? webConfigText = null, params string[] folderWebConfigs)
    {
        Folder = folder;
        _buildConfiguration = buildConfiguration;
        WebConfig = webConfigText is null ? Read("Web.config") : ConfigFile.Parse("/site/Web.config", webConfigText);
        var transform = buildConfiguration is null || !File.Exists(FixtureFiles.PathOf($"Upgrade/{folder}/Web.{buildConfiguration}.config"))
            ? null
            : Read($"Web.{buildConfiguration}.config");
        FolderWebConfigs = folderWebConfigs.Select(Read).ToList();
        Configuration = new SiteConfiguration(WebConfig, null, buildConfiguration, transform, null, FolderWebConfigs);
        Bindings = AssemblyBindings.From(Configuration.Deployed!.Deployed, FolderWebConfigs);
    }

    public string Folder { get; }

    public ConfigFile WebConfig { get; }

    public IReadOnlyList<ConfigFile> FolderWebConfigs { get; }

    public SiteConfiguration Configuration { get; }

    public AssemblyBindings Bindings { get; }

    private ConfigFile Read(string relative)
    {
        var path = "/site/" + relative;
        var text = EncodedText.Decode(FixtureFiles.Bytes($"Upgrade/{Folder}/{relative}"));
        _texts[path] = text;
        return ConfigFile.Parse(path, text.Text);
    }

    /// <summary>What the engine reports for the site with these assemblies (null: the front end could not learn them).</summary>
    public IReadOnlyList<Finding> Findings(string ruleId, IReadOnlyList<ReferencedAssembly>? assemblies = null)
    {
        var site = new SiteFacts(new CmsUiReference(CmsUiVersion.Parse("11.20.0")!, "test"), null, Configuration)
            .With(() => assemblies is null ? null : new ReferencedAssemblies(assemblies));
        return SiteCheck.Run(site).Where(f => f.RuleId == ruleId).ToList();
    }

    /// <summary>The edits of a finding's first fix, planned against the fixture files.</summary>
    public IReadOnlyList<FileEdit> FixOf(Finding finding) => FixPlanner.Plan(Assert.Single(finding.Fixes), TextOf);

    /// <summary>Fix All: the first fix of every finding, planned together against the same files, one edit per file.</summary>
    public IReadOnlyList<FileEdit> FixAll(IEnumerable<Finding> findings)
    {
        var fixes = findings.Select(f => f.Fixes[0]).ToList();
        var changes = new List<FileChange>();
        foreach (var change in fixes.SelectMany(f => f.Changes))
        {
            if (!changes.Any(c => c.IsSameAs(change))) changes.Add(change);
        }

        return FixPlanner.Plan(new Fix(fixes[0].Title, fixes[0].EquivalenceKey, changes), TextOf);
    }

    private string? TextOf(string path) => path == WebConfig.Path ? WebConfig.Text : _texts.TryGetValue(path, out var text) ? text.Text : null;

    /// <summary>The redirects as the next build reads them, with the root web.config's text replaced.</summary>
    public AssemblyBindings WithWebConfig(string text) => new UpgradeSite(Folder, _buildConfiguration, text, FolderWebConfigs.Select(f => f.Path.Substring("/site/".Length)).ToArray()).Bindings;

    /// <summary>The same site with the root web.config's text replaced.</summary>
    public UpgradeSite WithWebConfigText(string text) => new(Folder, _buildConfiguration, text, FolderWebConfigs.Select(f => f.Path.Substring("/site/".Length)).ToArray());

    /// <summary>The bytes of a file after the edits, stored as the file was (BOM, encoding).</summary>
    public byte[] BytesAfter(IReadOnlyList<FileEdit> edits, string relative)
    {
        var path = "/site/" + relative;
        var stored = _texts[path];
        var text = stored.Text;
        foreach (var edit in edits.Where(e => e.Path == path)) text = edit.ApplyTo(text);
        return stored.Encode(text);
    }

    /// <summary>A file's text stored as the file was (BOM, encoding).</summary>
    public byte[] Encode(string relative, string text) => _texts["/site/" + relative].Encode(text);

    public byte[] Expected(string relative) => FixtureFiles.Bytes($"Upgrade/{Folder}/{relative}.expected");

    /// <summary>The assemblies a CMS 11.20 site compiles against, as the MSBuild task would hand them over.</summary>
    public static IReadOnlyList<ReferencedAssembly> Cms1120 { get; } = new[]
    {
        Package("EPiServer.Cms.Shell.UI", "11.20.0.0", "8fe83dea738b45b7", "EPiServer.CMS.UI.Core", "11.20.0"),
        Package("EPiServer", "11.20.0.0", "8fe83dea738b45b7", "EPiServer.CMS.Core", "11.20.0"),
        Package("EPiServer.Framework", "11.20.0.0", "8fe83dea738b45b7", "EPiServer.Framework", "11.20.0"),

        // Newtonsoft.Json 12.0.3 ships assembly version 12.0.0.0 (DESIGN.md section 10).
        Package("Newtonsoft.Json", "12.0.0.0", "30ad4fe6b2a6aeed", "Newtonsoft.Json", "12.0.3"),
        Package("System.Web.Mvc", "5.2.9.0", "31bf3856ad364e35", "Microsoft.AspNet.Mvc", "5.2.9"),

        // The framework's own facade: the runtime loads the GAC's, whatever the build compiled against.
        new ReferencedAssembly("System.Net.Http", new Version(4, 0, 0, 0), "b03f5f7f11d50a3a", null, null, ReferenceOrigin.Framework),
    };

    public static ReferencedAssembly Package(string name, string version, string token, string packageId, string packageVersion) =>
        new(name, Version.Parse(version), token, packageId, packageVersion, ReferenceOrigin.Package);
}
