using System.Collections.Generic;
using System.Linq;

namespace CmsHazards.Upgrade
{
    /// <summary>
    /// CMSH302: a second <c>dependentAssembly</c> for an assembly identity (name, publicKeyToken, culture) that the
    /// runtime already has one for. Microsoft documents one element per assembly ("Use one dependentAssembly element
    /// for each assembly", Microsoft Learn, "&lt;dependentAssembly&gt; Element"); the runtime takes the first in
    /// document order and the later ones have no effect (see docs/rules/CMSH302.md for the source and its limits).
    /// </summary>
    public sealed class DuplicateRedirect
    {
        private readonly AssemblyBindings _bindings;

        private DuplicateRedirect(AssemblyBindings bindings, DependentAssembly used, DependentAssembly ignored)
        {
            _bindings = bindings;
            Used = used;
            Ignored = ignored;
        }

        /// <summary>The entry the runtime uses.</summary>
        public DependentAssembly Used { get; }

        /// <summary>The entry that has no effect, which the fix removes.</summary>
        public DependentAssembly Ignored { get; }

        public static IReadOnlyList<DuplicateRedirect> Find(AssemblyBindings bindings)
        {
            var found = new List<DuplicateRedirect>();
            foreach (var (used, ignored) in bindings.Identities.Repeated) found.Add(new DuplicateRedirect(bindings, used, ignored));
            return found;
        }

        /// <summary>The entries the runtime uses: the first effective one of each identity.</summary>
        internal static IReadOnlyList<DependentAssembly> FirstOfEachIdentity(AssemblyBindings bindings) => bindings.Identities.Used;

        public string Message
        {
            get
            {
                var name = Used.Identity!.Name;
                return $"{name} has a second dependentAssembly at {_bindings.Describe(Ignored.Element)}{Redirects(Ignored)}; the runtime uses the first one, at {_bindings.Describe(Used.Element)}{Redirects(Used)}, and the second has no effect. Remove the one at {_bindings.Describe(Ignored.Element)}.";
            }
        }

        private static string Redirects(DependentAssembly entry)
        {
            var redirect = entry.Redirects.FirstOrDefault();
            return redirect is null ? " (no bindingRedirect)" : $" (newVersion=\"{redirect.NewVersionAttribute?.Value}\")";
        }
    }
}
