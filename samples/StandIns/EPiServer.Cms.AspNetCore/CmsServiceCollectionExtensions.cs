// Declared in Microsoft.Extensions.DependencyInjection, as public CMS 12 sites that call AddCms() without any
// EPiServer using directive show: the analyzer must recognise the call by its assembly, not its namespace.
namespace Microsoft.Extensions.DependencyInjection
{
    public static class CmsServiceCollectionExtensions
    {
        public static IServiceCollection AddCms(this IServiceCollection services) => services;
    }
}
