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
    internal static class CompilationSite
    {
        /// <summary>
        /// Parses configuration text once per text snapshot: the IDE hands the same SourceText to every
        /// compilation until the file changes, so keystrokes in C# files never parse web.config again.
        /// </summary>
        public static readonly SourceTextValueProvider<ParsedText> Parsed =
            new SourceTextValueProvider<ParsedText>(text => new ParsedText(text));

        /// <summary>
        /// One text snapshot, parsed the first time a compilation reads it, under that file's path. Later
        /// compilations get the very same <see cref="ConfigFile"/>: a copy per compilation (to give it its path)
        /// cost a 1 MB web.config 4 MB of allocations and half a parse on every keystroke (docs/performance.md).
        /// </summary>
        internal sealed class ParsedText
        {
            private readonly SourceText _text;
            private ConfigFile? _file;
            private Evaluation? _evaluation;

            public ParsedText(SourceText text) => _text = text;

            /// <summary>
            /// The text as the file at <paramref name="path"/>. A snapshot is nearly always one file; the same
            /// text read under another path gets a copy, and the first parse stays cached.
            /// </summary>
            public ConfigFile For(string path)
            {
                var file = Volatile.Read(ref _file);
                if (file is null)
                {
                    var parsed = ConfigFile.Parse(path, _text.ToString());
                    file = Interlocked.CompareExchange(ref _file, parsed, null) ?? parsed;
                }

                return file.Path == path ? file : file.WithPath(path);
            }

            /// <summary>
            /// The findings for a site whose web.config is this snapshot. A keystroke in a C# file changes none
            /// of the facts, so the last verdict is reused: deciding again would apply each fix in memory and
            /// read the fixed file back (to check that the deployed configuration then has the key off).
            /// </summary>
            public IReadOnlyList<Finding> Evaluate(SiteFacts site)
            {
                var last = Volatile.Read(ref _evaluation);
                if (last is not null && last.IsFor(site)) return last.Findings;
                var findings = WebSocketsRule.Evaluate(site);
                Volatile.Write(ref _evaluation, new Evaluation(site, findings));
                return findings;
            }

            /// <summary>A verdict and the facts it was given: the same parsed files (by reference) and the same values.</summary>
            private sealed class Evaluation
            {
                private readonly SiteFacts _site;

                public Evaluation(SiteFacts site, IReadOnlyList<Finding> findings)
                {
                    _site = site;
                    Findings = findings;
                }

                public IReadOnlyList<Finding> Findings { get; }

                public bool IsFor(SiteFacts site)
                {
                    var last = _site;
                    return ReferenceEquals(last.WebConfig, site.WebConfig)
                        && ReferenceEquals(last.AppSettingsFile, site.AppSettingsFile)
                        && ReferenceEquals(last.WebConfigTransform, site.WebConfigTransform)
                        && ReferenceEquals(last.AppSettingsTransform, site.AppSettingsTransform)
                        && last.FolderWebConfigs.Count == site.FolderWebConfigs.Count
                        && last.FolderWebConfigs.Zip(site.FolderWebConfigs, ReferenceEquals).All(same => same)
                        && last.BuildConfiguration == site.BuildConfiguration
                        && last.CmsUi?.Source == site.CmsUi?.Source
                        && Equals(last.CmsUi?.Version, site.CmsUi?.Version)
                        && last.Host.WebSockets == site.Host.WebSockets
                        && last.Host.IisVersionText == site.Host.IisVersionText
                        && last.Host.Problems.SequenceEqual(site.Host.Problems);
                }
            }
        }

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
                var packagesConfigPath = SiteFiles.ClosestPackagesConfig(additionalFiles.Select(f => f.Path), webConfigPath);
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

        private static string? Property(AnalyzerConfigOptions options, string name) =>
            options.TryGetValue("build_property." + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
    }
}
