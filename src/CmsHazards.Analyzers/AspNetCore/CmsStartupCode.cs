using System.Collections.Generic;
using CmsHazards.AspNetCore;
using CmsHazards.Rules;

namespace CmsHazards.Analyzers.AspNetCore
{
    /// <summary>
    /// What the C# of a CMS 12/13 site says about the CMS UI's WebSocket: where the site adds CMS, and every place
    /// it sets <c>UIOptions.WebSocketEnabled</c>. A plain fact for the core to decide on.
    /// </summary>
    public sealed class CmsStartupCode
    {
        public CmsStartupCode(FileLocation? addsCms, string? addsCmsCall, FileLocation? servicesConfigured, IReadOnlyList<SwitchSetting> settings)
        {
            AddsCms = addsCms;
            AddsCmsCall = addsCmsCall;
            ServicesConfigured = servicesConfigured;
            Settings = settings;
        }

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

        /// <summary>Where a diagnostic about the site's WebSocket goes: the AddCms call, else where services are configured.</summary>
        public FileLocation? Anchor => AddsCms ?? ServicesConfigured;

        public WebSocketSwitch Switch => WebSocketSwitch.Decide(Settings);
    }
}
