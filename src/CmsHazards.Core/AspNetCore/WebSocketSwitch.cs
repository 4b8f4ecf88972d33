using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Rules;

namespace CmsHazards.AspNetCore
{
    /// <summary>What one setting of <c>UIOptions.WebSocketEnabled</c> does.</summary>
    public enum SwitchState
    {
        /// <summary>Sets it to false: the CMS UI opens no WebSocket.</summary>
        Off,

        /// <summary>Sets it to true (the default, written out).</summary>
        On,

        /// <summary>Sets it to something a build cannot evaluate: a configuration lookup, an environment check.</summary>
        DependsOn,
    }

    /// <summary>
    /// When a setting runs: options are built by every Configure in registration order, then every PostConfigure.
    /// Configuration (appsettings.json) is bound when CMS registers its options, that is before the Configure calls
    /// a site makes after adding CMS.
    /// </summary>
    public enum SwitchPhase
    {
        Configuration,
        Configure,
        PostConfigure,
    }

    /// <summary>One place where a CMS 12 site sets <c>EPiServer.Web.UIOptions.WebSocketEnabled</c>.</summary>
    public sealed class SwitchSetting
    {
        public SwitchSetting(SwitchState state, SwitchPhase phase, string how, string expression, FileLocation location)
        {
            State = state;
            Phase = phase;
            How = how;
            Expression = expression;
            Location = location;
        }

        public SwitchState State { get; }

        public SwitchPhase Phase { get; }

        /// <summary>How the site sets it, in its own words: "Configure&lt;UIOptions&gt;", "an IConfigureOptions&lt;UIOptions&gt; class", "appsettings.json".</summary>
        public string How { get; }

        /// <summary>The value as written: <c>false</c>, <c>!env.IsDevelopment()</c>, <c>"False"</c>.</summary>
        public string Expression { get; }

        /// <summary>Where the value is written.</summary>
        public FileLocation Location { get; }

        public override string ToString() => $"{State} by {How} ({Expression}) at {Location}";
    }

    /// <summary>The switch as the site leaves it, and the setting that decides it (none when the default stands).</summary>
    public sealed class WebSocketSwitch
    {
        private WebSocketSwitch(SwitchState state, SwitchSetting? decidedBy)
        {
            State = state;
            DecidedBy = decidedBy;
        }

        /// <summary>Nothing sets it: WebSocketEnabled keeps its default, true.</summary>
        public static readonly WebSocketSwitch NotSet = new WebSocketSwitch(SwitchState.On, null);

        public SwitchState State { get; }

        public SwitchSetting? DecidedBy { get; }

        public bool IsOff => State == SwitchState.Off;

        /// <summary>
        /// The switch after every setting has run. The latest phase that sets it decides; within a phase, the
        /// order of registrations across files is not known to a build, so the switch counts as off only when
        /// every setting of that phase turns it off. Otherwise the setting that may leave it on is named: one
        /// the build cannot evaluate first, then one that turns it on.
        /// </summary>
        public static WebSocketSwitch Decide(IEnumerable<SwitchSetting> settings)
        {
            var all = settings.ToList();
            if (all.Count == 0) return NotSet;
            var phase = all.Max(s => s.Phase);
            var deciding = all.Where(s => s.Phase == phase).ToList();
            var uncertain = deciding.FirstOrDefault(s => s.State == SwitchState.DependsOn);
            if (uncertain is not null) return new WebSocketSwitch(SwitchState.DependsOn, uncertain);
            var on = deciding.FirstOrDefault(s => s.State == SwitchState.On);
            if (on is not null) return new WebSocketSwitch(SwitchState.On, on);
            return new WebSocketSwitch(SwitchState.Off, deciding[deciding.Count - 1]);
        }

        public override string ToString() => DecidedBy is null ? "not set (on by default)" : State + " by " + DecidedBy;
    }
}
