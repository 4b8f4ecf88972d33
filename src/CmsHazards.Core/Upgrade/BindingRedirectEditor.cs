using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CmsHazards.Configuration;
using CmsHazards.Fixes;
using CmsHazards.Text;

namespace CmsHazards.Upgrade
{
    /// <summary>
    /// The edits that fix binding redirects, each touching only what it must: attribute values for a stale
    /// redirect, one element for a duplicate, one attribute for a missing namespace. Positions come from the
    /// file each element or attribute is written in, so an attribute a transform sets is fixed in the transform.
    /// </summary>
    public static class BindingRedirectEditor
    {
        /// <summary>CMSH301: newVersion set to the compiled version, oldVersion's bounds moved just enough to reach it.</summary>
        public static IReadOnlyList<FileEdit> SetCompiledVersion(StaleRedirect stale) => Group(StaleEdits(stale));

        /// <summary>CMSH301 Fix All: every stale redirect of every file, one edit per file.</summary>
        public static IReadOnlyList<FileEdit> SetCompiledVersions(IEnumerable<StaleRedirect> stale) => Group(stale.SelectMany(StaleEdits));

        /// <summary>CMSH302: removes the entry that has no effect; on a line of its own, the whole line goes.</summary>
        public static IReadOnlyList<FileEdit> RemoveIgnored(DuplicateRedirect duplicate)
        {
            var element = duplicate.Ignored.Element;
            return new[] { new FileEdit(element.File.Path, new[] { AppSettingsEditor.RemoveEntry(element.File, element) }) };
        }

        /// <summary>
        /// CMSH303 without the namespace: writes xmlns="urn:schemas-microsoft-com:asm.v1" on the element (or corrects
        /// the one it has). Nothing for a prefixed element, whose prefix may be meant for something else.
        /// </summary>
        public static IReadOnlyList<FileEdit> AddNamespace(UnreadRedirect unread)
        {
            var element = unread.DecidedBy;
            if (unread.Placement != RedirectPlacement.WithoutNamespace || element.Name.IndexOf(':') >= 0) return Array.Empty<FileEdit>();
            var written = element.Original;
            var declaration = written.Attribute("xmlns");
            var edit = declaration is not null
                ? new TextEdit(declaration.ValueSpan, AssemblyBindings.Namespace)
                : new TextEdit(new TextSpan(written.StartTag.Start + 1 + written.Name.Length, 0), " xmlns=\"" + AssemblyBindings.Namespace + "\"");
            return new[] { new FileEdit(written.File.Path, new[] { edit }) };
        }

        /// <summary>
        /// CMSH303 in a location or a folder web.config: the entry moves into the root web.config's
        /// <c>&lt;runtime&gt;&lt;assemblyBinding&gt;</c> (created when missing). Nothing when the root already has an
        /// entry for the assembly (which one should stay is the developer's call), or the root runtime the
        /// runtime reads is not written in <paramref name="rootWebConfig"/> (a transform brought it).
        /// </summary>
        public static IReadOnlyList<FileEdit> MoveToRootRuntime(UnreadRedirect unread, AssemblyBindings bindings, ConfigFile rootWebConfig)
        {
            if (unread.Placement != RedirectPlacement.InLocation && unread.Placement != RedirectPlacement.InFolderWebConfig) return Array.Empty<FileEdit>();
            var entry = unread.Entries[0];
            if (entry.Identity is null || bindings.Effective.Any(e => entry.Identity.Equals(e.Identity))) return Array.Empty<FileEdit>();
            if (WebConfig.From(rootWebConfig) is not { } root) return Array.Empty<FileEdit>();

            var layout = new TextLayout(rootWebConfig);
            var nl = layout.NewLine;
            var runtime = bindings.RootRuntime?.Original;
            if (runtime is not null && !SiteFiles.SamePath(runtime.File.Path, rootWebConfig.Path)) return Array.Empty<FileEdit>();
            if (runtime is null && bindings.RootRuntime is not null) return Array.Empty<FileEdit>();

            TextEdit insertion;
            var binding = runtime?.Children.FirstOrDefault(c => AssemblyBindings.LocalName(c) == "assemblyBinding" && AssemblyBindings.IsInBindingNamespace(c) && c.Name.IndexOf(':') < 0);
            if (binding is not null)
            {
                insertion = AppSettingsEditor.AddEntry(rootWebConfig, binding, layout, Reindent(entry.Element, layout.ChildIndent(binding), layout));
            }
            else if (runtime is not null)
            {
                var indent = layout.ChildIndent(runtime);
                insertion = AppSettingsEditor.AddEntry(rootWebConfig, runtime, layout, NewBinding(entry.Element, indent, layout));
            }
            else
            {
                if (root.Configuration.IsSelfClosing) return Array.Empty<FileEdit>();
                var indent = layout.ChildIndent(root.Configuration);
                var inner = indent + layout.IndentUnit;
                insertion = AppSettingsEditor.AddEntry(rootWebConfig, root.Configuration, layout, "<runtime>" + nl + inner + NewBinding(entry.Element, inner, layout) + nl + indent + "</runtime>");
            }

            var source = entry.Element.Original;
            var removal = AppSettingsEditor.RemoveEntry(source.File, source);
            if (!SiteFiles.SamePath(source.File.Path, rootWebConfig.Path))
            {
                return new[] { new FileEdit(source.File.Path, new[] { removal }), new FileEdit(rootWebConfig.Path, new[] { insertion }) };
            }

            if (insertion.Span.End > removal.Span.Start && insertion.Span.Start < removal.Span.End) return Array.Empty<FileEdit>();
            return new[] { new FileEdit(rootWebConfig.Path, new[] { removal, insertion }) };
        }

        private static string NewBinding(ConfigElement entry, string indent, TextLayout layout) =>
            "<assemblyBinding xmlns=\"" + AssemblyBindings.Namespace + "\">" + layout.NewLine + indent + layout.IndentUnit
            + Reindent(entry, indent + layout.IndentUnit, layout) + layout.NewLine + indent + "</assemblyBinding>";

        /// <summary>
        /// An element's text for another place: lines after the first lose the element's own indentation and take
        /// <paramref name="indent"/>, each level of the source file's indentation becomes one of the target's,
        /// and line breaks become the target file's.
        /// </summary>
        private static string Reindent(ConfigElement element, string indent, TextLayout target)
        {
            var written = element.Original;
            var text = written.File.Text.Substring(written.FullSpan.Start, written.FullSpan.Length);
            var source = new TextLayout(written.File);
            var own = source.StartsLine(written.StartTag.Start) ? source.IndentOfLine(written.StartTag.Start) : "";
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

        private static IEnumerable<(string Path, TextEdit Edit)> StaleEdits(StaleRedirect stale)
        {
            var compiled = StaleRedirect.Format(stale.Compiled.Version);
            foreach (var redirect in stale.WrongNewVersion)
            {
                if (redirect.NewVersionAttribute is { } attribute) yield return (attribute.File.Path, new TextEdit(attribute.ValueSpan, compiled));
                else yield return (redirect.Element.File.Path, AfterName(redirect.Element, " newVersion=\"" + compiled + "\""));
            }

            if (stale.ShortRange is not { } shortRange) yield break;
            if (shortRange.OldVersionAttribute is not { } old)
            {
                yield return (shortRange.Element.File.Path, AfterName(shortRange.Element, " oldVersion=\"" + stale.FixedOldVersion(shortRange) + "\""));
                yield break;
            }

            var range = shortRange.OldVersion;
            if (range is null || !range.IsRange)
            {
                yield return (old.File.Path, new TextEdit(old.ValueSpan, stale.FixedOldVersion(shortRange)));
                yield break;
            }

            // Only the bound that is short changes, as written; the rest of the value keeps its characters.
            var start = old.ValueSpan.Start;
            if (range.Low > stale.Compiled.Version) yield return (old.File.Path, new TextEdit(new TextSpan(start + range.LowSpan.Start, range.LowSpan.Length), "0.0.0.0"));
            if (range.High < stale.Compiled.Version) yield return (old.File.Path, new TextEdit(new TextSpan(start + range.HighSpan.Start, range.HighSpan.Length), compiled));
        }

        private static TextEdit AfterName(ConfigElement element, string attribute) =>
            new TextEdit(new TextSpan(element.StartTag.Start + 1 + element.Name.Length, 0), attribute);

        private static IReadOnlyList<FileEdit> Group(IEnumerable<(string Path, TextEdit Edit)> edits) =>
            edits
                .GroupBy(e => e.Path, StringComparer.Ordinal)
                .Select(g => new FileEdit(
                    g.Key,
                    g.Select(e => e.Edit).GroupBy(e => (e.Span.Start, e.Span.Length, e.NewText)).Select(same => same.First()).ToList()))
                .ToList();
    }
}
