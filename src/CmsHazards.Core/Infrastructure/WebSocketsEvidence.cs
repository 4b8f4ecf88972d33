using System;
using System.Collections.Generic;
using System.Linq;

namespace CmsHazards.Infrastructure
{
    /// <summary>
    /// Which web app the CMS runs on: the only one the files declare, or the one <c>CmsHostAppService</c> names by
    /// symbolic name, resource name or Terraform address. A name declared in several files (a .bicep and the ARM
    /// JSON compiled from it) is one app with several declarations.
    /// </summary>
    public sealed class CmsHostApp
    {
        public const string Property = "CmsHostAppService";

        private CmsHostApp(IReadOnlyList<AppServiceApp> declarations, IReadOnlyList<AppServiceApp> candidates, string? problem)
        {
            Declarations = declarations;
            Candidates = candidates;
            Problem = problem;
        }

        /// <summary>The declarations of the chosen app; empty when none is chosen.</summary>
        public IReadOnlyList<AppServiceApp> Declarations { get; }

        /// <summary>Every web app the files declare, one declaration per app.</summary>
        public IReadOnlyList<AppServiceApp> Candidates { get; }

        /// <summary>Why no app is chosen although there are some (CMSH103), as sentences.</summary>
        public string? Problem { get; }

        /// <summary>The chosen app and every slot of it: each is a host the site is deployed to.</summary>
        public IReadOnlyList<AppServiceApp> Hosts => Declarations.SelectMany(d => new[] { d }.Concat(d.Slots)).ToList();

        public static CmsHostApp Choose(AppServiceModel model, string? named)
        {
            var groups = new List<List<AppServiceApp>>();
            foreach (var site in model.Sites)
            {
                var group = site.NameIsKnown ? groups.FirstOrDefault(g => g[0].NameIsKnown && string.Equals(g[0].Name, site.Name, StringComparison.OrdinalIgnoreCase)) : null;
                if (group is null) groups.Add(new List<AppServiceApp> { site });
                else group.Add(site);
            }

            var candidates = groups.Select(g => g[0]).ToList();
            var name = named?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                if (groups.Count == 1) return new CmsHostApp(groups[0], candidates, null);
                if (groups.Count == 0) return new CmsHostApp(Array.Empty<AppServiceApp>(), candidates, null);
                return new CmsHostApp(Array.Empty<AppServiceApp>(), candidates,
                    $"The infrastructure files declare {groups.Count} web apps: {Listing(candidates)}. Set {Property} to the one that hosts the CMS (its symbolic name, resource name or Terraform address); until then CmsHazards does not use their Web sockets settings.");
            }

            var matches = groups.Where(g => g.Any(a => a.IsNamedBy(name!))).ToList();
            if (matches.Count == 1) return new CmsHostApp(matches[0], candidates, null);
            if (matches.Count == 0)
            {
                var declared = groups.Count == 0 ? "The infrastructure files declare no web app." : $"They declare: {Listing(candidates)}.";
                return new CmsHostApp(Array.Empty<AppServiceApp>(), candidates,
                    $"{Property} is '{name}', but no web app in the infrastructure files has that symbolic name, resource name or Terraform address. {declared}");
            }

            return new CmsHostApp(Array.Empty<AppServiceApp>(), candidates,
                $"{Property} is '{name}', which names {matches.Count} web apps: {Listing(matches.Select(g => g[0]))}. Name the one that hosts the CMS by its resource name or Terraform address.");
        }

        /// <summary>"web app 'contoso-cms' (main.bicep(13)), azurerm_linux_web_app.cms (main.tf(9))".</summary>
        public static string Listing(IEnumerable<AppServiceApp> apps) =>
            string.Join(", ", apps.Select(a => a.Resource.SymbolicName != null && a.Resource.Address is null
                ? $"{a.Display} (symbolic name {a.Resource.SymbolicName}, {a.Resource.Declaration})"
                : $"{a.Display} ({a.Resource.Declaration})"));
    }

    /// <summary>
    /// What the infrastructure files say about the hosts of the CMS, as host evidence beside web.config's
    /// <c>webSocket enabled="false"</c> and the <c>CmsHostWebSockets</c> declaration.
    /// </summary>
    public sealed class WebSocketsEvidence
    {
        private WebSocketsEvidence(CmsHostApp app, AppServiceModel model)
        {
            App = app;
            Model = model;
            Off = app.Hosts.Where(h => h.WebSockets.IsOff).ToList();
            CannotTell = app.Hosts.Where(h => h.WebSockets.Setting == WebSocketsSetting.CannotTell).ToList();
            Ineffective = app.Hosts.SelectMany(h => h.Ineffective).ToList();
        }

        public CmsHostApp App { get; }

        public AppServiceModel Model { get; }

        /// <summary>The hosts (app and slots) whose Web sockets the files leave off, app first.</summary>
        public IReadOnlyList<AppServiceApp> Off { get; }

        /// <summary>The hosts whose Web sockets are decided by something CmsHazards does not evaluate.</summary>
        public IReadOnlyList<AppServiceApp> CannotTell { get; }

        /// <summary>Settings of the chosen hosts that App Service does not read (CMSH102).</summary>
        public IReadOnlyList<IneffectiveSetting> Ineffective { get; }

        /// <summary>True when the files turn Web sockets on for the app and every slot: as good as declaring <c>CmsHostWebSockets=true</c>.</summary>
        public bool CarriesWebSockets => App.Hosts.Count > 0 && Off.Count == 0 && CannotTell.Count == 0;

        /// <summary>False when some host has Web sockets off, true when all have them on, null when the files do not tell.</summary>
        public bool? WebSockets => Off.Count > 0 ? false : CarriesWebSockets ? true : (bool?)null;

        public static WebSocketsEvidence From(AppServiceModel model, string? cmsHostAppService) =>
            new WebSocketsEvidence(CmsHostApp.Choose(model, cmsHostAppService), model);

        /// <summary>The text a CMSH101 finding points at as its additional location: the first host that is off.</summary>
        public InfrastructurePlace? DecidingPlace => Off.Count > 0 ? Off[0].WebSockets.Place : CannotTell.Count > 0 ? CannotTell[0].WebSockets.Place : null;

        /// <summary>
        /// The host clause of CMSH101: "the host is Azure App Service, and Web sockets are off for web app 'x': ...".
        /// Every host that is off is named, so a staging slot is not missed.
        /// </summary>
        public string OffClause()
        {
            var parts = Off.Select(h => $"{h.Display} ({h.WebSockets.Explanation})");
            return $"the host is Azure App Service, and Web sockets are off for {string.Join("; for ", parts)}";
        }

        /// <summary>The CMSH100 clause: what decides the hosts' Web sockets, and where.</summary>
        public string CannotTellClause() =>
            "the infrastructure files do not tell whether Azure App Service carries WebSockets: for " +
            string.Join("; for ", CannotTell.Select(h => $"{h.Display}, {h.WebSockets.Explanation}"));

        /// <summary>"Turn on Web sockets in &lt;file&gt;" for the hosts that are off, one fix per file.</summary>
        public IReadOnlyList<InfrastructureFix> Fixes => TurnOnWebSockets.Plan(Off.Select(h => h.WebSockets));
    }
}
