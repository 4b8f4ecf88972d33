using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CmsHazards.Analyzers.AspNetCore;
using CmsHazards.AspNetCore;
using CmsHazards.Configuration;
using CmsHazards.Json;
using CmsHazards.Rules.WebSockets;
using CmsHazards.Hosting;
using CmsHazards.Infrastructure;
using CmsHazards.Rules;
using CmsHazards.Upgrade;
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
        public static SiteFacts? Gather(Compilation compilation, AnalyzerOptions analyzerOptions, Func<AdditionalText, ConfigFile?> read, CancellationToken cancellationToken = default)
        {
            var additionalFiles = analyzerOptions.AdditionalFiles;
            var options = analyzerOptions.AnalyzerConfigOptionsProvider.GlobalOptions;
            var ui = FromReferences(compilation) ?? FromBuild(options);

            // A project without any CMS UI reference stops here, before any file is read.
            if (ui is null && !additionalFiles.Any(f => SiteConfigurationFiles.IsPackagesConfig(f.Path))) return null;

            var projectDirectory = ProjectDirectory(options);
            var explicitWebConfig = Property(options, NamedWebConfig.Property);
            var webConfigPath = SiteConfigurationFiles.ChooseWebConfig(additionalFiles.Select(f => f.Path), projectDirectory, explicitWebConfig);
            if (webConfigPath is null)
            {
                // A site without web.config (CMS 12 and later): only the rules about its packages have anything to read,
                // and the packages are those its referenced assemblies come from. Where CmsWebConfig names a file the
                // analyzer was not handed, the targets say whether it exists (CMSH103 either way).
                if (ui is null) return null;
                var missingWebConfig = Property(options, NamedWebConfig.MissingProperty);
                var unfound = SiteConfigurationFiles.UnfoundWebConfig(additionalFiles.Select(f => f.Path), projectDirectory, explicitWebConfig, missingWebConfig, missingWebConfig is not null);
                var references = new Lazy<IReadOnlyList<ReferencedAssembly>>(() => CompilationReferences.From(compilation));
                var site = new SiteFacts(ui, Host(options), null, Properties(options))
                    .With(() => new ReferencedAssemblies(references.Value))
                    .With(() => new ProjectPackages(HandedOverPackages(options) ?? PackagesOf(references.Value)))
                    .With(() => unfound);
                return AspNetCore(site, compilation, analyzerOptions, projectDirectory, cancellationToken);
            }

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

            var host = Host(options);
            var paths = additionalFiles.Select(f => f.Path).ToList();
            var buildConfiguration = Property(options, "Configuration");
            var configuration = SiteConfigurationFiles.Read(
                webConfigPath,
                paths,
                projectDirectory,
                buildConfiguration,
                path => additionalFiles.FirstOrDefault(f => f.Path == path) is { } file ? read(file) : null,
                FileAvailability.HandedOver(HandedOverText.Split(Property(options, FileAvailability.MissingProperty))));
            if (configuration is null) return null;

            var properties = Properties(options);

            var packagesConfigFile = SiteConfigurationFiles.ClosestPackagesConfig(paths, webConfigPath) is { } packagesPath
                ? additionalFiles.FirstOrDefault(f => f.Path == packagesPath)
                : null;
            var compiled = new Lazy<IReadOnlyList<ReferencedAssembly>>(() => CompilationReferences.From(compilation));
            var facts = new SiteFacts(ui, host, configuration, properties)
                .With(() => new ReferencedAssemblies(compiled.Value))
                .With(() => DeclaredPackagesOf(packagesConfigFile is null ? null : read(packagesConfigFile), options, compiled));
            return AspNetCore(facts, compilation, analyzerOptions, projectDirectory, cancellationToken);
        }

        /// <summary>
        /// The project folder as the task hands it over, escaped: the compiler's own copies end at a '#', so a site in
        /// "C:\src\C#\Site" would read "C:\src\C" and its root web.config would pass for a folder's.
        /// </summary>
        private static string? ProjectDirectory(AnalyzerConfigOptions options) =>
            HandedOverText.Split(Property(options, HandedOverText.ProjectDirectoryProperty)).FirstOrDefault()
            ?? Property(options, "MSBuildProjectDirectory")
            ?? Property(options, "ProjectDir");

        private static HostDeclaration Host(AnalyzerConfigOptions options) =>
            HostDeclaration.Read(Property(options, HostDeclaration.WebSocketsProperty), Property(options, HostDeclaration.IisVersionProperty));

        /// <summary>
        /// The facts only a CMS 12/13 site has: its C# (the call that adds CMS, every setting of UIOptions.WebSocketEnabled)
        /// and its appsettings files; and, for every site, the infrastructure files the project names. Each is gathered
        /// the first time a rule asks, so a CMS 11 compilation never reads its C#.
        /// </summary>
        private static SiteFacts AspNetCore(SiteFacts site, Compilation compilation, AnalyzerOptions analyzerOptions, string? projectDirectory, CancellationToken cancellationToken)
        {
            var options = analyzerOptions.AnalyzerConfigOptionsProvider.GlobalOptions;
            site = site.With(() => Infrastructure(analyzerOptions, Property(options, CmsHostApp.Property), Property(options, "CmsHazardsMissingInfrastructure")));
            if (!UiOptionsRule.Applies(site.CmsUi)) return site;
            return site
                .With(() => CmsStartupRecognizer.Read(compilation, cancellationToken) ?? CmsStartupCode.WithoutUiOptions)
                .With(() => AppSettings(analyzerOptions, projectDirectory, Property(options, CmsAppSettings.EnvironmentProperty), cancellationToken));
        }

        /// <summary>The appsettings files of the content root (the project folder, the host's default) among the AdditionalFiles.</summary>
        private static CmsAppSettings AppSettings(AnalyzerOptions analyzerOptions, string? projectDirectory, string? environment, CancellationToken cancellationToken)
        {
            var json = new List<JsonFile>();
            foreach (var file in analyzerOptions.AdditionalFiles)
            {
                if (!CmsAppSettings.IsAppSettingsFile(file.Path)) continue;
                if (projectDirectory is not null && !SiteConfigurationFiles.SamePath(System.IO.Path.GetDirectoryName(file.Path) ?? "", projectDirectory)) continue;
                var text = file.GetText(cancellationToken);
                if (text is null) continue;
                json.Add(text.Length > JsonFile.MaxLength ? JsonFile.TooLarge(file.Path) : JsonFile.Parse(file.Path, text.ToString()));
            }

            return CmsAppSettings.Read(json, environment);
        }

        private static Dictionary<string, string> Properties(AnalyzerConfigOptions options)
        {
            var properties = new Dictionary<string, string>();
            foreach (var name in BuildProperties)
            {
                if (Property(options, name) is { } value) properties[name] = value;
            }

            return properties;
        }

        /// <summary>
        /// The ARM, Bicep and Terraform files CmsHostInfrastructure names (CmsHazards.targets marks them), read only when a
        /// rule asks. Bicep and Terraform files handed over as AdditionalFiles some other way count too; a .json file only
        /// when marked, since appsettings.json is JSON as well.
        /// </summary>
        private static InfrastructureFacts Infrastructure(AnalyzerOptions analyzerOptions, string? appService, string? missing)
        {
            var files = new List<InfrastructureFile>();
            foreach (var additional in analyzerOptions.AdditionalFiles)
            {
                var marked = analyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(additional).TryGetValue("build_metadata.AdditionalFiles.CmsHazardsInfrastructure", out var mark)
                    && string.Equals(mark, "true", StringComparison.OrdinalIgnoreCase);
                var byName = InfrastructureFile.LanguageOf(additional.Path, "");
                if (!marked && byName is null) continue;
                var text = additional.GetText()?.ToString();
                if (text is null) continue;
                files.Add(new InfrastructureFile(additional.Path, text, InfrastructureFile.LanguageFor(additional.Path, text)));
            }

            return new InfrastructureFacts(files, appService, HandedOverText.Split(missing));
        }

        /// <summary>
        /// packages.config as the analyzer reads it (an AdditionalFile, live in the IDE), and the PackageReference and
        /// PackageVersion elements the task read from the project file, which the analyzer is not handed.
        /// </summary>
        private static ProjectPackages DeclaredPackagesOf(ConfigFile? packagesConfig, AnalyzerConfigOptions options, Lazy<IReadOnlyList<ReferencedAssembly>> compiled)
        {
            var declared = new List<DeclaredPackage>();
            if (packagesConfig is not null) declared.AddRange(DeclaredPackages.FromPackagesConfig(packagesConfig));
            declared.AddRange(HandedOverPackages(options) ?? (packagesConfig is null ? PackagesOf(compiled.Value) : Array.Empty<DeclaredPackage>()));
            return new ProjectPackages(declared);
        }

        /// <summary>What CmsHazards.targets handed over (<c>CmsHazardsDeclaredPackages</c>); null in a build without its task.</summary>
        private static IReadOnlyList<DeclaredPackage>? HandedOverPackages(AnalyzerConfigOptions options) =>
            HandedOverText.ToPackages(Property(options, HandedOverText.DeclaredPackagesProperty));

        /// <summary>
        /// The packages the referenced assemblies come from, once each: in a build without the task, what a
        /// PackageReference project declares as the compilation sees it (no element to point at, and the ID as the
        /// packages folder spells it).
        /// </summary>
        private static IEnumerable<DeclaredPackage> PackagesOf(IReadOnlyList<ReferencedAssembly> references) =>
            references
                .Where(r => r.PackageId is not null && r.PackageVersion is not null)
                .GroupBy(r => r.PackageId!, StringComparer.OrdinalIgnoreCase)
                .Select(g => new DeclaredPackage(g.First().PackageId!, g.First().PackageVersion!, PackageDeclarationKind.PackageReference, null));

        /// <summary>The build properties rules read, beyond the host declaration (CmsHazards.props makes each compiler-visible).</summary>
        private static readonly string[] BuildProperties = { "Configuration", Rules.Upgrade.Cms11PackageRule.TargetFrameworkProperty };

        /// <summary>The UI assembly the compilation really references: the surest source of the version.</summary>
        private static CmsUiReference? FromReferences(Compilation compilation)
        {
            if (!CompilationReferences.MayReference(compilation, CmsUiReference.UiAssemblyNames)) return null;
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
