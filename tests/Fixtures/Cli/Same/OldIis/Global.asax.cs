namespace OldIis
{
    public class SiteApplication : EPiServer.Global
    {
    }
}
