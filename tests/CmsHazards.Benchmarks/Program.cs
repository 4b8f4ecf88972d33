using BenchmarkDotNet.Running;

namespace CmsHazards.Benchmarks;

internal static class Program
{
    /// <summary>BenchmarkDotNet's command line: --filter, --job, --list and the rest.</summary>
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
