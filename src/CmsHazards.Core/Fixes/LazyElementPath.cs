using CmsHazards.Configuration;

namespace CmsHazards.Fixes
{
    /// <summary>
    /// The <see cref="XmlElementPath"/> of an element as read, encoded when a change's arguments are first read: a build
    /// reports findings and never reads their fixes' arguments, the analyzer reads them once per diagnostic, and the
    /// changes of one element (newVersion and oldVersion of one binding redirect) share one encoding.
    /// </summary>
    internal sealed class LazyElementPath
    {
        private string? _text;

        public LazyElementPath(ConfigElement element) => Element = element;

        /// <summary>The element, in the file it is written in (an original, not a transformed copy).</summary>
        public ConfigElement Element { get; }

        /// <summary><c>XmlElementPath.Of(Element).Encode()</c>; two threads may both write it, and write the same text.</summary>
        public string Text => _text ??= XmlElementPath.Encode(Element);
    }
}
