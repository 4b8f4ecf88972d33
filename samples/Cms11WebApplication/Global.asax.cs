using System;

namespace Cms11WebApplication
{
    public class Global : EPiServer.Global
    {
        protected void Application_Start(object sender, EventArgs e)
        {
        }
    }
}
