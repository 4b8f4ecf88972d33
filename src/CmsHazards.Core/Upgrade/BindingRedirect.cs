using System;
using System.Collections.Generic;
using CmsHazards.Configuration;

namespace CmsHazards.Upgrade
{
    /// <summary>
    /// <c>&lt;bindingRedirect oldVersion="0.0.0.0-11.20.0.0" newVersion="11.20.0.0" /&gt;</c>: the runtime asks for
    /// newVersion whenever a reference asks for a version in the oldVersion range.
    /// </summary>
    public sealed class BindingRedirect
    {
        internal BindingRedirect(ConfigElement element)
        {
            Element = element;
            OldVersionAttribute = element.Attribute("oldVersion");
            NewVersionAttribute = element.Attribute("newVersion");
            OldVersion = OldVersionAttribute is null ? null : VersionRange.Parse(RawValue(OldVersionAttribute));
            NewVersion = NewVersionAttribute is null ? null : VersionRange.ParseVersion(RawValue(NewVersionAttribute));
        }

        /// <summary>
        /// Why the runtime redirects no reference with this element, or null when it is well formed. The .NET Framework's
        /// binder drops a bindingRedirect without oldVersion or newVersion and one whose versions it cannot read, and a
        /// range whose lower bound is above its upper bound holds no version (Shared Source CLI, fusion's
        /// CNodeFactory::ProcessBindingRedirectTag, AddToResult and IsMatchingVersion; docs/rules/CMSH301.md).
        /// </summary>
        public string? Malformation =>
            OldVersionAttribute is null ? "it has no oldVersion"
            : NewVersionAttribute is null ? "it has no newVersion"
            : OldVersion is null ? "its oldVersion is neither a version nor a range of two versions (low-high)"
            : NewVersion is null ? "its newVersion is not a version (four numbers from 0 to 65535)"
            : OldVersion.Low > OldVersion.High ? "its oldVersion range runs backwards (" + StaleRedirect.Format(OldVersion.Low) + " is above " + StaleRedirect.Format(OldVersion.High) + ") and holds no version"
            : null;

        /// <summary>Whether the runtime reads this redirect: both versions there and readable, and a range that holds a version.</summary>
        public bool IsWellFormed => Malformation is null;

        /// <summary>The element in the deployed configuration; its positions are those of the file it is written in.</summary>
        public ConfigElement Element { get; }

        public ConfigAttribute? OldVersionAttribute { get; }

        public ConfigAttribute? NewVersionAttribute { get; }

        /// <summary>Null when the attribute is missing or is not a version or range the runtime reads.</summary>
        public VersionRange? OldVersion { get; }

        public Version? NewVersion { get; }

        /// <summary>The value as written between the quotes: spans inside a <see cref="VersionRange"/> refer to it.</summary>
        internal static string RawValue(ConfigAttribute attribute)
        {
            // Usually the value is written without entities and is the same text: no copy then (two per redirect).
            var span = attribute.ValueSpan;
            var value = attribute.Value;
            return value.Length == span.Length && string.CompareOrdinal(attribute.File.Text, span.Start, value, 0, span.Length) == 0
                ? value
                : attribute.File.Text.Substring(span.Start, span.Length);
        }
    }

    /// <summary>Why the runtime never reads a <c>dependentAssembly</c>, or that it does.</summary>
    public enum RedirectPlacement
    {
        /// <summary>Directly in the root web.config's <c>&lt;configuration&gt;&lt;runtime&gt;&lt;assemblyBinding xmlns="urn:schemas-microsoft-com:asm.v1"&gt;</c>.</summary>
        Read,

        /// <summary>Its <c>assemblyBinding</c> (or the element itself) is not in the <c>urn:schemas-microsoft-com:asm.v1</c> namespace.</summary>
        WithoutNamespace,

        /// <summary>Under <c>&lt;runtime configSource="..."&gt;</c>, or in the file it names: the CLR reads <c>&lt;runtime&gt;</c> itself and does not follow configSource.</summary>
        RuntimeConfigSource,

        /// <summary>Under a <c>&lt;location&gt;</c>: the CLR reads only <c>&lt;configuration&gt;&lt;runtime&gt;</c>.</summary>
        InLocation,

        /// <summary>In the web.config of a folder (Views/, modules/...): the CLR reads the application's web.config only.</summary>
        InFolderWebConfig,

        /// <summary>
        /// Its <c>assemblyBinding</c>'s <c>appliesTo</c> names only earlier runtimes (v1.0.3705, v1.1.4322, v2.0.50727):
        /// the site's runtime, v4.0.30319, skips it, as whoever wrote it meant. Not reported.
        /// </summary>
        OtherRuntime,

        /// <summary>
        /// Its <c>assemblyBinding</c>'s <c>appliesTo</c> names no runtime version the CLR compares it with ("v4.0",
        /// "4.0.30319"): the site's runtime skips it, though whoever wrote it most likely meant it for this runtime.
        /// </summary>
        AppliesToNoRuntime,
    }

    /// <summary>
    /// <c>&lt;dependentAssembly&gt;</c>: an assembly identity and its redirects, with the place it is written and
    /// whether the runtime reads it from there.
    /// </summary>
    public sealed class DependentAssembly
    {
        internal DependentAssembly(ConfigElement element, ConfigElement assemblyBinding, RedirectPlacement placement, ConfigElement? placementElement)
        {
            Element = element;
            AssemblyBinding = assemblyBinding;
            Placement = placement;
            PlacementElement = placementElement;

            var identity = FirstLocal(element, "assemblyIdentity");
            IdentityElement = identity;
            var name = identity?.AttributeValue("name");
            Identity = string.IsNullOrWhiteSpace(name)
                ? null
                : new AssemblyIdentity(name!.Trim(), identity!.AttributeValue("publicKeyToken"), identity.AttributeValue("culture"));

            // Counted first: an entry usually has one redirect, and thousands of entries each with a list add up.
            var count = 0;
            foreach (var child in element.Children)
            {
                if (IsRedirect(child)) count++;
            }

            var redirects = count == 0 ? Array.Empty<BindingRedirect>() : new BindingRedirect[count];
            var index = 0;
            foreach (var child in element.Children)
            {
                if (IsRedirect(child)) redirects[index++] = new BindingRedirect(child);
            }

            Redirects = redirects;

            foreach (var child in element.Children)
            {
                var local = AssemblyBindings.LocalName(child);
                if (local == "codeBase") (_codeBases ??= new List<ConfigElement>()).Add(child);
                else if (local != "assemblyIdentity" && local != "bindingRedirect") HasOtherSettings = true;
            }
        }

        private List<ConfigElement>? _codeBases;

        /// <summary>The <c>codeBase</c> elements: where the runtime looks for a version of the assembly.</summary>
        public IReadOnlyList<ConfigElement> CodeBases => (IReadOnlyList<ConfigElement>?)_codeBases ?? Array.Empty<ConfigElement>();

        /// <summary>Whether it has elements other than assemblyIdentity, bindingRedirect and codeBase (publisherPolicy...).</summary>
        public bool HasOtherSettings { get; }

        /// <summary>The element in the deployed configuration (or in the folder web.config that holds it).</summary>
        public ConfigElement Element { get; }

        public ConfigElement AssemblyBinding { get; }

        public ConfigElement? IdentityElement { get; }

        /// <summary>Null when the element names no assembly; such an entry is never judged.</summary>
        public AssemblyIdentity? Identity { get; }

        public IReadOnlyList<BindingRedirect> Redirects { get; }

        public RedirectPlacement Placement { get; }

        /// <summary>
        /// The element that decides the placement: the <c>assemblyBinding</c> without the namespace, the
        /// <c>runtime</c> with configSource, the <c>location</c>; null when read or in a folder web.config.
        /// </summary>
        public ConfigElement? PlacementElement { get; }

        public bool IsRead => Placement == RedirectPlacement.Read;

        private static bool IsRedirect(ConfigElement element) => AssemblyBindings.LocalName(element) == "bindingRedirect";

        private static ConfigElement? FirstLocal(ConfigElement element, string localName)
        {
            foreach (var child in element.Children)
            {
                if (AssemblyBindings.LocalName(child) == localName) return child;
            }

            return null;
        }
    }
}
