using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CmsHazards.Fixes;
using CmsHazards.Upgrade;
using CmsHazards.Versions;

namespace CmsHazards.Rules.Upgrade
{
    /// <summary>
    /// CMSH301: a binding redirect the runtime reads that does not send references to the assembly the build compiles
    /// against and copies to bin (<see cref="StaleRedirect"/> decides).
    /// </summary>
    public sealed class StaleBindingRedirectRule : IRule
    {
        public IReadOnlyList<string> RuleIds { get; } = new[] { Rules.RuleIds.StaleBindingRedirect };

        public ConfigurationReading? ReadsConfiguration => BindingRedirectFixes.Reading;

        public bool AppliesTo(SiteFacts site) => site.Configuration is not null;

        public void Evaluate(SiteFacts site, ICollection<Finding> findings, CancellationToken cancellationToken)
        {
            var references = site.Fact<ReferencedAssemblies>();
            if (references is null || references.UnknownBecause is not null) return;
            if (BindingRedirectFixes.Bindings(site.Configuration) is not { } bindings) return;

            foreach (var stale in StaleRedirect.Find(bindings, references.All))
            {
                var fix = BindingRedirectFixes.SetCompiledVersion(stale);
                if (fix is not null && !TakesEffect(site, stale, fix)) fix = null;
                findings.Add(new Finding(
                    Rules.RuleIds.StaleBindingRedirect,
                    stale.Message,
                    FileLocation.Of(stale.Redirect.Element),
                    fix is null ? null : new[] { fix },
                    FindingPlacement.OnSiteCode));
            }
        }

        /// <summary>Whether the redirect is no longer stale once the fix is made; only a transform could undo it.</summary>
        private static bool TakesEffect(SiteFacts site, StaleRedirect stale, Fix fix)
        {
            var configuration = site.Configuration!;
            if (configuration.WebConfigTransform is null) return true;
            var changed = FixCheck.Apply(configuration, fix);
            if (changed is null || BindingRedirectFixes.Bindings(changed) is not { } after) return false;
            return !StaleRedirect.Find(after, new[] { stale.Compiled }).Any();
        }
    }
}
