using System.Diagnostics;
using System.Reflection;
using CmsHazards.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace CmsHazards.Tests;

/// <summary>
/// The Bicep reader and the ARM reader must agree: every Bicep test file is compiled to ARM JSON by the real Bicep
/// CLI (NuGet Azure.Bicep.CommandLine.&lt;rid&gt;), and both give each app and slot the same Web sockets verdict and
/// the same settings without effect.
/// </summary>
public class BicepDifferentialTests
{
    private readonly ITestOutputHelper _output;

    public BicepDifferentialTests(ITestOutputHelper output) => _output = output;

    private static string? Metadata(string key) =>
        typeof(BicepDifferentialTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;

    /// <summary>The verdicts as a comparable text: name, setting, settings without effect; places differ by design.</summary>
    /// <summary>
    /// In name order (Bicep emits resources in its own order); parts of names known only at deployment are written in
    /// each language's own words, so they compare as {}.
    /// </summary>
    private static string Verdicts(AppServiceModel model) =>
        string.Join("\n", model.Sites.SelectMany(s => new[] { s }.Concat(s.Slots))
            .Select(a => $"{System.Text.RegularExpressions.Regex.Replace(a.Name, @"\{[^}]*\}", "{}")} {a.WebSockets.Setting} ineffective:{a.Ineffective.Count}")
            .OrderBy(line => line, StringComparer.Ordinal));

    [Fact]
    public void Each_Bicep_file_and_the_ARM_JSON_the_Bicep_CLI_compiles_from_it_get_the_same_verdict()
    {
        var bicep = Metadata("BicepPath");
        if (string.IsNullOrEmpty(bicep) || !File.Exists(bicep))
        {
            // xunit 2 has no dynamic skip: say so in the output, and still check the decision that chose no CLI.
            _output.WriteLine($"Skipped: no Azure.Bicep.CommandLine package for this machine ({Metadata("BicepRid")}); the differential test needs the Bicep CLI.");
            Assert.DoesNotContain(Metadata("BicepRid"), new[] { "linux-x64", "linux-arm64", "osx-x64", "osx-arm64", "win-x64", "win-arm64" });
            return;
        }

        var source = FixtureFiles.PathOf("Infrastructure/bicep");
        var work = Path.Combine(Path.GetTempPath(), "cmshazards-bicep-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var file in Directory.GetFiles(source, "*.bicep*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(work, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }

            Compile(bicep, work);

            var files = Directory.GetFiles(work, "*.bicep", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToList();
            Assert.True(files.Count >= 10, $"only {files.Count} Bicep files");
            var apps = 0;
            foreach (var file in files)
            {
                var fromBicep = AppServiceModel.Read(new[] { InfrastructureFile.Read(file, InfrastructureLanguage.Bicep) });
                var fromArm = AppServiceModel.Read(new[] { InfrastructureFile.Read(Path.ChangeExtension(file, ".json"), InfrastructureLanguage.ArmTemplate) });

                Assert.DoesNotContain(fromBicep.Notes, n => n.FileUnreadable);
                Assert.DoesNotContain(fromArm.Notes, n => n.FileUnreadable);
                Assert.True(Verdicts(fromBicep) == Verdicts(fromArm), $"{Path.GetRelativePath(work, file)}\nBicep:\n{Verdicts(fromBicep)}\nARM:\n{Verdicts(fromArm)}");
                _output.WriteLine($"{Path.GetRelativePath(work, file)}: {Verdicts(fromBicep).Replace("\n", "; ")}");
                apps += fromBicep.Sites.Count;
            }

            Assert.True(apps >= 10, $"only {apps} web apps compared");
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    private static void Compile(string bicep, string folder)
    {
        var start = new ProcessStartInfo(bicep)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "build", "--no-restore", "--pattern", "**/*.bicep" }) start.ArgumentList.Add(argument);

        // Nothing is sent anywhere from a test run.
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(180_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("bicep build did not finish in 3 minutes");
        }

        Assert.True(process.ExitCode == 0, $"bicep build failed ({process.ExitCode}):\n{stdout.Result}\n{stderr.Result}");
    }
}
