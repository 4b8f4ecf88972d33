using System.Text;
using Xunit;

namespace CmsHazards.EndToEnd.Tests;

/// <summary>
/// CMSH303 through dotnet format on the CMS 11 sample with both kinds of unread redirect: one pass adds the namespace and
/// moves the redirects into that assemblyBinding, and the next build is clean.
/// </summary>
[Collection(PackedSamplesCollection.Name)]
public sealed class UnreadRedirectFormatTests
{
    private const string Namespaced = "<assemblyBinding xmlns=\"urn:schemas-microsoft-com:asm.v1\">";

    private const string ShellUiEntry =
        "<dependentAssembly>\r\n" +
        "        <assemblyIdentity name=\"EPiServer.Cms.Shell.UI\" publicKeyToken=\"8fe83dea738b45b7\" culture=\"neutral\" />\r\n" +
        "        <bindingRedirect oldVersion=\"0.0.0.0-11.19.0.0\" newVersion=\"11.19.0.0\" />\r\n" +
        "      </dependentAssembly>\r\n";

    private readonly PackedSamples _samples;

    public UnreadRedirectFormatTests(PackedSamples samples) => _samples = samples;

    [Fact]
    public void One_dotnet_format_pass_adds_the_namespace_and_moves_the_redirects_and_the_next_build_is_clean()
    {
        var site = _samples.CopySample("Cms11Site");
        var webConfig = Path.Combine(site, "Web.config");
        var sample = Encoding.UTF8.GetString(File.ReadAllBytes(webConfig));
        const string Comment = "      <!-- Left behind by the update from CMS UI 11.19: bin now holds 11.20.0.0 (CMSH301). -->\r\n";
        Assert.Contains(Comment + "      " + ShellUiEntry, sample, StringComparison.Ordinal);

        // WebSockets off (no CMSH101); the root assemblyBinding without its namespace; the CMS UI redirect, matching the
        // build, inside a location; a redirect in Views/Web.config (LF line breaks, as a Views folder's file often has).
        var root = sample
            .Replace("    <add key=\"UnobtrusiveJavaScriptEnabled\" value=\"true\" />\r\n", "    <add key=\"UnobtrusiveJavaScriptEnabled\" value=\"true\" />\r\n    <add key=\"Epi.WebSockets.Enabled\" value=\"false\" />\r\n")
            .Replace("  <runtime>\r\n    " + Namespaced + "\r\n", "  <runtime>\r\n    <assemblyBinding>\r\n")
            .Replace(Comment + "      " + ShellUiEntry, "");
        var location =
            "  <location path=\".\" inheritInChildApplications=\"false\">\r\n    <runtime>\r\n      " + Namespaced + "\r\n" +
            "        " + ShellUiEntry.Replace("\r\n        ", "\r\n          ").Replace("\r\n      </", "\r\n        </").Replace("11.19.0.0", "11.20.0.0") +
            "      </assemblyBinding>\r\n    </runtime>\r\n  </location>\r\n";
        File.WriteAllBytes(webConfig, Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(root.TrimStart('\uFEFF').Replace("  </runtime>\r\n", "  </runtime>\r\n" + location))).ToArray());
        Directory.CreateDirectory(Path.Combine(site, "Views"));
        var viewsWebConfig = Path.Combine(site, "Views", "Web.config");
        const string Views =
            "<?xml version=\"1.0\"?>\n<configuration>\n  <runtime>\n    " + Namespaced + "\n" +
            "      <dependentAssembly>\n        <assemblyIdentity name=\"Newtonsoft.Json\" publicKeyToken=\"30ad4fe6b2a6aeed\" culture=\"neutral\" />\n" +
            "        <bindingRedirect oldVersion=\"0.0.0.0-13.0.0.0\" newVersion=\"13.0.0.0\" />\n      </dependentAssembly>\n" +
            "    </assemblyBinding>\n  </runtime>\n</configuration>\n";
        File.WriteAllText(viewsWebConfig, Views);
        var before = File.ReadAllText(webConfig);

        var environment = new Dictionary<string, string> { ["CmsHazardsPackageVersion"] = _samples.Version };
        var format = Dotnet.Run(site, environment, "format", "analyzers", "Cms11Site.csproj", "--diagnostics", "CMSH303", "--severity", "info");
        Assert.True(format.ExitCode == 0, format.ToString());

        // The namespace added, and both redirects in that assemblyBinding, the Views one first (the findings' order: by file).
        var expected = before
            .Replace("  <runtime>\r\n    <assemblyBinding>\r\n", "  <runtime>\r\n    " + Namespaced + "\r\n")
            .Replace(
                "      </dependentAssembly>\r\n    </assemblyBinding>\r\n  </runtime>\r\n  <location",
                "      </dependentAssembly>\r\n" +
                "      <dependentAssembly>\r\n        <assemblyIdentity name=\"Newtonsoft.Json\" publicKeyToken=\"30ad4fe6b2a6aeed\" culture=\"neutral\" />\r\n" +
                "        <bindingRedirect oldVersion=\"0.0.0.0-13.0.0.0\" newVersion=\"13.0.0.0\" />\r\n      </dependentAssembly>\r\n" +
                "      " + ShellUiEntry.Replace("11.19.0.0", "11.20.0.0") +
                "    </assemblyBinding>\r\n  </runtime>\r\n  <location")
            .Replace(
                "      " + Namespaced + "\r\n        <dependentAssembly>" + ShellUiEntry.Substring("<dependentAssembly>".Length).Replace("\r\n        ", "\r\n          ").Replace("\r\n      </", "\r\n        </").Replace("11.19.0.0", "11.20.0.0"),
                "      " + Namespaced + "\r\n");
        Assert.Equal(expected, File.ReadAllText(webConfig));
        Assert.Equal(0xEF, File.ReadAllBytes(webConfig)[0]);
        Assert.Equal(Views.Replace("      <dependentAssembly>\n        <assemblyIdentity name=\"Newtonsoft.Json\" publicKeyToken=\"30ad4fe6b2a6aeed\" culture=\"neutral\" />\n        <bindingRedirect oldVersion=\"0.0.0.0-13.0.0.0\" newVersion=\"13.0.0.0\" />\n      </dependentAssembly>\n", ""), File.ReadAllText(viewsWebConfig));

        var build = Dotnet.Build(site, "Cms11Site.csproj", _samples.VersionProperty);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(build.Diagnostics);
    }
}
