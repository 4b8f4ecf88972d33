namespace MissingConfigSource
{
    public class SiteApplication : EPiServer.Global
    {
    }
}
