namespace EPiServer.Cms.Shell.UI
{
    /// <summary>Stand-in: the analyzer needs only this assembly's name and version.</summary>
    public static class ShellModule
    {
    }
}
