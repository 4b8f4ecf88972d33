using System;
using System.Collections.Generic;

namespace CmsHazards.Upgrade
{
    /// <summary>
    /// CMSH302: a later <c>dependentAssembly</c> for an assembly identity (name, publicKeyToken, culture) that the
    /// runtime already has one for, when the earlier ones override some of what it says. Microsoft documents one
    /// element per assembly ("Use one dependentAssembly element for each assembly", Microsoft Learn, "&lt;dependentAssembly&gt;
    /// Element"). The .NET Framework's binder keeps the entries of one identity together in document order and, for a
    /// version asked for, uses the first bindingRedirect whose oldVersion holds it, and the first codeBase of that
    /// version ("In case of a conflict in redirection, the first matching redirection statement in the configuration
    /// file is used", Microsoft Learn, "Configuring Assembly Binding Redirection"; Shared Source CLI, fusion's
    /// CNodeFactory::GetPolicyVersion and MergeBindInfo). So a later entry has no effect only when the earlier ones hold
    /// every version its redirects name and give each codeBase version it gives; only then is it removed.
    /// </summary>
    public sealed class DuplicateRedirect
    {
        private readonly AssemblyBindings _bindings;

        private DuplicateRedirect(AssemblyBindings bindings, DependentAssembly first, DependentAssembly later, bool isSecond, bool laterTakesEffect)
        {
            _bindings = bindings;
            First = first;
            Later = later;
            IsSecond = isSecond;
            LaterTakesEffect = laterTakesEffect;
        }

        /// <summary>The identity's first entry.</summary>
        public DependentAssembly First { get; }

        /// <summary>The later entry, of which the earlier ones override some or all.</summary>
        public DependentAssembly Later { get; }

        /// <summary>
        /// Whether part of the later entry still takes effect (a redirect for versions no earlier one holds, a codeBase of
        /// another version, another setting): then removing it changes what the runtime does, and no fix is offered.
        /// </summary>
        public bool LaterTakesEffect { get; }

        private bool IsSecond { get; }

        public static IReadOnlyList<DuplicateRedirect> Find(AssemblyBindings bindings)
        {
            var found = new List<DuplicateRedirect>();
            foreach (var group in bindings.Identities.Repeated)
            {
                var earlier = new Reading(group[0].Identity!.PublicKeyToken is null);
                earlier.Add(group[0]);
                for (var i = 1; i < group.Count; i++)
                {
                    var entry = group[i];
                    var (overridden, takesEffect) = earlier.Judge(entry);
                    if (overridden) found.Add(new DuplicateRedirect(bindings, group[0], entry, i == 1, takesEffect));
                    earlier.Add(entry);
                }
            }

            return found;
        }

        /// <summary>The entries CMSH301 judges: per identity, the first read one that redirects.</summary>
        internal static IReadOnlyList<DependentAssembly> FirstOfEachIdentity(AssemblyBindings bindings) => bindings.Identities.Used;

        public string Message
        {
            get
            {
                var name = First.Identity!.Name;
                var later = _bindings.Describe(Later.Element);
                var first = _bindings.Describe(First.Element);
                var which = IsSecond ? "a second" : "another";
                if (!LaterTakesEffect)
                {
                    var by = IsSecond
                        ? $"the first one, at {first}{Summary(First)}, for every version the second one names, so the second"
                        : $"the ones before it, from the first at {first}{Summary(First)}, for every version this one names, so it";
                    return $"{name} has {which} dependentAssembly at {later}{Summary(Later)}; the runtime uses {by} has no effect. Remove the one at {later}.";
                }

                return $"{name} has {which} dependentAssembly at {later}{Summary(Later)}: the runtime combines the entries of one assembly and, for a version asked for, takes the first bindingRedirect in document order whose oldVersion holds it (and the first codeBase of that version), so the one at {first}{Summary(First)} overrides part of what the one at {later} says, and the rest of it still applies. Merge them into one dependentAssembly that says what you mean: removing either changes what the runtime does.";
            }
        }

        private static string Summary(DependentAssembly entry)
        {
            if (entry.Redirects.Count > 0) return $" (newVersion=\"{entry.Redirects[0].NewVersionAttribute?.Value}\")";
            if (entry.CodeBases.Count > 0) return $" (codeBase version=\"{entry.CodeBases[0].AttributeValue("version")}\")";
            return " (no bindingRedirect)";
        }

        /// <summary>What the entries of one identity so far give the runtime: the versions their redirects hold and their codeBase versions.</summary>
        private sealed class Reading
        {
            private readonly bool _simplyNamed;
            private readonly List<(ulong Low, ulong High)> _ranges = new List<(ulong, ulong)>();
            private readonly HashSet<string> _codeBaseVersions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            private bool _anyCodeBase;

            public Reading(bool simplyNamed) => _simplyNamed = simplyNamed;

            /// <summary>Whether the earlier entries override part of <paramref name="entry"/>, and whether part of it still takes effect.</summary>
            public (bool Overridden, bool TakesEffect) Judge(DependentAssembly entry)
            {
                var overridden = false;
                var takesEffect = entry.HasOtherSettings;
                foreach (var redirect in entry.Redirects)
                {
                    // A malformed redirect is dropped by the runtime: neither in effect nor overridden (CMSH301 names it).
                    if (!redirect.IsWellFormed) continue;
                    var (low, high) = Bounds(redirect.OldVersion!);
                    if (Covers(low, high))
                    {
                        overridden = true;
                        continue;
                    }

                    takesEffect = true;
                    if (Overlaps(low, high)) overridden = true;
                }

                foreach (var codeBase in entry.CodeBases)
                {
                    // The runtime drops a codeBase without href; a strong-named assembly's codeBase without version matches none.
                    if (codeBase.Attribute("href") is null) continue;
                    var version = codeBase.AttributeValue("version");
                    if (_simplyNamed ? _anyCodeBase : version is not null && _codeBaseVersions.Contains(version)) overridden = true;
                    else if (_simplyNamed || version is not null) takesEffect = true;
                }

                return (overridden, takesEffect);
            }

            public void Add(DependentAssembly entry)
            {
                foreach (var redirect in entry.Redirects)
                {
                    if (redirect.IsWellFormed) _ranges.Add(Bounds(redirect.OldVersion!));
                }

                foreach (var codeBase in entry.CodeBases)
                {
                    if (codeBase.Attribute("href") is null) continue;
                    _anyCodeBase = true;
                    if (codeBase.AttributeValue("version") is { } version) _codeBaseVersions.Add(version);
                }
            }

            /// <summary>Whether the ranges so far hold every version from <paramref name="low"/> to <paramref name="high"/>.</summary>
            private bool Covers(ulong low, ulong high)
            {
                var next = low;
                bool advanced;
                do
                {
                    advanced = false;
                    foreach (var (l, h) in _ranges)
                    {
                        if (l <= next && h >= next)
                        {
                            if (h >= high) return true;
                            next = h + 1;
                            advanced = true;
                        }
                    }
                }
                while (advanced);
                return false;
            }

            private bool Overlaps(ulong low, ulong high) => _ranges.Exists(r => r.Low <= high && r.High >= low);

            // A version as the binder compares them: the four parts of 16 bits each in one number.
            private static (ulong, ulong) Bounds(VersionRange range) => (Number(range.Low), Number(range.High));

            private static ulong Number(Version v) =>
                ((ulong)(uint)v.Major << 48) | ((ulong)(uint)v.Minor << 32) | ((ulong)(uint)Math.Max(v.Build, 0) << 16) | (uint)Math.Max(v.Revision, 0);
        }
    }
}
