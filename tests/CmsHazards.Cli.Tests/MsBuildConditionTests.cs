using CmsHazards.Cli.Evaluation;
using Xunit;

namespace CmsHazards.Cli.Tests;

public class MsBuildConditionTests
{
    private static string? Lookup(string name) => name switch
    {
        "Configuration" => "Release",
        "Platform" => "AnyCPU",
        "Empty" => "",
        _ => "",
    };

    [Theory]
    [InlineData("'$(Configuration)' == 'Release'", true)]
    [InlineData("'$(Configuration)' == 'release'", true)]
    [InlineData(" '$(Configuration)|$(Platform)' == 'Release|AnyCPU' ", true)]
    [InlineData("'$(Configuration)' != 'Release'", false)]
    [InlineData("'$(Configuration)' == 'Debug' or '$(Platform)' == 'AnyCPU'", true)]
    [InlineData("'$(Configuration)' == 'Debug' or '$(Platform)' == 'x64'", false)]
    [InlineData("'$(Configuration)' == 'Release' and !('$(Platform)' == 'x64')", true)]
    [InlineData("'$(Configuration)' == 'Release' AND '$(Empty)' == ''", true)]
    [InlineData("$(Configuration) == Release", true)]
    [InlineData("'$(Undefined)' == ''", true)]
    [InlineData("'true'", true)]
    [InlineData("false", false)]
    public void Comparisons_of_configuration_and_platform_are_evaluated(string condition, bool expected)
    {
        Assert.Equal(expected, MsBuildCondition.Evaluate(condition, Lookup));
    }

    [Theory]
    [InlineData("Exists('production.txt')")]
    [InlineData("'$(Configuration)' == 'Release' and Exists('x')")]
    [InlineData("'$([System.DateTime]::Now.Year)' == '2026'")]
    [InlineData("'$(VisualStudioVersion)' >= '16.0'")]
    [InlineData("'$(Configuration)' == 'Release' and")]
    [InlineData("('$(Configuration)' == 'Release'")]
    [InlineData("'unterminated")]
    [InlineData("'maybe'")]
    public void What_only_MSBuild_can_evaluate_is_not_guessed(string condition)
    {
        Assert.Null(MsBuildCondition.Evaluate(condition, Lookup));
    }

    [Theory]
    [InlineData("$(Configuration)-$(Platform)", "Release-AnyCPU")]
    [InlineData("$(NoWarn);CMSH100", ";CMSH100")]
    [InlineData("plain 7.5", "plain 7.5")]
    [InlineData("$([MSBuild]::Add(1, 2))", null)]
    [InlineData("@(Items)", null)]
    public void Property_references_are_expanded(string text, string? expected)
    {
        Assert.Equal(expected, MsBuildCondition.Expand(text, name => name == "NoWarn" ? "" : Lookup(name)));
    }
}
