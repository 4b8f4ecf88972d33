// Alloy's startup, as the template writes it.
using EPiServer.Cms.UI.AspNetIdentity;
using Microsoft.Extensions.DependencyInjection;

namespace Alloy
{
    public class Startup
    {
        public void ConfigureServices(IServiceCollection services)
        {
            services
                .AddCmsAspNetIdentity<ApplicationUser>()
                .AddCms();

            services.AddOptions();
        }
    }
}
