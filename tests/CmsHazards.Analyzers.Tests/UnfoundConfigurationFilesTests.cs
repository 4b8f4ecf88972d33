using Xunit;
using static CmsHazards.Analyzers.Tests.SiteTest;

namespace CmsHazards.Analyzers.Tests;

/// <summary>
/// Files the site names that the analyzer does not get: CmsWebConfig naming a file that does not exist (CMSH103, never
/// a silent pass), and files the build has not handed over yet (created after the last design-time build), which are
/// described as not yet seen rather than as missing.
/// </summary>
public class UnfoundConfigurationFilesTests
{
    [Fact]
    public async Task CmsWebConfig_naming_a_file_that_does_not_exist_gets_CMSH103_with_the_property_and_the_path_tried()
    {
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithFile(WebConfigPath, WebSocketsAnalyzerTests.WebConfig)
            .WithProperty("CmsWebConfig", @"Setup\Web.config")
            .WithProperty("CmsHazardsMissingWebConfig", "/site/Setup/Web.config")
            .WithProperty("CmsHostIisVersion", "7.5")
            .Expect(Cmsh103().WithMessage(
                @"CmsWebConfig is 'Setup\Web.config', but /site/Setup/Web.config does not exist. CmsHazards checks no web.config of this site until CmsWebConfig names one that exists."))
            .VerifyAsync();
    }

    [Fact]
    public async Task CmsWebConfig_naming_a_file_the_analyzer_was_not_handed_yet_is_not_called_missing()
    {
        await new SiteTest()
            .WithUi()
            .WithApplicationClass()
            .WithProperty("CmsWebConfig", "Setup/Web.config")
            .Expect(Cmsh103().WithMessage(
                "CmsWebConfig is 'Setup/Web.config', and /site/Setup/Web.config has not yet been seen by the analyzer (it is handed over at the next build or design-time build). Until then CmsHazards checks no web.config of this site."))
            .VerifyAsync();
    }
}
