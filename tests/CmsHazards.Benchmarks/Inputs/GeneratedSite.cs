using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CmsHazards.Benchmarks.Inputs;

/// <summary>
/// The C# of a site of many files, made here: page types, services and a repository interface per file, with
/// methods the compiler has to bind (LINQ, generics, string formatting, a pattern switch, async), the same shape
/// build-overhead.sh generates for whole builds. No EPiServer API, so the stand-ins suffice.
/// </summary>
internal static class GeneratedSite
{
    /// <summary>Every assembly of the running .NET's shared framework: a reference set as large as a net48 site's.</summary>
    public static IReadOnlyList<MetadataReference> Framework { get; } = Directory
        .GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
        .OrderBy(p => p, StringComparer.Ordinal)
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .ToList();

    /// <summary><paramref name="count"/> files under <paramref name="folder"/>/Features, parsed once.</summary>
    public static IReadOnlyList<SyntaxTree> Features(string folder, int count) => Enumerable.Range(1, count)
        .Select(i => CSharpSyntaxTree.ParseText(Feature(i), path: $"{folder}/Features/Feature{i}.cs"))
        .ToList();

    /// <summary>The file build-overhead.sh generates too (generate-features.sh), with its number.</summary>
    private static string Feature(int i) => Template.Value.Replace("__N__", i.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static readonly Lazy<string> Template = new(() =>
    {
        using var stream = typeof(GeneratedSite).Assembly.GetManifestResourceStream("FeatureTemplate.txt")
            ?? throw new InvalidOperationException("The FeatureTemplate.txt resource is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
