using EPiServer.Cms.UI.AspNetIdentity;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCmsAspNetIdentity<ApplicationUser>();
builder.Services.AddCms();
builder.Services.AddMvc();

var app = builder.Build();
app.MapGet("/", () => "CMS 12 minimal hosting sample");
app.Run();
