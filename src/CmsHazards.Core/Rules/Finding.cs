using System;
using System.Collections.Generic;
using CmsHazards.Fixes;

namespace CmsHazards.Rules
{
    /// <summary>Where a front end that can choose puts a finding.</summary>
    public enum FindingPlacement
    {
        /// <summary>At <see cref="Finding.Location"/>, the file and line that decide it.</summary>
        AtLocation,

        /// <summary>
        /// On the C# code that starts the site (the application class of a CMS 7-11 site), with the location as an
        /// additional one: Visual Studio shows the light bulb, and <c>dotnet format</c> applies fixes, only for
        /// diagnostics in C# documents. Where the site has no such code, at the location.
        /// </summary>
        OnSiteCode,

        /// <summary>
        /// On the call that adds CMS to a CMS 12/13 site (<c>AddCms()</c>, else its <c>ConfigureServices</c> method or
        /// top-level statements: <see cref="AspNetCore.CmsStartupCode.Anchor"/>), with the location and
        /// <see cref="Finding.AdditionalLocations"/> as additional ones, for the same reason as <see cref="OnSiteCode"/>.
        /// Where the front end does not read the site's C#, at the location.
        /// </summary>
        OnCmsStartup,
    }

    /// <summary>
    /// One diagnostic as every front end reports it: the analyzer, the MSBuild task and the CLI take the ID,
    /// message, location and fixes from here unchanged, so they always agree.
    /// </summary>
    public sealed class Finding
    {
        /// <exception cref="ArgumentException">The ID is not in the <see cref="RuleCatalog"/>.</exception>
        public Finding(string ruleId, string message, FileLocation? location, IReadOnlyList<Fix>? fixes = null, FindingPlacement placement = FindingPlacement.AtLocation, IReadOnlyList<FileLocation>? additionalLocations = null, string? setting = null)
        {
            Setting = setting;
            AdditionalLocations = additionalLocations ?? Array.Empty<FileLocation>();
            Rule = RuleCatalog.Get(ruleId);
            Message = message ?? throw new ArgumentNullException(nameof(message));
            Location = location;
            Fixes = fixes ?? Array.Empty<Fix>();
            Placement = placement;
        }

        public RuleInfo Rule { get; }

        public string RuleId => Rule.Id;

        public string Message { get; }

        /// <summary>The text that decides the outcome; null for findings about MSBuild properties.</summary>
        public FileLocation? Location { get; }

        /// <summary>The fixes that apply, in the order they are offered; the first is what <c>dotnet format</c> and <c>--fix</c> apply.</summary>
        public IReadOnlyList<Fix> Fixes { get; }

        public FindingPlacement Placement { get; }

        /// <summary>Other text the message names (a setting the verdict also rests on): additional locations in the IDE.</summary>
        public IReadOnlyList<FileLocation> AdditionalLocations { get; }

        /// <summary>
        /// The MSBuild property the finding rests on when no file holds its evidence (a host declaration, CmsWebConfig):
        /// a front end that reads the project file puts a finding without <see cref="Location"/> where the property is declared.
        /// </summary>
        public string? Setting { get; }

        public override string ToString() => RuleId + ": " + Message;
    }
}
