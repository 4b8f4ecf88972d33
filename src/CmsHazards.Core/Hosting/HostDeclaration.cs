using System;
using System.Collections.Generic;
using System.Globalization;

namespace CmsHazards.Hosting
{
    /// <summary>
    /// What the project declares about the hosts it deploys to, through the MSBuild properties
    /// <c>CmsHostWebSockets</c> and <c>CmsHostIisVersion</c> (usually in Directory.Build.props, per
    /// configuration through ordinary MSBuild conditions).
    /// </summary>
    public sealed class HostDeclaration
    {
        public const string WebSocketsProperty = "CmsHostWebSockets";
        public const string IisVersionProperty = "CmsHostIisVersion";

        /// <summary>IIS carries WebSockets from 8.0 (Windows Server 2012); IIS 7.5 has no <c>&lt;webSocket&gt;</c> at all.</summary>
        public static readonly Version FirstIisWithWebSockets = new Version(8, 0);

        public static readonly HostDeclaration None = new HostDeclaration(null, null, null, Array.Empty<SettingProblem>());

        private HostDeclaration(bool? webSockets, Version? iisVersion, string? iisVersionText, IReadOnlyList<SettingProblem> problems)
        {
            WebSockets = webSockets;
            IisVersion = iisVersion;
            IisVersionText = iisVersionText;
            Problems = problems;
        }

        /// <summary><c>CmsHostWebSockets</c>: true, false, or null when not declared.</summary>
        public bool? WebSockets { get; }

        /// <summary><c>CmsHostIisVersion</c>, or null when not declared.</summary>
        public Version? IisVersion { get; }

        /// <summary><c>CmsHostIisVersion</c> as the user wrote it.</summary>
        public string? IisVersionText { get; }

        /// <summary>Values that could not be read, each with its property and a sentence; such a value is treated as not declared.</summary>
        public IReadOnlyList<SettingProblem> Problems { get; }

        public bool IisTooOldForWebSockets => IisVersion is not null && IisVersion < FirstIisWithWebSockets;

        /// <summary>Reads the two properties as MSBuild hands them over (empty means not set).</summary>
        public static HostDeclaration Read(string? webSockets, string? iisVersion)
        {
            var problems = new List<SettingProblem>();
            bool? declared = null;
            if (!string.IsNullOrWhiteSpace(webSockets))
            {
                if (bool.TryParse(webSockets!.Trim(), out var value)) declared = value;
                else problems.Add(new SettingProblem(WebSocketsProperty, $"{WebSocketsProperty} is '{webSockets}'; use true or false."));
            }

            Version? iis = null;
            string? iisText = null;
            if (!string.IsNullOrWhiteSpace(iisVersion))
            {
                iisText = iisVersion!.Trim();
                var text = iisText.IndexOf('.') < 0 ? iisText + ".0" : iisText;
                if (Version.TryParse(text, out var parsed) && text.IndexOfAny(new[] { '-', '+', ' ' }) < 0) iis = parsed;
                else problems.Add(new SettingProblem(IisVersionProperty, $"{IisVersionProperty} is '{iisVersion}'; use an IIS version such as 7.5 or 10.0."));
            }

            if (declared is null && iis is null && problems.Count == 0) return None;
            return new HostDeclaration(declared, iis, iisText, problems);
        }

        public override string ToString() =>
            $"{WebSocketsProperty}={WebSockets?.ToString(CultureInfo.InvariantCulture) ?? "(unset)"}, {IisVersionProperty}={IisVersionText ?? "(unset)"}";
    }

    /// <summary>
    /// An MSBuild property whose value CmsHazards cannot read, and why, as a sentence. The property travels with the
    /// finding (<see cref="Rules.Finding.Setting"/>), so a front end that reads the project file puts it where the property is declared.
    /// </summary>
    public sealed class SettingProblem : IEquatable<SettingProblem>
    {
        public SettingProblem(string setting, string message)
        {
            Setting = setting;
            Message = message;
        }

        /// <summary>The property: CmsHostWebSockets, CmsHostIisVersion.</summary>
        public string Setting { get; }

        public string Message { get; }

        public bool Equals(SettingProblem? other) => other is not null && Setting == other.Setting && Message == other.Message;

        public override bool Equals(object? obj) => Equals(obj as SettingProblem);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Message);

        public override string ToString() => Message;
    }
}
