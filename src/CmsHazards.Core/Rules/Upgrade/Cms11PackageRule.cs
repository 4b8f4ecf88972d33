using System.Collections.Generic;
using System.Threading;
using CmsHazards.Upgrade;

namespace CmsHazards.Rules.Upgrade
{
    /// <summary>CMSH305: a .NET 5+ project that declares a CMS 11 package with no CMS 12 counterpart (<see cref="Cms11PackageOnModernNet"/> decides).</summary>
    public sealed class Cms11PackageRule : IRule
    {
        /// <summary>The build property that names the target framework ("net6.0"); old-style projects have none and are .NET Framework.</summary>
        public const string TargetFrameworkProperty = "TargetFramework";

        public IReadOnlyList<string> RuleIds { get; } = new[] { Rules.RuleIds.Cms11PackageOnModernNet };

        public ConfigurationReading? ReadsConfiguration => null;

        public bool AppliesTo(SiteFacts site) => site.Property(TargetFrameworkProperty) is { } tfm && Cms11Packages.IsNet5OrLater(tfm);

        public void Evaluate(SiteFacts site, ICollection<Finding> findings, CancellationToken cancellationToken)
        {
            if (site.Fact<ProjectPackages>() is not { } packages) return;
            foreach (var retired in Cms11PackageOnModernNet.Find(new[] { site.Property(TargetFrameworkProperty)! }, packages.All))
            {
                findings.Add(new Finding(Rules.RuleIds.Cms11PackageOnModernNet, retired.Message, retired.Package.Location));
            }
        }
    }
}
