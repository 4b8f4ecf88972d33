namespace EPiServer
{
    /// <summary>Stand-in for the CMS 7-11 application base class that a site's Global.asax derives from.</summary>
    public class Global : System.Web.HttpApplication
    {
    }
}
