using CmsHazards.Rules;

namespace CmsHazards.Fixes
{
    /// <summary>What each fix is called wherever it is offered or applied: the IDE's light bulb, the CLI's list of changes.</summary>
    public static class FixTitles
    {
        public static string Of(FixKind fix) => fix switch
        {
            FixKind.UseTaskFriendlySynchronizationContext =>
                $"Enable task-friendly synchronization context ({AppSettingKeys.UseTaskFriendlySynchronizationContext}=true)",
            FixKind.MoveWebSocketsKeyToRoot => $"Move {AppSettingKeys.WebSocketsEnabled}=false to the root appSettings",
            _ => $"Turn off CMS UI WebSockets ({AppSettingKeys.WebSocketsEnabled}=false)",
        };
    }
}
