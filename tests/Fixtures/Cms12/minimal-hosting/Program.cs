using EPiServer.Cms.UI.AspNetIdentity;
using Microsoft.Extensions.DependencyInjection;

var builder = new Builder();

builder.Services.AddCmsAspNetIdentity<ApplicationUser>();
builder.Services.AddCms(); // CMS 12
builder.Services.AddSingleton<Builder>();

internal sealed class Builder
{
    public IServiceCollection Services { get; } = new ServiceCollection();
}
