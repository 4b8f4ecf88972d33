using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
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
    /// Offers the fixes of CMSH100, CMSH101 and CMSH102 on the application class, and applies them to the web.config
    /// (or the appSettings file named by configSource, or a folder web.config a key moves out of) as edits of those
    /// additional documents.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WebSocketsCodeFix)), Shared]
    public sealed class WebSocketsCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIds.WebSocketsUnverifiedHost, RuleIds.WebSocketsUnsupportedHost, RuleIds.WebSocketsKeyIneffective);

        public override FixAllProvider GetFixAllProvider() => WebSocketsFixAll.Instance;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var project = context.Document.Project;
                foreach (var request in Requests(diagnostic))
                {
                    if (FindDocument(project, request.TargetPath) is null) continue;
                    if (request.KeyPath is not null && FindDocument(project, request.KeyPath) is null) continue;
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            Title(request.Kind),
                            ct => ApplyAsync(project.Solution, project.Id, request, ct),
                            EquivalenceKey(request.Kind)),
                        diagnostic);
                }
            }

            return Task.CompletedTask;
        }

        internal static string Title(FixKind fix) => FixTitles.Of(fix);

        internal static string EquivalenceKey(FixKind fix) => "CmsHazards." + fix;

        /// <summary>The fixes a diagnostic carries, as the analyzer wrote them into its properties.</summary>
        internal static IReadOnlyList<FixRequest> Requests(Diagnostic diagnostic)
        {
            var properties = diagnostic.Properties;
            if (!properties.TryGetValue(WebSocketsAnalyzer.FixTargetProperty, out var target) || target is null) return Array.Empty<FixRequest>();
            if (!properties.TryGetValue(WebSocketsAnalyzer.FixesProperty, out var list) || list is null) return Array.Empty<FixRequest>();
            properties.TryGetValue(WebSocketsAnalyzer.KeyPathProperty, out var keyPath);
            var keyOffset = properties.TryGetValue(WebSocketsAnalyzer.KeyOffsetProperty, out var offsetText)
                && int.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : -1;

            var requests = new List<FixRequest>();
            foreach (var name in list.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (Enum.TryParse<FixKind>(name, out var kind)) requests.Add(new FixRequest(kind, target, keyPath, keyOffset));
            }

            return requests;
        }

        internal static TextDocument? FindDocument(Project project, string path) =>
            project.AdditionalDocuments.FirstOrDefault(d => d.FilePath is not null && SiteFiles.SamePath(d.FilePath, path));

        /// <summary>
        /// Recomputes the edits from the documents as they are now, so a fix never applies a stale edit, and an
        /// already-fixed file is left untouched. <see cref="SourceText.WithChanges(TextChange[])"/> keeps each text's
        /// encoding, and with it the byte order mark.
        /// </summary>
        internal static async Task<Solution> ApplyAsync(Solution solution, ProjectId projectId, FixRequest request, CancellationToken cancellationToken)
        {
            var project = solution.GetProject(projectId);
            if (project is null) return solution;

            var texts = new Dictionary<string, (TextDocument Document, SourceText Text)>(StringComparer.OrdinalIgnoreCase);
            foreach (var path in new[] { request.TargetPath, request.KeyPath })
            {
                if (path is null || FindDocument(project, path) is not { } document) continue;
                texts[path] = (document, await document.GetTextAsync(cancellationToken).ConfigureAwait(false));
            }

            ConfigFile? Read(string path) =>
                texts.Where(t => SiteFiles.SamePath(t.Key, path)).Select(t => ConfigFile.Parse(path, t.Value.Text.ToString())).FirstOrDefault();

            // The workspace decoded the file, not us: where writing its text back would not give the file's bytes back
            // (a windows-1252 file read as UTF-8 by dotnet format), the fix changes nothing rather than damage it.
            if (texts.Values.Any(t => CmsHazards.Text.EncodedText.WhyNotWritableAs(t.Text.ToString(), t.Text.Encoding?.WebName) is not null)) return solution;

            foreach (var fileEdit in AppSettingsEditor.Plan(request, Read))
            {
                var (document, text) = texts.First(t => SiteFiles.SamePath(t.Key, fileEdit.Path)).Value;
                var changes = fileEdit.Edits.Select(e => new TextChange(new TextSpan(e.Span.Start, e.Span.Length), e.NewText));
                solution = solution.WithAdditionalDocumentText(document.Id, text.WithChanges(changes));
            }

            return solution;
        }
    }
}
