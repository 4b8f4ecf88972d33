using System.Collections.Generic;
using System.Threading;
using CmsHazards.Upgrade;

namespace CmsHazards.Rules.Upgrade
{
    /// <summary>CMSH302: a second dependentAssembly for an assembly identity (<see cref="DuplicateRedirect"/> decides).</summary>
    public sealed class DuplicateBindingRedirectRule : IRule
    {
        public IReadOnlyList<string> RuleIds { get; } = new[] { Rules.RuleIds.DuplicateBindingRedirect };

        public ConfigurationReading? ReadsConfiguration => BindingRedirectFixes.Reading;

        public bool AppliesTo(SiteFacts site) => site.Configuration is not null;

        public void Evaluate(SiteFacts site, ICollection<Finding> findings, CancellationToken cancellationToken)
        {
            if (BindingRedirectFixes.Bindings(site.Configuration) is not { } bindings) return;
            foreach (var duplicate in DuplicateRedirect.Find(bindings))
            {
                // A transform's entry is the transform's to change; the fix edits only what web.config or a folder file writes.
                // An entry part of which still takes effect is never removed: that would change what the runtime does.
                var writtenInTransform = ReferenceEquals(duplicate.Later.Element.File, site.Configuration!.WebConfigTransform);
                var fix = writtenInTransform || duplicate.LaterTakesEffect ? null : new[] { BindingRedirectFixes.RemoveIgnored(duplicate) };
                findings.Add(new Finding(
                    Rules.RuleIds.DuplicateBindingRedirect,
                    duplicate.Message,
                    FileLocation.Of(duplicate.Later.Element),
                    fix,
                    FindingPlacement.OnSiteCode));
            }
        }
    }
}
