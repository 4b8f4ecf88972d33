namespace EPiServer.Cms.UI.AspNetIdentity
{
    /// <summary>Stand-in for the user class of the CMS 12 ASP.NET Identity integration.</summary>
    public class ApplicationUser
    {
        public string UserName { get; set; } = "";
    }
}

namespace Microsoft.Extensions.DependencyInjection
{
    public static class CmsAspNetIdentityServiceCollectionExtensions
    {
        public static IServiceCollection AddCmsAspNetIdentity<TUser>(this IServiceCollection services)
            where TUser : class, new() => services;
    }
}
