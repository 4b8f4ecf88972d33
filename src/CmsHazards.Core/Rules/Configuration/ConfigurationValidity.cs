using System.Collections.Generic;
using System.Linq;
using CmsHazards.Configuration;
using CmsHazards.Text;

namespace CmsHazards.Rules.Configuration
{
    /// <summary>
    /// CMSH103, CMSH200 and CMSH201: what keeps the other rules from deciding. A host declaration that cannot be read, a
    /// configuration file that cannot be read, a transform CmsHazards cannot apply. Each problem is reported once per
    /// file, however many rules read that file; a rule whose input cannot be trusted gives no verdict, rather than a
    /// verdict about a configuration that is not the one deployed. The engine runs this first (<see cref="SiteCheck"/>).
    /// </summary>
    public static class ConfigurationValidity
    {
        public static IReadOnlyList<string> RuleIds { get; } = new[]
        {
            Rules.RuleIds.HostDeclarationNotUnderstood, Rules.RuleIds.ConfigurationUnreadable, Rules.RuleIds.TransformNotUnderstood,
        };

        /// <summary>Adds the problems it finds and returns the rules, among <paramref name="applicable"/>, that may decide.</summary>
        public static IReadOnlyList<IRule> Check(SiteFacts site, IReadOnlyList<IRule> applicable, ICollection<Finding> findings)
        {
            foreach (var problem in site.Host.Problems)
            {
                findings.Add(new Finding(Rules.RuleIds.HostDeclarationNotUnderstood, problem.Message + " CmsHazards treats it as not declared.", null, setting: problem.Setting));
            }

            // CmsWebConfig naming no file would otherwise switch every web.config check off without a word.
            if (site.Fact<NamedWebConfig>() is { } named)
            {
                findings.Add(new Finding(Rules.RuleIds.HostDeclarationNotUnderstood, named.Problem, null, setting: NamedWebConfig.Property));
            }

            var readers = applicable.Where(r => r.ReadsConfiguration is not null).ToList();
            if (readers.Count == 0) return applicable;
            var others = applicable.Where(r => r.ReadsConfiguration is null).ToList();

            var configuration = site.Configuration;
            if (configuration is null) return applicable.Where(r => r.ReadsConfiguration is null || r.ReadsConfiguration.DecidesWithoutConfiguration).ToList();

            // Nothing is guessed from a file that cannot be read.
            foreach (var file in configuration.DeployedFiles)
            {
                if (Unreadable(file) is { } unreadable)
                {
                    findings.Add(unreadable);
                    return others;
                }
            }

            var webConfig = configuration.WebConfig;
            if (WebConfig.From(webConfig) is null)
            {
                findings.Add(new Finding(
                    Rules.RuleIds.ConfigurationUnreadable,
                    $"{webConfig.FileName} is not a .NET configuration file: its root element is <{webConfig.Root!.Name}>, not <configuration>.",
                    FileLocation.Of(webConfig.Root)));
                return others;
            }

            var deployed = configuration.Deployed;
            if (deployed is null) return others;

            var withheld = TransformProblems(deployed, readers, findings);
            if (withheld.Count == readers.Count) return others;

            if (deployed.Deployed.AppSettingsConfigSource is not null && configuration.AppSettingsFile is { Root: { } externalRoot } external
                && externalRoot.Name != "appSettings")
            {
                findings.Add(new Finding(
                    Rules.RuleIds.ConfigurationUnreadable,
                    $"{external.FileName}, named by configSource at {deployed.Deployed.AppSettingsElement!.Describe()}, must have <appSettings> as its root element, not <{externalRoot.Name}>.",
                    FileLocation.Of(externalRoot)));
                withheld.UnionWith(readers.Where(r => r.ReadsConfiguration!.Sections.Contains("appSettings")));
            }

            // .NET refuses to start with a file= file whose root is not <appSettings> (AppSettingsSection reads it as the section).
            if (configuration.AppSettingsOverrides is { Root: { } overridesRoot } overrides && overridesRoot.Name != "appSettings"
                && deployed.DeployedAppSettings.FileAttribute is { } fileAttribute)
            {
                var declaration = deployed.DeployedAppSettings.Entries!;
                findings.Add(new Finding(
                    Rules.RuleIds.ConfigurationUnreadable,
                    $"{overrides.FileName}, named by <appSettings file=\"{fileAttribute}\"> at {declaration.Describe()}, must have <appSettings> as its root element, not <{overridesRoot.Name}>.",
                    FileLocation.Of(overridesRoot)));
                withheld.UnionWith(readers.Where(r => r.ReadsConfiguration!.Sections.Contains("appSettings")));
            }

            return applicable.Where(r => !withheld.Contains(r)).ToList();
        }

        /// <summary>
        /// Reports every transform element CmsHazards cannot apply (CMSH201), and returns the rules that read what one of
        /// them may change: those give no verdict.
        /// </summary>
        private static HashSet<IRule> TransformProblems(DeployedConfiguration config, IReadOnlyList<IRule> readers, ICollection<Finding> findings)
        {
            var withheld = new HashSet<IRule>();
            foreach (var transform in config.Transforms)
            {
                foreach (var problem in transform.Problems)
                {
                    // Every section of an appSettings file is appSettings.
                    var reached = readers
                        .Where(r => transform != config.WebConfigTransform || problem.Section is null || r.ReadsConfiguration!.Sections.Contains(problem.Section))
                        .ToList();
                    var untouched = readers.Except(reached).ToList();
                    withheld.UnionWith(reached);

                    string consequence;
                    if (reached.Count > 0)
                    {
                        consequence = $" CmsHazards gives no {Topics(reached, " or ")} verdict {config.WhichConfiguration} until it can read this transform."
                            + (untouched.Count > 0 ? $" The {Topics(untouched, " and ")} checks go on." : "");
                    }
                    else
                    {
                        var sections = string.Join(", or ", untouched.Select(r => r.ReadsConfiguration!.SectionsText).Distinct());
                        consequence = $" It does not reach {sections}, so the {Topics(untouched, " and ")} checks go on.";
                    }

                    findings.Add(new Finding(
                        Rules.RuleIds.TransformNotUnderstood,
                        problem.Message + consequence,
                        problem.Attribute is { } attribute ? FileLocation.Of(attribute) : FileLocation.Of(problem.Element)));
                }
            }

            return withheld;
        }

        private static string Topics(IEnumerable<IRule> rules, string separator) =>
            string.Join(separator, rules.Select(r => r.ReadsConfiguration!.Topic).Distinct());

        private static Finding? Unreadable(ConfigFile file)
        {
            if (file.Error is null) return null;
            var position = file.Error.Position;
            var offset = file.Lines.GetOffset(position.Line, position.Character);
            var message = file.Error.HasPosition
                ? $"{file.FileName} cannot be read as XML at line {position.Line + 1}, column {position.Character + 1}: {file.Error.Message} CmsHazards checks nothing in it until it is fixed."
                : $"{file.FileName} is not read: {file.Error.Message} CmsHazards checks nothing in it.";
            return new Finding(Rules.RuleIds.ConfigurationUnreadable, message, FileLocation.In(file, new TextSpan(offset, 0)));
        }
    }
}
