namespace CmsHazards.Rules.WebSockets
{
    /// <summary>The appSettings keys the CMS and ASP.NET read for WebSockets.</summary>
    public static class WebSocketsKeys
    {
        /// <summary>
        /// Read by CMS UI 9.4 to 11; false stops the edit interface from opening a WebSocket
        /// (EPiServer CMS developer guide, "WebSockets").
        /// </summary>
        public const string WebSocketsEnabled = "Epi.WebSockets.Enabled";

        /// <summary>
        /// Turns on the task-friendly synchronization context that <c>httpRuntime targetFramework="4.5"</c>
        /// implies; without one or the other ASP.NET answers WebSocket requests with "WebSockets is unsupported
        /// in the current application configuration".
        /// </summary>
        public const string UseTaskFriendlySynchronizationContext = "aspnet:UseTaskFriendlySynchronizationContext";
    }
}
