using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Versions;

namespace CmsHazards.Upgrade
{
    /// <summary>
    /// CMSH301: a binding redirect the runtime reads that does not send references to the version of the assembly
    /// the build compiles against and copies to bin. The runtime then asks for newVersion, finds another version
    /// in bin and fails: "The located assembly's manifest definition does not match the assembly reference.
    /// (Exception from HRESULT: 0x80131040)" (DESIGN.md section 10).
    /// </summary>
    public sealed class StaleRedirect
    {
        private readonly AssemblyBindings _bindings;
        private string? _compiledText;
        private string? _fixedShortRange;

        private StaleRedirect(AssemblyBindings bindings, DependentAssembly entry, ReferencedAssembly compiled, IReadOnlyList<BindingRedirect> wrongNewVersion, BindingRedirect? shortRange, BindingRedirect? malformed = null)
        {
            _bindings = bindings;
            Entry = entry;
            Compiled = compiled;
            WrongNewVersion = wrongNewVersion;
            ShortRange = shortRange;
            Malformed = malformed;
        }

        /// <summary>A redirect the runtime cannot use (<see cref="BindingRedirect.Malformation"/>); then nothing else is set and no fix is offered.</summary>
        public BindingRedirect? Malformed { get; }

        public DependentAssembly Entry { get; }

        /// <summary>The assembly the build resolves.</summary>
        public ReferencedAssembly Compiled { get; }

        /// <summary>The version the build compiles against.</summary>
        public Version CompiledVersion => Compiled.Version!;

        /// <summary>The redirects whose newVersion is not the compiled version.</summary>
        public IReadOnlyList<BindingRedirect> WrongNewVersion { get; }

        /// <summary>When no redirect's oldVersion range reaches the compiled version: the one whose upper bound the fix raises.</summary>
        public BindingRedirect? ShortRange { get; }

        /// <summary>The redirect a diagnostic points at.</summary>
        public BindingRedirect Redirect => Malformed ?? (WrongNewVersion.Count > 0 ? WrongNewVersion[0] : ShortRange!);

        /// <summary>
        /// The redirects the runtime reads (the first entry of an identity; later ones are CMSH302's) for
        /// assemblies the build references. Framework assemblies are judged only when a package brings them.
        /// </summary>
        public static IReadOnlyList<StaleRedirect> Find(AssemblyBindings bindings, IReadOnlyList<ReferencedAssembly>? assemblies)
        {
            var found = new List<StaleRedirect>();
            if (assemblies is null) return found;

            // By name, so a web.config with thousands of redirects costs one lookup each. Loops instead of queries: this
            // runs for every entry of every build, and most entries are not stale (docs/performance.md, section 4). A name
            // nearly always has one assembly, which is the value itself; the rare others wait in a second table.
            var judged = new Dictionary<string, ReferencedAssembly>(assemblies.Count, StringComparer.OrdinalIgnoreCase);
            Dictionary<string, List<ReferencedAssembly>>? more = null;
            foreach (var assembly in assemblies)
            {
                if (assembly.Origin == ReferenceOrigin.Framework || assembly.Version is null) continue;
                if (!judged.ContainsKey(assembly.Name)) judged.Add(assembly.Name, assembly);
                else if ((more ??= new Dictionary<string, List<ReferencedAssembly>>(StringComparer.OrdinalIgnoreCase)).TryGetValue(assembly.Name, out var list)) list.Add(assembly);
                else more.Add(assembly.Name, new List<ReferencedAssembly> { assembly });
            }

            foreach (var entry in DuplicateRedirect.FirstOfEachIdentity(bindings))
            {
                if (entry.Redirects.Count == 0) continue;
                var identity = entry.Identity!;
                if (!judged.TryGetValue(identity.Name, out var first)) continue;
                var compiled = Highest(identity, first, more);
                if (compiled is null) continue;

                var version = compiled.Version!;
                List<BindingRedirect>? wrong = null;
                var reaches = false;
                BindingRedirect? highest = null;
                List<BindingRedirect>? malformed = null;
                var sendsAll = false;
                foreach (var redirect in entry.Redirects)
                {
                    if (!redirect.IsWellFormed)
                    {
                        (malformed ??= new List<BindingRedirect>()).Add(redirect);
                        continue;
                    }

                    // One redirect from 0.0.0.0 to the compiled version: every older reference already gets what bin holds.
                    sendsAll |= redirect.NewVersion == version && redirect.OldVersion!.Low == Zero && redirect.OldVersion.Contains(version);

                    if (redirect.NewVersion != version) (wrong ??= new List<BindingRedirect>()).Add(redirect);
                    var range = redirect.OldVersion!;
                    reaches |= range.Contains(version);

                    // The first of those with the highest upper bound.
                    if (highest is null || range.High > highest.OldVersion!.High) highest = redirect;
                }

                // The runtime redirects nothing with a malformed one: said as it is, with no fix (what it should say is the
                // developer's), unless another redirect of the entry already sends every older reference to bin's version.
                if (malformed is not null && !sendsAll)
                {
                    foreach (var redirect in malformed) found.Add(new StaleRedirect(bindings, entry, compiled, Array.Empty<BindingRedirect>(), null, redirect));
                }

                if (highest is null) continue;
                var shortRange = reaches ? null : highest;
                if (wrong is null && shortRange is null) continue;
                found.Add(new StaleRedirect(bindings, entry, compiled, (IReadOnlyList<BindingRedirect>?)wrong ?? Array.Empty<BindingRedirect>(), shortRange));
            }

            return found;
        }

        private static readonly Version Zero = new Version(0, 0, 0, 0);

        /// <summary>The oldVersion the fix writes for <paramref name="redirect"/>: its range, raised to reach the compiled version.</summary>
        public string FixedOldVersion(BindingRedirect redirect)
        {
            var compiled = CompiledText;
            if (redirect.OldVersion is not { } range) return "0.0.0.0-" + compiled;
            var raw = Raw(redirect.OldVersionAttribute!);
            if (range.Contains(CompiledVersion)) return raw;
            if (!range.IsRange) return range.Low < CompiledVersion ? raw.Trim() + "-" + compiled : "0.0.0.0-" + raw.Trim();

            // Only the bound that is short changes, as written; white space around the dash stays.
            var high = range.High < CompiledVersion ? compiled : raw.Substring(range.HighSpan.Start, range.HighSpan.Length);
            var low = range.Low > CompiledVersion ? "0.0.0.0" : raw.Substring(range.LowSpan.Start, range.LowSpan.Length);
            return raw.Substring(0, range.LowSpan.Start) + low + raw.Substring(range.LowSpan.End, range.HighSpan.Start - range.LowSpan.End) + high + raw.Substring(range.HighSpan.End);
        }

        public string Message
        {
            get
            {
                var redirect = Redirect;
                var name = Entry.Identity!.Name;
                var compiled = CompiledText;
                var newVersion = Written(redirect.NewVersionAttribute);

                // One concatenation of the pieces: a site with hundreds of stale redirects builds hundreds of these on every build.
                var package = Compiled.PackageId;
                var path = package is null ? Compiled.Path : null;
                if (Malformed is not null)
                {
                    var from = package is not null || path is not null
                        ? "from " + (package ?? System.IO.Path.GetFileName(path)) + (package is not null && Compiled.PackageVersion is not null ? " " + Compiled.PackageVersion : "")
                        : "a reference of the project";
                    var written = string.Join(" ", new[] { redirect.OldVersionAttribute, redirect.NewVersionAttribute }.Where(a => a is not null).Select(a => a!.Name + "=\"" + a.Value + "\""));
                    return "The binding redirect for " + name + " at " + _bindings.Describe(redirect.Element) + " (" + written + ") is malformed: "
                        + Malformed.Malformation + ", so the runtime redirects no reference with it: a reference to another version of " + name + " than " + compiled
                        + ", which the build compiles against and copies to bin (" + from + "), fails to load (0x80131040) unless another redirect sends it there. "
                        + "Correct it by hand: CmsHazards does not guess what it should say.";
                }

                var wrong = WrongNewVersion.Count > 0;
                var single = !wrong && ShortRange!.OldVersion is { IsRange: false } one && one.Low < CompiledVersion;
                return string.Concat(new[]
                {
                    "The binding redirect for ", name, " at ", _bindings.Describe(redirect.Element),
                    " (oldVersion=\"", Written(redirect.OldVersionAttribute), "\" newVersion=\"", newVersion, "\") does not match ",
                    name, " ", compiled, ", which the build compiles against and copies to bin (",
                    package is not null || path is not null ? "from " : "a reference of the project",
                    package ?? (path is null ? null : System.IO.Path.GetFileName(path)),
                    package is not null && Compiled.PackageVersion is not null ? " " : null,
                    package is not null ? Compiled.PackageVersion : null,
                    wrong ? "): the runtime asks for " : single ? "): oldVersion names the one version " : "): oldVersion does not reach ",
                    wrong ? newVersion : single ? Written(ShortRange!.OldVersionAttribute).Trim() : compiled,
                    wrong
                        ? " and fails with \"The located assembly's manifest definition does not match the assembly reference\" (0x80131040). Set "
                        : single
                            ? ", so references to other versions below " + compiled + " are not redirected and fail to load (0x80131040). Set "
                            : ", so references to the versions between are not redirected and fail to load (0x80131040). Set ",
                    ShortRange is null ? null : "oldVersion=\"",
                    ShortRange is null ? null : FixedShortRange,
                    ShortRange is null ? "newVersion=\"" : "\" newVersion=\"",
                    compiled,
                    single ? "\", or start the range at 0.0.0.0 to redirect older references too." : "\".",
                });
            }
        }

        /// <summary>The compiled version as a redirect writes it ("2.1.0.0"), for the message and the fix.</summary>
        internal string CompiledText => _compiledText ??= Format(CompiledVersion);

        /// <summary><see cref="FixedOldVersion"/> of <see cref="ShortRange"/>, once for the message and the fix.</summary>
        internal string FixedShortRange => _fixedShortRange ??= FixedOldVersion(ShortRange!);

        internal static string Format(Version version) => string.Concat(
            Number(version.Major), ".", Number(version.Minor), ".", Number(Math.Max(version.Build, 0)), ".", Number(Math.Max(version.Revision, 0)));

        private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

        private static string Written(Configuration.ConfigAttribute? attribute) => attribute is null ? "" : attribute.Value;

        internal static string Raw(Configuration.ConfigAttribute attribute) => BindingRedirect.RawValue(attribute);

        /// <summary>
        /// Of the judged assemblies named as <paramref name="identity"/> (<paramref name="first"/>, then the others of that
        /// name in the order the build gave them), the highest version that <paramref name="identity"/> matches; the first of equal ones.
        /// </summary>
        private static ReferencedAssembly? Highest(AssemblyIdentity identity, ReferencedAssembly first, Dictionary<string, List<ReferencedAssembly>>? more)
        {
            var best = identity.Matches(first.Name, first.PublicKeyToken) ? first : null;
            if (more is null || !more.TryGetValue(identity.Name, out var others)) return best;
            foreach (var assembly in others)
            {
                if (identity.Matches(assembly.Name, assembly.PublicKeyToken) && (best is null || assembly.Version! > best.Version!)) best = assembly;
            }

            return best;
        }
    }
}
