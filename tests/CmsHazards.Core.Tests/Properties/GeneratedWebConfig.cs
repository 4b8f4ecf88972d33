using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace CmsHazards.Tests.Properties;

/// <summary>One appSettings child of a generated web.config.</summary>
public sealed record Entry(string Kind, string Key, string Value)
{
    public string Render() => Kind switch
    {
        "add" => $"<add key=\"{Key}\" value=\"{Value}\" />",
        "add-no-value" => $"<add key=\"{Key}\"/>",
        "remove" => $"<remove key=\"{Key}\" />",
        "clear" => "<clear />",
        "comment" => $"<!-- {Value} -->",
        _ => $"<!--<add key=\"{Key}\" value=\"{Value}\" />-->",
    };
}

/// <summary>
/// A web.config in one of the shapes real CMS sites have: BOM or not, CRLF or LF, two or four spaces, tabs or
/// a tab with spaces, configSections or not, appSettings missing, self-closing, empty, or with entries
/// (duplicates in other casings, removals, comments, commented-out keys) before, between or after other sections.
/// </summary>
public sealed record GeneratedWebConfig(
    string NewLine,
    bool ByteOrderMark,
    string Indent,
    string ChildIndent,
    bool ConfigSections,
    string AppSettingsForm,
    int AppSettingsPosition,
    IReadOnlyList<Entry> Entries,
    bool TrailingNewLine)
{
    private static readonly string[] Keys =
    {
        "Epi.WebSockets.Enabled", "EPi.WebSockets.Enabled", "epi.websockets.enabled",
        "webpages:Version", "owin:AutomaticAppStartup", "aspnet:UseTaskFriendlySynchronizationContext",
    };

    private static readonly string[] Values = { "true", "false", "False", " false ", "0", "no", "3.0.0.0", "", "a &amp; b", "x > y" };

    public static Gen<GeneratedWebConfig> Generator { get; } =
        from newLine in Gen.Elements("\r\n", "\n")
        from bom in Gen.Elements(true, false)
        from indent in Gen.Elements("  ", "    ", "\t")
        from deeper in Gen.Elements("  ", "    ", "\t", "  ")
        from configSections in Gen.Elements(true, false)
        from form in Gen.Elements("missing", "self-closing", "empty", "entries", "entries", "entries")
        from position in Gen.Choose(0, 2)
        from entries in EntryGenerator.ListOf()
        from trailing in Gen.Elements(true, false)
        select new GeneratedWebConfig(newLine, bom, indent, indent + deeper, configSections, form, position, entries.ToList(), trailing);

    private static Gen<Entry> EntryGenerator { get; } =
        from kind in Gen.Elements("add", "add", "add", "add-no-value", "remove", "clear", "comment", "commented-key")
        from key in Gen.Elements(Keys)
        from value in Gen.Elements(Values)
        select new Entry(kind, key, value);

    public string Render()
    {
        var lines = new List<string> { "<?xml version=\"1.0\" encoding=\"utf-8\"?>", "<configuration>" };
        if (ConfigSections)
        {
            lines.Add(Indent + "<configSections>");
            lines.Add(ChildIndent + "<section name=\"episerver\" type=\"EPiServer.Configuration.EPiServerSection, EPiServer.Configuration\" />");
            lines.Add(Indent + "</configSections>");
        }

        var sections = new List<List<string>>
        {
            new() { Indent + "<system.web>", ChildIndent + "<httpRuntime targetFramework=\"4.7.2\" />", Indent + "</system.web>" },
            new() { Indent + "<!-- Redirects kept from the old site -->", Indent + "<system.webServer>", ChildIndent + "<modules runAllManagedModulesForAllRequests=\"true\" />", Indent + "</system.webServer>" },
        };
        var appSettings = AppSettingsForm switch
        {
            "missing" => null,
            "self-closing" => new List<string> { Indent + "<appSettings />" },
            "empty" => new List<string> { Indent + "<appSettings></appSettings>" },
            _ => new List<string> { Indent + "<appSettings>" }.Concat(Entries.Select(e => ChildIndent + e.Render())).Append(Indent + "</appSettings>").ToList(),
        };
        if (appSettings is not null) sections.Insert(Math.Min(AppSettingsPosition, sections.Count), appSettings);

        lines.AddRange(sections.SelectMany(s => s));
        lines.Add("</configuration>");
        return string.Join(NewLine, lines) + (TrailingNewLine ? NewLine : "");
    }

    public byte[] Bytes()
    {
        var body = Encoding.UTF8.GetBytes(Render());
        return ByteOrderMark ? new byte[] { 0xEF, 0xBB, 0xBF }.Concat(body).ToArray() : body;
    }

    public override string ToString() => Render();
}
