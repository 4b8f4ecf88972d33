using System.Text.RegularExpressions;
using CmsHazards.Configuration;
using CmsHazards.Fixes;
using CmsHazards.Rules;
using CmsHazards.Rules.WebSockets;
using CmsHazards.Text;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace CmsHazards.Tests.Properties;

/// <summary>
/// Properties of the configuration reader and the fix editor over generated and mutated web.configs.
/// A bounded number of cases runs in every test run; set CMSHAZARDS_PROPERTY_CASES (for example 100000)
/// for a longer run on demand.
/// </summary>
public class ConfigurationProperties
{
    private const string TurnedOff = "<add key=\"Epi.WebSockets.Enabled\" value=\"false\" />";

    private static readonly Config Cases = Config.QuickThrowOnFailure.WithMaxTest(
        int.TryParse(Environment.GetEnvironmentVariable("CMSHAZARDS_PROPERTY_CASES"), out var n) ? n : 400);

    [Fact]
    public void The_fix_changes_only_the_key_keeps_the_file_well_formed_and_is_idempotent() =>
        Check.One(Cases, Prop.ForAll(GeneratedWebConfig.Generator.ToArbitrary(), FixChangesOnlyTheKey));

    [Fact]
    public void Mutated_files_never_throw_and_fixes_of_readable_ones_stay_well_formed() =>
        Check.One(Cases, Prop.ForAll(Mutated.ToArbitrary(), text =>
        {
            var file = ConfigFile.Parse("Web.config", text);
            if (file.Error is not null) return file.Root is null && AppSettingsEditor.Set(file, WebSocketsKeys.WebSocketsEnabled, "false") is null;

            var edit = AppSettingsEditor.Set(file, WebSocketsKeys.WebSocketsEnabled, "false");
            if (edit is null) return true;
            var fixedFile = ConfigFile.Parse("Web.config", edit.ApplyTo(text));
            return fixedFile.Error is null && AppSettingsEditor.Set(fixedFile, WebSocketsKeys.WebSocketsEnabled, "false") is null;
        }));

    private static bool FixChangesOnlyTheKey(GeneratedWebConfig shape)
    {
        var bytes = shape.Bytes();
        var encoded = EncodedText.Decode(bytes);
        var file = ConfigFile.Parse("Web.config", encoded.Text);
        Assert.Null(file.Error);

        var before = WebConfig.From(file)!.GetAppSettings(null).Find(WebSocketsKeys.WebSocketsEnabled);
        var edit = AppSettingsEditor.Set(file, WebSocketsKeys.WebSocketsEnabled, "false");
        if (before?.BooleanValue == false)
        {
            Assert.Null(edit);
            return true;
        }

        Assert.NotNull(edit);
        var fixedText = edit!.ApplyTo(encoded.Text);
        var fixedBytes = encoded.Encode(fixedText);

        // Well-formed, and the key now reads false where .NET looks for it.
        var fixedFile = ConfigFile.Parse("Web.config", EncodedText.Decode(fixedBytes).Text);
        Assert.Null(fixedFile.Error);
        Assert.Equal(false, WebConfig.From(fixedFile)!.GetAppSettings(null).Find(WebSocketsKeys.WebSocketsEnabled)?.BooleanValue);

        // Applying it again changes nothing.
        Assert.Null(AppSettingsEditor.Set(fixedFile, WebSocketsKeys.WebSocketsEnabled, "false"));

        // The byte order mark and the line endings are the file's own.
        Assert.Equal(shape.ByteOrderMark, fixedBytes.Take(3).SequenceEqual(new byte[] { 0xEF, 0xBB, 0xBF }));
        var otherNewLine = shape.NewLine == "\r\n" ? new Regex("(?<!\r)\n") : new Regex("\r");
        Assert.DoesNotMatch(otherNewLine, fixedText);

        // Only the key: either the winning entry's value became "false" (or got one), or one line holding the
        // entry was added (inside an <appSettings> that was created or opened up when needed).
        if (edit.NewText == "false" || edit.NewText == " value=\"false\"")
        {
            Assert.Equal(before!.Element.File.Text, file.Text);
            Assert.InRange(edit.Span.Start, before.Element.StartTag.Start, before.Element.StartTag.End);
            return true;
        }

        var added = edit.NewText.Replace(TurnedOff, "").Replace("<appSettings>", "").Replace("</appSettings>", "").Replace(">", "");
        Assert.True(added.Trim().Length == 0, $"The edit added more than the key: [{edit.NewText}]");
        Assert.Equal(1, Regex.Matches(fixedText, Regex.Escape(TurnedOff)).Count - Regex.Matches(encoded.Text, Regex.Escape(TurnedOff)).Count);

        // The new line is indented like the lines beside it: the entries (or comments) of appSettings, else one
        // level deeper than <appSettings>, in the unit the file's first nesting shows (its children of <configuration>).
        var inserted = edit.Span.Start + edit.NewText.IndexOf(TurnedOff, StringComparison.Ordinal);
        var lineStart = fixedText.LastIndexOf('\n', inserted - 1) + 1;
        var indent = fixedText[lineStart..inserted];
        var siblings = shape.AppSettingsForm == "entries" && shape.Entries.Count > 0;
        Assert.Equal(siblings ? shape.ChildIndent : shape.Indent + shape.Indent, indent);
        return true;
    }

    private static Gen<string> Mutated { get; } =
        from shape in GeneratedWebConfig.Generator
        from position in Gen.Choose(0, 10_000)
        from mutation in Gen.Elements("delete", "lt", "amp", "quote", "swap", "duplicate-line", "drop-line", "nul")
        select Mutate(shape.Render(), position, mutation);

    private static string Mutate(string text, int position, string mutation)
    {
        var at = text.Length == 0 ? 0 : position % text.Length;
        var lines = text.Split('\n').ToList();
        var line = lines.Count == 0 ? 0 : position % lines.Count;
        switch (mutation)
        {
            case "delete": return text.Remove(at, Math.Min(1, text.Length - at));
            case "lt": return text.Insert(at, "<");
            case "amp": return text.Insert(at, "&");
            case "quote": return text.Insert(at, "\"");
            case "nul": return text.Insert(at, "\0");
            case "swap" when at + 1 < text.Length: return text[..at] + text[at + 1] + text[at] + text[(at + 2)..];
            case "duplicate-line": lines.Insert(line, lines[line]); return string.Join('\n', lines);
            case "drop-line": lines.RemoveAt(line); return string.Join('\n', lines);
            default: return text;
        }
    }
}
