using EPiServer.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Site
{
    public class Startup
    {
        public void ConfigureServices(IServiceCollection services)
        {
            services.AddCms();
            services.Configure<UIOptions>(o =>
            {
                o.EditUrl = "/secret/cms/";
                o.WebSocketEnabled = true; // real-time updates for editors
            });
        }
    }
}
