using System.Collections.Generic;
using System.Linq;
using CmsHazards.Transforms;

namespace CmsHazards.Configuration
{
    /// <summary>
    /// The site's configuration twice: as written (web.config, and the file its appSettings configSource names)
    /// and as deployed for the build configuration, after Web.$(Configuration).config and the configSource file's
    /// own transform. Verdicts are about the deployed one; the written one says what the developer meant.
    /// </summary>
    public sealed class DeployedConfiguration
    {
        private DeployedConfiguration(
            string? buildConfiguration,
            WebConfig written,
            WebConfig deployed,
            AppSettings writtenAppSettings,
            AppSettings deployedAppSettings,
            TransformedConfiguration webConfigTransform,
            TransformedConfiguration? appSettingsTransform)
        {
            BuildConfiguration = buildConfiguration;
            Written = written;
            Deployed = deployed;
            WrittenAppSettings = writtenAppSettings;
            DeployedAppSettings = deployedAppSettings;
            WebConfigTransform = webConfigTransform;
            AppSettingsTransform = appSettingsTransform;
        }

        /// <summary>The build configuration ("Release"), or null when the front end does not know it.</summary>
        public string? BuildConfiguration { get; }

        /// <summary>"in the Release configuration", or after which transform when the configuration's name is unknown.</summary>
        public string WhichConfiguration
        {
            get
            {
                if (BuildConfiguration is { } name) return $"in the {name} configuration";
                var transforms = Transforms.Where(t => t.Transform is not null).Select(t => t.Transform!.FileName).ToList();
                return transforms.Count == 0 ? "in the deployed configuration" : "after " + string.Join(" and ", transforms);
            }
        }

        public WebConfig Written { get; }

        public WebConfig Deployed { get; }

        public AppSettings WrittenAppSettings { get; }

        public AppSettings DeployedAppSettings { get; }

        /// <summary>What Web.$(Configuration).config did; without one, the web.config unchanged.</summary>
        public TransformedConfiguration WebConfigTransform { get; }

        /// <summary>What the configSource file's transform did; null when appSettings are inline or the file is missing.</summary>
        public TransformedConfiguration? AppSettingsTransform { get; }

        public IEnumerable<TransformProblem> Problems =>
            WebConfigTransform.Problems.Concat(AppSettingsTransform?.Problems ?? Enumerable.Empty<TransformProblem>());

        /// <summary>The transforms in the order they run, with the files they transform.</summary>
        public IEnumerable<TransformedConfiguration> Transforms
        {
            get
            {
                yield return WebConfigTransform;
                if (AppSettingsTransform is not null) yield return AppSettingsTransform;
            }
        }

        /// <summary>
        /// Applies the transforms to a readable web.config (and configSource file). The file appSettings' <c>file</c>
        /// attribute names is read as written: no transform of the build configuration applies to it. Null when the
        /// web.config, as written or as deployed, has no &lt;configuration&gt; root.
        /// </summary>
        public static DeployedConfiguration? Build(
            ConfigFile webConfig,
            ConfigFile? webConfigTransform,
            ConfigFile? appSettingsFile,
            ConfigFile? appSettingsTransform,
            string? buildConfiguration,
            ConfigFile? appSettingsOverrides = null)
        {
            var written = WebConfig.From(webConfig);
            if (written is null) return null;

            var transformed = XdtTransform.Apply(webConfig, webConfigTransform);
            var deployed = WebConfig.From(webConfig, transformed.Root);
            if (deployed is null) return null;

            TransformedConfiguration? appSettingsTransformed = null;
            if (appSettingsFile is not null && deployed.AppSettingsConfigSource is not null)
            {
                appSettingsTransformed = XdtTransform.Apply(appSettingsFile, appSettingsTransform);
            }

            // The written appSettings are those of the written configSource, when it names the file we have.
            var writtenAppSettings = written.AppSettingsConfigSource is { } writtenSource && deployed.AppSettingsConfigSource is { } deployedSource
                && !SiteConfigurationFiles.SamePath(writtenSource, deployedSource)
                ? written.GetAppSettings(null, null, appSettingsOverrides)
                : written.GetAppSettings(appSettingsFile, appSettingsFile?.Root, appSettingsOverrides);

            return new DeployedConfiguration(
                buildConfiguration,
                written,
                deployed,
                writtenAppSettings,
                deployed.GetAppSettings(appSettingsFile, appSettingsTransformed?.Root ?? appSettingsFile?.Root, appSettingsOverrides),
                transformed,
                appSettingsTransformed);
        }

        /// <summary>The transform that dropped or replaced a written element (or an ancestor of it), if one did.</summary>
        public TransformStep? RemovalOf(ConfigElement written) =>
            Transforms.Select(t => t.RemovalOf(written)).LastOrDefault(s => s is not null);

        /// <summary>The transform that last set or removed an attribute of a written element, if one did.</summary>
        public TransformStep? AttributeChangeOf(ConfigElement written, string attribute) =>
            Transforms.Select(t => t.AttributeChangeOf(written, attribute)).LastOrDefault(s => s is not null);

        /// <summary>The copy of a written element in the deployed configuration, or null when a transform dropped it.</summary>
        public ConfigElement? DeployedCopyOf(ConfigElement written) =>
            Transforms.Select(t => t.CopyOf(written)).FirstOrDefault(c => c is not null);
    }
}
