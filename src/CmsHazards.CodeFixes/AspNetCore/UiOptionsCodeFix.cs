using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CmsHazards.Analyzers.AspNetCore;
using CmsHazards.Configuration;
using CmsHazards.Fixes;
using CmsHazards.Rules;
using CmsHazards.Rules.WebSockets;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace CmsHazards.CodeFixes.AspNetCore
{
    /// <summary>
    /// The fixes of CMSH100, CMSH101 and CMSH102 on CMS 12/13 sites, as the engine's UiOptionsRule returns them as data:
    /// UIOptions.WebSocketEnabled set to false in C# (<see cref="SetUiOptionsInCode"/>, the documented way), which needs
    /// the compilation and is applied here; beside it, the file changes of the same finding (appsettings.json, "Turn on
    /// Web sockets in &lt;file&gt;"), applied as <see cref="AdditionalFileCodeFix"/> applies them. A diagnostic that carries
    /// a C# fix is this provider's alone, so the light bulb lists its fixes once and <c>dotnet format</c> applies the first.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UiOptionsCodeFix)), Shared]
    public sealed class UiOptionsCodeFix : CodeFixProvider
    {
        public const string TurnOffInCodeTitle = UiOptionsRule.TurnOffInCodeTitle;
        public const string TurnOffInCodeKey = UiOptionsRule.TurnOffInCodeKey;
        public const string TurnOffInAppSettingsKey = UiOptionsRule.TurnOffInAppSettingsKey;

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(RuleIds.WebSocketsUnverifiedHost, RuleIds.WebSocketsUnsupportedHost, RuleIds.WebSocketsKeyIneffective);

        public override FixAllProvider GetFixAllProvider() => OncePerSite.Instance;

        /// <summary>Whether a diagnostic's fixes include one in C#: then this provider offers all of them.</summary>
        internal static bool CarriesCodeFix(Diagnostic diagnostic) => CodeChangeOf(AdditionalFileCodeFix.FixesOf(diagnostic)) is not null;

        private static SetUiOptionsInCode? CodeChangeOf(IEnumerable<Fix> fixes) =>
            fixes.SelectMany(f => f.Changes).OfType<SetUiOptionsInCode>().FirstOrDefault();

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var fixes = AdditionalFileCodeFix.FixesOf(diagnostic);
                if (CodeChangeOf(fixes) is null) continue;
                var project = context.Document.Project;
                foreach (var fix in fixes)
                {
                    if (fix.Changes.All(c => c is SetUiOptionsInCode))
                    {
                        var change = (SetUiOptionsInCode)fix.Changes[0];
                        if (FindDocument(project, change.Path) is null) continue;
                        context.RegisterCodeFix(CodeAction.Create(fix.Title, ct => TurnOffInCodeAsync(project, change, ct), fix.EquivalenceKey), diagnostic);
                    }
                    else if (fix.Changes.All(c => AdditionalFileCodeFix.FindDocument(project, c.Path) is not null))
                    {
                        context.RegisterCodeFix(
                            CodeAction.Create(fix.Title, ct => AdditionalFileCodeFix.ApplyAsync(project.Solution, project.Id, fix, ct), fix.EquivalenceKey),
                            diagnostic);
                    }
                }
            }

            return Task.CompletedTask;
        }

        private static Document? FindDocument(Project project, string path) =>
            project.Documents.FirstOrDefault(d => d.FilePath is not null && SiteConfigurationFiles.SamePath(d.FilePath, path));

        /// <summary>The C# change planned against the project as it is now: the anchor's document, found by its path.</summary>
        internal static Task<Solution> TurnOffInCodeAsync(Project project, SetUiOptionsInCode change, CancellationToken cancellationToken) =>
            FindDocument(project, change.Path) is { } document
                ? TurnOffInCodeAsync(document, new TextSpan(change.Anchor.Start, change.Anchor.Length), cancellationToken)
                : Task.FromResult(project.Solution);

        /// <summary>
        /// Every assignment of UIOptions.WebSocketEnabled that is not already false becomes false; a site that has
        /// none gets one, inside its Configure&lt;UIOptions&gt; lambda if it has one, else as
        /// <c>services.Configure&lt;UIOptions&gt;(o =&gt; o.WebSocketEnabled = false);</c> right after the statement
        /// that adds CMS, with <c>using EPiServer.Web;</c> when the name does not resolve yet.
        /// </summary>
        /// <remarks>
        /// The changes are text insertions laid out like their neighbours (the statement's own indentation, the
        /// file's line break, tabs where the file has tabs) rather than nodes handed to Roslyn's formatter: hosts
        /// newer than the Workspaces 3.7 API this is built against take the formatter's options from .editorconfig
        /// and ignore the options passed in, so a tab-indented file got spaces and a blank line below the new call
        /// was removed. Text edits keep every other byte.
        /// </remarks>
        internal static async Task<Solution> TurnOffInCodeAsync(Document anchorDocument, TextSpan anchorSpan, CancellationToken cancellationToken)
        {
            var project = anchorDocument.Project;
            var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false);
            var uiOptions = compilation?.GetTypeByMetadataName(CmsStartupRecognizer.UiOptionsMetadataName);
            if (compilation is null || uiOptions is null) return project.Solution;

            var solution = project.Solution;
            var flipped = false;
            foreach (var document in project.Documents)
            {
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (root is null || root.DescendantTokens().All(t => t.ValueText != "WebSocketEnabled")) continue;
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (model is null) continue;
                var changes = new List<TextChange>();
                foreach (var assignment in root.DescendantNodes().OfType<AssignmentExpressionSyntax>())
                {
                    if (!IsSwitch(model, assignment, uiOptions, cancellationToken)) continue;
                    var value = model.GetConstantValue(assignment.Right, cancellationToken);
                    if (value.HasValue && value.Value is false) continue;
                    changes.Add(new TextChange(assignment.Right.Span, "false"));
                }

                if (changes.Count == 0) continue;
                var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                solution = solution.WithDocumentText(document.Id, text.WithChanges(changes));
                flipped = true;
            }

            if (flipped) return solution;

            if (await FindConfigureLambdaAsync(project, anchorDocument, uiOptions, cancellationToken).ConfigureAwait(false) is { } found)
            {
                var text = await found.Document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                return solution.WithDocumentText(found.Document.Id, text.WithChanges(AddAssignment(text, found.Lambda)));
            }

            return await AddConfigureCallAsync(anchorDocument, anchorSpan, uiOptions, cancellationToken).ConfigureAwait(false) ?? solution;
        }

        private static bool IsSwitch(SemanticModel model, AssignmentExpressionSyntax assignment, INamedTypeSymbol uiOptions, CancellationToken cancellationToken)
        {
            var name = assignment.Left switch
            {
                MemberAccessExpressionSyntax member => member.Name,
                SimpleNameSyntax simple => simple,
                _ => null,
            };
            return name?.Identifier.ValueText == "WebSocketEnabled"
                && model.GetSymbolInfo(name, cancellationToken).Symbol is IPropertySymbol property
                && SymbolEqualityComparer.Default.Equals(property.ContainingType.OriginalDefinition, uiOptions);
        }

        private sealed class ConfigureLambda
        {
            public ConfigureLambda(Document document, LambdaExpressionSyntax lambda)
            {
                Document = document;
                Lambda = lambda;
            }

            public Document Document { get; }

            public LambdaExpressionSyntax Lambda { get; }
        }

        /// <summary>A <c>Configure&lt;UIOptions&gt;(o =&gt; ...)</c> of the site, the anchor's document first.</summary>
        private static async Task<ConfigureLambda?> FindConfigureLambdaAsync(Project project, Document anchorDocument, INamedTypeSymbol uiOptions, CancellationToken cancellationToken)
        {
            foreach (var document in project.Documents.OrderBy(d => d.Id == anchorDocument.Id ? 0 : 1))
            {
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (root is null) continue;
                SemanticModel? model = null;
                foreach (var invocation in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    var name = invocation.Expression switch
                    {
                        MemberAccessExpressionSyntax member => member.Name,
                        SimpleNameSyntax simple => simple,
                        _ => null,
                    };
                    if (name?.Identifier.ValueText != "Configure") continue;
                    var lambda = invocation.ArgumentList.Arguments.Select(a => a.Expression).OfType<LambdaExpressionSyntax>().FirstOrDefault();
                    if (lambda is null) continue;
                    model ??= await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                    if (model?.GetSymbolInfo(lambda, cancellationToken).Symbol is IMethodSymbol method
                        && method.Parameters.Length >= 1
                        && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type.OriginalDefinition, uiOptions))
                    {
                        return new ConfigureLambda(document, lambda);
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// The assignment at the end of a block lambda; an expression lambda (<c>o =&gt; o.EditUrl = "/cms/"</c>)
        /// opens into a block under the line it starts on, its expression first.
        /// </summary>
        private static IEnumerable<TextChange> AddAssignment(SourceText text, LambdaExpressionSyntax lambda)
        {
            var parameter = lambda switch
            {
                SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText,
                ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters[0].Identifier.ValueText,
                _ => "o",
            };
            var assignment = parameter + ".WebSocketEnabled = false;";
            var layout = new Layout(text);

            if (lambda.Body is BlockSyntax block)
            {
                if (!layout.StartsLine(block.CloseBraceToken.SpanStart))
                {
                    return new[] { new TextChange(new TextSpan(block.CloseBraceToken.SpanStart, 0), assignment + " ") };
                }

                var indent = block.Statements.LastOrDefault() is { } last && layout.StartsLine(last.SpanStart)
                    ? layout.IndentOf(last.SpanStart)
                    : layout.IndentOf(block.CloseBraceToken.SpanStart) + layout.Unit;
                return new[] { new TextChange(new TextSpan(layout.LineStart(block.CloseBraceToken.SpanStart), 0), indent + assignment + layout.NewLine) };
            }

            var outer = layout.IndentOf(lambda.SpanStart);
            var inner = outer + layout.Unit;
            var body = text.ToString(lambda.Body.Span);
            var replacement = layout.NewLine + outer + "{" + layout.NewLine
                + inner + body + ";" + layout.NewLine
                + inner + assignment + layout.NewLine
                + outer + "}";
            return new[] { new TextChange(TextSpan.FromBounds(lambda.ArrowToken.Span.End, lambda.Body.Span.End), replacement) };
        }

        private static async Task<Solution?> AddConfigureCallAsync(Document document, TextSpan anchorSpan, INamedTypeSymbol uiOptions, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null) return null;
            var layout = new Layout(text);
            var anchor = root.FindNode(anchorSpan);

            int insertAt;
            string indent;
            string? services;
            if (anchor.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault() is { } call
                && call.FirstAncestorOrSelf<StatementSyntax>() is { } statement
                && (statement.Parent is BlockSyntax || statement.Parent is GlobalStatementSyntax)
                && layout.StartsLine(statement.SpanStart))
            {
                // Right after the statement's line (and its trailing comment), indented as the statement is.
                var last = statement.GetLastToken();
                insertAt = last.FullSpan.End;
                if (!HasLineBreak(last.TrailingTrivia)) return null;
                indent = layout.IndentOf(statement.SpanStart);
                services = ServicesOf(call)?.WithoutTrivia().ToString();
            }
            else if (anchor.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { Body: { } body } method && layout.StartsLine(body.CloseBraceToken.SpanStart))
            {
                // No call adds CMS; the diagnostic is on ConfigureServices: the new call ends its body.
                insertAt = layout.LineStart(body.CloseBraceToken.SpanStart);
                indent = body.Statements.LastOrDefault() is { } lastStatement && layout.StartsLine(lastStatement.SpanStart)
                    ? layout.IndentOf(lastStatement.SpanStart)
                    : layout.IndentOf(body.CloseBraceToken.SpanStart) + layout.Unit;
                services = method.ParameterList.Parameters.FirstOrDefault(p => p.Type?.ToString().EndsWith("IServiceCollection", StringComparison.Ordinal) == true)?.Identifier.ValueText;
            }
            else
            {
                return null;
            }

            if (services is null) return null;
            var typeName = UiOptionsName(model, insertAt, uiOptions, out var needsUsing);
            var parameter = FreeName(model, insertAt, "o", "uiOptions", "options");
            var changes = new List<TextChange>
            {
                new TextChange(new TextSpan(insertAt, 0), $"{indent}{services}.Configure<{typeName}>({parameter} => {parameter}.WebSocketEnabled = false);{layout.NewLine}"),
            };
            if (needsUsing && root is CompilationUnitSyntax unit && UsingChange(unit, layout) is { } usingChange) changes.Add(usingChange);
            return document.Project.Solution.WithDocumentText(document.Id, text.WithChanges(changes));
        }

        private static bool HasLineBreak(SyntaxTriviaList trivia) => trivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));

        /// <summary>
        /// The service collection a call adds CMS to: <c>services</c> in <c>services.AddCmsAspNetIdentity&lt;T&gt;().AddCms()</c>,
        /// <c>builder.Services</c> in <c>builder.Services.AddCms()</c>, the first argument of a static call.
        /// </summary>
        private static ExpressionSyntax? ServicesOf(InvocationExpressionSyntax call)
        {
            var expression = (ExpressionSyntax)call;
            while (expression is InvocationExpressionSyntax invocation)
            {
                if (invocation.Expression is MemberAccessExpressionSyntax member)
                {
                    expression = member.Expression;
                    continue;
                }

                return invocation.ArgumentList.Arguments.FirstOrDefault()?.Expression;
            }

            return expression;
        }

        /// <summary>"UIOptions" where it binds to EPiServer.Web.UIOptions or nothing else (then a using is added), else the full name.</summary>
        private static string UiOptionsName(SemanticModel model, int position, INamedTypeSymbol uiOptions, out bool needsUsing)
        {
            var found = model.LookupNamespacesAndTypes(position, name: "UIOptions");
            needsUsing = false;
            if (found.Length == 1 && SymbolEqualityComparer.Default.Equals(found[0], uiOptions)) return "UIOptions";
            if (found.Length == 0)
            {
                needsUsing = true;
                return "UIOptions";
            }

            return "EPiServer.Web.UIOptions";
        }

        /// <summary>A lambda parameter name no local or member in scope uses.</summary>
        private static string FreeName(SemanticModel model, int position, params string[] candidates)
        {
            foreach (var candidate in candidates)
            {
                if (model.LookupSymbols(position, name: candidate).IsEmpty) return candidate;
            }

            return "uiOptions" + position;
        }

        /// <summary><c>using EPiServer.Web;</c> on its own line among the file's usings, in order when they are ordered.</summary>
        private static TextChange? UsingChange(CompilationUnitSyntax unit, Layout layout)
        {
            const string directive = "using EPiServer.Web;";
            var usings = unit.Usings;
            if (usings.Count == 0)
            {
                var first = unit.Members.FirstOrDefault() ?? (SyntaxNode?)unit.AttributeLists.FirstOrDefault();
                var at = first is null ? 0 : layout.LineStart(first.SpanStart);
                return new TextChange(new TextSpan(at, 0), directive + layout.NewLine + layout.NewLine);
            }

            var index = 0;
            while (index < usings.Count && usings[index].Alias is null && usings[index].StaticKeyword.IsKind(SyntaxKind.None)
                && string.CompareOrdinal(usings[index].Name.ToString(), "EPiServer.Web") < 0)
            {
                index++;
            }

            if (index < usings.Count && layout.StartsLine(usings[index].SpanStart))
            {
                var at = layout.LineStart(usings[index].SpanStart);
                return new TextChange(new TextSpan(at, 0), layout.IndentOf(usings[index].SpanStart) + directive + layout.NewLine);
            }

            var previous = usings[index - 1 < 0 ? 0 : Math.Min(index, usings.Count) - 1];
            if (!HasLineBreak(previous.GetLastToken().TrailingTrivia)) return null;
            return new TextChange(new TextSpan(previous.GetLastToken().FullSpan.End, 0), layout.IndentOf(previous.SpanStart) + directive + layout.NewLine);
        }

        /// <summary>How a C# file lays itself out: its line break and one level of indentation.</summary>
        private sealed class Layout
        {
            private readonly SourceText _text;

            public Layout(SourceText text)
            {
                _text = text;
                NewLine = NewLineOf(text);
                Unit = UnitOf(text);
            }

            public string NewLine { get; }

            public string Unit { get; }

            public int LineStart(int position) => _text.Lines.GetLineFromPosition(position).Start;

            public string IndentOf(int position)
            {
                var start = LineStart(position);
                var end = start;
                while (end < _text.Length && (_text[end] == ' ' || _text[end] == '\t')) end++;
                return _text.ToString(TextSpan.FromBounds(start, end));
            }

            public bool StartsLine(int position)
            {
                for (var i = LineStart(position); i < position; i++)
                {
                    if (_text[i] != ' ' && _text[i] != '\t') return false;
                }

                return true;
            }

            private static string NewLineOf(SourceText text)
            {
                foreach (var line in text.Lines)
                {
                    if (line.EndIncludingLineBreak > line.End) return text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak));
                }

                return Environment.NewLine;
            }

            /// <summary>A tab when the first indented line starts with one; else the smallest indentation in spaces (4 when none).</summary>
            private static string UnitOf(SourceText text)
            {
                var smallest = int.MaxValue;
                foreach (var line in text.Lines)
                {
                    var spaces = 0;
                    for (var i = line.Start; i < line.End; i++)
                    {
                        var c = text[i];
                        if (c == '\t' && spaces == 0) return "\t";
                        if (c != ' ') break;
                        spaces++;
                    }

                    // Only lines with code count: a continuation of a block comment is indented by one more space.
                    if (spaces > 0 && spaces < line.End - line.Start && text[line.Start + spaces] != '*') smallest = Math.Min(smallest, spaces);
                }

                return new string(' ', smallest == int.MaxValue ? 4 : smallest);
            }
        }

        /// <summary>
        /// Fix All: the C# fix once per site (project), however many of its diagnostics carry it; the file fixes as
        /// <see cref="AdditionalFileFixAll"/> makes them, each edit once.
        /// </summary>
        private sealed class OncePerSite : FixAllProvider
        {
            public static readonly OncePerSite Instance = new OncePerSite();

            public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
                new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

            public override async Task<CodeAction?> GetFixAsync(FixAllContext context)
            {
                if (context.CodeActionEquivalenceKey != TurnOffInCodeKey) return await AdditionalFileFixAll.Instance.GetFixAsync(context).ConfigureAwait(false);

                var projects = context.Scope == FixAllScope.Solution ? context.Solution.Projects : new[] { context.Project };
                var targets = new List<(ProjectId Project, SetUiOptionsInCode Change)>();
                foreach (var project in projects)
                {
                    var diagnostics = context.Scope == FixAllScope.Document && context.Document is not null
                        ? await context.GetDocumentDiagnosticsAsync(context.Document).ConfigureAwait(false)
                        : await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
                    var first = diagnostics
                        .Select(d => CodeChangeOf(AdditionalFileCodeFix.FixesOf(d).Where(f => f.EquivalenceKey == TurnOffInCodeKey)))
                        .Where(c => c is not null)
                        .OrderBy(c => c!.Path, StringComparer.Ordinal)
                        .ThenBy(c => c!.Anchor.Start)
                        .FirstOrDefault();
                    if (first is not null) targets.Add((project.Id, first));
                }

                if (targets.Count == 0) return null;
                return CodeAction.Create(
                    TurnOffInCodeTitle,
                    async ct =>
                    {
                        var solution = context.Solution;
                        foreach (var (projectId, change) in targets)
                        {
                            if (solution.GetProject(projectId) is { } project) solution = await TurnOffInCodeAsync(project, change, ct).ConfigureAwait(false);
                        }

                        return solution;
                    },
                    TurnOffInCodeKey);
            }
        }
    }
}
