using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CmsHazards.Analyzers.Tests;

/// <summary>
/// Stand-in assemblies named and versioned like EPiServer's, compiled here: the real packages live on
/// Optimizely's own feed, and the analyzer needs only their names, versions and EPiServer.Global.
/// </summary>
internal static class StandIns
{
    private static readonly ConcurrentDictionary<string, MetadataReference> Built = new();

    /// <summary>The running runtime's core library: the tests need nothing from a reference pack.</summary>
    public static IReadOnlyList<MetadataReference> Runtime { get; } = new[] { "System.Private.CoreLib", "System.Runtime" }
        .Select(name => (MetadataReference)MetadataReference.CreateFromFile(
            Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, name + ".dll")))
        .ToList();

    /// <summary>EPiServer.dll with the application base class of CMS 7-11 sites.</summary>
    public static MetadataReference EPiServer(string version = "11.20.0.0") =>
        Assembly("EPiServer", version, "namespace EPiServer { public class Global { } }");

    /// <summary>A CMS UI assembly (EPiServer.Cms.Shell.UI, EPiServer.Shell.UI or EPiServer.UI) at a version.</summary>
    public static MetadataReference Ui(string name, string version) =>
        Assembly(name, version, "namespace " + name + " { public static class Marker { } }");

    /// <summary>A CMS UI assembly as the build hands it over from a restored package: the path names the package and its version.</summary>
    public static MetadataReference FromPackage(string name, string version, string path) =>
        Assembly(name, version, "namespace " + name + " { public static class Marker { } }", path);

    private static MetadataReference Assembly(string name, string version, string code, string? path = null) =>
        Built.GetOrAdd(name + "/" + version + "/" + path, _ =>
        {
            var source = $"[assembly: System.Reflection.AssemblyVersion(\"{version}\")]\n{code}";
            var compilation = CSharpCompilation.Create(
                name,
                new[] { CSharpSyntaxTree.ParseText(source) },
                Runtime,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var image = new MemoryStream();
            var result = compilation.Emit(image);
            if (!result.Success) throw new InvalidOperationException(string.Join(Environment.NewLine, result.Diagnostics));
            return MetadataReference.CreateFromImage(image.ToArray(), filePath: path);
        });
}
