namespace Intranet
{
    public class EPiServerApplication : EPiServer.Global
    {
    }
}
