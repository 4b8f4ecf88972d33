using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CmsHazards.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CmsHazards.CodeFixes
{
    /// <summary>
    /// Fix All for the WebSocket fixes: every diagnostic of a site points at the same web.config, so the
    /// fixes are grouped by the file they edit and each file is edited once.
    /// </summary>
    internal sealed class WebSocketsFixAll : FixAllProvider
    {
        public static readonly WebSocketsFixAll Instance = new WebSocketsFixAll();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext context)
        {
            var matching = Enum.GetValues(typeof(FixKind)).Cast<FixKind>()
                .Where(k => WebSocketsCodeFix.EquivalenceKey(k) == context.CodeActionEquivalenceKey)
                .ToList();
            if (matching.Count == 0) return null;
            var fix = matching[0];

            var diagnostics = new List<(ProjectId Project, Diagnostic Diagnostic)>();
            foreach (var project in ProjectsInScope(context))
            {
                IEnumerable<Diagnostic> found = context.Scope == FixAllScope.Document && context.Document is not null
                    ? await context.GetDocumentDiagnosticsAsync(context.Document).ConfigureAwait(false)
                    : await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
                diagnostics.AddRange(found.Select(d => (project.Id, d)));
            }

            var targets = new List<(ProjectId Project, string Path)>();
            foreach (var (projectId, diagnostic) in diagnostics)
            {
                if (!WebSocketsCodeFix.TryGetTarget(diagnostic, out var path, out var fixes) || !fixes.Contains(fix)) continue;
                if (!targets.Any(t => t.Project == projectId && Configuration.SiteFiles.SamePath(t.Path, path))) targets.Add((projectId, path));
            }

            if (targets.Count == 0) return null;

            return CodeAction.Create(
                WebSocketsCodeFix.Title(fix),
                async ct =>
                {
                    var solution = context.Solution;
                    foreach (var (projectId, path) in targets)
                    {
                        solution = await WebSocketsCodeFix.ApplyAsync(solution, projectId, path, fix, ct).ConfigureAwait(false);
                    }

                    return solution;
                },
                context.CodeActionEquivalenceKey);
        }

        private static IEnumerable<Project> ProjectsInScope(FixAllContext context) => context.Scope switch
        {
            FixAllScope.Solution => context.Solution.Projects,
            _ => new[] { context.Project },
        };
    }
}
