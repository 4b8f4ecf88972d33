using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CmsHazards.Rules.Configuration;
using CmsHazards.Rules.Upgrade;
using CmsHazards.Rules.WebSockets;

namespace CmsHazards.Rules
{
    /// <summary>
    /// The engine: runs every rule over one site's facts. Every front end calls this and nothing else to decide, so the
    /// IDE, the build and the CLI always agree.
    /// </summary>
    public static class SiteCheck
    {
        /// <summary>Every rule, in the order their findings are reported. A new rule is one line here.</summary>
        public static IReadOnlyList<IRule> Rules { get; } = new IRule[]
        {
            new WebSocketsRule(),
            new UiOptionsRule(),
            new StaleBindingRedirectRule(),
            new DuplicateBindingRedirectRule(),
            new UnreadBindingRedirectRule(),
            new PackageFamilyRule(),
            new Cms11PackageRule(),
        };

        public static IReadOnlyList<Finding> Run(SiteFacts site, CancellationToken cancellationToken = default) => Run(site, Rules, cancellationToken);

        public static IReadOnlyList<Finding> Run(SiteFacts site, IReadOnlyList<IRule> rules, CancellationToken cancellationToken)
        {
            var findings = new List<Finding>();
            var applicable = rules.Where(r => r.AppliesTo(site)).ToList();
            foreach (var rule in ConfigurationValidity.Check(site, applicable, findings))
            {
                cancellationToken.ThrowIfCancellationRequested();
                rule.Evaluate(site, findings, cancellationToken);
            }

            return findings;
        }
    }
}
