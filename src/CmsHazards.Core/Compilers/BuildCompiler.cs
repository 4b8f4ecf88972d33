using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace CmsHazards.Compilers
{
    /// <summary>
    /// The C# compiler a build really runs, when a package replaces the one MSBuild brings, and whether it can load
    /// CmsHazards' analyzer. Some CMS 9-11 packages.config sites carry <c>Microsoft.Net.Compilers</c> 1.x or 2.x;
    /// others pin an old <c>Microsoft.Net.Compilers.Toolset</c>. A compiler older than the Roslyn the analyzer is
    /// built against cannot load it (CS8032), so the MSBuild task reports instead.
    /// </summary>
    /// <remarks>
    /// What points at the replacing compiler, as those packages' build/*.props set it (dotnet/roslyn,
    /// src/NuGet/Microsoft.Net.Compilers*/build): <c>$(CscToolPath)</c> (the package's tools folder; Microsoft.Net.Compilers
    /// sets it unless the compiler server is used) and <c>$(CSharpCoreTargetsPath)</c> (the compiler's own
    /// Microsoft.CSharp.Core.targets: tools\ in Microsoft.Net.Compilers 2.x and later, tasks\&lt;framework&gt;\ in the
    /// Toolset). The Roslyn assembly in that folder, when it is there, says the version exactly; otherwise the
    /// package folder's name does (packages\Microsoft.Net.Compilers.2.10.0\tools or
    /// .nuget/packages/microsoft.net.compilers.toolset/3.6.0/tasks/net472), as package and Roslyn versions are the same.
    /// A path that names no compiler package is MSBuild's or the SDK's own compiler, which the MSBuild version decides.
    /// </remarks>
    public sealed class BuildCompiler
    {
        /// <summary>
        /// The Roslyn the analyzers are compiled against: <c>CmsHazardsRoslynVersion</c> in Directory.Build.props
        /// (a test keeps the two the same). A compiler older than this cannot load them.
        /// </summary>
        public static readonly Version AnalyzerRoslyn = new Version(3, 7);

        private static readonly string[] PackageIds =
        {
            "Microsoft.Net.Compilers.Toolset.Framework",
            "Microsoft.Net.Compilers.Toolset",
            "Microsoft.Net.Compilers",
            "Microsoft.NETCore.Compilers",
        };

        private BuildCompiler(string name, Version version, string evidence)
        {
            Name = name;
            Version = version;
            Evidence = evidence;
        }

        /// <summary>"Microsoft.Net.Compilers 2.10.0": what the messages call it.</summary>
        public string Name { get; }

        public Version Version { get; }

        /// <summary>The path that showed it, for the build log.</summary>
        public string Evidence { get; }

        public bool LoadsAnalyzer => Version >= AnalyzerRoslyn;

        /// <summary>
        /// The compiler package behind <paramref name="paths"/> (<c>$(CscToolPath)</c>, <c>$(CSharpCoreTargetsPath)</c>),
        /// or null when none names one. <paramref name="roslynVersionIn"/> reads the version of Microsoft.CodeAnalysis.dll in
        /// a folder (null when there is none there); it wins over the folder's name.
        /// </summary>
        public static BuildCompiler? Find(IEnumerable<string?> paths, Func<string, Version?> roslynVersionIn)
        {
            foreach (var path in paths)
            {
                if (string.IsNullOrWhiteSpace(path)) continue;
                var trimmed = path!.Trim();
                if (FromPackageFolder(trimmed) is not { } package) continue;

                // MSBuild paths mix separators ("packages\X\build\..\tools" on Linux too), so the folder is cut by hand.
                var cut = trimmed.LastIndexOfAny(new[] { '/', '\\' });
                var folder = trimmed.EndsWith(".targets", StringComparison.OrdinalIgnoreCase) && cut > 0 ? trimmed.Substring(0, cut) : trimmed;
                var assembly = roslynVersionIn(folder);
                return assembly is null
                    ? new BuildCompiler(package.Id + " " + package.Text, package.Version, trimmed)
                    : new BuildCompiler(package.Id + " " + package.Text + " (Microsoft.CodeAnalysis " + assembly + ")", assembly, trimmed);
            }

            return null;
        }

        /// <summary>The package a path lies in: its id and version, from either NuGet folder layout.</summary>
        private static (string Id, string Text, Version Version)? FromPackageFolder(string path)
        {
            var segments = path.Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < segments.Length; i++)
            {
                foreach (var id in PackageIds)
                {
                    // packages.config: packages\Microsoft.Net.Compilers.2.10.0\tools
                    if (segments[i].Length > id.Length + 1 && segments[i].StartsWith(id + ".", StringComparison.OrdinalIgnoreCase)
                        && ParseVersion(segments[i].Substring(id.Length + 1)) is { } inName)
                    {
                        return (id, segments[i].Substring(id.Length + 1), inName);
                    }

                    // PackageReference: .nuget/packages/microsoft.net.compilers.toolset/3.6.0/tasks/net472
                    if (string.Equals(segments[i], id, StringComparison.OrdinalIgnoreCase) && i + 1 < segments.Length
                        && ParseVersion(segments[i + 1]) is { } inFolder)
                    {
                        return (id, segments[i + 1], inFolder);
                    }
                }
            }

            return null;
        }

        /// <summary>"2.10.0" or "4.0.0-2.final" as a number (the label is left out); null when it is no version.</summary>
        private static Version? ParseVersion(string text)
        {
            var dash = text.IndexOf('-');
            var numeric = dash < 0 ? text : text.Substring(0, dash);
            var parts = numeric.Split('.');
            if (parts.Length < 2 || parts.Length > 4) return null;
            var numbers = new int[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i])) return null;
            }

            return new Version(numbers[0], numbers[1], numbers.Length > 2 ? numbers[2] : 0);
        }
    }
}
