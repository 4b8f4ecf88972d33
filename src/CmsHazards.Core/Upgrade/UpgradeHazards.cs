using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Configuration;
using CmsHazards.Fixes;
using CmsHazards.Rules;

namespace CmsHazards.Upgrade
{
    /// <summary>One upgrade finding: the rule, the message, where, and the fix as the edits it makes (none when no fix applies).</summary>
    public sealed class UpgradeFinding
    {
        internal UpgradeFinding(string ruleId, string message, ConfigLocation? location, string? fixTitle = null, IReadOnlyList<FileEdit>? edits = null)
        {
            RuleId = ruleId;
            Message = message;
            Location = location;
            FixTitle = edits is { Count: > 0 } ? fixTitle : null;
            Edits = edits ?? Array.Empty<FileEdit>();
        }

        public string RuleId { get; }

        public string Message { get; }

        /// <summary>Null for a package the front end knows only from a resolved reference (the analyzer, for CMSH305).</summary>
        public ConfigLocation? Location { get; }

        /// <summary>The fix's title, or null when none is offered.</summary>
        public string? FixTitle { get; }

        /// <summary>The edits the fix makes, per file; empty without a fix.</summary>
        public IReadOnlyList<FileEdit> Edits { get; }

        public override string ToString() => RuleId + ": " + Message;
    }

    /// <summary>
    /// CMSH301-305 for one site: binding redirects from the deployed configuration judged against the assemblies
    /// the build resolves, and the declared packages. Every front end calls this with what it can see.
    /// </summary>
    public static class UpgradeHazards
    {
        public const string StaleRedirectId = "CMSH301";
        public const string DuplicateRedirectId = "CMSH302";
        public const string UnreadRedirectId = "CMSH303";
        public const string MixedFamilyId = "CMSH304";
        public const string Cms11PackageId = "CMSH305";

        public const string SetCompiledVersionTitle = "Set the binding redirect to the compiled version";
        public const string RemoveDuplicateTitle = "Remove the dependentAssembly that has no effect";
        public const string AddNamespaceTitle = "Add the asm.v1 namespace";
        public const string MoveToRootTitle = "Move the binding redirect into the root <runtime>";

        /// <param name="site">The site's configuration files; null for a project without a web.config (CMSH304 and CMSH305 still apply).</param>
        public static IReadOnlyList<UpgradeFinding> Evaluate(SiteFacts? site, UpgradeFacts facts)
        {
            var found = new List<UpgradeFinding>();
            if (site is not null && Bindings(site) is { } bindings)
            {
                foreach (var stale in StaleRedirect.Find(bindings, facts.Assemblies))
                {
                    found.Add(new UpgradeFinding(StaleRedirectId, stale.Message, ConfigLocation.Of(stale.Redirect.Element), SetCompiledVersionTitle, BindingRedirectEditor.SetCompiledVersion(stale)));
                }

                foreach (var duplicate in DuplicateRedirect.Find(bindings))
                {
                    found.Add(new UpgradeFinding(DuplicateRedirectId, duplicate.Message, ConfigLocation.Of(duplicate.Ignored.Element), RemoveDuplicateTitle, BindingRedirectEditor.RemoveIgnored(duplicate)));
                }

                foreach (var unread in UnreadRedirect.Find(bindings))
                {
                    var (title, edits) = unread.Placement == RedirectPlacement.WithoutNamespace
                        ? (AddNamespaceTitle, BindingRedirectEditor.AddNamespace(unread))
                        : (MoveToRootTitle, BindingRedirectEditor.MoveToRootRuntime(unread, bindings, site.WebConfig));
                    found.Add(new UpgradeFinding(UnreadRedirectId, unread.Message, ConfigLocation.Of(unread.DecidedBy), title, edits));
                }
            }

            foreach (var mixed in MixedFamily.Find(facts.Packages))
            {
                found.Add(new UpgradeFinding(MixedFamilyId, mixed.Message, mixed.Odd.Location));
            }

            foreach (var retired in Cms11PackageOnModernNet.Find(facts.TargetFrameworks, facts.Packages))
            {
                found.Add(new UpgradeFinding(Cms11PackageId, retired.Message, retired.Package.Location));
            }

            return found;
        }

        /// <summary>Every stale redirect's edit, one per file: what Fix All (and <c>cmshazards scan --fix</c>) applies.</summary>
        public static IReadOnlyList<FileEdit> FixAllStaleRedirects(SiteFacts site, UpgradeFacts facts) =>
            Bindings(site) is { } bindings ? BindingRedirectEditor.SetCompiledVersions(StaleRedirect.Find(bindings, facts.Assemblies)) : Array.Empty<FileEdit>();

        /// <summary>The redirects of the deployed configuration; null when web.config or its transform cannot be read (CMSH200/201 say so).</summary>
        public static AssemblyBindings? Bindings(SiteFacts site)
        {
            if (site.WebConfig.Error is not null || site.WebConfigTransform?.Error is not null) return null;
            var deployed = DeployedConfiguration.Build(site.WebConfig, site.WebConfigTransform, null, null, site.BuildConfiguration);
            return deployed is null ? null : AssemblyBindings.From(deployed.Deployed, site.FolderWebConfigs.Where(f => f.Error is null));
        }
    }
}
