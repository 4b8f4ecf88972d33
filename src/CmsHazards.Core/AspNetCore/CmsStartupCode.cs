using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Rules;

namespace CmsHazards.AspNetCore
{
    /// <summary>
    /// What the C# of a CMS 12/13 site says about the CMS UI's WebSocket: where the site adds CMS, and every place it
    /// sets <c>UIOptions.WebSocketEnabled</c>. A site fact (<see cref="SiteFacts.Fact{T}"/>) that only a front end with
    /// the compilation can gather: the analyzer. The MSBuild task and the CLI leave it out, and the rule then says what
    /// it could not tell without the C#.
    /// </summary>
    public sealed class CmsStartupCode : IEquatable<CmsStartupCode>
    {
        public CmsStartupCode(FileLocation? addsCms, string? addsCmsCall, FileLocation? servicesConfigured, IReadOnlyList<SwitchSetting> settings)
            : this(addsCms, addsCmsCall, servicesConfigured, settings, compilesUiOptions: true)
        {
        }

        private CmsStartupCode(FileLocation? addsCms, string? addsCmsCall, FileLocation? servicesConfigured, IReadOnlyList<SwitchSetting> settings, bool compilesUiOptions)
        {
            CompilesUiOptions = compilesUiOptions;
            AddsCms = addsCms;
            AddsCmsCall = addsCmsCall;
            ServicesConfigured = servicesConfigured;
            Settings = settings;
        }

        /// <summary>
        /// The C# of a compilation that cannot name <c>EPiServer.Web.UIOptions</c> (the CMS UI version came from the
        /// build, not from an assembly it compiles against): its code can neither set the switch nor take the C# fix,
        /// and the analyzer decides nothing about it.
        /// </summary>
        public static readonly CmsStartupCode WithoutUiOptions = new CmsStartupCode(null, null, null, Array.Empty<SwitchSetting>(), compilesUiOptions: false);

        /// <summary>Whether the compilation has <c>EPiServer.Web.UIOptions</c>; false only for <see cref="WithoutUiOptions"/>.</summary>
        public bool CompilesUiOptions { get; }

        /// <summary>
        /// The call that adds CMS: <c>AddCms()</c>, else <c>AddCmsAspNetIdentity&lt;T&gt;()</c>, else the site's own
        /// extension method that calls one of them; null when the compilation shows none.
        /// </summary>
        public FileLocation? AddsCms { get; }

        /// <summary>The name of that call, as the message says it: "AddCms()", "AddCommerce()".</summary>
        public string? AddsCmsCall { get; }

        /// <summary>Where services are configured when no call adds CMS: a ConfigureServices method, or the top-level statements.</summary>
        public FileLocation? ServicesConfigured { get; }

        /// <summary>Every place the site sets the switch, in file and text order.</summary>
        public IReadOnlyList<SwitchSetting> Settings { get; }

        /// <summary>
        /// Where a diagnostic about the site's WebSocket goes (<see cref="FindingPlacement.OnCmsStartup"/>): the call that
        /// adds CMS, else where services are configured; null when the code shows neither.
        /// </summary>
        public FileLocation? Anchor => AddsCms ?? ServicesConfigured;

        public WebSocketSwitch Switch => WebSocketSwitch.Decide(Settings);

        public bool Equals(CmsStartupCode? other) =>
            other is not null
            && CompilesUiOptions == other.CompilesUiOptions
            && AddsCmsCall == other.AddsCmsCall
            && Same(AddsCms, other.AddsCms)
            && Same(ServicesConfigured, other.ServicesConfigured)
            && Settings.Count == other.Settings.Count
            && Settings.Zip(other.Settings, (a, b) => a.State == b.State && a.Phase == b.Phase && a.How == b.How && a.Expression == b.Expression && Same(a.Location, b.Location)).All(same => same);

        public override bool Equals(object? obj) => Equals(obj as CmsStartupCode);

        public override int GetHashCode() => Settings.Count;

        private static bool Same(FileLocation? a, FileLocation? b) =>
            a is null ? b is null : b is not null && a.Path == b.Path && a.Span.Start == b.Span.Start && a.Span.Length == b.Span.Length && a.Start.Line == b.Start.Line;
    }
}
