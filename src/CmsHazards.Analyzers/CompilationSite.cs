using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Configuration;
using CmsHazards.Hosting;
using CmsHazards.Rules;
using CmsHazards.Versions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace CmsHazards.Analyzers
{
    /// <summary>
    /// Gathers <see cref="SiteFacts"/> from what a compilation offers: referenced assemblies, AdditionalFiles and
    /// the <c>build_property.*</c> values of the project.
    /// </summary>
    internal static class CompilationSite
    {
        /// <summary>
        /// Parses configuration text once per text snapshot: the IDE hands the same SourceText to every
        /// compilation until the file changes, so keystrokes in C# files never parse web.config again.
        /// </summary>
        public static readonly SourceTextValueProvider<ConfigFile> Parsed =
            new SourceTextValueProvider<ConfigFile>(Parse);

        /// <summary>Reads configuration text; a text over the limit is never turned into a string.</summary>
        public static ConfigFile Parse(SourceText text) =>
            text.Length > ConfigFile.MaxLength ? ConfigFile.TooLarge("", text.Length) : ConfigFile.Parse("", text.ToString());

        /// <param name="read">Reads an additional file into a <see cref="ConfigFile"/>, through the per-text cache.</param>
        public static SiteFacts? Gather(Compilation compilation, AnalyzerOptions analyzerOptions, Func<AdditionalText, ConfigFile?> read)
        {
            var additionalFiles = analyzerOptions.AdditionalFiles;
            var options = analyzerOptions.AnalyzerConfigOptionsProvider.GlobalOptions;
            var ui = FromReferences(compilation) ?? FromBuild(options);

            // A project without any CMS UI reference stops here, before any file is read.
            if (ui is null && !additionalFiles.Any(f => SiteFiles.IsPackagesConfig(f.Path))) return null;

            var projectDirectory = Property(options, "MSBuildProjectDirectory") ?? Property(options, "ProjectDir");
            var webConfigPath = SiteFiles.ChooseWebConfig(additionalFiles.Select(f => f.Path), projectDirectory, Property(options, "CmsWebConfig"));
            if (webConfigPath is null) return null;

            if (ui is null)
            {
                var packagesConfig = Closest(additionalFiles.Where(f => SiteFiles.IsPackagesConfig(f.Path)), webConfigPath);
                if (packagesConfig is not null && read(packagesConfig) is { } packages)
                {
                    ui = CmsUiReference.FromPackagesConfig(packages);
                }
            }

            if (ui is null) return null;

            var host = HostDeclaration.Read(
                Property(options, HostDeclaration.WebSocketsProperty),
                Property(options, HostDeclaration.IisVersionProperty));
            var paths = additionalFiles.Select(f => f.Path).ToList();
            return SiteFiles.ReadSite(
                ui,
                host,
                webConfigPath,
                paths,
                projectDirectory,
                Property(options, "Configuration"),
                path => additionalFiles.FirstOrDefault(f => f.Path == path) is { } file ? read(file) : null);
        }

        /// <summary>The UI assembly the compilation really references: the surest source of the version.</summary>
        private static CmsUiReference? FromReferences(Compilation compilation)
        {
            foreach (var name in CmsUiReference.UiAssemblyNames)
            {
                foreach (var identity in compilation.ReferencedAssemblyNames)
                {
                    if (string.Equals(identity.Name, name, System.StringComparison.OrdinalIgnoreCase))
                    {
                        return CmsUiReference.FromAssembly(identity.Name, identity.Version);
                    }
                }
            }

            return null;
        }

        /// <summary>The version the MSBuild task resolved (CmsHazards.targets), for compilations without a UI assembly.</summary>
        private static CmsUiReference? FromBuild(AnalyzerConfigOptions options) =>
            CmsUiVersion.Parse(Property(options, "CmsHazardsUiVersion")) is { } version
                ? new CmsUiReference(version, Property(options, "CmsHazardsUiVersionSource") ?? "MSBuild")
                : null;

        private static AdditionalText? Closest(IEnumerable<AdditionalText> files, string webConfigPath)
        {
            var folder = System.IO.Path.GetDirectoryName(webConfigPath) ?? "";
            var list = files.ToList();
            return list.FirstOrDefault(f => SiteFiles.SamePath(System.IO.Path.GetDirectoryName(f.Path) ?? "", folder))
                ?? list.OrderBy(f => f.Path.Length).FirstOrDefault();
        }

        private static string? Property(AnalyzerConfigOptions options, string name) =>
            options.TryGetValue("build_property." + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
    }
}
