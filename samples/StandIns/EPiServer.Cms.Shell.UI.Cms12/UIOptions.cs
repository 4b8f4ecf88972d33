using System;

namespace EPiServer.Web
{
    /// <summary>
    /// Stand-in for the CMS 12 UI options. WebSocketEnabled is on by default, as in CMS 12 ("you can turn off the
    /// WebSocket support ... by changing the WebSocketEnabled property of the EPiServer.Web.UIOptions class").
    /// </summary>
    public class UIOptions
    {
        public bool WebSocketEnabled { get; set; } = true;

        public string EditUrl { get; set; } = "~/EPiServer/CMS/";

        public TimeSpan PreviewTimeout { get; set; } = TimeSpan.FromSeconds(30);
    }
}
