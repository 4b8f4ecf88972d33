using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Configuration;

namespace CmsHazards.Upgrade
{
    /// <summary>
    /// Every <c>dependentAssembly</c> of a site, read from the deployed root web.config (after
    /// Web.$(Configuration).config) and from the folder web.configs, each with whether the runtime reads it.
    /// The CLR reads <c>&lt;configuration&gt;&lt;runtime&gt;&lt;assemblyBinding xmlns="urn:schemas-microsoft-com:asm.v1"&gt;</c>
    /// of the application's configuration file itself, not through System.Configuration: an element outside
    /// that namespace is ignored, configSource is not followed, and <c>&lt;location&gt;</c> and folder web.configs,
    /// which are System.Configuration's, mean nothing to it (DESIGN.md section 10; Microsoft Learn, "&lt;assemblyBinding&gt;
    /// Element for &lt;runtime&gt;": xmlns is a required attribute). A block whose appliesTo names other runtimes is
    /// not read by the site's runtime either (<see cref="RuntimeReading"/>).
    /// </summary>
    public sealed class AssemblyBindings
    {
        // SiteFolder with forward slashes and one trailing slash: Describe runs once per finding.
        private readonly string _folderPrefix;

        /// <summary>The namespace the runtime reads assembly binding from.</summary>
        public const string Namespace = "urn:schemas-microsoft-com:asm.v1";

        private AssemblyBindings(string siteFolder, IReadOnlyList<DependentAssembly> entries, IReadOnlyList<ConfigElement> runtimeConfigSources, ConfigElement? rootRuntime)
        {
            SiteFolder = siteFolder;
            _folderPrefix = siteFolder.Replace('\\', '/').TrimEnd('/') + "/";
            Entries = entries;
            RuntimeConfigSources = runtimeConfigSources;
            RootRuntime = rootRuntime;
        }

        /// <summary>The root web.config's folder: messages name other files relative to it ("Views/Web.config(8)").</summary>
        public string SiteFolder { get; }

        /// <summary>In document order: the root web.config's first, then each folder web.config's.</summary>
        public IReadOnlyList<DependentAssembly> Entries { get; }

        /// <summary>The entries the runtime reads.</summary>
        public IEnumerable<DependentAssembly> Effective => Entries.Where(e => e.IsRead);

        /// <summary>
        /// The read entries by identity, sorted once for CMSH301 (the entries the runtime uses) and CMSH302 (the ones
        /// that repeat an identity); on a web.config with thousands of entries each rule sorting them again cost as much as
        /// either rule's own work.
        /// </summary>
        internal IdentityReading Identities => _identities ??= new IdentityReading(Entries);

        // Written once, by whichever rule asks first; two threads may both sort, and sort alike.
        private IdentityReading? _identities;

        /// <summary><c>&lt;runtime configSource="..."&gt;</c> elements: the redirects in the files they name are never read.</summary>
        public IReadOnlyList<ConfigElement> RuntimeConfigSources { get; }

        /// <summary>The root <c>&lt;runtime&gt;</c> the runtime reads, where moved redirects belong; null when there is none.</summary>
        public ConfigElement? RootRuntime { get; }

        public static AssemblyBindings From(WebConfig deployed, IEnumerable<ConfigFile>? folderWebConfigs = null)
        {
            var entries = new List<DependentAssembly>();
            var configSources = new List<ConfigElement>();
            ConfigElement? rootRuntime = null;

            foreach (var child in deployed.Configuration.Children)
            {
                if (child.Name == "runtime")
                {
                    var configSource = child.Attribute("configSource");
                    if (configSource is not null)
                    {
                        configSources.Add(child);
                        Collect(child, RedirectPlacement.RuntimeConfigSource, child, entries);
                    }
                    else
                    {
                        rootRuntime ??= child;
                        Collect(child, RedirectPlacement.Read, null, entries);
                    }
                }
                else if (child.Name == "location")
                {
                    foreach (var runtime in child.ChildrenNamed("runtime")) Collect(runtime, RedirectPlacement.InLocation, child, entries);
                }
            }

            foreach (var file in folderWebConfigs ?? Enumerable.Empty<ConfigFile>())
            {
                if (WebConfig.From(file) is not { } folder) continue;
                foreach (var child in folder.Configuration.Children)
                {
                    var runtimes = child.Name == "runtime" ? new[] { child } : child.Name == "location" ? child.ChildrenNamed("runtime") : Enumerable.Empty<ConfigElement>();
                    foreach (var runtime in runtimes) Collect(runtime, RedirectPlacement.InFolderWebConfig, null, entries);
                }
            }

            return new AssemblyBindings(System.IO.Path.GetDirectoryName(deployed.File.Path) ?? "", entries, configSources, rootRuntime);
        }

        /// <summary>"Web.config(12)", "Views/Web.config(8)": where an element is written, for a message.</summary>
        public string Describe(ConfigElement element)
        {
            var path = element.File.Path.Replace('\\', '/');
            var folder = _folderPrefix;
            var name = folder.Length > 1 && path.StartsWith(folder, StringComparison.OrdinalIgnoreCase) ? path.Substring(folder.Length) : element.File.FileName;
            return name + "(" + (element.File.Lines.GetPosition(element.NameSpan.Start).Line + 1) + ")";
        }

        /// <summary>An element's name without its prefix.</summary>
        public static string LocalName(ConfigElement element)
        {
            var colon = element.Name.IndexOf(':');
            return colon < 0 ? element.Name : element.Name.Substring(colon + 1);
        }

        /// <summary>
        /// The XML namespace of an element, from the declarations in scope where it is written. In a transformed
        /// configuration the declarations are those of the file that wrote the element: XDT keeps an inserted
        /// element's namespace, though not its xmlns attribute.
        /// </summary>
        public static string NamespaceOf(ConfigElement element)
        {
            var colon = element.Name.IndexOf(':');
            var declaration = colon < 0 ? "xmlns" : "xmlns:" + element.Name.Substring(0, colon);
            for (var e = element.Original; e is not null; e = e.Parent)
            {
                if (e.Attribute(declaration) is { } found) return found.Value.Trim();
            }

            return "";
        }

        public static bool IsInBindingNamespace(ConfigElement element) => string.Equals(NamespaceOf(element), Namespace, StringComparison.Ordinal);

        /// <summary>
        /// The read entries with an identity, as the runtime combines them: the .NET Framework's binder keeps the entries
        /// of one identity together in document order and, for a version asked for, uses the first bindingRedirect whose
        /// oldVersion holds it (docs/rules/CMSH302.md has the sources).
        /// </summary>
        internal sealed class IdentityReading
        {
            public IdentityReading(IReadOnlyList<DependentAssembly> entries)
            {
                var used = new List<DependentAssembly>(entries.Count);
                var repeated = new List<IReadOnlyList<DependentAssembly>>();

                // Sized once: a web.config with thousands of entries would otherwise grow the table a dozen times.
                var first = new Dictionary<AssemblyIdentity, int>(entries.Count);
                Dictionary<int, List<DependentAssembly>>? groups = null;
                foreach (var entry in entries)
                {
                    if (!entry.IsRead || entry.Identity is null) continue;
                    if (first.TryGetValue(entry.Identity, out var index))
                    {
                        // Rare: a later entry of an identity; its group is made then, beginning with the first entry.
                        groups ??= new Dictionary<int, List<DependentAssembly>>();
                        if (!groups.TryGetValue(index, out var group))
                        {
                            group = new List<DependentAssembly> { used[index] };
                            groups.Add(index, group);
                            repeated.Add(group);
                        }

                        group.Add(entry);

                        // CMSH301 judges the first entry that redirects: an earlier one with only a codeBase, or only malformed
                        // redirects, redirects nothing.
                        if (!Redirects(used[index]) && Redirects(entry)) used[index] = entry;
                    }
                    else
                    {
                        first.Add(entry.Identity, used.Count);
                        used.Add(entry);
                    }
                }

                Used = used;
                Repeated = repeated;
            }

            private static bool Redirects(DependentAssembly entry)
            {
                foreach (var redirect in entry.Redirects)
                {
                    if (redirect.IsWellFormed) return true;
                }

                return false;
            }

            /// <summary>Per identity, in document order, the first read entry with a well-formed bindingRedirect (else the first one): the one CMSH301 judges.</summary>
            public IReadOnlyList<DependentAssembly> Used { get; }

            /// <summary>Each identity written in more than one read entry: its entries in document order.</summary>
            public IReadOnlyList<IReadOnlyList<DependentAssembly>> Repeated { get; }
        }

        /// <summary>The runtime version of every .NET Framework 4.x, which appliesTo must name for the site's runtime to read a block.</summary>
        public const string SiteRuntimeVersion = "v4.0.30319";

        // The runtimes before it, as the CLR names itself; a block for one of them is meant for it, not this site.
        private static bool IsEarlierRuntime(string version) =>
            string.Equals(version, "v1.0.3705", StringComparison.OrdinalIgnoreCase)
            || string.Equals(version, "v1.1.4322", StringComparison.OrdinalIgnoreCase)
            || string.Equals(version, "v2.0.50727", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Whether the site's runtime reads an <c>assemblyBinding</c>, from its <c>appliesTo</c>: without one, or with an
        /// empty one, every runtime does; otherwise the value is split at ';' and a runtime reads the block when one part
        /// is its version, compared whole and without case, with no white space trimmed (Microsoft Learn, "&lt;assemblyBinding&gt;
        /// Element for &lt;runtime&gt;"; Shared Source CLI 2.0, fusion's CNodeFactory::ProcessAssemblyBindingTag).
        /// </summary>
        internal static RedirectPlacement RuntimeReading(ConfigElement assemblyBinding)
        {
            if (assemblyBinding.Attribute("appliesTo") is not { } appliesTo || appliesTo.Value.Length == 0) return RedirectPlacement.Read;
            var earlier = 0;
            var other = 0;
            foreach (var part in appliesTo.Value.Split(';'))
            {
                if (string.Equals(part, SiteRuntimeVersion, StringComparison.OrdinalIgnoreCase)) return RedirectPlacement.Read;
                if (IsEarlierRuntime(part)) earlier++;
                else if (part.Length > 0) other++;
            }

            return earlier > 0 && other == 0 ? RedirectPlacement.OtherRuntime : RedirectPlacement.AppliesToNoRuntime;
        }

        private static void Collect(ConfigElement runtime, RedirectPlacement placement, ConfigElement? placementElement, List<DependentAssembly> entries)
        {
            foreach (var binding in runtime.Children)
            {
                if (LocalName(binding) != "assemblyBinding") continue;
                var bindingInNamespace = placement == RedirectPlacement.Read && IsInBindingNamespace(binding);
                var forRuntime = bindingInNamespace ? RuntimeReading(binding) : RedirectPlacement.Read;

                // At most one growth per assemblyBinding: its children are nearly all entries, thousands on a large site.
                if (entries.Capacity < entries.Count + binding.Children.Count) entries.Capacity = entries.Count + binding.Children.Count;
                foreach (var dependent in binding.Children)
                {
                    if (LocalName(dependent) != "dependentAssembly") continue;

                    var (actual, decidedBy) = (placement, placementElement);
                    if (placement == RedirectPlacement.Read && !(bindingInNamespace && IsInBindingNamespace(dependent)))
                    {
                        (actual, decidedBy) = (RedirectPlacement.WithoutNamespace, bindingInNamespace ? dependent : binding);
                    }
                    else if (placement == RedirectPlacement.Read && forRuntime != RedirectPlacement.Read)
                    {
                        (actual, decidedBy) = (forRuntime, binding);
                    }

                    entries.Add(new DependentAssembly(dependent, binding, actual, decidedBy));
                }
            }
        }
    }
}
