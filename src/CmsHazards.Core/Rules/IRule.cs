using System.Collections.Generic;
using System.Threading;

namespace CmsHazards.Rules
{
    /// <summary>
    /// One rule: reads the facts it needs from a <see cref="SiteFacts"/> and adds findings, with their fixes as data. It
    /// knows nothing of Roslyn, MSBuild or the console. docs/adding-a-rule.md is the recipe.
    /// </summary>
    public interface IRule
    {
        /// <summary>The catalogue IDs it reports.</summary>
        IReadOnlyList<string> RuleIds { get; }

        /// <summary>What it reads of the site's XML configuration; null when it reads none.</summary>
        ConfigurationReading? ReadsConfiguration { get; }

        /// <summary>A cheap test, from facts every front end has (the CMS UI version): whether the rule has anything to say.</summary>
        bool AppliesTo(SiteFacts site);

        /// <summary>
        /// Adds its findings. Runs only when <see cref="AppliesTo"/> and when the configuration it reads could be read and
        /// its transforms applied (<see cref="ConfigurationValidity"/> says otherwise).
        /// </summary>
        void Evaluate(SiteFacts site, ICollection<Finding> findings, CancellationToken cancellationToken);
    }

    /// <summary>What a rule reads of the XML configuration, so a file or transform it cannot trust withholds its verdict.</summary>
    public sealed class ConfigurationReading
    {
        /// <param name="topic">What the verdict is about, in a message: "no WebSockets verdict".</param>
        /// <param name="sections">The root sections of web.config it reads ("appSettings", "system.web").</param>
        /// <param name="sectionsText">Those sections as a message names them: "appSettings, system.web or system.webServer".</param>
        /// <param name="decidesWithoutConfiguration">Whether the rule also decides a site that has no web.config (CMS 12 and later).</param>
        public ConfigurationReading(string topic, IReadOnlyCollection<string> sections, string sectionsText, bool decidesWithoutConfiguration = false)
        {
            DecidesWithoutConfiguration = decidesWithoutConfiguration;
            Topic = topic;
            Sections = sections;
            SectionsText = sectionsText;
        }

        public string Topic { get; }

        public IReadOnlyCollection<string> Sections { get; }

        public string SectionsText { get; }

        /// <summary>
        /// Whether the rule runs for a site without web.config too (CMS 12/13 sites often have none): a web.config that
        /// is there but cannot be trusted still withholds its verdict.
        /// </summary>
        public bool DecidesWithoutConfiguration { get; }
    }
}
