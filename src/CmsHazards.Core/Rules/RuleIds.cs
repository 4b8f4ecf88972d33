namespace CmsHazards.Rules
{
    /// <summary>
    /// Public rule IDs. Ranges: CMSH0xx CmsHazards itself, CMSH1xx hosting and real-time, CMSH2xx configuration validity,
    /// CMSH3xx upgrade hazards. Each ID has a page in docs/rules and a line in AnalyzerReleases.
    /// </summary>
    public static class RuleIds
    {
        /// <summary>CmsHazards itself failed; the build goes on, with a warning that says so instead of a crash.</summary>
        public const string InspectionFailed = "CMSH001";

        public const string WebSocketsUnverifiedHost = "CMSH100";
        public const string WebSocketsUnsupportedHost = "CMSH101";
        public const string WebSocketsKeyIneffective = "CMSH102";
        public const string HostDeclarationNotUnderstood = "CMSH103";
        public const string ConfigurationUnreadable = "CMSH200";
        public const string TransformNotUnderstood = "CMSH201";

        public const string StaleBindingRedirect = "CMSH301";
        public const string DuplicateBindingRedirect = "CMSH302";
        public const string UnreadBindingRedirect = "CMSH303";
        public const string MixedPackageFamily = "CMSH304";
        public const string Cms11PackageOnModernNet = "CMSH305";

        public const string HelpLinkBase = "https://github.com/cmshazards/cmshazards/blob/main/docs/rules/";

        public static string HelpLink(string id) => HelpLinkBase + id + ".md";
    }
}
