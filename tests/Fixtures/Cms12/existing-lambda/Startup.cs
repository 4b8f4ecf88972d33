using EPiServer.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Site
{
    public class Startup
    {
        public void ConfigureServices(IServiceCollection services)
        {
            services.AddCms();
            services.Configure<UIOptions>(uiOptions => uiOptions.EditUrl = "/secret/cms/");
        }
    }
}
