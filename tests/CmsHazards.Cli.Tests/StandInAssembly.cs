using CmsHazards.Analyzers.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace CmsHazards.Cli.Tests;

/// <summary>
/// A package's DLL as the scan finds it on disk: a real assembly with the name and version a test gives, compiled
/// against the stand-in runtime, whose identity the scan reads from its metadata.
/// </summary>
internal static class StandInAssembly
{
    public static void Write(string path, string name, string version)
    {
        var compilation = CSharpCompilation.Create(
            name,
            new[] { CSharpSyntaxTree.ParseText($"[assembly: System.Reflection.AssemblyVersion(\"{version}\")]") },
            StandIns.Runtime,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        var result = compilation.Emit(file);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
    }
}
