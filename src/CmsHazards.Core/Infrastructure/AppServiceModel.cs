using System;
using System.Collections.Generic;
using System.Linq;

namespace CmsHazards.Infrastructure
{
    /// <summary>What the files say about an app's Web sockets switch.</summary>
    public enum WebSocketsSetting
    {
        /// <summary>Turned on by what the files write.</summary>
        On,

        /// <summary>Turned off by what the files write.</summary>
        Off,

        /// <summary>Never written: App Service leaves Web sockets off unless they are turned on.</summary>
        NotSet,

        /// <summary>Decided by something CmsHazards does not evaluate (a deployment parameter without default, a function).</summary>
        CannotTell,
    }

    /// <summary>The Web sockets switch of one app or slot, with the text that decides it.</summary>
    public sealed class WebSocketsVerdict
    {
        internal WebSocketsVerdict(WebSocketsSetting setting, InfrastructurePlace place, string explanation)
        {
            Setting = setting;
            Place = place;
            Explanation = explanation;
        }

        public WebSocketsSetting Setting { get; }

        /// <summary>The deciding text: the literal, the unresolved value, or (not set) the resource or siteConfig that leaves it out.</summary>
        public InfrastructurePlace Place { get; }

        /// <summary>A clause for messages: "webSocketsEnabled is false", "site_config sets no websockets_enabled (default: off)".</summary>
        public string Explanation { get; }

        /// <summary>For <see cref="WebSocketsSetting.Off"/>: the literal a fix turns to true.</summary>
        public InfraValue? Literal { get; internal set; }

        /// <summary>For <see cref="WebSocketsSetting.NotSet"/>: the innermost object that exists on the way to the setting.</summary>
        public InfraObject? Container { get; internal set; }

        /// <summary>For <see cref="WebSocketsSetting.NotSet"/>: the names missing below <see cref="Container"/>, the setting last.</summary>
        public IReadOnlyList<string> MissingPath { get; internal set; } = Array.Empty<string>();

        public bool IsOff => Setting == WebSocketsSetting.Off || Setting == WebSocketsSetting.NotSet;
    }

    /// <summary>A setting written where App Service does not read it (CMSH102).</summary>
    public sealed class IneffectiveSetting
    {
        internal IneffectiveSetting(InfrastructurePlace place, string message)
        {
            Place = place;
            Message = message;
        }

        public InfrastructurePlace Place { get; }

        public string Message { get; }
    }

    /// <summary>An App Service web app or deployment slot a file declares.</summary>
    public sealed class AppServiceApp
    {
        private readonly List<AppServiceApp> _slots = new List<AppServiceApp>();

        internal AppServiceApp(InfraResource resource, bool isSlot)
        {
            Resource = resource;
            IsSlot = isSlot;
        }

        public InfraResource Resource { get; }

        public bool IsSlot { get; }

        /// <summary>The app of a slot, when a file read declares it.</summary>
        public AppServiceApp? Site { get; internal set; }

        public IReadOnlyList<AppServiceApp> Slots => _slots;

        /// <summary>The full resource name as far as the files tell (<c>cms-prod/staging</c> for a slot); unknown parts in braces.</summary>
        public string Name { get; internal set; } = "";

        /// <summary>Whether <see cref="Name"/> is known in full, so declarations of the same name are the same app.</summary>
        public bool NameIsKnown => Name.IndexOf('{') < 0;

        public WebSocketsVerdict WebSockets { get; internal set; } = null!;

        public List<IneffectiveSetting> Ineffective { get; } = new List<IneffectiveSetting>();

        /// <summary>How a message names it: the Terraform address, or the resource name with its kind.</summary>
        public string Display =>
            Resource.Address ?? (IsSlot ? "slot '" + Name + "'" : "web app '" + Name + "'");

        internal void AddSlot(AppServiceApp slot) => _slots.Add(slot);

        /// <summary>Whether a CmsHostAppService value names it: symbolic name, resource name or Terraform address.</summary>
        public bool IsNamedBy(string name) =>
            string.Equals(Resource.SymbolicName, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(Resource.Address, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The App Service web apps and slots that a set of infrastructure files declares, with their Web sockets switch,
    /// read as the platform reads them: <c>siteConfig.webSocketsEnabled</c> (Terraform: <c>site_config { websockets_enabled }</c>),
    /// then a <c>config</c> resource named <c>web</c> that the deployment applies after the site.
    /// </summary>
    public sealed class AppServiceModel
    {
        private static readonly string[] SiteTypes = { "Microsoft.Web/sites", "azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_app_service" };
        private static readonly string[] SlotTypes = { "Microsoft.Web/sites/slots", "azurerm_linux_web_app_slot", "azurerm_windows_web_app_slot", "azurerm_app_service_slot" };

        private AppServiceModel(IReadOnlyList<AppServiceApp> sites, IReadOnlyList<InfrastructureNote> notes)
        {
            Sites = sites;
            Notes = notes;
        }

        /// <summary>Web apps in the order the files declare them, each with its slots.</summary>
        public IReadOnlyList<AppServiceApp> Sites { get; }

        /// <summary>Files that could not be read (<see cref="InfrastructureNote.FileUnreadable"/>) and parts that were skipped.</summary>
        public IReadOnlyList<InfrastructureNote> Notes { get; }

        /// <summary>Reads the files and links parameters files to what they parameterize.</summary>
        public static AppServiceModel Read(IEnumerable<InfrastructureFile> files)
        {
            var readings = new List<InfraReading>();
            var terraformScopes = new Dictionary<string, InfraScope>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                switch (file.Language)
                {
                    case InfrastructureLanguage.ArmTemplate:
                    case InfrastructureLanguage.ArmParameters:
                        readings.Add(ArmTemplateReader.Read(file));
                        break;
                    case InfrastructureLanguage.Bicep:
                    case InfrastructureLanguage.BicepParameters:
                        readings.Add(BicepReader.Read(file));
                        break;
                    default:
                        // Terraform reads a folder as one module; *.tfvars serve the folder's variables.
                        var folder = System.IO.Path.GetDirectoryName(file.Path) ?? "";
                        if (!terraformScopes.TryGetValue(folder, out var scope))
                        {
                            scope = new InfraScope("the Terraform files in " + (System.IO.Path.GetFileName(folder) is { Length: > 0 } name ? name : folder));
                            terraformScopes[folder] = scope;
                        }

                        readings.Add(TerraformReader.Read(file, scope));
                        break;
                }
            }

            ApplyParameterFiles(readings);
            return Build(readings);
        }

        private static void ApplyParameterFiles(List<InfraReading> readings)
        {
            foreach (var values in readings.Where(r => r.ParameterValues.Count > 0))
            {
                foreach (var target in readings.Where(r => r.Scope != null && Serves(values, r)))
                {
                    foreach (var pair in values.ParameterValues)
                    {
                        if (target.Scope!.Parameters.TryGetValue(pair.Key, out var parameter)) parameter.Given = pair.Value;
                    }
                }
            }
        }

        // A .bicepparam file serves the Bicep file it is using; an ARM parameters file every template given
        // (it names none); *.tfvars the Terraform files of its folder.
        private static bool Serves(InfraReading values, InfraReading target)
        {
            switch (values.File.Language)
            {
                case InfrastructureLanguage.BicepParameters:
                    if (target.File.Language != InfrastructureLanguage.Bicep) return false;
                    if (values.UsingPath is null) return true;
                    var folder = System.IO.Path.GetDirectoryName(values.File.Path) ?? "";
                    var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, values.UsingPath.Replace('/', System.IO.Path.DirectorySeparatorChar)));
                    return string.Equals(full, System.IO.Path.GetFullPath(target.File.Path), StringComparison.OrdinalIgnoreCase);
                case InfrastructureLanguage.ArmParameters:
                    return target.File.Language == InfrastructureLanguage.ArmTemplate;
                case InfrastructureLanguage.TerraformVariables:
                    return target.File.Language == InfrastructureLanguage.Terraform
                        && string.Equals(System.IO.Path.GetDirectoryName(values.File.Path), System.IO.Path.GetDirectoryName(target.File.Path), StringComparison.Ordinal);
                default:
                    return false;
            }
        }

        private static AppServiceModel Build(List<InfraReading> readings)
        {
            var resources = readings.SelectMany(r => r.Resources).ToList();
            var notes = readings.SelectMany(r => r.Notes).ToList();

            // Link parents named by symbol: Bicep parent:, Terraform app_service_id.
            foreach (var r in resources.Where(r => r.Parent is null && r.ParentSymbol != null))
            {
                r.Parent = resources.FirstOrDefault(p => p.Scope == r.Scope && (p.SymbolicName == r.ParentSymbol || p.Address == r.ParentSymbol));
            }

            var names = new Dictionary<InfraResource, string>();
            string FullName(InfraResource r)
            {
                if (names.TryGetValue(r, out var known)) return known;
                names[r] = "{?}"; // a parent cycle names nothing
                var own = InfraResolver.TextOf(r.Name, r.Scope);
                var name = r.NameIsRelative && r.Parent != null ? FullName(r.Parent) + "/" + own : own;
                names[r] = name;
                return name;
            }

            var apps = new List<AppServiceApp>();
            foreach (var r in resources)
            {
                var isSite = SiteTypes.Contains(r.Type, StringComparer.OrdinalIgnoreCase);
                var isSlot = SlotTypes.Contains(r.Type, StringComparer.OrdinalIgnoreCase);
                if (!isSite && !isSlot) continue;
                if (isSite && r.Body.Get("kind") is InfraLiteral { Value: string kind } && kind.IndexOf("functionapp", StringComparison.OrdinalIgnoreCase) >= 0) continue;
                apps.Add(new AppServiceApp(r, isSlot) { Name = FullName(r) });
            }

            // A config/web resource for an app no file declares (compiled ARM leaves 'existing' apps out): the app
            // is declared elsewhere, and this file changes its Web sockets, so it counts as an existing app here.
            foreach (var config in resources.Where(c => c.Parent is null && string.Equals(c.Type, "Microsoft.Web/sites/config", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                var name = FullName(config);
                var slash = name.LastIndexOf('/');
                if (slash <= 0 || !name.Substring(slash + 1).Equals("web", StringComparison.OrdinalIgnoreCase)) continue;
                var appName = name.Substring(0, slash);
                if (apps.Any(a => !a.IsSlot && a.Resource.Scope == config.Scope && SameName(a.Name, appName))) continue;
                var elsewhere = new InfraResource(config.Scope, "Microsoft.Web/sites", config.Declaration, new InfraObject(config.Body.File, new Text.TextSpan(config.Body.Span.Start, 0), Array.Empty<InfraMember>()))
                {
                    Name = new InfraLiteral(config.Body.File, config.Declaration.Span, appName),
                    IsExisting = true,
                };
                resources.Add(elsewhere);
                apps.Add(new AppServiceApp(elsewhere, false) { Name = appName });
            }

            // Slots to their apps: by link, else by the first segment of the slot's full name.
            var sites = apps.Where(a => !a.IsSlot).ToList();
            foreach (var slot in apps.Where(a => a.IsSlot))
            {
                var site = slot.Resource.Parent is { } p ? sites.FirstOrDefault(s => s.Resource == p) : null;
                site ??= sites.FirstOrDefault(s => s.Resource.Scope == slot.Resource.Scope && SameName(s.Name + "/", slot.Name, prefix: true));
                if (site is null)
                {
                    // A slot of an app declared elsewhere still is a host the site deploys to.
                    notes.Add(new InfrastructureNote(slot.Resource.Declaration, $"slot '{slot.Name}' belongs to an app that no file read declares"));
                    sites.Add(slot);
                    continue;
                }

                slot.Site = site;
                site.AddSlot(slot);
            }

            foreach (var app in apps) app.WebSockets = Decide(app, resources, FullName);
            foreach (var r in resources) NoteIneffective(r, apps);

            // An existing app counts only where this file changes it (a config/web child, a slot).
            var declared = sites.Where(s => !s.Resource.IsExisting || s.Slots.Count > 0 || s.WebSockets.Setting != WebSocketsSetting.CannotTell || s.IsSlot).ToList();
            return new AppServiceModel(declared, notes);
        }

        private static bool SameName(string a, string b, bool prefix = false) =>
            prefix ? b.StartsWith(a, StringComparison.OrdinalIgnoreCase) && b.IndexOf('/', a.Length) < 0 : string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        private static WebSocketsVerdict Decide(AppServiceApp app, List<InfraResource> resources, Func<InfraResource, string> fullName)
        {
            var r = app.Resource;
            var verdict = r.Address != null ? DecideTerraform(r) : DecideArm(app);

            // A config resource named web is deployed after the app (it depends on it) and replaces its siteConfig values.
            var configType = r.Type + "/config";
            foreach (var config in resources)
            {
                if (!string.Equals(config.Type, configType, StringComparison.OrdinalIgnoreCase)) continue;
                var name = fullName(config);
                var targets = config.Parent == r || (config.Parent is null && SameName(app.Name + "/", name, prefix: true));
                if (!targets || !name.EndsWith("/web", StringComparison.OrdinalIgnoreCase)) continue;
                var properties = config.Body.Get("properties");
                if (properties is null) continue;
                var resolved = InfraResolver.Resolve(properties, config.Scope);
                if (resolved.Value is null)
                {
                    verdict = CannotTell(resolved, properties, $"the properties of the config resource 'web' at {config.Declaration}");
                    continue;
                }

                if (!(resolved.Value is InfraObject obj) || obj.Member("webSocketsEnabled") is not { } member) continue;
                verdict = Switch(member, config.Scope, $"the config resource 'web' at {config.Declaration} sets ");
            }

            if (r.IsExisting && verdict.Setting == WebSocketsSetting.NotSet)
            {
                return new WebSocketsVerdict(WebSocketsSetting.CannotTell, r.Declaration, $"{app.Display} is declared elsewhere ('existing' at {r.Declaration}), and nothing read sets its Web sockets");
            }

            // A loop ([for ...], count, for_each) deploys many apps from one declaration: the verdict holds for each.
            return verdict;
        }

        private static WebSocketsVerdict DecideArm(AppServiceApp app)
        {
            var r = app.Resource;
            var properties = r.Body.Member("properties");
            if (properties is null) return NotSet(r.Body, r.Declaration, new[] { "properties", "siteConfig", "webSocketsEnabled" }, $"{r.Declaration} declares {app.Display} without siteConfig.webSocketsEnabled");
            var resolvedProperties = InfraResolver.Resolve(properties.Value, r.Scope);
            if (!(resolvedProperties.Value is InfraObject props))
            {
                return CannotTell(resolvedProperties, properties.Value, "the properties of " + app.Display);
            }

            var siteConfig = props.Member("siteConfig");
            if (siteConfig is null) return NotSet(props, r.Declaration, new[] { "siteConfig", "webSocketsEnabled" }, $"{r.Declaration} declares {app.Display} without siteConfig.webSocketsEnabled");
            var resolved = InfraResolver.Resolve(siteConfig.Value, r.Scope);
            if (!(resolved.Value is InfraObject config)) return CannotTell(resolved, siteConfig.Value, "the siteConfig of " + app.Display);
            var setting = config.Member("webSocketsEnabled");
            if (setting is null) return NotSet(config, new InfrastructurePlace(r.Declaration.File, siteConfig.NameSpan), new[] { "webSocketsEnabled" }, $"the siteConfig of {app.Display} at {r.Declaration.File.Describe(siteConfig.NameSpan)} has no webSocketsEnabled" + Via(resolved));
            return Switch(setting, r.Scope, resolved.Via.Length == 0 ? "siteConfig sets " : $"siteConfig ({resolved.Via}) sets ");
        }

        private static WebSocketsVerdict DecideTerraform(InfraResource r)
        {
            var display = r.Address!;
            var dynamic = r.Body.Members.LastOrDefault(m => m.IsBlock && m.Name == "dynamic" && m.Labels.Count == 1 && m.Labels[0] == "site_config");
            if (dynamic != null)
            {
                var forEach = (dynamic.Value as InfraObject)?.Get("for_each");
                var from = forEach is null ? "" : ", built from '" + forEach.Shown + "'";
                return new WebSocketsVerdict(WebSocketsSetting.CannotTell, new InfrastructurePlace(r.Declaration.File, dynamic.NameSpan), $"{display} takes its site_config from a dynamic block at {r.Declaration.File.Describe(dynamic.NameSpan)}{from}, known only at apply time");
            }

            var siteConfig = r.Body.Members.LastOrDefault(m => m.IsBlock && m.Name == "site_config");
            if (siteConfig is null) return NotSet(r.Body, r.Declaration, new[] { "site_config", "websockets_enabled" }, $"{r.Declaration} declares {display} without site_config.websockets_enabled");
            var block = (InfraObject)siteConfig.Value;
            var setting = block.Member("websockets_enabled");
            if (setting is null) return NotSet(block, new InfrastructurePlace(r.Declaration.File, siteConfig.NameSpan), new[] { "websockets_enabled" }, $"the site_config of {display} at {r.Declaration.File.Describe(siteConfig.NameSpan)} has no websockets_enabled");
            return Switch(setting, r.Scope, "site_config sets ");
        }

        // The setting's value: true/false, or "True"/"False" as strings (App Service converts them, as real
        // templates rely on), or what it depends on.
        private static WebSocketsVerdict Switch(InfraMember setting, InfraScope scope, string lead)
        {
            var resolved = InfraResolver.Resolve(setting.Value, scope);
            var written = $"{lead}{setting.Name} to {setting.Value.Shown} at {setting.Value.Place}";
            switch (resolved.Value)
            {
                case InfraLiteral { Value: bool on } literal:
                    return new WebSocketsVerdict(on ? WebSocketsSetting.On : WebSocketsSetting.Off, literal.Place, written + Via(resolved)) { Literal = literal };
                case InfraLiteral { Value: string text } literal when bool.TryParse(text, out var on):
                    return new WebSocketsVerdict(on ? WebSocketsSetting.On : WebSocketsSetting.Off, literal.Place, $"{written}{Via(resolved)}, a string App Service reads as {(on ? "true" : "false")}") { Literal = literal };
                case null:
                    return new WebSocketsVerdict(WebSocketsSetting.CannotTell, resolved.DecidedAt!, written + Unresolved(resolved, setting.Value));
                default:
                    return new WebSocketsVerdict(WebSocketsSetting.CannotTell, resolved.Value.Place, $"{written}{Via(resolved)}, which is not a boolean");
            }
        }

        // ", known only at deployment" when the written value itself is the expression; else what it depends on.
        private static string Unresolved(Resolved resolved, InfraValue written) =>
            resolved.DecidedAt!.File == written.File && resolved.DecidedAt.Span.Equals(written.Span)
                ? ", which is known only at deployment"
                : ", and " + resolved.Unresolved + " (" + resolved.DecidedAt + ")";

        private static WebSocketsVerdict NotSet(InfraObject container, InfrastructurePlace place, string[] missing, string clause) =>
            new WebSocketsVerdict(WebSocketsSetting.NotSet, place, clause + ", and App Service leaves Web sockets off unless they are turned on")
            {
                Container = container,
                MissingPath = missing,
            };

        private static WebSocketsVerdict CannotTell(Resolved resolved, InfraValue written, string what) =>
            new WebSocketsVerdict(WebSocketsSetting.CannotTell, resolved.DecidedAt ?? written.Place, $"{what} is {written.Shown} at {written.Place}{Unresolved(resolved, written)}");

        // " (parameter 'ws', default in main.bicep(2): false)": the way from the written name to the literal.
        private static string Via(Resolved resolved) => resolved.Via.Length == 0 ? "" : " (" + resolved.Via + ": " + resolved.Value!.Shown + ")";

        private static void NoteIneffective(InfraResource r, List<AppServiceApp> apps)
        {
            var app = apps.FirstOrDefault(a => a.Resource == r);
            if (app != null && r.Address is null && r.Body.Get("properties") is InfraObject props && props.Member("webSocketsEnabled") is { } misplaced)
            {
                // The site's properties define no webSocketsEnabled (it belongs in siteConfig); the platform ignores it.
                app.Ineffective.Add(new IneffectiveSetting(
                    new InfrastructurePlace(r.Declaration.File, misplaced.NameSpan),
                    $"webSocketsEnabled at {r.Declaration.File.Describe(misplaced.NameSpan)} sits directly under the properties of {app.Display}, where App Service defines no such property: it has no effect. It belongs in properties.siteConfig"));
                return;
            }

            if (r.Address is null && r.Type.EndsWith("/config", StringComparison.OrdinalIgnoreCase)
                && r.Body.Get("properties") is InfraObject configProps && configProps.Member("webSocketsEnabled") is { } key)
            {
                var name = InfraResolver.TextOf(r.Name, r.Scope);
                var own = name.Substring(name.LastIndexOf('/') + 1);
                if (string.Equals(own, "web", StringComparison.OrdinalIgnoreCase)) return;
                var owner = r.Parent is { } p ? apps.FirstOrDefault(a => a.Resource == p) : null;
                var target = owner ?? apps.FirstOrDefault(a => SameName(a.Name + "/", name, prefix: true));
                target?.Ineffective.Add(new IneffectiveSetting(
                    new InfrastructurePlace(r.Declaration.File, key.NameSpan),
                    $"webSocketsEnabled at {r.Declaration.File.Describe(key.NameSpan)} is in the config resource '{own}', not 'web': there it is {(own.Equals("appsettings", StringComparison.OrdinalIgnoreCase) ? "an app setting of that name" : "no site setting")}, and it does not switch Web sockets"));
            }
        }
    }
}
