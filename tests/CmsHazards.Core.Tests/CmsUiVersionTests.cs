using CmsHazards.Versions;
using Xunit;

namespace CmsHazards.Tests;

public class CmsUiVersionTests
{
    [Theory]
    [InlineData("9.4.0", true)]
    [InlineData("9.4.2.0", true)]
    [InlineData("9.10.0", true)] // 10 > 4 as numbers, though "9.10" < "9.4" as text
    [InlineData("9.3.9", false)]
    [InlineData("9.4.0-pre-1234", true)]
    [InlineData("10.7.0-feature-012879", true)]
    [InlineData("11.25.0.0", true)]
    [InlineData("8.10.0", false)]
    public void Tells_which_versions_open_a_WebSocket(string text, bool opensWebSocket)
    {
        var version = CmsUiVersion.Parse(text)!;

        Assert.Equal(opensWebSocket, version.HasFeaturesOf(CmsUiVersion.FirstWithWebSockets));
    }

    [Theory]
    [InlineData("")]
    [InlineData("11")]
    [InlineData("11.x")]
    [InlineData("$(CmsUIVersion)")]
    [InlineData("11.2.0-")]
    [InlineData("1.2.3.4.5")]
    public void Rejects_what_is_not_a_version(string text) => Assert.Null(CmsUiVersion.Parse(text));

    [Fact]
    public void Orders_by_number_then_release_after_pre_release()
    {
        var ordered = new[] { "9.4.0-alpha", "9.4.0", "9.10.0", "10.7.0-feature-012879", "10.7.0", "11.20.0.0" }
            .Select(v => CmsUiVersion.Parse(v)!)
            .ToList();

        Assert.Equal(ordered, ordered.OrderBy(v => v).ToList());
        Assert.Equal(CmsUiVersion.Parse("11.20.0"), CmsUiVersion.Parse("11.20.0.0"));
        Assert.Equal("10.7.0-feature-012879", ordered[3].ToString());
        Assert.Equal("11.20.0", CmsUiVersion.FromAssemblyVersion(new Version(11, 20, 0, 0)).ToString());
    }
}
