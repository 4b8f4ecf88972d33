using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CmsHazards.Analyzers.Tests;

/// <summary>
/// CMS 12 as a site compiles against it: stand-ins for EPiServer.Cms.Shell.UI 12.23 (with EPiServer.Web.UIOptions),
/// EPiServer.Cms.AspNetCore (AddCms) and EPiServer.Cms.UI.AspNetIdentity (AddCmsAspNetIdentity), the last two
/// declaring their extensions in Microsoft.Extensions.DependencyInjection as public sites show; and the real
/// Microsoft.Extensions.Options and DependencyInjection assemblies from NuGet.
/// </summary>
internal static class Cms12StandIns
{
    private static readonly ConcurrentDictionary<string, MetadataReference> Built = new();

    /// <summary>The running runtime's core libraries plus netstandard.dll, which the NuGet assemblies are built against.</summary>
    public static IReadOnlyList<MetadataReference> Runtime { get; } = new[] { "System.Private.CoreLib", "System.Runtime", "netstandard", "System.ComponentModel" }
        .Select(name => (MetadataReference)MetadataReference.CreateFromFile(
            Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, name + ".dll")))
        .ToList();

    public static IReadOnlyList<MetadataReference> Extensions { get; } = new[]
    {
        MetadataReference.CreateFromFile(typeof(IServiceCollection).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(IOptions<>).Assembly.Location),
    };

    public const string UiOptionsSource = """
        namespace EPiServer.Web
        {
            public class UIOptions
            {
                public bool WebSocketEnabled { get; set; } = true;
                public string EditUrl { get; set; } = "~/EPiServer/CMS/";
                public System.TimeSpan PreviewTimeout { get; set; }
            }
        }
        """;

    /// <summary>EPiServer.Cms.Shell.UI at a CMS 12 version, with UIOptions.</summary>
    public static MetadataReference ShellUi(string version = "12.23.0.0") => Assembly("EPiServer.Cms.Shell.UI", version, UiOptionsSource);

    public static MetadataReference AspNetCore { get; } = Assembly("EPiServer.Cms.AspNetCore", "12.23.0.0", """
        namespace Microsoft.Extensions.DependencyInjection
        {
            public static class CmsServiceCollectionExtensions
            {
                public static IServiceCollection AddCms(this IServiceCollection services) => services;
            }
        }
        """);

    public static MetadataReference AspNetIdentity { get; } = Assembly("EPiServer.Cms.UI.AspNetIdentity", "12.23.0.0", """
        namespace EPiServer.Cms.UI.AspNetIdentity
        {
            public class ApplicationUser { }
        }
        namespace Microsoft.Extensions.DependencyInjection
        {
            public static class CmsAspNetIdentityServiceCollectionExtensions
            {
                public static IServiceCollection AddCmsAspNetIdentity<TUser>(this IServiceCollection services) where TUser : class, new() => services;
            }
        }
        """);

    /// <summary>Everything a CMS 12 site in the tests compiles against.</summary>
    public static IReadOnlyList<MetadataReference> All { get; } = Runtime.Concat(Extensions).Append(ShellUi()).Append(AspNetCore).Append(AspNetIdentity).ToList();

    private static MetadataReference Assembly(string name, string version, string code) =>
        Built.GetOrAdd(name + "/" + version, _ =>
        {
            var source = $"[assembly: System.Reflection.AssemblyVersion(\"{version}\")]\n{code}";
            var compilation = CSharpCompilation.Create(
                name,
                new[] { CSharpSyntaxTree.ParseText(source) },
                Runtime.Concat(Extensions),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            using var image = new MemoryStream();
            var result = compilation.Emit(image);
            if (!result.Success) throw new InvalidOperationException(string.Join(Environment.NewLine, result.Diagnostics));
            return MetadataReference.CreateFromImage(image.ToArray());
        });
}
