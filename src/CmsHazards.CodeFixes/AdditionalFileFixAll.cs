using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CmsHazards.Fixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace CmsHazards.CodeFixes
{
    /// <summary>
    /// Fix All: every diagnostic of a site carries the same edit of the same web.config (and a project built for two
    /// target frameworks carries it twice), so the fixes are grouped by the edit they make and each is made once.
    /// </summary>
    internal sealed class AdditionalFileFixAll : FixAllProvider
    {
        public static readonly AdditionalFileFixAll Instance = new AdditionalFileFixAll();

        public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        public override async Task<CodeAction?> GetFixAsync(FixAllContext context)
        {
            var diagnostics = new List<(ProjectId Project, Diagnostic Diagnostic)>();
            foreach (var project in ProjectsInScope(context))
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                IEnumerable<Diagnostic> found = context.Scope == FixAllScope.Document && context.Document is not null
                    ? await context.GetDocumentDiagnosticsAsync(context.Document).ConfigureAwait(false)
                    : await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
                diagnostics.AddRange(found.Select(d => (project.Id, d)));
            }

            // In the order of the findings' places (file, then offset), as the rules list them and cmshazards scan --fix makes
            // them: redirects moved into one assemblyBinding land in that order whichever order the host hands diagnostics in.
            diagnostics = diagnostics.OrderBy(d => PlaceOf(d.Diagnostic).Path, System.StringComparer.Ordinal).ThenBy(d => PlaceOf(d.Diagnostic).Start).ToList();

            // dotnet format asks with the equivalence key of the first code action at the first diagnostic's place, which
            // can be another rule's (CMSH101 and CMSH301 both sit on the application class, in either order): when no fix
            // of these diagnostics has that key, each diagnostic's first fix is made, the one dotnet format applies alone.
            var fixes = EachEditOnce(diagnostics, context.CodeActionEquivalenceKey);
            if (fixes.Count == 0) fixes = FirstFixOfEach(diagnostics);
            if (fixes.Count == 0) return null;

            return CodeAction.Create(
                fixes[0].Fix.Title,
                async ct =>
                {
                    // One plan per project: the fixes of one kind are planned together against the files as they are,
                    // so every binding redirect of a web.config changes in one edit.
                    var solution = context.Solution;
                    // Where the changes cannot be planned together (one no longer finds its element), each fix goes on its own.
                    foreach (var project in fixes.GroupBy(f => f.Project))
                    {
                        var ofProject = project.Select(f => f.Fix).ToList();
                        var combined = await AdditionalFileCodeFix.ApplyAsync(solution, project.Key, Fix.Combine(ofProject), ct).ConfigureAwait(false);
                        if (!ReferenceEquals(combined, solution) || ofProject.Count == 1)
                        {
                            solution = combined;
                            continue;
                        }

                        foreach (var fix in ofProject) solution = await AdditionalFileCodeFix.ApplyAsync(solution, project.Key, fix, ct).ConfigureAwait(false);
                    }

                    return solution;
                },
                context.CodeActionEquivalenceKey);
        }

        /// <summary>
        /// The fixes to make, each edit once: the diagnostics of one site, and of one project built for several target
        /// frameworks (one Roslyn project per framework, one web.config), all ask for the same edit of the same file.
        /// </summary>
        /// <remarks>
        /// A Fix All asked with one fix's key makes every finding of that rule go away, not only those with that fix: a
        /// rule whose findings carry fixes of different kinds (CMSH303 adds a namespace to one and moves another) has
        /// its other findings' first fix made too. <c>dotnet format --diagnostics CMSH303</c> asks once, with the key of
        /// the first fix it meets; had it made only those, the next build would still warn, and only a second pass
        /// would make the rest. Other rules' diagnostics in scope keep their own Fix All.
        /// </remarks>
        internal static IReadOnlyList<(ProjectId Project, Fix Fix)> EachEditOnce(IEnumerable<(ProjectId Project, Diagnostic Diagnostic)> diagnostics, string? equivalenceKey)
        {
            var withFixes = diagnostics.Select(d => (d.Project, d.Diagnostic, Fixes: AdditionalFileCodeFix.FixesOf(d.Diagnostic))).ToList();
            var rules = new HashSet<string>(withFixes.Where(d => d.Fixes.Any(f => f.EquivalenceKey == equivalenceKey)).Select(d => d.Diagnostic.Id));
            return EachEditOnce(
                withFixes.Where(d => rules.Contains(d.Diagnostic.Id)).Select(d => (d.Project, d.Fixes)),
                fixes => fixes.FirstOrDefault(f => f.EquivalenceKey == equivalenceKey) ?? fixes.FirstOrDefault());
        }

        /// <summary>Each diagnostic's first fix, each edit once.</summary>
        internal static IReadOnlyList<(ProjectId Project, Fix Fix)> FirstFixOfEach(IEnumerable<(ProjectId Project, Diagnostic Diagnostic)> diagnostics) =>
            EachEditOnce(diagnostics.Select(d => (d.Project, AdditionalFileCodeFix.FixesOf(d.Diagnostic))), fixes => fixes.FirstOrDefault());

        private static IReadOnlyList<(ProjectId Project, Fix Fix)> EachEditOnce(IEnumerable<(ProjectId Project, IReadOnlyList<Fix> Fixes)> diagnostics, System.Func<IReadOnlyList<Fix>, Fix?> choose)
        {
            var fixes = new List<(ProjectId Project, Fix Fix)>();
            foreach (var (projectId, offered) in diagnostics)
            {
                var fix = choose(offered);
                if (fix is null || fixes.Any(f => f.Fix.IsSameEditAs(fix))) continue;
                fixes.Add((projectId, fix));
            }

            return fixes;
        }

        /// <summary>Where the finding is: the configuration element a diagnostic on the site's code names as its additional location, else its own place.</summary>
        private static (string Path, int Start) PlaceOf(Diagnostic diagnostic)
        {
            var location = diagnostic.AdditionalLocations.Count > 0 ? diagnostic.AdditionalLocations[0] : diagnostic.Location;
            return (location.GetLineSpan().Path ?? "", location.SourceSpan.Start);
        }

        private static IEnumerable<Project> ProjectsInScope(FixAllContext context) => context.Scope switch
        {
            FixAllScope.Solution => context.Solution.Projects,
            _ => new[] { context.Project },
        };
    }
}
