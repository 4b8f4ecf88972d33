using System.Collections.Generic;
using CmsHazards.Configuration;
using CmsHazards.Fixes;

namespace CmsHazards.Rules.WebSockets
{
    /// <summary>The fixes of the WebSockets rules.</summary>
    internal enum WebSocketsFix
    {
        /// <summary>Add or set <c>Epi.WebSockets.Enabled=false</c> in the effective root appSettings.</summary>
        TurnOff,

        /// <summary>Add or set <c>aspnet:UseTaskFriendlySynchronizationContext=true</c>.</summary>
        UseTaskFriendlySynchronizationContext,

        /// <summary>
        /// Remove an <c>Epi.WebSockets.Enabled</c> entry from where it has no effect (a folder web.config, a location below
        /// the root, beside configSource) and set the key to false in the root appSettings.
        /// </summary>
        MoveKeyToRoot,
    }

    /// <summary>Each WebSockets fix as data, and whether it takes effect in the deployed configuration.</summary>
    internal static class WebSocketsFixes
    {
        /// <param name="target">The file that holds the root appSettings: web.config, the file configSource names, or the file appSettings file= names when it sets the key.</param>
        /// <param name="keyToMove">For <see cref="WebSocketsFix.MoveKeyToRoot"/>: the entry that has no effect where it is.</param>
        public static Fix Create(WebSocketsFix fix, string target, ConfigElement? keyToMove) => fix switch
        {
            WebSocketsFix.UseTaskFriendlySynchronizationContext => new Fix(
                $"Enable task-friendly synchronization context ({WebSocketsKeys.UseTaskFriendlySynchronizationContext}=true)",
                "CmsHazards.UseTaskFriendlySynchronizationContext",
                new FileChange[] { new SetAppSetting(target, WebSocketsKeys.UseTaskFriendlySynchronizationContext, "true") }),
            WebSocketsFix.MoveKeyToRoot => new Fix(
                $"Move {WebSocketsKeys.WebSocketsEnabled}=false to the root appSettings",
                "CmsHazards.MoveWebSocketsKeyToRoot",
                new FileChange[]
                {
                    new RemoveXmlElement(keyToMove!, WebSocketsKeys.WebSocketsEnabled),
                    new SetAppSetting(target, WebSocketsKeys.WebSocketsEnabled, "false"),
                }),
            _ => new Fix(
                $"Turn off CMS UI WebSockets ({WebSocketsKeys.WebSocketsEnabled}=false)",
                "CmsHazards.TurnOffWebSockets",
                new FileChange[] { new SetAppSetting(target, WebSocketsKeys.WebSocketsEnabled, "false") }),
        };

        /// <summary>
        /// Applies a fix in memory and reads the deployed configuration again: a transform that replaces appSettings, or
        /// removes the key, would undo an edit of web.config, and such a fix is not offered. <paramref name="whyNot"/>
        /// says why the key would still not take effect, when that is the reason.
        /// </summary>
        public static bool TakesEffect(SiteConfiguration configuration, WebSocketsFix kind, Fix fix, out IneffectiveWebSocketsKey? whyNot)
        {
            whyNot = null;

            // Without a transform nothing can undo the edit, and the editor's own guarantee (the key reads as asked
            // in the file it edits, checked by the property tests) is enough: reading a large web.config back in
            // would double the cost of every build for nothing.
            // The file appSettings file= names is read after the edited entries, and can undo them just as well.
            if (configuration.WebConfigTransform is null && configuration.AppSettingsTransform is null && configuration.AppSettingsOverrides is null)
            {
                return FixCheck.MakesEdits(configuration, fix);
            }

            var changed = FixCheck.Apply(configuration, fix);
            if (changed is null) return false;

            var deployed = changed.Deployed;
            if (deployed is null) return false;
            if (kind == WebSocketsFix.UseTaskFriendlySynchronizationContext)
            {
                return deployed.DeployedAppSettings.Find(WebSocketsKeys.UseTaskFriendlySynchronizationContext)?.BooleanValue == true;
            }

            if (deployed.DeployedAppSettings.Find(WebSocketsKeys.WebSocketsEnabled)?.BooleanValue == false) return true;
            whyNot = IneffectiveWebSocketsKey.Find(deployed, changed);
            return false;
        }
    }
}
