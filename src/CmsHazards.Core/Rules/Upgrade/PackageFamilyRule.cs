using System.Collections.Generic;
using System.Threading;
using CmsHazards.Upgrade;

namespace CmsHazards.Rules.Upgrade
{
    /// <summary>CMSH304: EPiServer packages of one family declared at different versions (<see cref="MixedFamily"/> decides).</summary>
    public sealed class PackageFamilyRule : IRule
    {
        public IReadOnlyList<string> RuleIds { get; } = new[] { Rules.RuleIds.MixedPackageFamily };

        public ConfigurationReading? ReadsConfiguration => null;

        public bool AppliesTo(SiteFacts site) => true;

        public void Evaluate(SiteFacts site, ICollection<Finding> findings, CancellationToken cancellationToken)
        {
            if (site.Fact<ProjectPackages>() is not { } packages) return;
            foreach (var mixed in MixedFamily.Find(packages.All))
            {
                findings.Add(new Finding(Rules.RuleIds.MixedPackageFamily, mixed.Message, mixed.Odd.Location));
            }
        }
    }
}
