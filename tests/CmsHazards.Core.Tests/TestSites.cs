using CmsHazards.Configuration;
using CmsHazards.Fixes;
using CmsHazards.Hosting;
using CmsHazards.Rules;
using CmsHazards.Versions;

namespace CmsHazards.Tests;

/// <summary>A site built from its parts and run through the engine, as the front ends do.</summary>
internal static class TestSites
{
    public static IReadOnlyList<Finding> Check(
        CmsUiReference? ui,
        ConfigFile webConfig,
        ConfigFile? appSettingsFile,
        HostDeclaration host,
        string? buildConfiguration = null,
        ConfigFile? webConfigTransform = null,
        ConfigFile? appSettingsTransform = null,
        IReadOnlyList<ConfigFile>? folderWebConfigs = null) =>
        SiteCheck.Run(new SiteFacts(
            ui,
            host,
            new SiteConfiguration(webConfig, appSettingsFile, buildConfiguration, webConfigTransform, appSettingsTransform, folderWebConfigs)));
}

/// <summary>The equivalence keys of the WebSockets fixes, as a finding's fixes name them.</summary>
internal static class FixKind
{
    public const string TurnOffWebSockets = "CmsHazards.TurnOffWebSockets";
    public const string UseTaskFriendlySynchronizationContext = "CmsHazards.UseTaskFriendlySynchronizationContext";
    public const string MoveWebSocketsKeyToRoot = "CmsHazards.MoveWebSocketsKeyToRoot";
}

/// <summary>What a finding's fixes, as data, say: which kinds, which file they set the key in, which entry they move.</summary>
internal static class FindingFixes
{
    public static IEnumerable<string> FixKinds(this Finding finding) => finding.Fixes.Select(f => f.EquivalenceKey);

    /// <summary>The file whose root appSettings the fixes set the key in; null when no fix is offered.</summary>
    public static string? FixTargetPath(this Finding finding) =>
        finding.Fixes.SelectMany(f => f.Changes).OfType<SetAppSetting>().Select(c => c.Path).FirstOrDefault();

    /// <summary>The entry a move removes: its file and where its name starts.</summary>
    public static (string Path, int Offset)? KeyToMove(this Finding finding) =>
        finding.Fixes.SelectMany(f => f.Changes).OfType<RemoveXmlElement>().Select(c => ((string Path, int Offset)?)(c.Path, int.Parse(c.Arguments[0]))).FirstOrDefault();
}
