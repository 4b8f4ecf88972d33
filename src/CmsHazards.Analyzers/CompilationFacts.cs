using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
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
    internal static class CompilationFacts
    {
        /// <param name="read">Reads an additional file into a <see cref="ConfigFile"/>, through the per-text cache.</param>
        public static SiteFacts? Gather(Compilation compilation, AnalyzerOptions analyzerOptions, Func<AdditionalText, ConfigFile?> read)
        {
            var additionalFiles = analyzerOptions.AdditionalFiles;
            var options = analyzerOptions.AnalyzerConfigOptionsProvider.GlobalOptions;
            var ui = FromReferences(compilation) ?? FromBuild(options);

            // A project without any CMS UI reference stops here, before any file is read.
            if (ui is null && !additionalFiles.Any(f => SiteConfigurationFiles.IsPackagesConfig(f.Path))) return null;

            var projectDirectory = Property(options, "MSBuildProjectDirectory") ?? Property(options, "ProjectDir");
            var webConfigPath = SiteConfigurationFiles.ChooseWebConfig(additionalFiles.Select(f => f.Path), projectDirectory, Property(options, "CmsWebConfig"));
            if (webConfigPath is null) return null;

            if (ui is null)
            {
                var packagesConfigPath = SiteConfigurationFiles.ClosestPackagesConfig(additionalFiles.Select(f => f.Path), webConfigPath);
                var packagesConfig = additionalFiles.FirstOrDefault(f => f.Path == packagesConfigPath);
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
            var buildConfiguration = Property(options, "Configuration");
            var configuration = SiteConfigurationFiles.Read(
                webConfigPath,
                paths,
                projectDirectory,
                buildConfiguration,
                path => additionalFiles.FirstOrDefault(f => f.Path == path) is { } file ? read(file) : null);
            if (configuration is null) return null;

            var properties = new Dictionary<string, string>();
            foreach (var name in BuildProperties)
            {
                if (Property(options, name) is { } value) properties[name] = value;
            }

            return new SiteFacts(ui, host, configuration, properties)
                .With(() => new ReferencedAssemblies(compilation.ReferencedAssemblyNames.Select(ReferencedAssembly)));
        }

        /// <summary>The build properties rules read, beyond the host declaration (CmsHazards.props makes each compiler-visible).</summary>
        private static readonly string[] BuildProperties = { "Configuration" };

        private static ReferencedAssembly ReferencedAssembly(AssemblyIdentity identity) =>
            new ReferencedAssembly(
                identity.Name,
                identity.Version,
                identity.PublicKeyToken.IsDefaultOrEmpty ? null : string.Concat(identity.PublicKeyToken.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture))));

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

        private static string? Property(AnalyzerConfigOptions options, string name) =>
            options.TryGetValue("build_property." + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
    }
}
