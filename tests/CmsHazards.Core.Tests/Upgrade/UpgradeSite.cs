using CmsHazards.Configuration;
using CmsHazards.Fixes;
using CmsHazards.Text;
using CmsHazards.Upgrade;

namespace CmsHazards.Tests.Upgrade;

/// <summary>A fixture site under tests/Fixtures/Upgrade, read as the rules read it, with the bytes a fix must keep.</summary>
internal sealed class UpgradeSite
{
    private readonly Dictionary<string, EncodedText> _texts = new(StringComparer.Ordinal);

    public UpgradeSite(string folder, string? buildConfiguration = null, params string[] folderWebConfigs)
    {
        Folder = folder;
        WebConfig = Read("Web.config");
        var transform = buildConfiguration is null || !File.Exists(FixtureFiles.PathOf($"Upgrade/{folder}/Web.{buildConfiguration}.config"))
            ? null
            : Read($"Web.{buildConfiguration}.config");
        Deployed = DeployedConfiguration.Build(WebConfig, transform, null, null, buildConfiguration)!;
        FolderWebConfigs = folderWebConfigs.Select(Read).ToList();
        Bindings = AssemblyBindings.From(Deployed.Deployed, FolderWebConfigs);
    }

    public string Folder { get; }

    public ConfigFile WebConfig { get; }

    public DeployedConfiguration Deployed { get; }

    public IReadOnlyList<ConfigFile> FolderWebConfigs { get; }

    public AssemblyBindings Bindings { get; }

    public ConfigFile Read(string relative)
    {
        var path = "/site/" + relative;
        var text = EncodedText.Decode(FixtureFiles.Bytes($"Upgrade/{Folder}/{relative}"));
        _texts[path] = text;
        return ConfigFile.Parse(path, text.Text);
    }

    /// <summary>The redirects as the next build reads them, with the root web.config's text replaced.</summary>
    public AssemblyBindings WithWebConfig(string text)
    {
        var file = ConfigFile.Parse(WebConfig.Path, text);
        var deployed = DeployedConfiguration.Build(file, Deployed.WebConfigTransform.Transform, null, null, Deployed.BuildConfiguration)!;
        return AssemblyBindings.From(deployed.Deployed, FolderWebConfigs);
    }

    /// <summary>The bytes of a file after the edits, stored as the file was (BOM, encoding).</summary>
    public byte[] BytesAfter(IReadOnlyList<FileEdit> edits, string relative)
    {
        var path = "/site/" + relative;
        var stored = _texts[path];
        var text = stored.Text;
        foreach (var edit in edits.Where(e => e.Path == path)) text = edit.ApplyTo(text);
        return stored.Encode(text);
    }

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
        new ReferencedAssembly("System.Net.Http", new Version(4, 0, 0, 0), "b03f5f7f11d50a3a", ReferenceOrigin.Framework),
    };

    public static ReferencedAssembly Package(string name, string version, string token, string packageId, string packageVersion) =>
        new(name, Version.Parse(version), token, ReferenceOrigin.Package, packageId, packageVersion);
}
