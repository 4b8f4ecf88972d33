using System.IO.Compression;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace CmsHazards.EndToEnd.Tests;

/// <summary>
/// The assemblies inside the packed package, read as metadata (never loaded): what they reference decides which
/// MSBuild and which compiler can load them, and their version decides whether Visual Studio loads an update.
/// </summary>
[Collection(PackedSamplesCollection.Name)]
public sealed class PackedAssemblyTests
{
    /// <summary>
    /// The newest framework assembly versions the MSBuild of the .NET 5 SDK can bind to: .NET 5's own assemblies are
    /// 5.0.0.0 (System.Runtime and the rest), its netstandard facade 2.1.0.0 (the .NET 5 reference pack,
    /// Microsoft.NETCore.App.Ref 5.0). A task compiled for net8.0 references System.Runtime 8.0.0.0 and fails there
    /// with MSB4062.
    /// </summary>
    private static readonly Version DotNet5Framework = new(5, 0, 0, 0);
    private static readonly Version DotNet5NetStandard = new(2, 1, 0, 0);

    /// <summary>MSBuild's own assemblies keep the version 15.1.0.0 from MSBuild 15 on, and MSBuild redirects to itself.</summary>
    private static readonly Version MsBuildApi = new(15, 1, 0, 0);

    /// <summary>The Roslyn the analyzers are compiled against (Directory.Build.props, CmsHazardsRoslynVersion).</summary>
    private static readonly Version AnalyzerRoslyn = new(3, 7, 0, 0);

    private readonly PackedSamples _samples;

    public PackedAssemblyTests(PackedSamples samples) => _samples = samples;

    [Fact]
    public void The_package_ships_the_task_for_net472_and_netstandard2_0_only()
    {
        var folders = Entries().Where(e => e.StartsWith("tasks/", StringComparison.Ordinal))
            .Select(e => e.Split('/')[1]).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(new[] { "net472", "netstandard2.0" }, folders);
        Assert.Equal(
            new[] { "tasks/net472/CmsHazards.Build.dll", "tasks/net472/CmsHazards.Core.dll", "tasks/netstandard2.0/CmsHazards.Build.dll", "tasks/netstandard2.0/CmsHazards.Core.dll" },
            Entries().Where(e => e.StartsWith("tasks/", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_task_for_dotnet_build_references_only_what_the_MSBuild_of_the_NET_5_SDK_can_load()
    {
        var problems = new List<string>();
        foreach (var (path, assembly) in Assemblies("tasks/netstandard2.0/"))
        {
            foreach (var reference in assembly.References)
            {
                var problem = reference.Name switch
                {
                    "netstandard" => reference.Version > DotNet5NetStandard ? "newer than .NET 5's netstandard " + DotNet5NetStandard : null,
                    "Microsoft.Build.Framework" or "Microsoft.Build.Utilities.Core" => reference.Version != MsBuildApi ? "not MSBuild's API version " + MsBuildApi : null,
                    "CmsHazards.Core" => Shipped(path, reference.Name),
                    _ when IsFramework(reference.Name!) => reference.Version > DotNet5Framework ? "newer than .NET 5's " + DotNet5Framework : null,
                    _ => "neither .NET's, MSBuild's nor shipped beside the task",
                };
                if (problem is not null) problems.Add($"{path} references {reference}: {problem}");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void The_task_for_Visual_Studio_references_only_the_NET_Framework_and_MSBuild()
    {
        var problems = new List<string>();
        foreach (var (path, assembly) in Assemblies("tasks/net472/"))
        {
            foreach (var reference in assembly.References)
            {
                var problem = reference.Name switch
                {
                    // The netstandard facade ships with .NET Framework 4.7.2, so Core (netstandard2.0) loads in msbuild.exe.
                    "netstandard" => reference.Version != new Version(2, 0, 0, 0) ? "not the netstandard 2.0 facade of .NET Framework 4.7.2" : null,
                    "Microsoft.Build.Framework" or "Microsoft.Build.Utilities.Core" => reference.Version != MsBuildApi ? "not MSBuild's API version " + MsBuildApi : null,
                    "CmsHazards.Core" => Shipped(path, reference.Name),
                    _ when IsFramework(reference.Name!) => reference.Version!.Major != 4 ? "not a .NET Framework 4 assembly" : null,
                    _ => "neither .NET Framework's, MSBuild's nor shipped beside the task",
                };
                if (problem is not null) problems.Add($"{path} references {reference}: {problem}");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void The_analyzers_reference_no_Roslyn_newer_than_the_one_they_are_built_against()
    {
        var roslyn = Assemblies("analyzers/dotnet/cs/")
            .SelectMany(a => a.Assembly.References.Where(r => r.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)).Select(r => (a.Path, Reference: r)))
            .ToList();

        Assert.NotEmpty(roslyn);
        Assert.All(roslyn, r => Assert.True(r.Reference.Version <= AnalyzerRoslyn, $"{r.Path} references {r.Reference}"));
    }

    [Fact]
    public void Every_packed_assembly_carries_the_package_version()
    {
        var numeric = _samples.Version.Split('-')[0] + ".0";
        var assemblies = Assemblies("analyzers/").Concat(Assemblies("tasks/")).ToList();

        Assert.Equal(7, assemblies.Count); // Core, Analyzers, CodeFixes; Build and Core for each task framework
        Assert.All(assemblies, a =>
        {
            Assert.True(a.Assembly.Version == Version.Parse(numeric), $"{a.Path}: AssemblyVersion {a.Assembly.Version}, package {_samples.Version}");
            Assert.True(a.Assembly.FileVersion == numeric, $"{a.Path}: FileVersion {a.Assembly.FileVersion}, package {_samples.Version}");
            var informational = a.Assembly.InformationalVersion ?? "";
            Assert.True(informational == _samples.Version || informational.StartsWith(_samples.Version + "+", StringComparison.Ordinal),
                $"{a.Path}: InformationalVersion {informational}, package {_samples.Version}");
        });
    }

    private static bool IsFramework(string name) =>
        name is "mscorlib" or "System" || name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Win32.", StringComparison.Ordinal);

    private string? Shipped(string path, string? name)
    {
        var folder = path[..(path.LastIndexOf('/') + 1)];
        return Entries().Contains(folder + name + ".dll") ? null : "not shipped in " + folder;
    }

    private IReadOnlyList<string> Entries()
    {
        using var zip = ZipFile.OpenRead(_samples.Package);
        return zip.Entries.Select(e => e.FullName).ToList();
    }

    private IEnumerable<(string Path, PackedAssembly Assembly)> Assemblies(string folder)
    {
        using var zip = ZipFile.OpenRead(_samples.Package);
        var found = new List<(string, PackedAssembly)>();
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith(folder, StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal)))
        {
            using var stream = entry.Open();
            var bytes = new MemoryStream();
            stream.CopyTo(bytes);
            found.Add((entry.FullName, PackedAssembly.Read(bytes.ToArray())));
        }

        Assert.NotEmpty(found);
        return found;
    }

    private sealed record PackedAssembly(Version Version, string? FileVersion, string? InformationalVersion, IReadOnlyList<AssemblyName> References)
    {
        public static PackedAssembly Read(byte[] bytes)
        {
            using var pe = new PEReader(new MemoryStream(bytes));
            var metadata = pe.GetMetadataReader();
            var definition = metadata.GetAssemblyDefinition();
            var references = metadata.AssemblyReferences.Select(h => metadata.GetAssemblyReference(h).GetAssemblyName()).ToList();
            return new PackedAssembly(definition.Version, Attribute(metadata, nameof(AssemblyFileVersionAttribute)), Attribute(metadata, nameof(AssemblyInformationalVersionAttribute)), references);
        }

        /// <summary>The string argument of an assembly-level attribute such as [AssemblyFileVersion("1.2.3.0")].</summary>
        private static string? Attribute(MetadataReader metadata, string typeName)
        {
            foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
            {
                var attribute = metadata.GetCustomAttribute(handle);
                if (attribute.Constructor.Kind != HandleKind.MemberReference) continue;
                var constructor = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
                if (constructor.Parent.Kind != HandleKind.TypeReference) continue;
                if (metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)constructor.Parent).Name) != typeName) continue;

                // The blob: prolog 0x0001, then a SerString (compressed length, UTF-8 bytes).
                var blob = metadata.GetBlobReader(attribute.Value);
                if (blob.ReadUInt16() != 1) return null;
                return blob.ReadSerializedString();
            }

            return null;
        }
    }
}
