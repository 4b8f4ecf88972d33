using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CmsHazards.Analyzers;
using CmsHazards.Configuration;
using CmsHazards.Fixes;
using CmsHazards.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace CmsHazards.CodeFixes
{
    /// <summary>
    /// Offers the fixes a finding carries (as data, <see cref="FixCodec"/>) on the C# code the diagnostic sits on, and
    /// applies their file changes to the project's additional documents: web.config, the appSettings file configSource
    /// names, a folder web.config a key moves out of. Any rule's fixes, with nothing to add here.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AdditionalFileCodeFix)), Shared]
    public sealed class AdditionalFileCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            RuleCatalog.ReportedBy(FrontEnds.Analyzer).Select(r => r.Id).ToImmutableArray();

        public override FixAllProvider GetFixAllProvider() => AdditionalFileFixAll.Instance;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                // A CMS 12/13 finding with a C# fix: UiOptionsCodeFix offers all its fixes, the C# one first.
                if (AspNetCore.UiOptionsCodeFix.CarriesCodeFix(diagnostic)) continue;
                var project = context.Document.Project;
                foreach (var fix in FixesOf(diagnostic))
                {
                    if (fix.Changes.Any(c => FindDocument(project, c.Path) is null)) continue;
                    context.RegisterCodeFix(
                        CodeAction.Create(fix.Title, ct => ApplyAsync(project.Solution, project.Id, fix, ct), fix.EquivalenceKey),
                        diagnostic);
                }
            }

            return Task.CompletedTask;
        }

        /// <summary>The fixes a diagnostic carries, as the analyzer wrote them into its properties.</summary>
        internal static IReadOnlyList<Fix> FixesOf(Diagnostic diagnostic) =>
            diagnostic.Properties.TryGetValue(SiteAnalyzer.FixesProperty, out var data) ? FixCodec.Decode(data) : Array.Empty<Fix>();

        internal static TextDocument? FindDocument(Project project, string path) =>
            project.AdditionalDocuments.FirstOrDefault(d => d.FilePath is not null && SiteConfigurationFiles.SamePath(d.FilePath, path));

        /// <summary>
        /// Plans the fix against the documents as they are now, so a fix never applies a stale edit, and an
        /// already-fixed file is left untouched. <see cref="SourceText.WithChanges(TextChange[])"/> keeps each text's
        /// encoding, and with it the byte order mark.
        /// </summary>
        internal static async Task<Solution> ApplyAsync(Solution solution, ProjectId projectId, Fix fix, CancellationToken cancellationToken)
        {
            var project = solution.GetProject(projectId);
            if (project is null) return solution;

            var texts = new List<(string Path, TextDocument Document, SourceText Text)>();
            foreach (var change in fix.Changes)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (texts.Any(t => SiteConfigurationFiles.SamePath(t.Path, change.Path)) || FindDocument(project, change.Path) is not { } document) continue;
                texts.Add((change.Path, document, await document.GetTextAsync(cancellationToken).ConfigureAwait(false)));
            }

            // The workspace decoded the files, not us: where writing a text back would not give the file's bytes back
            // (a windows-1252 file read as UTF-8 by dotnet format), the fix changes nothing rather than damage it.
            if (texts.Any(t => CmsHazards.Text.EncodedText.WhyNotWritableAs(t.Text.ToString(), t.Text.Encoding?.WebName) is not null)) return solution;

            string? Read(string path) => texts.Where(t => SiteConfigurationFiles.SamePath(t.Path, path)).Select(t => t.Text.ToString()).FirstOrDefault();

            foreach (var fileEdit in FixPlanner.Plan(fix, Read))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (_, document, text) = texts.First(t => SiteConfigurationFiles.SamePath(t.Path, fileEdit.Path));
                var changes = fileEdit.Edits.Select(e => new TextChange(new TextSpan(e.Span.Start, e.Span.Length), e.NewText));
                solution = solution.WithAdditionalDocumentText(document.Id, text.WithChanges(changes));
            }

            return solution;
        }
    }
}
