using System;
using System.IO;
using CmsHazards.Text;

namespace CmsHazards.Infrastructure
{
    /// <summary>The languages infrastructure files are written in, as far as CmsHazards reads them.</summary>
    public enum InfrastructureLanguage
    {
        /// <summary>An Azure Resource Manager deployment template (JSON), also what Bicep compiles to.</summary>
        ArmTemplate,

        /// <summary>An ARM parameters file: values for a template's parameters.</summary>
        ArmParameters,

        Bicep,

        /// <summary>A .bicepparam file: values for the parameters of the Bicep file it is <c>using</c>.</summary>
        BicepParameters,

        Terraform,

        /// <summary>A *.tfvars (or *.tfvars.json) file: values for Terraform variables.</summary>
        TerraformVariables,
    }

    /// <summary>One infrastructure file's text, kept for positions and for fixes.</summary>
    public sealed class InfrastructureFile
    {
        /// <summary>
        /// The longest infrastructure file CmsHazards reads, in characters. Real templates with dozens of resources
        /// stay below 1 MB (Azure Resource Manager itself refuses a template over 4 MB), so the limit bounds the
        /// memory of a build that is handed something else under such a name.
        /// </summary>
        public const int MaxLength = 4 * 1024 * 1024;

        public InfrastructureFile(string path, string text, InfrastructureLanguage language)
        {
            Path = path ?? throw new ArgumentNullException(nameof(path));
            Text = text ?? throw new ArgumentNullException(nameof(text));
            Language = language;
            Lines = new LineMap(text);
        }

        public string Path { get; }

        public string Text { get; }

        public InfrastructureLanguage Language { get; }

        public LineMap Lines { get; }

        public string FileName => System.IO.Path.GetFileName(Path);

        /// <summary>
        /// Which language a file is in, by its name and, for .json, by what it holds (a template has
        /// <c>resources</c>; a parameters file has <c>parameters</c> and a deploymentParameters schema); null when
        /// it is none CmsHazards reads.
        /// </summary>
        public static InfrastructureLanguage? LanguageOf(string path, string? text = null)
        {
            var name = System.IO.Path.GetFileName(path);
            if (name.EndsWith(".bicep", StringComparison.OrdinalIgnoreCase)) return InfrastructureLanguage.Bicep;
            if (name.EndsWith(".bicepparam", StringComparison.OrdinalIgnoreCase)) return InfrastructureLanguage.BicepParameters;
            if (name.EndsWith(".tf", StringComparison.OrdinalIgnoreCase)) return InfrastructureLanguage.Terraform;
            if (name.EndsWith(".tfvars", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tfvars.json", StringComparison.OrdinalIgnoreCase)) return InfrastructureLanguage.TerraformVariables;
            if (!name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !name.EndsWith(".jsonc", StringComparison.OrdinalIgnoreCase)) return null;
            if (text is null) return name.IndexOf("parameters", StringComparison.OrdinalIgnoreCase) >= 0 ? InfrastructureLanguage.ArmParameters : InfrastructureLanguage.ArmTemplate;

            // Only the start of a file is looked at: both schemas are declared first in every real file, and a
            // hostile file is not scanned whole just to be told apart.
            var head = text.Length > 4096 ? text.Substring(0, 4096) : text;
            if (head.IndexOf("deploymentParameters.json", StringComparison.OrdinalIgnoreCase) >= 0) return InfrastructureLanguage.ArmParameters;
            if (head.IndexOf("deploymentTemplate.json", StringComparison.OrdinalIgnoreCase) >= 0) return InfrastructureLanguage.ArmTemplate;
            return null;
        }

        /// <summary>
        /// The language of a file a project names as infrastructure: by its name, a .json file by the schema it
        /// declares, else by its name (a name with "parameters" is a parameters file), else a template.
        /// </summary>
        public static InfrastructureLanguage LanguageFor(string path, string text) =>
            LanguageOf(path, "") ?? LanguageOf(path, text) ?? LanguageOf(path, null) ?? InfrastructureLanguage.ArmTemplate;

        /// <summary>Reads a file a project names as infrastructure, in the language <see cref="LanguageFor"/> tells.</summary>
        public static InfrastructureFile Load(string path)
        {
            var file = Read(path, InfrastructureLanguage.ArmTemplate);
            var language = LanguageFor(path, file.Text);
            return language == file.Language ? file : new InfrastructureFile(path, file.Text, language) { Length = file.Length };
        }

        /// <summary>Reads a file from disk; one over the limit is not loaded (its text is empty and <see cref="IsTooLarge"/> says why).</summary>
        public static InfrastructureFile Read(string path, InfrastructureLanguage language)
        {
            var length = new FileInfo(path).Length;
            if (length > MaxLength) return new InfrastructureFile(path, "", language) { Length = length };
            return new InfrastructureFile(path, EncodedText.Read(path).Text, language);
        }

        /// <summary>The file's length in characters (in bytes for a file not loaded).</summary>
        public long Length
        {
            get => _length ?? Text.Length;
            private set => _length = value;
        }

        private long? _length;

        public bool IsTooLarge => Length > MaxLength;

        /// <summary>"main.bicep(12)": how a message names a place in this file.</summary>
        public string Describe(TextSpan span) => FileName + "(" + (Lines.GetPosition(span.Start).Line + 1) + ")";
    }

    /// <summary>A place in an infrastructure file: what a finding points at or a fix edits.</summary>
    public sealed class InfrastructurePlace
    {
        public InfrastructurePlace(InfrastructureFile file, TextSpan span)
        {
            File = file;
            Span = span;
        }

        public InfrastructureFile File { get; }

        public TextSpan Span { get; }

        public LinePosition Start => File.Lines.GetPosition(Span.Start);

        public LinePosition End => File.Lines.GetPosition(Span.End);

        /// <summary>The text at the place, as written.</summary>
        public string Text => File.Text.Substring(Span.Start, Span.Length);

        public override string ToString() => File.Describe(Span);
    }

    /// <summary>
    /// Something a reader cannot read or decide, and where: a file that is not Bicep, a module it does not follow,
    /// a value computed at deployment. Readers say so instead of guessing.
    /// </summary>
    public sealed class InfrastructureNote
    {
        public InfrastructureNote(InfrastructurePlace place, string message, bool fileUnreadable = false)
        {
            Place = place;
            Message = message;
            FileUnreadable = fileUnreadable;
        }

        public InfrastructurePlace Place { get; }

        /// <summary>
        /// About the place, without the file name: "module 'web' ... is not read"; for an unreadable file, what follows
        /// its name ("cannot be read as Bicep at line 3, column 9: ...").
        /// </summary>
        public string Message { get; }

        /// <summary>True when nothing of the file was read (CMSH200); false for a part the reader skipped.</summary>
        public bool FileUnreadable { get; }

        /// <summary>The note as a sentence: "main.bicep cannot be read as Bicep at line 3, column 9: ...".</summary>
        public string Sentence => FileUnreadable ? Place.File.FileName + " " + Message + "." : Place + ": " + Message + ".";

        public override string ToString() => Place + ": " + Message;
    }
}
