using System;

namespace Cms11Site
{
    public class EPiServerApplication : EPiServer.Global
    {
        protected void Application_Start()
        {
        }

        protected void Application_Error(object sender, EventArgs e)
        {
        }
    }
}
