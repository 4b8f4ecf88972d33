using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CmsHazards.Configuration;
using CmsHazards.Fixes;
using CmsHazards.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CmsHazards.CodeFixes
{
    /// <summary>
    /// Fix All for the WebSocket fixes: every diagnostic of a site points at the same web.config, so the
    /// fixes are grouped by the edit they ask for and each file is edited once.
    /// </summary>
    internal sealed class WebSocketsFixAll : FixAllProvider
    {
        public static readonly WebSocketsFixAll Instance = new WebSocketsFixAll();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext context)
        {
            var chosen = Enum.GetValues(typeof(FixKind)).Cast<FixKind?>()
                .FirstOrDefault(k => WebSocketsCodeFix.EquivalenceKey(k!.Value) == context.CodeActionEquivalenceKey);
            if (chosen is not { } fix) return null;

            var diagnostics = new List<(ProjectId Project, Diagnostic Diagnostic)>();
            foreach (var project in ProjectsInScope(context))
            {
                IEnumerable<Diagnostic> found = context.Scope == FixAllScope.Document && context.Document is not null
                    ? await context.GetDocumentDiagnosticsAsync(context.Document).ConfigureAwait(false)
                    : await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
                diagnostics.AddRange(found.Select(d => (project.Id, d)));
            }

            var targets = new List<(ProjectId Project, FixRequest Request)>();
            foreach (var (projectId, diagnostic) in diagnostics)
            {
                var request = WebSocketsCodeFix.Requests(diagnostic).FirstOrDefault(r => r.Kind == fix);
                if (request is null || targets.Any(t => t.Project == projectId && t.Request.IsSameEditAs(request))) continue;
                targets.Add((projectId, request));
            }

            if (targets.Count == 0) return null;

            return CodeAction.Create(
                WebSocketsCodeFix.Title(fix),
                async ct =>
                {
                    var solution = context.Solution;
                    foreach (var (projectId, request) in targets)
                    {
                        solution = await WebSocketsCodeFix.ApplyAsync(solution, projectId, request, ct).ConfigureAwait(false);
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
