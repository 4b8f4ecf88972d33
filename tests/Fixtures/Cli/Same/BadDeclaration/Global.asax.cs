namespace BadDeclaration
{
    public class SiteApplication : EPiServer.Global
    {
    }
}
