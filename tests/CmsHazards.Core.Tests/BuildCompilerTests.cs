using System.Text.RegularExpressions;
using CmsHazards.Compilers;
using Xunit;

namespace CmsHazards.Tests;

/// <summary>The compiler a build really runs, from the paths a compiler package sets, and whether it loads the analyzer.</summary>
public class BuildCompilerTests
{
    [Theory]
    [InlineData(@"C:\src\Site\..\packages\Microsoft.Net.Compilers.2.10.0\build\..\tools", "Microsoft.Net.Compilers 2.10.0", false)]
    [InlineData(@"C:\src\packages\Microsoft.Net.Compilers.1.3.2\tools\", "Microsoft.Net.Compilers 1.3.2", false)]
    [InlineData("/home/me/.nuget/packages/microsoft.net.compilers.toolset/3.6.0/build/../tasks/net472/Microsoft.CSharp.Core.targets", "Microsoft.Net.Compilers.Toolset 3.6.0", false)]
    [InlineData(@"C:\src\packages\Microsoft.Net.Compilers.Toolset.3.7.0\tasks\net472\Microsoft.CSharp.Core.targets", "Microsoft.Net.Compilers.Toolset 3.7.0", true)]
    [InlineData(@"C:\src\packages\Microsoft.Net.Compilers.Toolset.4.0.0-2.final\tasks\net472", "Microsoft.Net.Compilers.Toolset 4.0.0-2.final", true)]
    [InlineData("/home/me/.nuget/packages/microsoft.net.compilers.toolset.framework/4.14.0/tasks/net472/Microsoft.CSharp.Core.targets", "Microsoft.Net.Compilers.Toolset.Framework 4.14.0", true)]
    public void A_compiler_package_is_recognised_by_its_folder(string path, string name, bool loads)
    {
        var compiler = BuildCompiler.Find(new[] { null, path }, _ => null);

        Assert.NotNull(compiler);
        Assert.Equal(name, compiler!.Name);
        Assert.Equal(loads, compiler.LoadsAnalyzer);
        Assert.Equal(path, compiler.Evidence);
    }

    [Theory]
    [InlineData(@"C:\Program Files\Microsoft Visual Studio\2022\Enterprise\MSBuild\Current\Bin\Roslyn")]
    [InlineData("/usr/share/dotnet/sdk/10.0.401/Roslyn/Microsoft.CSharp.Core.targets")]
    [InlineData(@"C:\src\packages\Microsoft.Net.Compilers.Extras\tools")]
    [InlineData("")]
    public void MSBuild_s_own_compiler_is_no_package(string path)
    {
        Assert.Null(BuildCompiler.Find(new[] { path }, _ => new Version(2, 0, 0, 0)));
    }

    [Fact]
    public void The_Roslyn_assembly_in_the_folder_wins_over_the_folder_s_name()
    {
        var folders = new List<string>();
        var compiler = BuildCompiler.Find(new[] { @"C:\src\packages\Microsoft.Net.Compilers.2.10.0\tools\Microsoft.CSharp.Core.targets" }, folder =>
        {
            folders.Add(folder);
            return new Version(3, 7, 0, 0);
        });

        Assert.True(compiler!.LoadsAnalyzer);
        Assert.Equal("Microsoft.Net.Compilers 2.10.0 (Microsoft.CodeAnalysis 3.7.0.0)", compiler.Name);
        Assert.Equal(new[] { @"C:\src\packages\Microsoft.Net.Compilers.2.10.0\tools" }, folders.Select(f => f.Replace('/', '\\')));
    }

    [Fact]
    public void The_analyzer_s_Roslyn_is_the_one_the_analyzers_are_built_against()
    {
        var props = File.ReadAllText(Path.Combine(RepositoryRoot(), "Directory.Build.props"));
        var pinned = Regex.Match(props, "<CmsHazardsRoslynVersion>([^<]+)</CmsHazardsRoslynVersion>").Groups[1].Value;

        Assert.Equal(Version.Parse(pinned), new Version(BuildCompiler.AnalyzerRoslyn.Major, BuildCompiler.AnalyzerRoslyn.Minor, 0));
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Analyzers.sln"))) return folder.FullName;
        }

        throw new InvalidOperationException("Analyzers.sln was not found above " + AppContext.BaseDirectory);
    }
}
