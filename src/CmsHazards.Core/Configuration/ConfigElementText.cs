using System.Net;

namespace CmsHazards.Configuration
{
    /// <summary>
    /// The text content of an element, for files whose values live between tags rather than in attributes:
    /// MSBuild project files (<c>&lt;HintPath&gt;</c>, <c>&lt;Version&gt;</c>, <c>&lt;CmsHostIisVersion&gt;</c>).
    /// </summary>
    public static class ConfigElementText
    {
        /// <summary>
        /// The trimmed text between the element's tags with XML entities decoded; "" for an empty or self-closing
        /// element, and null when the element holds markup (child elements, comments, CDATA), which is not a
        /// plain value.
        /// </summary>
        public static string? TextOf(ConfigElement element)
        {
            if (element.IsSelfClosing) return "";
            var start = element.StartTag.End;
            var raw = element.File.Text.Substring(start, element.EndTag.Start - start);
            if (raw.IndexOf('<') >= 0) return null;

            // The five XML entities and character references are a subset of what HtmlDecode reads.
            return WebUtility.HtmlDecode(raw).Trim();
        }
    }
}
