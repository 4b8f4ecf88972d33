namespace CmsHazards.Tests;

/// <summary>The fixed parts of the WebSockets messages for the CMS UI the tests reference, as every front end prints them.</summary>
internal static class ExpectedMessages
{
    public const string Ui = "CMS UI 11.20.0 (EPiServer.Cms.Shell.UI 11.20.0.0)";

    public const string Opens = Ui + " opens a WebSocket from the edit interface.";

    public const string Consequence = "Editors will get \"A real-time connection could not be established with the server\". Set Epi.WebSockets.Enabled to false in the root appSettings of Web.config.";

    /// <summary>The same, where the root appSettings come from the file configSource names.</summary>
    public const string ConsequenceThroughConfigSource = "Editors will get \"A real-time connection could not be established with the server\". Set Epi.WebSockets.Enabled to false in the root appSettings, which Web.config takes from AppSettings.config (configSource).";

    public const string OldIis = "the host is declared as IIS 7.5 (CmsHostIisVersion), and IIS carries WebSockets only from 8.0";
}
