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

        private StaleRedirect(AssemblyBindings bindings, DependentAssembly entry, ReferencedAssembly compiled, IReadOnlyList<BindingRedirect> wrongNewVersion, BindingRedirect? shortRange)
        {
            _bindings = bindings;
            Entry = entry;
            Compiled = compiled;
            WrongNewVersion = wrongNewVersion;
            ShortRange = shortRange;
        }

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
        public BindingRedirect Redirect => WrongNewVersion.Count > 0 ? WrongNewVersion[0] : ShortRange!;

        /// <summary>
        /// The redirects the runtime reads (the first entry of an identity; later ones are CMSH302's) for
        /// assemblies the build references. Framework assemblies are judged only when a package brings them.
        /// </summary>
        public static IReadOnlyList<StaleRedirect> Find(AssemblyBindings bindings, IReadOnlyList<ReferencedAssembly>? assemblies)
        {
            var found = new List<StaleRedirect>();
            if (assemblies is null) return found;
            // By name, so a web.config with thousands of redirects costs one lookup each.
            var judged = assemblies.Where(a => a.Origin != ReferenceOrigin.Framework && a.Version is not null).ToLookup(a => a.Name, StringComparer.OrdinalIgnoreCase);

            foreach (var entry in DuplicateRedirect.FirstOfEachIdentity(bindings))
            {
                if (entry.Redirects.Count == 0) continue;
                var identity = entry.Identity!;
                var compiled = judged[identity.Name].Where(a => identity.Matches(a.Name, a.PublicKeyToken)).OrderByDescending(a => a.Version!).FirstOrDefault();
                if (compiled is null) continue;

                var version = compiled.Version!;
                var wrong = entry.Redirects.Where(r => r.NewVersion != version).ToList();
                var reaches = entry.Redirects.Any(r => r.OldVersion is { } range && range.Contains(version));
                var shortRange = reaches
                    ? null
                    : entry.Redirects.Where(r => r.OldVersion is not null).OrderByDescending(r => r.OldVersion!.High).FirstOrDefault() ?? entry.Redirects[0];
                if (wrong.Count == 0 && shortRange is null) continue;
                found.Add(new StaleRedirect(bindings, entry, compiled, wrong, shortRange));
            }

            return found;
        }

        /// <summary>The oldVersion the fix writes for <paramref name="redirect"/>: its range, raised to reach the compiled version.</summary>
        public string FixedOldVersion(BindingRedirect redirect)
        {
            var compiled = Format(CompiledVersion);
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
                var compiled = Format(CompiledVersion);
                var written = $"oldVersion=\"{Written(redirect.OldVersionAttribute)}\" newVersion=\"{Written(redirect.NewVersionAttribute)}\"";
                var from = Compiled.Package is { } package ? "from " + package : Compiled.Path is { } path ? "from " + System.IO.Path.GetFileName(path) : "a reference of the project";
                var why = WrongNewVersion.Count > 0
                    ? $"the runtime asks for {Written(redirect.NewVersionAttribute)} and fails with \"The located assembly's manifest definition does not match the assembly reference\" (0x80131040)"
                    : $"oldVersion does not reach {compiled}, so references to the versions between are not redirected and fail to load (0x80131040)";
                var fix = ShortRange is null ? $"newVersion=\"{compiled}\"" : $"oldVersion=\"{FixedOldVersion(ShortRange)}\" newVersion=\"{compiled}\"";
                return $"The binding redirect for {name} at {_bindings.Describe(redirect.Element)} ({written}) does not match {name} {compiled}, which the build compiles against and copies to bin ({from}): {why}. Set {fix}.";
            }
        }

        internal static string Format(Version version) => $"{version.Major}.{version.Minor}.{Math.Max(version.Build, 0)}.{Math.Max(version.Revision, 0)}";

        private static string Written(Configuration.ConfigAttribute? attribute) => attribute is null ? "" : attribute.Value;

        internal static string Raw(Configuration.ConfigAttribute attribute) => BindingRedirect.RawValue(attribute);
    }
}
