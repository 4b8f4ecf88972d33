using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using CmsHazards.Configuration;
using CmsHazards.Fixes;
using CmsHazards.Upgrade;

namespace CmsHazards.Rules.Upgrade
{
    /// <summary>What the binding redirect rules share: the redirects of the deployed configuration, and the fixes as data.</summary>
    internal static class BindingRedirectFixes
    {
        public const string SetCompiledVersionKey = "CmsHazards.SetBindingRedirectVersion";
        public const string RemoveDuplicateKey = "CmsHazards.RemoveDuplicateDependentAssembly";
        public const string AddNamespaceKey = "CmsHazards.AddAssemblyBindingNamespace";
        public const string MoveToRootKey = "CmsHazards.MoveBindingRedirectToRoot";

        public const string SetCompiledVersionTitle = "Set the binding redirect to the compiled version";
        public const string RemoveDuplicateTitle = "Remove the dependentAssembly that has no effect";
        public const string AddNamespaceTitle = "Add the asm.v1 namespace";
        public const string MoveToRootTitle = "Move the binding redirect into the root <runtime>";

        /// <summary>The sections of web.config the binding redirect rules read: a transform CmsHazards cannot apply there withholds their verdict.</summary>
        public static readonly ConfigurationReading Reading = new ConfigurationReading("binding redirect", new[] { "runtime", "location" }, "runtime");

        /// <summary>
        /// The redirects of a configuration, read once for CMSH301, CMSH302 and CMSH303 together: on a web.config with
        /// thousands of redirects the model costs a third of a parse, and each rule reading it again tripled that.
        /// </summary>
        public static AssemblyBindings? Bindings(SiteConfiguration? configuration) =>
            configuration?.Deployed is { } deployed
                ? ByConfiguration.GetValue(configuration, c => AssemblyBindings.From(deployed.Deployed, c.FolderWebConfigs.Where(f => f.Error is null)))
                : null;

        // Keyed weakly by the configuration, which is immutable and made of parsed files: the model goes when the
        // configuration does, and every rule run on the same configuration shares it.
        private static readonly ConditionalWeakTable<SiteConfiguration, AssemblyBindings> ByConfiguration = new ConditionalWeakTable<SiteConfiguration, AssemblyBindings>();

        /// <summary>
        /// CMSH301: newVersion set to the compiled version and oldVersion's short bound moved, as attribute values of the
        /// redirect in the file that writes it. Null when a transform sets those attributes (the transform decides there).
        /// </summary>
        public static Fix? SetCompiledVersion(StaleRedirect stale)
        {
            var changes = new System.Collections.Generic.List<FileChange>(2);
            var compiled = stale.CompiledText;

            // Each redirect once: those with the wrong newVersion, then the one whose range is short (often the same).
            foreach (var redirect in stale.WrongNewVersion)
            {
                if (!AddChanges(stale, redirect, compiled, changes)) return null;
            }

            if (stale.ShortRange is { } shortRange && !Contains(stale.WrongNewVersion, shortRange) && !AddChanges(stale, shortRange, compiled, changes)) return null;
            return changes.Count == 0 ? null : new Fix(SetCompiledVersionTitle, SetCompiledVersionKey, changes);
        }

        /// <summary>The changes of one redirect; false when a transform writes one of its attributes.</summary>
        private static bool AddChanges(StaleRedirect stale, BindingRedirect redirect, string compiled, System.Collections.Generic.List<FileChange> changes)
        {
            var element = redirect.Element.Original;
            if (!WrittenIn(redirect.NewVersionAttribute, element) || !WrittenIn(redirect.OldVersionAttribute, element)) return false;

            // Both changes of the element describe it with one path, written only if a front end reads it.
            var path = new LazyElementPath(element);
            if (Contains(stale.WrongNewVersion, redirect)) changes.Add(new SetXmlAttribute(path, "newVersion", compiled));
            if (ReferenceEquals(redirect, stale.ShortRange)) changes.Add(new SetXmlAttribute(path, "oldVersion", stale.FixedShortRange));
            return true;
        }

        private static bool Contains(System.Collections.Generic.IReadOnlyList<BindingRedirect> redirects, BindingRedirect redirect)
        {
            foreach (var r in redirects)
            {
                if (ReferenceEquals(r, redirect)) return true;
            }

            return false;
        }

        /// <summary>CMSH302: removes the entry without effect (its whole lines, when it stands on its own).</summary>
        public static Fix RemoveIgnored(DuplicateRedirect duplicate)
        {
            var element = duplicate.Later.Element.Original;
            return new Fix(RemoveDuplicateTitle, RemoveDuplicateKey, new FileChange[] { new RemoveXmlElement(element) });
        }

        /// <summary>CMSH303 without the namespace: xmlns written (or corrected) on the element; none for a prefixed element.</summary>
        public static Fix? AddNamespace(UnreadRedirect unread)
        {
            var element = unread.DecidedBy.Original;
            if (unread.Placement != RedirectPlacement.WithoutNamespace || element.Name.IndexOf(':') >= 0) return null;
            return new Fix(AddNamespaceTitle, AddNamespaceKey, new FileChange[] { new SetXmlAttribute(element, "xmlns", AssemblyBindings.Namespace) });
        }

        /// <summary>
        /// CMSH303 in a location or a folder web.config: removed there, appended to the root web.config's first
        /// <c>assemblyBinding</c> (given the namespace if it lacks it; created, with <c>runtime</c>, when missing), indented as
        /// the root file indents. Where it lands is decided when the fix is made, against the file as it is then: the moves
        /// of one Fix All or <c>--fix</c> all go into the one <c>assemblyBinding</c>, whichever of them (or the namespace fix)
        /// comes first. None when the root already has an entry for the assembly (which should stay is the developer's call),
        /// or when the root <c>runtime</c> is a transform's. When the root's first <c>assemblyBinding</c> is meant for another
        /// runtime (<c>appliesTo</c>), the move goes into the first one this runtime reads, and none is offered without one.
        /// </summary>
        public static Fix? MoveToRootRuntime(UnreadRedirect unread, AssemblyBindings bindings, ConfigFile rootWebConfig)
        {
            if (unread.Placement != RedirectPlacement.InLocation && unread.Placement != RedirectPlacement.InFolderWebConfig) return null;
            var entry = unread.Entries[0];
            if (WebConfig.From(rootWebConfig) is not { } root || root.Configuration.IsSelfClosing) return null;

            var runtime = bindings.RootRuntime?.Original;
            if (bindings.RootRuntime is not null && (runtime is null || !SiteConfigurationFiles.SamePath(runtime.File.Path, rootWebConfig.Path))) return null;

            // The entries of the assemblyBinding the move lands in count too: the move gives it the namespace, so they are read after it.
            var landing = bindings.RootRuntime?.Children.FirstOrDefault(c => c.Name == "assemblyBinding");
            if (entry.Identity is null || bindings.Entries.Any(e => (e.IsRead || ReferenceEquals(e.Element.Parent, landing)) && entry.Identity.Equals(e.Identity))) return null;

            var layout = new TextLayout(rootWebConfig);
            var source = entry.Element.Original;
            var removal = new RemoveXmlElement(source);
            if (landing is not null && AssemblyBindings.RuntimeReading(landing) != RedirectPlacement.Read)
            {
                // The first block is meant for another runtime (appliesTo) and would hide the redirect again: it goes into
                // the first block this runtime reads, which is namespaced already, so no other fix changes where that is.
                var read = runtime?.Children.FirstOrDefault(c => c.Name == "assemblyBinding" && AssemblyBindings.IsInBindingNamespace(c) && AssemblyBindings.RuntimeReading(c) == RedirectPlacement.Read);
                return read is null ? null : new Fix(MoveToRootTitle, MoveToRootKey, new FileChange[] { removal, new InsertXmlElement(read, Reindent(source, layout.ChildIndent(read), layout)) });
            }

            var insertion = new InsertXmlElementInSection(rootWebConfig.Path, RootBindingSection, Reindent(source, "", layout));
            return new Fix(MoveToRootTitle, MoveToRootKey, new FileChange[] { removal, insertion });
        }

        /// <summary>Where moved redirects go: the root runtime's first assemblyBinding, in the namespace the runtime reads.</summary>
        private static readonly string RootBindingSection = "<runtime><assemblyBinding xmlns=\"" + AssemblyBindings.Namespace + "\" /></runtime>";

        private static bool WrittenIn(ConfigAttribute? attribute, ConfigElement element) => attribute is null || ReferenceEquals(attribute.File, element.File);

        /// <summary>
        /// An element's markup for another place: lines after the first lose the element's own indentation and take
        /// <paramref name="indent"/>, each level of the source file's indentation becomes one of the target's, and line
        /// breaks become the target file's.
        /// </summary>
        private static string Reindent(ConfigElement element, string indent, TextLayout target)
        {
            var text = element.File.Text.Substring(element.FullSpan.Start, element.FullSpan.Length);
            var source = new TextLayout(element.File);
            var own = source.StartsLine(element.StartTag.Start) ? source.IndentOfLine(element.StartTag.Start) : "";
            var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            var result = new StringBuilder(lines[0]);
            for (var i = 1; i < lines.Length; i++)
            {
                var line = lines[i];
                result.Append(target.NewLine);
                if (own.Length == 0 || !line.StartsWith(own, StringComparison.Ordinal))
                {
                    result.Append(line);
                    continue;
                }

                var rest = line.Substring(own.Length);
                var levels = 0;
                while (source.IndentUnit.Length > 0 && rest.StartsWith(source.IndentUnit, StringComparison.Ordinal))
                {
                    rest = rest.Substring(source.IndentUnit.Length);
                    levels++;
                }

                result.Append(indent);
                for (var level = 0; level < levels; level++) result.Append(target.IndentUnit);
                result.Append(rest);
            }

            return result.ToString();
        }
    }
}
