using EPiServer.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Site
{
	public static class CmsStartup
	{
		public static void ConfigureServices(IServiceCollection services)
		{
			services.AddCms();
		}
	}
}
