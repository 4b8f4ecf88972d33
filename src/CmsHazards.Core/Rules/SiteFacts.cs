using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CmsHazards.Configuration;
using CmsHazards.Hosting;
using CmsHazards.Versions;

namespace CmsHazards.Rules
{
    /// <summary>
    /// Everything the rules may know about one site, filled by a front end: the Roslyn analyzer from the compilation,
    /// the MSBuild task from the project, the CLI from the files. The common facts are properties; a family's own
    /// facts (C# code, infrastructure files, referenced assemblies) are registered with <see cref="With{T}"/> and
    /// gathered only when a rule first reads them, so what no rule reads is never computed.
    /// </summary>
    public sealed class SiteFacts
    {
        private static readonly IReadOnlyDictionary<string, string> NoProperties = new Dictionary<string, string>();

        private readonly IReadOnlyDictionary<Type, Lazy<object?>> _facts;

        /// <param name="cmsUi">The CMS UI the site compiles against; null when it references none.</param>
        /// <param name="configuration">The site's web.config and what it pulls in; null when the site has none.</param>
        /// <param name="buildProperties">The MSBuild properties the rules read (names compared without case, as MSBuild does).</param>
        public SiteFacts(CmsUiReference? cmsUi, HostDeclaration? host, SiteConfiguration? configuration, IReadOnlyDictionary<string, string>? buildProperties = null)
            : this(cmsUi, host ?? HostDeclaration.None, configuration, Normalize(buildProperties), new Dictionary<Type, Lazy<object?>>())
        {
        }

        private SiteFacts(CmsUiReference? cmsUi, HostDeclaration host, SiteConfiguration? configuration, IReadOnlyDictionary<string, string> buildProperties, IReadOnlyDictionary<Type, Lazy<object?>> facts)
        {
            CmsUi = cmsUi;
            Host = host;
            Configuration = configuration;
            BuildProperties = buildProperties;
            _facts = facts;
        }

        /// <summary>The CMS UI the site compiles against, or null when it references none.</summary>
        public CmsUiReference? CmsUi { get; }

        /// <summary>What the project declares about the hosts it deploys to.</summary>
        public HostDeclaration Host { get; }

        /// <summary>The site's XML configuration (web.config and what it pulls in); null when there is no web.config.</summary>
        public SiteConfiguration? Configuration { get; }

        /// <summary>The MSBuild properties the front end passed on, by name without case.</summary>
        public IReadOnlyDictionary<string, string> BuildProperties { get; }

        /// <summary>The build configuration ("Release"), or null when unknown.</summary>
        public string? BuildConfiguration => Configuration?.BuildConfiguration ?? Property("Configuration");

        /// <summary>A build property's value; null when it is not set or blank.</summary>
        public string? Property(string name) =>
            BuildProperties.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

        /// <summary>
        /// The same site with one more kind of fact, gathered by <paramref name="gather"/> the first time a rule asks for
        /// it (<see cref="Fact{T}"/>). A fact is a value: it implements Equals, so a verdict can be reused while the facts are equal.
        /// </summary>
        public SiteFacts With<T>(Func<T?> gather)
            where T : class
        {
            var facts = _facts.ToDictionary(f => f.Key, f => f.Value);
            facts[typeof(T)] = new Lazy<object?>(() => gather(), LazyThreadSafetyMode.ExecutionAndPublication);
            return new SiteFacts(CmsUi, Host, Configuration, BuildProperties, facts);
        }

        /// <summary>A fact of the kind <typeparamref name="T"/>; null when the front end cannot gather it, or there is none.</summary>
        public T? Fact<T>()
            where T : class =>
            _facts.TryGetValue(typeof(T), out var fact) ? (T?)fact.Value : null;

        /// <summary>The same site with its configuration files as a fix would leave them; everything else the same.</summary>
        public SiteFacts WithConfiguration(SiteConfiguration configuration) =>
            new SiteFacts(CmsUi, Host, configuration, BuildProperties, _facts);

        /// <summary>
        /// Whether every input that decided this site's verdict is the same in <paramref name="other"/>: the same parsed
        /// files (by reference: a text snapshot is parsed once), the same CMS UI, host declaration and build properties,
        /// and equal facts among those a rule read here (a fact no rule read decided nothing, and is not gathered now).
        /// </summary>
        public bool HasSameInputsAs(SiteFacts other) =>
            (Configuration is null ? other.Configuration is null : other.Configuration is not null && Configuration.IsSameAs(other.Configuration))
            && CmsUi?.Source == other.CmsUi?.Source
            && Equals(CmsUi?.Version, other.CmsUi?.Version)
            && Host.WebSockets == other.Host.WebSockets
            && Host.IisVersionText == other.Host.IisVersionText
            && Host.Problems.SequenceEqual(other.Host.Problems)
            && BuildProperties.Count == other.BuildProperties.Count
            && BuildProperties.All(p => other.BuildProperties.TryGetValue(p.Key, out var value) && value == p.Value)
            && _facts.All(f => !f.Value.IsValueCreated || (other._facts.TryGetValue(f.Key, out var fact) && Equals(f.Value.Value, fact.Value)));

        private static IReadOnlyDictionary<string, string> Normalize(IReadOnlyDictionary<string, string>? properties)
        {
            if (properties is null || properties.Count == 0) return NoProperties;
            var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in properties) byName[property.Key] = property.Value;
            return byName;
        }
    }
}
