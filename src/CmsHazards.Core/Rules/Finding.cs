using System;
using System.Collections.Generic;
using CmsHazards.Configuration;
using CmsHazards.Text;

namespace CmsHazards.Rules
{
    /// <summary>A place in a configuration file that a finding points at.</summary>
    public sealed class ConfigLocation
    {
        public ConfigLocation(ConfigFile file, TextSpan span)
        {
            File = file;
            Span = span;
        }

        /// <summary>Where an element's name is: what a diagnostic about the element underlines.</summary>
        public static ConfigLocation Of(ConfigElement element) => new ConfigLocation(element.File, element.NameSpan);

        /// <summary>Where an attribute's name is: for an attribute a transform set, in the transform file.</summary>
        public static ConfigLocation Of(ConfigAttribute attribute) => new ConfigLocation(attribute.File, attribute.NameSpan);

        public ConfigFile File { get; }
        public TextSpan Span { get; }
        public LinePosition Start => File.Lines.GetPosition(Span.Start);
        public LinePosition End => File.Lines.GetPosition(Span.End);
    }

    /// <summary>The changes CmsHazards can make to fix a finding.</summary>
    public enum FixKind
    {
        /// <summary>Add or set <c>Epi.WebSockets.Enabled=false</c> in the effective root appSettings.</summary>
        TurnOffWebSockets,

        /// <summary>Add or set <c>aspnet:UseTaskFriendlySynchronizationContext=true</c>.</summary>
        UseTaskFriendlySynchronizationContext,

        /// <summary>
        /// Remove an <c>Epi.WebSockets.Enabled</c> entry from where it has no effect (a folder web.config, a
        /// location below the root, beside configSource) and set the key to false in the root appSettings.
        /// </summary>
        MoveWebSocketsKeyToRoot,
    }

    /// <summary>
    /// One diagnostic as every front end reports it: the analyzer, the MSBuild task and the CLI take the ID,
    /// message and locations from here unchanged, so they always agree.
    /// </summary>
    public sealed class Finding
    {
        public Finding(string ruleId, string message, ConfigLocation? location, IReadOnlyList<FixKind>? fixes = null, string? fixTargetPath = null, ConfigLocation? keyToMove = null)
        {
            RuleId = ruleId;
            Message = message;
            Location = location;
            Fixes = fixes ?? Array.Empty<FixKind>();
            FixTargetPath = fixTargetPath;
            KeyToMove = keyToMove;
        }

        public string RuleId { get; }

        public string Message { get; }

        /// <summary>The configuration element that decides the outcome; null for findings about MSBuild properties.</summary>
        public ConfigLocation? Location { get; }

        /// <summary>The fixes that apply, in the order they are offered.</summary>
        public IReadOnlyList<FixKind> Fixes { get; }

        /// <summary>The file the fixes edit: the web.config, or the file its appSettings configSource names.</summary>
        public string? FixTargetPath { get; }

        /// <summary>For <see cref="FixKind.MoveWebSocketsKeyToRoot"/>: the entry to move, where it is written.</summary>
        public ConfigLocation? KeyToMove { get; }

        /// <summary>What a front end hands to <c>AppSettingsEditor.Plan</c> to apply one of the fixes.</summary>
        public Fixes.FixRequest RequestFor(FixKind fix) =>
            new Fixes.FixRequest(fix, FixTargetPath ?? "", KeyToMove?.File.Path, KeyToMove?.Span.Start ?? -1);

        public override string ToString() => RuleId + ": " + Message;
    }
}
