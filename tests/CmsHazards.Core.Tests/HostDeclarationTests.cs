using CmsHazards.Hosting;
using Xunit;

namespace CmsHazards.Tests;

public class HostDeclarationTests
{
    [Theory]
    [InlineData("7.5", true)]
    [InlineData("7", true)]
    [InlineData("8.0", false)]
    [InlineData("10.0", false)]
    [InlineData(" 8.5 ", false)]
    public void Reads_the_IIS_version(string iis, bool tooOld)
    {
        var host = HostDeclaration.Read(null, iis);

        Assert.Empty(host.Problems);
        Assert.Equal(tooOld, host.IisTooOldForWebSockets);
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData(" true ", true)]
    public void Reads_the_WebSockets_declaration(string value, bool expected) =>
        Assert.Equal(expected, HostDeclaration.Read(value, null).WebSockets);

    [Fact]
    public void Values_it_cannot_read_become_problems_and_count_as_undeclared()
    {
        var host = HostDeclaration.Read("no", "IIS7");

        Assert.Null(host.WebSockets);
        Assert.Null(host.IisVersion);
        Assert.Equal(
            new[]
            {
                "CmsHostWebSockets is 'no'; use true or false.",
                "CmsHostIisVersion is 'IIS7'; use an IIS version such as 7.5 or 10.0.",
            },
            host.Problems.Select(p => p.Message));
        Assert.Equal(new[] { "CmsHostWebSockets", "CmsHostIisVersion" }, host.Problems.Select(p => p.Setting));
    }

    [Fact]
    public void Nothing_declared_is_none() => Assert.Same(HostDeclaration.None, HostDeclaration.Read("", " "));
}
