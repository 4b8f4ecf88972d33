using System.Text;
using System.Text.Json;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CmsHazards.Benchmarks.Inputs;

/// <summary>One package of a restore graph, with the compile assets a net48 project gets from it.</summary>
internal sealed record RestoredPackage(string Id, string Version, IReadOnlyList<string> Assemblies, IReadOnlyList<string> Dependencies)
{
    public string Folder => Id.ToLowerInvariant() + "/" + Version;

    public string AssemblyVersion => Version.Split('-')[0] + ".0";
}

/// <summary>
/// A large site's restore graph: <c>obj/project.assets.json</c> as NuGet writes it for a CMS 11 site on net48,
/// and the <c>@(ReferencePath)</c> items MSBuild derives from it (ResolvePackageAssets, then
/// ResolveAssemblyReference). Made here, deterministic, at the size asked for.
/// </summary>
internal sealed class ProjectAssets
{
    public const string Framework = ".NETFramework,Version=v4.8";
    public const string PackageFolder = "/home/dev/.nuget/packages/";
    public const string UiVersion = "11.20.0";

    private static readonly string[] Locales = { "cs", "da", "de", "es", "fi", "fr", "it", "ja", "nl", "no", "pl", "pt-BR", "sv", "zh-CN" };

    private static readonly string[] LibraryFolders = { "lib/net45", "lib/net461", "lib/netstandard2.0", "lib/net6.0" };

    private ProjectAssets(IReadOnlyList<RestoredPackage> packages, byte[] json)
    {
        Packages = packages;
        Json = json;
    }

    public IReadOnlyList<RestoredPackage> Packages { get; }

    /// <summary>The assets file's bytes: UTF-8, indented as NuGet writes it.</summary>
    public byte[] Json { get; }

    /// <summary>Packages until the assets file holds at least <paramref name="size"/> bytes.</summary>
    public static ProjectAssets Create(int size)
    {
        var packages = new List<RestoredPackage>(CmsPackages);
        var json = Write(packages);
        while (json.Length < size)
        {
            // Packages of the shapes large sites pull in: add-ons, integrations, Microsoft.Extensions.*, System.* facades.
            // Half of what the average size says is missing, so the file ends just above the size, not far past it.
            var missing = (size - json.Length) / (2 * Math.Max(1, json.Length / packages.Count));
            for (var i = 0; i <= missing; i++) packages.Add(Filler(packages.Count));
            json = Write(packages);
        }

        return new ProjectAssets(packages, json);
    }

    /// <summary>
    /// <c>@(ReferencePath)</c> for this graph: one item per compile asset of each package, with the metadata
    /// ResolvePackageAssets and ResolveAssemblyReference give it, after the framework's reference assemblies.
    /// </summary>
    public ITaskItem[] ReferencePaths()
    {
        var items = new List<ITaskItem>();
        foreach (var name in FrameworkAssemblies)
        {
            var item = new TaskItem("/usr/lib/mono/4.8-api/" + name + ".dll");
            item.SetMetadata("FusionName", name + ", Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089");
            item.SetMetadata("ResolvedFrom", "{TargetFrameworkDirectory}");
            item.SetMetadata("Version", "4.0.0.0");
            item.SetMetadata("CopyLocal", "false");
            item.SetMetadata("FrameworkReferenceName", ".NETFramework");
            items.Add(item);
        }

        foreach (var package in Packages)
        {
            foreach (var assembly in package.Assemblies)
            {
                var pathInPackage = "lib/net461/" + assembly + ".dll";
                var item = new TaskItem(PackageFolder + package.Folder + "/" + pathInPackage);
                item.SetMetadata("NuGetPackageId", package.Id);
                item.SetMetadata("NuGetPackageVersion", package.Version);
                item.SetMetadata("NuGetSourceType", "Package");
                item.SetMetadata("PathInPackage", pathInPackage);
                item.SetMetadata("FusionName", $"{assembly}, Version={package.AssemblyVersion}, Culture=neutral, PublicKeyToken=8fe83dea738b45b7");
                item.SetMetadata("ResolvedFrom", "{RawFileName}");
                item.SetMetadata("Version", package.AssemblyVersion);
                item.SetMetadata("CopyLocal", "true");
                item.SetMetadata("ReferenceSourceTarget", "ResolveAssemblyReference");
                items.Add(item);
            }
        }

        return items.ToArray();
    }

    /// <summary><c>@(PackageReference)</c>: what the site's project file asks for directly.</summary>
    public ITaskItem[] PackageReferences() => CmsPackages
        .Where(p => p.Id is "EPiServer.CMS" or "EPiServer.CMS.UI" or "EPiServer.Find.Cms" or "EPiServer.Forms")
        .Select(p =>
        {
            var item = new TaskItem(p.Id);
            item.SetMetadata("Version", p.Version);
            return (ITaskItem)item;
        })
        .ToArray();

    private static byte[] Write(IReadOnlyList<RestoredPackage> packages)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 3);

            json.WriteStartObject("targets");
            json.WriteStartObject(Framework);
            foreach (var package in packages) WriteTarget(json, package);
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartObject("libraries");
            foreach (var package in packages) WriteLibrary(json, package);
            json.WriteEndObject();

            json.WriteStartObject("projectFileDependencyGroups");
            json.WriteStartArray(Framework);
            foreach (var package in packages.Take(CmsPackages.Count)) json.WriteStringValue(package.Id + " >= " + package.Version);
            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteStartObject("packageFolders");
            json.WriteStartObject(PackageFolder);
            json.WriteEndObject();
            json.WriteEndObject();

            WriteProject(json);
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void WriteTarget(Utf8JsonWriter json, RestoredPackage package)
    {
        json.WriteStartObject(package.Id + "/" + package.Version);
        json.WriteString("type", "package");
        if (package.Dependencies.Count > 0)
        {
            json.WriteStartObject("dependencies");
            foreach (var dependency in package.Dependencies) json.WriteString(dependency, "[" + package.Version + ", )");
            json.WriteEndObject();
        }

        foreach (var group in new[] { "compile", "runtime" })
        {
            json.WriteStartObject(group);
            foreach (var assembly in package.Assemblies)
            {
                json.WriteStartObject("lib/net461/" + assembly + ".dll");
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteStartObject("resource");
        foreach (var assembly in package.Assemblies)
        {
            foreach (var locale in Locales)
            {
                json.WriteStartObject("lib/net461/" + locale + "/" + assembly + ".resources.dll");
                json.WriteString("locale", locale);
                json.WriteEndObject();
            }
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteLibrary(Utf8JsonWriter json, RestoredPackage package)
    {
        json.WriteStartObject(package.Id + "/" + package.Version);
        json.WriteString("sha512", Sha512Like(package.Id + package.Version));
        json.WriteString("type", "package");
        json.WriteString("path", package.Folder);
        json.WriteStartArray("files");
        var lower = package.Id.ToLowerInvariant();
        json.WriteStringValue(".nupkg.metadata");
        json.WriteStringValue(".signature.p7s");
        foreach (var folder in LibraryFolders)
        {
            foreach (var assembly in package.Assemblies)
            {
                json.WriteStringValue(folder + "/" + assembly + ".dll");
                json.WriteStringValue(folder + "/" + assembly + ".xml");
                foreach (var locale in Locales) json.WriteStringValue(folder + "/" + locale + "/" + assembly + ".resources.dll");
            }
        }

        json.WriteStringValue(lower + "." + package.Version + ".nupkg.sha512");
        json.WriteStringValue(lower + ".nuspec");
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteProject(Utf8JsonWriter json)
    {
        json.WriteStartObject("project");
        json.WriteString("version", "1.0.0");
        json.WriteStartObject("restore");
        json.WriteString("projectUniqueName", "/src/Site/Site.csproj");
        json.WriteString("projectName", "Site");
        json.WriteString("projectPath", "/src/Site/Site.csproj");
        json.WriteString("packagesPath", PackageFolder);
        json.WriteString("outputPath", "/src/Site/obj/");
        json.WriteString("projectStyle", "PackageReference");
        json.WriteEndObject();
        json.WriteStartObject("frameworks");
        json.WriteStartObject("net48");
        json.WriteString("targetAlias", "net48");
        json.WriteStartObject("dependencies");
        foreach (var package in CmsPackages)
        {
            json.WriteStartObject(package.Id);
            json.WriteString("target", "Package");
            json.WriteString("version", "[" + package.Version + ", )");
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    // Looks like NuGet's base64 SHA-512 and costs a reader the same; no real hash is needed.
    private static string Sha512Like(string seed)
    {
        // string.GetHashCode differs per process; this seed does not, so every run reads the same bytes.
        var hash = 17;
        foreach (var c in seed) hash = unchecked(hash * 31 + c);
        var bytes = new byte[64];
        new Random(hash).NextBytes(bytes);
        return Convert.ToBase64String(bytes);
    }

    private static readonly string[] FillerVendors = { "Microsoft.Extensions", "System", "Azure", "Serilog", "Contoso.Cms", "Geta", "Fabrikam.Commerce", "Mediachase" };

    private static readonly string[] FillerParts = { "Caching", "Configuration", "Logging", "Http", "Search", "Forms", "Media", "Security", "Routing", "Localization", "Scheduling", "Analytics" };

    private static RestoredPackage Filler(int index)
    {
        var id = $"{FillerVendors[index % FillerVendors.Length]}.{FillerParts[index / FillerVendors.Length % FillerParts.Length]}{index}";
        var assemblies = Enumerable.Range(0, 1 + index % 3).Select(i => i == 0 ? id : id + ".Part" + i).ToList();
        return new RestoredPackage(id, $"{1 + index % 9}.{index % 13}.{index % 5}", assemblies, new[] { "EPiServer.Framework" });
    }

    private static readonly string[] FrameworkAssemblies =
    {
        "mscorlib", "System", "System.Core", "System.Data", "System.Drawing", "System.Runtime.Serialization", "System.ServiceModel",
        "System.Web", "System.Web.Abstractions", "System.Web.ApplicationServices", "System.Web.Extensions", "System.Web.Routing",
        "System.Xml", "System.Xml.Linq", "System.ComponentModel.DataAnnotations", "System.Configuration", "System.Net.Http",
        "Microsoft.CSharp", "netstandard", "System.Runtime", "System.Collections", "System.Threading.Tasks", "System.Linq",
    };

    /// <summary>The packages of a CMS 11 site with Find and Forms; EPiServer.CMS.UI.Core holds the UI assemblies.</summary>
    private static readonly IReadOnlyList<RestoredPackage> CmsPackages = new[]
    {
        new RestoredPackage("Castle.Core", "4.4.0", new[] { "Castle.Core" }, Array.Empty<string>()),
        new RestoredPackage("EPiServer.CMS", UiVersion, Array.Empty<string>(), new[] { "EPiServer.CMS.AspNet", "EPiServer.CMS.UI" }),
        new RestoredPackage("EPiServer.CMS.AspNet", UiVersion, new[] { "EPiServer.Cms.AspNet", "EPiServer.Web.WebControls" }, new[] { "EPiServer.CMS.Core" }),
        new RestoredPackage("EPiServer.CMS.Core", UiVersion, new[] { "EPiServer", "EPiServer.ApplicationModules", "EPiServer.Data", "EPiServer.Enterprise", "EPiServer.Events", "EPiServer.LinkAnalyzer" }, new[] { "EPiServer.Framework" }),
        new RestoredPackage("EPiServer.CMS.UI", UiVersion, new[] { "EPiServer.Cms.TinyMce" }, new[] { "EPiServer.CMS.UI.Core" }),
        new RestoredPackage("EPiServer.CMS.UI.Core", UiVersion, new[] { "EPiServer.Cms.Shell.UI", "EPiServer.Shell.UI", "EPiServer.UI" }, new[] { "EPiServer.CMS.Core" }),
        new RestoredPackage("EPiServer.Find", "13.4.0", new[] { "EPiServer.Find" }, new[] { "Newtonsoft.Json" }),
        new RestoredPackage("EPiServer.Find.Cms", "13.4.0", new[] { "EPiServer.Find.Cms", "EPiServer.Find.UI" }, new[] { "EPiServer.Find" }),
        new RestoredPackage("EPiServer.Forms", "4.30.0", new[] { "EPiServer.Forms" }, new[] { "EPiServer.Forms.Core" }),
        new RestoredPackage("EPiServer.Forms.Core", "4.30.0", new[] { "EPiServer.Forms.Core" }, new[] { "EPiServer.CMS.AspNet" }),
        new RestoredPackage("EPiServer.Framework", UiVersion, new[] { "EPiServer.Framework", "EPiServer.Licensing" }, new[] { "Castle.Core" }),
        new RestoredPackage("EPiServer.Framework.AspNet", UiVersion, new[] { "EPiServer.Framework.AspNet" }, new[] { "EPiServer.Framework" }),
        new RestoredPackage("Microsoft.AspNet.Mvc", "5.2.7", new[] { "System.Web.Mvc" }, new[] { "Microsoft.AspNet.Razor", "Microsoft.AspNet.WebPages" }),
        new RestoredPackage("Microsoft.AspNet.Razor", "3.2.7", new[] { "System.Web.Razor" }, Array.Empty<string>()),
        new RestoredPackage("Microsoft.AspNet.WebPages", "3.2.7", new[] { "System.Web.Helpers", "System.Web.WebPages", "System.Web.WebPages.Deployment", "System.Web.WebPages.Razor" }, Array.Empty<string>()),
        new RestoredPackage("Newtonsoft.Json", "12.0.3", new[] { "Newtonsoft.Json" }, Array.Empty<string>()),
    };
}
