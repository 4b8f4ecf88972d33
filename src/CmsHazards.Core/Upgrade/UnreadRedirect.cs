using System.Collections.Generic;
using System.Linq;
using CmsHazards.Configuration;

namespace CmsHazards.Upgrade
{
    /// <summary>
    /// CMSH303: binding redirects the runtime never reads. One finding per <c>assemblyBinding</c> without the
    /// namespace or with an <c>appliesTo</c> that names no runtime version, and per <c>&lt;runtime configSource&gt;</c>; one per <c>dependentAssembly</c> in a
    /// <c>&lt;location&gt;</c> or a folder web.config, which can each be moved into the root <c>&lt;runtime&gt;</c>.
    /// </summary>
    public sealed class UnreadRedirect
    {
        private readonly AssemblyBindings _bindings;

        private UnreadRedirect(AssemblyBindings bindings, RedirectPlacement placement, ConfigElement decidedBy, IReadOnlyList<DependentAssembly> entries)
        {
            _bindings = bindings;
            Placement = placement;
            DecidedBy = decidedBy;
            Entries = entries;
        }

        public RedirectPlacement Placement { get; }

        /// <summary>What a diagnostic points at: the assemblyBinding, the runtime with configSource, or the dependentAssembly.</summary>
        public ConfigElement DecidedBy { get; }

        /// <summary>The entries that are not read (none for a configSource whose file holds them all).</summary>
        public IReadOnlyList<DependentAssembly> Entries { get; }

        public static IReadOnlyList<UnreadRedirect> Find(AssemblyBindings bindings)
        {
            var found = new List<UnreadRedirect>();
            foreach (var group in bindings.Entries.Where(e => e.Placement == RedirectPlacement.WithoutNamespace).GroupBy(e => e.PlacementElement!))
            {
                found.Add(new UnreadRedirect(bindings, RedirectPlacement.WithoutNamespace, group.Key, group.ToList()));
            }

            foreach (var group in bindings.Entries.Where(e => e.Placement == RedirectPlacement.AppliesToNoRuntime).GroupBy(e => e.PlacementElement!))
            {
                found.Add(new UnreadRedirect(bindings, RedirectPlacement.AppliesToNoRuntime, group.Key, group.ToList()));
            }

            foreach (var runtime in bindings.RuntimeConfigSources)
            {
                found.Add(new UnreadRedirect(bindings, RedirectPlacement.RuntimeConfigSource, runtime, bindings.Entries.Where(e => ReferenceEquals(e.PlacementElement, runtime)).ToList()));
            }

            foreach (var entry in bindings.Entries.Where(e => e.Placement == RedirectPlacement.InLocation || e.Placement == RedirectPlacement.InFolderWebConfig))
            {
                found.Add(new UnreadRedirect(bindings, entry.Placement, entry.Element, new[] { entry }));
            }

            return found.OrderBy(f => f.DecidedBy.File.Path, System.StringComparer.Ordinal).ThenBy(f => f.DecidedBy.StartTag.Start).ToList();
        }

        public string Message
        {
            get
            {
                var where = _bindings.Describe(DecidedBy);
                switch (Placement)
                {
                    case RedirectPlacement.WithoutNamespace:
                        var what = DecidedBy.Name.EndsWith("dependentAssembly", System.StringComparison.Ordinal) ? "<dependentAssembly>" : "<assemblyBinding>";
                        return $"The {what} at {where} is not in the namespace urn:schemas-microsoft-com:asm.v1, so the runtime never reads its binding redirects ({Names}). Add xmlns=\"urn:schemas-microsoft-com:asm.v1\".";
                    case RedirectPlacement.AppliesToNoRuntime:
                        return $"The <assemblyBinding> at {where} has appliesTo=\"{DecidedBy.AttributeValue("appliesTo")}\", which names no runtime version: a runtime reads the block only when one of the values between ';' is its own version written whole ({AssemblyBindings.SiteRuntimeVersion} for every .NET Framework 4.x), so this site's runtime never reads its binding redirects ({Names}). Set appliesTo=\"{AssemblyBindings.SiteRuntimeVersion}\" or remove the attribute.";
                    case RedirectPlacement.RuntimeConfigSource:
                        return $"<runtime configSource=\"{DecidedBy.AttributeValue("configSource")}\"> at {where}: the CLR reads <runtime> from web.config itself and does not follow configSource, so the binding redirects in that file are never read. Move them into web.config's <runtime>.";
                    case RedirectPlacement.InLocation:
                        return $"The binding redirect for {Name} at {where} is inside a <location>, where the runtime never reads it: the CLR reads binding redirects only from <configuration><runtime> of the application's web.config. Move it into the root <runtime>.";
                    default:
                        return $"The binding redirect for {Name} at {where} is in a folder's web.config, which the runtime never reads: the CLR reads binding redirects only from the application's root web.config. Move it into the root <runtime>.";
                }
            }
        }

        private string Names => string.Join(", ", Entries.Select(e => e.Identity?.Name ?? "(no name)").Distinct());

        private string Name => Entries.FirstOrDefault()?.Identity?.Name ?? "(no name)";
    }
}
