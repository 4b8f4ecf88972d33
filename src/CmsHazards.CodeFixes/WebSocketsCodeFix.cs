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
    /// Offers the fixes of CMSH100/CMSH101 on the application class, and applies them to the web.config (or the
    /// appSettings file named by configSource) as an edit of that additional document.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WebSocketsCodeFix)), Shared]
    public sealed class WebSocketsCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIds.WebSocketsUnverifiedHost, RuleIds.WebSocketsUnsupportedHost);

        public override FixAllProvider GetFixAllProvider() => WebSocketsFixAll.Instance;

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!TryGetTarget(diagnostic, out var path, out var fixes)) continue;
                var project = context.Document.Project;
                if (FindDocument(project, path) is null) continue;

                foreach (var fix in fixes)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            Title(fix),
                            ct => ApplyAsync(project.Solution, project.Id, path, fix, ct),
                            EquivalenceKey(fix)),
                        diagnostic);
                }
            }

            return Task.CompletedTask;
        }

        internal static string Title(FixKind fix) => FixTitles.Of(fix);

        internal static string EquivalenceKey(FixKind fix) => "CmsHazards." + fix;

        internal static bool TryGetTarget(Diagnostic diagnostic, out string path, out IReadOnlyList<FixKind> fixes)
        {
            path = "";
            fixes = Array.Empty<FixKind>();
            if (!diagnostic.Properties.TryGetValue(WebSocketsAnalyzer.FixTargetProperty, out var target) || target is null) return false;
            if (!diagnostic.Properties.TryGetValue(WebSocketsAnalyzer.FixesProperty, out var list) || list is null) return false;

            var parsed = new List<FixKind>();
            foreach (var name in list.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (Enum.TryParse<FixKind>(name, out var kind)) parsed.Add(kind);
            }

            path = target;
            fixes = parsed;
            return parsed.Count > 0;
        }

        internal static TextDocument? FindDocument(Project project, string path) =>
            project.AdditionalDocuments.FirstOrDefault(d => d.FilePath is not null && SiteFiles.SamePath(d.FilePath, path));

        /// <summary>
        /// Recomputes the edit from the document as it is now, so a fix never applies a stale edit, and an
        /// already-fixed file is left untouched. <see cref="SourceText.WithChanges(TextChange[])"/> keeps the
        /// text's encoding, and with it the byte order mark.
        /// </summary>
        internal static async Task<Solution> ApplyAsync(Solution solution, ProjectId projectId, string path, FixKind fix, CancellationToken cancellationToken)
        {
            var project = solution.GetProject(projectId);
            var document = project is null ? null : FindDocument(project, path);
            if (document is null) return solution;

            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var edit = AppSettingsEditor.Apply(fix, ConfigFile.Parse(path, text.ToString()));
            if (edit is null) return solution;

            var changed = text.WithChanges(new TextChange(new TextSpan(edit.Span.Start, edit.Span.Length), edit.NewText));
            return solution.WithAdditionalDocumentText(document.Id, changed);
        }
    }
}
