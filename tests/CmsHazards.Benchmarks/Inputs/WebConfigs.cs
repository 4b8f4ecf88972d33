using System.Text;

namespace CmsHazards.Benchmarks.Inputs;

/// <summary>
/// The web.config files the benchmarks read, made here rather than downloaded: a typical CMS 11 site's, and a
/// 1 MB one in the shape large real sites grow into (thousands of rewrite rules and location blocks, appSettings
/// near the end). Both are stored as real files are: UTF-8 with a byte order mark, CRLF line endings.
/// </summary>
internal static class WebConfigs
{
    /// <summary>The name a benchmark parameter shows for each file.</summary>
    public const string TypicalName = "typical";
    public const string LargeName = "1MB";

    public static byte[] Bytes(string name) => name switch
    {
        TypicalName => Encode(Typical),
        LargeName => Encode(Large(1024 * 1024)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such web.config."),
    };

    /// <summary>A CMS 11 site's web.config of 165 lines, as the Visual Studio template and the CMS packages leave it.</summary>
    public static string Typical => Head + Tail;

    /// <summary>
    /// A web.config of at least <paramref name="size"/> bytes: the typical sections, then redirect rules and
    /// location blocks until the size is reached, then the appSettings, so every reader has to go through it all.
    /// </summary>
    public static string Large(int size)
    {
        var text = new StringBuilder(size + 16 * 1024);
        text.Append(Head.Replace(TypicalAppSettings, ""));
        text.Append("  <system.webServer>\r\n    <rewrite>\r\n      <rules>\r\n");
        var rule = 0;
        while (text.Length < size * 3 / 4)
        {
            // Redirects of old URLs, as sites collect them over the years (real ones hold thousands).
            text.Append($"        <rule name=\"Redirect legacy page {rule}\" stopProcessing=\"true\">\r\n");
            text.Append($"          <match url=\"^legacy/section-{rule % 97}/page-{rule}\\.aspx$\" ignoreCase=\"true\" />\r\n");
            text.Append("          <conditions logicalGrouping=\"MatchAll\">\r\n");
            text.Append("            <add input=\"{HTTP_HOST}\" pattern=\"^(www\\.)?example\\.com$\" />\r\n");
            text.Append("          </conditions>\r\n");
            text.Append($"          <action type=\"Redirect\" url=\"/en/section-{rule % 97}/page-{rule}/\" redirectType=\"Permanent\" />\r\n");
            text.Append("        </rule>\r\n");
            rule++;
        }

        text.Append("      </rules>\r\n    </rewrite>\r\n  </system.webServer>\r\n");
        var location = 0;
        while (text.Length < size - TypicalAppSettings.Length - Tail.Length)
        {
            // Per-folder settings: a copy of httpRuntime in each, which must not count as the root one.
            text.Append($"  <location path=\"documents/archive-{location}\">\r\n");
            text.Append("    <system.web>\r\n");
            text.Append("      <httpRuntime maxRequestLength=\"1048576\" executionTimeout=\"3600\" />\r\n");
            text.Append("      <authorization>\r\n        <allow roles=\"WebEditors, WebAdmins, Administrators\" />\r\n        <deny users=\"*\" />\r\n      </authorization>\r\n");
            text.Append("    </system.web>\r\n");
            text.Append("    <system.webServer>\r\n      <staticContent>\r\n        <clientCache cacheControlMode=\"UseMaxAge\" cacheControlMaxAge=\"1.00:00:00\" />\r\n      </staticContent>\r\n    </system.webServer>\r\n");
            text.Append("  </location>\r\n");
            location++;
        }

        text.Append(TypicalAppSettings);
        text.Append(Tail);
        return text.ToString();
    }

    private static byte[] Encode(string text) => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetPreamble()
        .Concat(Encoding.UTF8.GetBytes(text.Replace("\r\n", "\n").Replace("\n", "\r\n")))
        .ToArray();

    private const string TypicalAppSettings = """
          <appSettings>
            <add key="webpages:Version" value="3.0.0.0" />
            <add key="webpages:Enabled" value="false" />
            <add key="ClientValidationEnabled" value="true" />
            <add key="UnobtrusiveJavaScriptEnabled" value="true" />
            <add key="owin:AutomaticAppStartup" value="true" />
            <!--<add key="Epi.WebSockets.Enabled" value="false" />-->
            <add key="episerver:setoption:EPiServer.Core.ContentOptions.ContentCacheSlidingExpiration,EPiServer" value="12:00:00" />
            <add key="Find.ServiceUrl" value="https://find.example.com/service/" />
            <add key="Find.DefaultIndex" value="site_index" />
          </appSettings>

        """;

    // Up to and including the root appSettings; the large file moves appSettings to the end.
    private const string Head = """
        <?xml version="1.0" encoding="utf-8"?>
        <!--
          For more information on how to configure your ASP.NET application, please visit
          https://go.microsoft.com/fwlink/?LinkId=301880
          -->
        <configuration>
          <configSections>
            <section name="episerver.shell" type="EPiServer.Shell.Configuration.EPiServerShellSection, EPiServer.Shell" allowLocation="true" allowDefinition="MachineToApplication" allowExeDefinition="MachineToApplication" restartOnExternalChanges="true" />
            <section name="episerver" type="EPiServer.Configuration.EPiServerSection, EPiServer.Configuration" allowDefinition="MachineToApplication" allowLocation="false" />
            <section name="episerver.framework" type="EPiServer.Framework.Configuration.EPiServerFrameworkSection, EPiServer.Framework.AspNet" restartOnExternalChanges="true" />
            <section name="episerver.find" type="EPiServer.Find.Configuration, EPiServer.Find" requirePermission="false" />
            <section name="episerver.packaging" type="EPiServer.Packaging.Configuration.EPiServerPackagingSection, EPiServer.Packaging" allowLocation="false" />
          </configSections>
          <connectionStrings>
            <add name="EPiServerDB" connectionString="Data Source=(LocalDb)\MSSQLLocalDB;AttachDbFilename=|DataDirectory|\EPiServerDB.mdf;Initial Catalog=EPiServerDB;Integrated Security=True;Connect Timeout=30;MultipleActiveResultSets=True" providerName="System.Data.SqlClient" />
          </connectionStrings>
        """ + "\n" + TypicalAppSettings + """
          <episerver.find serviceUrl="https://find.example.com/service/" defaultIndex="site_index" />
          <system.web>
            <compilation debug="true" targetFramework="4.7.2" optimizeCompilations="true" />
            <httpRuntime targetFramework="4.7.2" requestValidationMode="2.0" enableVersionHeader="false" maxRequestLength="51200" />
            <pages validateRequest="false" enableEventValidation="true" pageParserFilterType="System.Web.Mvc.ViewTypeParserFilter, System.Web.Mvc, Version=5.2.7.0, Culture=neutral, PublicKeyToken=31BF3856AD364E35">
              <controls>
                <add tagPrefix="EPiServer" namespace="EPiServer.Web.WebControls" assembly="EPiServer.Cms.AspNet" />
                <add tagPrefix="EPiServer" namespace="EPiServer.Web.WebControls" assembly="EPiServer.Web.WebControls" />
                <add tagPrefix="EPiServer" namespace="EPiServer.Framework.Web.WebControls" assembly="EPiServer.Framework.AspNet" />
              </controls>
            </pages>
            <globalization culture="en-US" uiCulture="en" requestEncoding="utf-8" responseEncoding="utf-8" resourceProviderFactoryType="EPiServer.Framework.Localization.LocalizationServiceResourceProviderFactory, EPiServer.Framework.AspNet" />
            <caching>
              <outputCacheSettings>
                <outputCacheProfiles>
                  <add name="ClientResourceCache" enabled="true" duration="3600" varyByParam="*" varyByContentEncoding="gzip;deflate" />
                </outputCacheProfiles>
              </outputCacheSettings>
            </caching>
            <authentication mode="None" />
            <customErrors mode="RemoteOnly" />
            <membership>
              <providers>
                <clear />
              </providers>
            </membership>
            <roleManager enabled="false">
              <providers>
                <clear />
              </providers>
            </roleManager>
            <httpModules>
              <add name="ApplicationInsightsWebTracking" type="Microsoft.ApplicationInsights.Web.ApplicationInsightsHttpModule, Microsoft.AI.Web" />
            </httpModules>
          </system.web>

        """;

    private const string Tail = """
          <system.webServer>
            <modules runAllManagedModulesForAllRequests="true">
              <remove name="WebDAVModule" />
              <remove name="TelemetryCorrelationHttpModule" />
              <add name="TelemetryCorrelationHttpModule" type="Microsoft.AspNet.TelemetryCorrelation.TelemetryCorrelationHttpModule, Microsoft.AspNet.TelemetryCorrelation" preCondition="integratedMode,managedHandler" />
              <add name="InitializationModule" type="EPiServer.Framework.Initialization.InitializationModule, EPiServer.Framework.AspNet" preCondition="managedHandler" />
              <add name="UrlRewriteModule" type="EPiServer.Web.RoutingUrlRewriteModule, EPiServer.Cms.AspNet" preCondition="managedHandler" />
              <add name="ShellRoutingModule" type="EPiServer.Shell.Web.Routing.ShellRoutingModule, EPiServer.Shell" />
            </modules>
            <handlers>
              <remove name="ExtensionlessUrlHandler-Integrated-4.0" />
              <remove name="OPTIONSVerbHandler" />
              <remove name="TRACEVerbHandler" />
              <add name="ExtensionlessUrlHandler-Integrated-4.0" path="*." verb="*" type="System.Web.Handlers.TransferRequestHandler" preCondition="integratedMode,runtimeVersionv4.0" />
            </handlers>
            <staticContent>
              <clientCache cacheControlMode="UseMaxAge" cacheControlMaxAge="1.00:00:00" />
              <remove fileExtension=".woff2" />
              <mimeMap fileExtension=".woff2" mimeType="font/woff2" />
            </staticContent>
            <httpErrors errorMode="DetailedLocalOnly" existingResponse="Replace" />
            <validation validateIntegratedModeConfiguration="false" />
            <caching>
              <profiles>
                <add extension=".gif" policy="DontCache" kernelCachePolicy="CacheUntilChange" duration="0.00:01:00" location="Any" />
                <add extension=".png" policy="DontCache" kernelCachePolicy="CacheUntilChange" duration="0.00:01:00" location="Any" />
                <add extension=".js" policy="DontCache" kernelCachePolicy="CacheUntilChange" duration="0.00:01:00" location="Any" />
                <add extension=".css" policy="DontCache" kernelCachePolicy="CacheUntilChange" duration="0.00:01:00" location="Any" />
              </profiles>
            </caching>
          </system.webServer>
          <runtime>
            <assemblyBinding xmlns="urn:schemas-microsoft-com:asm.v1">
              <dependentAssembly>
                <assemblyIdentity name="EPiServer.Cms.Shell.UI" publicKeyToken="8fe83dea738b45b7" culture="neutral" />
                <bindingRedirect oldVersion="0.0.0.0-11.20.0.0" newVersion="11.20.0.0" />
              </dependentAssembly>
              <dependentAssembly>
                <assemblyIdentity name="EPiServer.Shell.UI" publicKeyToken="8fe83dea738b45b7" culture="neutral" />
                <bindingRedirect oldVersion="0.0.0.0-11.20.0.0" newVersion="11.20.0.0" />
              </dependentAssembly>
              <dependentAssembly>
                <assemblyIdentity name="Newtonsoft.Json" publicKeyToken="30ad4fe6b2a6aeed" culture="neutral" />
                <bindingRedirect oldVersion="0.0.0.0-12.0.0.0" newVersion="12.0.0.0" />
              </dependentAssembly>
              <dependentAssembly>
                <assemblyIdentity name="System.Web.Mvc" publicKeyToken="31bf3856ad364e35" culture="neutral" />
                <bindingRedirect oldVersion="0.0.0.0-5.2.7.0" newVersion="5.2.7.0" />
              </dependentAssembly>
            </assemblyBinding>
          </runtime>
          <episerver.framework updateDatabaseSchema="true">
            <appData basePath="App_Data" />
            <scanAssembly forceBinFolderScan="true" />
            <virtualRoles addClaims="true">
              <providers>
                <add name="Administrators" type="EPiServer.Security.WindowsAdministratorsRole, EPiServer.Framework" />
                <add name="Everyone" type="EPiServer.Security.EveryoneRole, EPiServer.Framework" />
                <add name="Authenticated" type="EPiServer.Security.AuthenticatedRole, EPiServer.Framework" />
                <add name="Anonymous" type="EPiServer.Security.AnonymousRole, EPiServer.Framework" />
                <add name="CmsAdmins" type="EPiServer.Security.MappedRole, EPiServer.Framework" roles="WebAdmins, Administrators" mode="Any" />
                <add name="CmsEditors" type="EPiServer.Security.MappedRole, EPiServer.Framework" roles="WebEditors" mode="Any" />
              </providers>
            </virtualRoles>
            <geolocation defaultProvider="maxmind">
              <providers>
                <add name="maxmind" type="EPiServer.Personalization.Providers.MaxMind.GeolocationProvider, EPiServer.ApplicationModules" databaseFileName="App_Data\GeoLiteCity.dat" />
              </providers>
            </geolocation>
            <localization fallbackBehavior="Echo, MissingMessage, FallbackCulture" fallbackCulture="en">
              <providers>
                <add virtualPath="~/Resources/LanguageFiles" name="languageFiles" type="EPiServer.Framework.Localization.XmlResources.FileXmlLocalizationProvider, EPiServer.Framework.AspNet" />
              </providers>
            </localization>
          </episerver.framework>
          <episerver.shell>
            <publicModules rootPath="~/modules/" autoDiscovery="Modules" />
            <protectedModules rootPath="~/EPiServer/">
              <add name="EPiServer.Cms.Shell.UI" />
              <add name="Shell" />
              <add name="CMS" />
              <add name="EPiServer.Find.Cms" />
            </protectedModules>
          </episerver.shell>
          <location path="EPiServer">
            <system.web>
              <httpRuntime maxRequestLength="1000000" requestValidationMode="2.0" />
              <pages enableEventValidation="true" enableViewState="true" enableSessionState="true" enableViewStateMac="true" />
              <authorization>
                <allow roles="WebEditors, WebAdmins, Administrators" />
                <deny users="*" />
              </authorization>
            </system.web>
            <system.webServer>
              <handlers>
                <clear />
                <add name="AssemblyResourceLoader-Integrated-4.0" path="WebResource.axd" verb="GET,DEBUG" type="System.Web.Handlers.AssemblyResourceLoader" preCondition="integratedMode,runtimeVersionv4.0" />
                <add name="StaticFile" path="*" verb="*" modules="StaticFileModule,DefaultDocumentModule,DirectoryListingModule" resourceType="Either" requireAccess="Read" />
              </handlers>
            </system.webServer>
          </location>
        </configuration>

        """;
}
