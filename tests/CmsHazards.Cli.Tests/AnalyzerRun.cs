using System.Collections.Immutable;
using System.Xml.Linq;
using CmsHazards.Analyzers;
using CmsHazards.Analyzers.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CmsHazards.Cli.Tests;

/// <summary>
/// A finding as a person compares the two front ends: the rule, the message, and the place in the site's
/// configuration (null for a finding about no file).
/// </summary>
internal sealed record Seen(string Id, string Severity, string Message, string? Place);

/// <summary>
/// Runs the analyzer on a site folder the way a build does: the folder's C# files compiled against the
/// stand-in EPiServer assemblies, its *.config files as AdditionalFiles (as the package's targets add them),
/// and the project's properties as <c>build_property.*</c> values.
/// </summary>
internal static class AnalyzerRun
{
    /// <param name="references">Assemblies besides the runtime, such as a stand-in CMS UI assembly.</param>
    public static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(string folder, params MetadataReference[] references)
    {
        var trees = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), path: path));
        var compilation = CSharpCompilation.Create(
            Path.GetFileName(folder),
            trees,
            StandIns.Runtime.Append(StandIns.EPiServer()).Concat(references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var additionalFiles = Directory.EnumerateFiles(folder)
            .Where(path => path.EndsWith(".config", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(path => (AdditionalText)new FileText(path))
            .ToImmutableArray();
        var properties = Properties(folder);

        // As the package's task tells the analyzer: the configSource and file= files it looked for that do not exist.
        var inspection = CmsHazards.Configuration.SiteInspection.Find(
            additionalFiles.Select(f => f.Path).ToList(), folder, properties.GetValueOrDefault("CmsWebConfig"), properties.GetValueOrDefault("Configuration"),
            path => File.Exists(path) ? CmsHazards.Configuration.ConfigFile.Parse(path, CmsHazards.Text.EncodedText.Read(path).Text) : null);
        if (inspection is { MissingFiles.Count: > 0 }) properties["CmsHazardsMissingConfigFiles"] = CmsHazards.Configuration.HandedOverText.Join(inspection.MissingFiles);
        var options = new AnalyzerOptions(additionalFiles, new BuildProperties(properties));

        return await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SiteAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None);
    }

    /// <summary>
    /// The place a CLI user is shown: the configuration location, that is the analyzer's additional location,
    /// or its primary one where there is no application class to carry the diagnostic.
    /// </summary>
    public static Seen Seen(Diagnostic diagnostic, string workingDirectory)
    {
        var location = diagnostic.AdditionalLocations.FirstOrDefault() ?? diagnostic.Location;
        string? place = null;
        if (location != Location.None)
        {
            var span = location.GetLineSpan();
            place = $"{Path.GetRelativePath(workingDirectory, span.Path).Replace(Path.DirectorySeparatorChar, '/')}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})";
        }

        return new Seen(diagnostic.Id, diagnostic.Severity.ToString().ToLowerInvariant(), diagnostic.GetMessage(), place);
    }

    /// <summary>
    /// The properties a site's project file sets without conditions, read here with LINQ to XML (not with the
    /// CLI's reader, which is under test), plus the project folder as MSBuild hands it over.
    /// </summary>
    private static Dictionary<string, string> Properties(string folder)
    {
        var properties = new Dictionary<string, string> { ["MSBuildProjectDirectory"] = folder };
        foreach (var project in Directory.EnumerateFiles(folder, "*.csproj"))
        {
            foreach (var property in XDocument.Load(project).Root!.Elements().Where(e => e.Name.LocalName == "PropertyGroup").SelectMany(g => g.Elements()))
            {
                properties[property.Name.LocalName] = property.Value;
            }
        }

        return properties;
    }

    private sealed class FileText : AdditionalText
    {
        public FileText(string path) => Path = path;

        public override string Path { get; }

        // As the compiler reads additional files: the encoding from the byte order mark, UTF-8 without one.
        public override SourceText GetText(CancellationToken cancellationToken = default)
        {
            using var stream = File.OpenRead(Path);
            return SourceText.From(stream);
        }
    }

    private sealed class BuildProperties : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global;

        public BuildProperties(Dictionary<string, string> properties) =>
            _global = new Options(properties.ToDictionary(p => "build_property." + p.Key, p => p.Value));

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(new Dictionary<string, string>());

            private readonly Dictionary<string, string> _values;

            public Options(Dictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
        }
    }
}
