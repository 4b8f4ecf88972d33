namespace CmsHazards.Json
{
    /// <summary>
    /// What a host accepts beyond strict JSON (RFC 8259) and what it refuses within it: one reader serves every
    /// JSON file CmsHazards reads, and each file is read the way the program that consumes it reads it, so a file the
    /// host would refuse is reported instead of being read, and a file the host accepts is never refused.
    /// </summary>
    public sealed class JsonDialect
    {
        /// <summary>
        /// appsettings.json as Microsoft.Extensions.Configuration.Json reads it: System.Text.Json with comments
        /// skipped and trailing commas allowed (JsonConfigurationFileParser's JsonDocumentOptions), the reader's
        /// default depth of 64, raw control characters in strings refused, and a key repeated without regard to case
        /// refused ("A duplicate key ... was found").
        /// </summary>
        public static readonly JsonDialect Configuration = new JsonDialect(
            host: "the host",
            allowComments: true,
            allowTrailingCommas: true,
            allowControlCharactersInStrings: false,
            refuseDuplicateNames: true,
            maxDepth: 64,
            depthIsHostLimit: true);

        /// <summary>
        /// Azure Resource Manager templates and parameters files. Comments are documented for templates ("Template
        /// syntax: comments"). The deployment engine's syntax errors are Json.NET's ("Unexpected character
        /// encountered while parsing value"), and Json.NET accepts trailing commas on purpose, keeps raw control
        /// characters such as tabs in strings and lets the later of two equal names replace the earlier: read so
        /// here. A raw line break in a string (the multi-line strings only some deployment tools accept) is refused,
        /// as the portal and the REST API refuse it. The depth limit is CmsHazards' own, well above what real
        /// templates need, so a hostile file cannot exhaust the stack.
        /// </summary>
        public static readonly JsonDialect AzureResourceManager = new JsonDialect(
            host: "Azure Resource Manager",
            allowComments: true,
            allowTrailingCommas: true,
            allowControlCharactersInStrings: true,
            refuseDuplicateNames: false,
            maxDepth: 128,
            depthIsHostLimit: false);

        /// <summary>
        /// Terraform's JSON syntax (*.tfvars.json), read by HCL's JSON parser: strict JSON, which has no comments
        /// (HCL's JSON syntax writes them as "//" properties) and refuses a trailing comma ("Trailing comma in
        /// object"). Its strings go through Go's encoding/json, which refuses raw control characters.
        /// </summary>
        public static readonly JsonDialect Terraform = new JsonDialect(
            host: "Terraform",
            allowComments: false,
            allowTrailingCommas: false,
            allowControlCharactersInStrings: false,
            refuseDuplicateNames: false,
            maxDepth: 128,
            depthIsHostLimit: false);

        private JsonDialect(string host, bool allowComments, bool allowTrailingCommas, bool allowControlCharactersInStrings, bool refuseDuplicateNames, int maxDepth, bool depthIsHostLimit)
        {
            Host = host;
            AllowComments = allowComments;
            AllowTrailingCommas = allowTrailingCommas;
            AllowControlCharactersInStrings = allowControlCharactersInStrings;
            RefuseDuplicateNames = refuseDuplicateNames;
            MaxDepth = maxDepth;
            DepthIsHostLimit = depthIsHostLimit;
        }

        /// <summary>Who refuses what this dialect refuses, as a message names it.</summary>
        public string Host { get; }

        /// <summary>// and /* */ comments, skipped as white space.</summary>
        public bool AllowComments { get; }

        /// <summary>A comma after the last property of an object or the last item of an array.</summary>
        public bool AllowTrailingCommas { get; }

        /// <summary>Characters below U+0020 other than line breaks written raw inside a string.</summary>
        public bool AllowControlCharactersInStrings { get; }

        /// <summary>Two properties of one object whose names differ at most in case make the file unreadable.</summary>
        public bool RefuseDuplicateNames { get; }

        /// <summary>How deeply objects and arrays may nest; the top-level object is level 1.</summary>
        public int MaxDepth { get; }

        /// <summary>Whether <see cref="MaxDepth"/> is the host's own limit (then a deeper file is one the host refuses).</summary>
        public bool DepthIsHostLimit { get; }
    }
}
