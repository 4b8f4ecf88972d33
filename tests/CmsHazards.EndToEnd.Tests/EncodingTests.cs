using System.Text;
using Xunit;

namespace CmsHazards.EndToEnd.Tests;

/// <summary>
/// dotnet format applies the code fix through its workspace, which decodes web.config itself: without code page 1252
/// it reads a windows-1252 or iso-8859-1 file as UTF-8, each "ö" becoming U+FFFD, and would save EF BF BD in its
/// place. The fix then changes nothing: the file stays byte for byte, and so does the hazard
/// (`cmshazards scan --fix` fixes such files in their own encoding, see the CLI's FixTests).
/// </summary>
[Collection(PackedSamplesCollection.Name)]
public sealed class EncodingTests
{
    private const string Anchor = "    <add key=\"UnobtrusiveJavaScriptEnabled\" value=\"true\" />\r\n";

    private readonly PackedSamples _samples;

    public EncodingTests(PackedSamples samples) => _samples = samples;

    [Theory]
    [InlineData("windows-1252")]
    [InlineData("iso-8859-1")]
    public void Dotnet_format_leaves_a_single_byte_web_config_byte_for_byte_rather_than_damage_it(string encoding)
    {
        var site = _samples.CopySample("Cms11Site");
        var webConfig = Path.Combine(site, "Web.config");
        var utf8 = File.ReadAllBytes(webConfig);
        Assert.Equal(0xEF, utf8[0]);
        var text = Encoding.UTF8.GetString(utf8.AsSpan(3))
            .Replace("encoding=\"utf-8\"", $"encoding=\"{encoding}\"")
            .Replace("<configuration>\r\n", "<configuration>\r\n  <!-- Göteborg: ½ of the editors, © the intranet team -->\r\n");
        var bytes = Encoding.Latin1.GetBytes(text); // these characters are the same single bytes in both encodings
        File.WriteAllBytes(webConfig, bytes);

        var environment = new Dictionary<string, string> { ["CmsHazardsPackageVersion"] = _samples.Version };
        var format = Dotnet.Run(site, environment, "format", "analyzers", "Cms11Site.csproj", "--diagnostics", "CMSH101", "--severity", "info");

        Assert.True(format.ExitCode == 0, format.ToString());
        Assert.Equal(bytes, File.ReadAllBytes(webConfig));
    }
}
