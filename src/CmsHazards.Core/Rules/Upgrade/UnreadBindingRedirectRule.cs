using System.Collections.Generic;
using System.Threading;
using CmsHazards.Fixes;
using CmsHazards.Upgrade;

namespace CmsHazards.Rules.Upgrade
{
    /// <summary>CMSH303: binding redirects the runtime never reads (<see cref="UnreadRedirect"/> decides).</summary>
    public sealed class UnreadBindingRedirectRule : IRule
    {
        public IReadOnlyList<string> RuleIds { get; } = new[] { Rules.RuleIds.UnreadBindingRedirect };

        public ConfigurationReading? ReadsConfiguration => BindingRedirectFixes.Reading;

        public bool AppliesTo(SiteFacts site) => site.Configuration is not null;

        public void Evaluate(SiteFacts site, ICollection<Finding> findings, CancellationToken cancellationToken)
        {
            var configuration = site.Configuration!;
            if (BindingRedirectFixes.Bindings(configuration) is not { } bindings) return;
            foreach (var unread in UnreadRedirect.Find(bindings))
            {
                var fix = unread.Placement == RedirectPlacement.WithoutNamespace
                    ? BindingRedirectFixes.AddNamespace(unread)
                    : BindingRedirectFixes.MoveToRootRuntime(unread, bindings, configuration.WebConfig);

                // The fix edits web.config or a folder web.config; where a transform writes the element, or would undo the
                // edit, none is offered.
                if (fix is not null && (ReferenceEquals(unread.DecidedBy.File, configuration.WebConfigTransform) || !TakesEffect(configuration, bindings, fix))) fix = null;
                findings.Add(new Finding(
                    Rules.RuleIds.UnreadBindingRedirect,
                    unread.Message,
                    FileLocation.Of(unread.DecidedBy),
                    fix is null ? null : new[] { fix },
                    fix is null ? FindingPlacement.AtLocation : FindingPlacement.OnSiteCode));
            }
        }

        /// <summary>Whether fewer redirects go unread once the fix is made; only a transform could undo it.</summary>
        private static bool TakesEffect(CmsHazards.Configuration.SiteConfiguration configuration, AssemblyBindings before, Fix fix)
        {
            if (configuration.WebConfigTransform is null) return true;
            var changed = FixCheck.Apply(configuration, fix);
            if (changed is null || BindingRedirectFixes.Bindings(changed) is not { } after) return false;
            return UnreadRedirect.Find(after).Count < UnreadRedirect.Find(before).Count;
        }
    }
}
