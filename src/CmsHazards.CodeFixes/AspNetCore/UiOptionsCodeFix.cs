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
using Microsoft.CodeAnalysis.Formatting;
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
        /// New code is laid out by Roslyn's formatter (<see cref="Formatter.FormatAsync(Document, SyntaxAnnotation, Microsoft.CodeAnalysis.Options.OptionSet?, CancellationToken)"/>
        /// on the nodes annotated with <see cref="Formatter.Annotation"/>), with no options passed: it then reads the
        /// document's own, that is its .editorconfig (indent_style, indent_size, brace placement) and the IDE's settings,
        /// as Roslyn's own fixes do. (Options passed in are ignored by hosts newer than the Workspaces 3.7 API this is
        /// built against, so a tab-indented file says so in .editorconfig, which the IDE and dotnet format read too.)
        /// Only the new code's text is then written into the file (<see cref="SplicedAsync"/>), with the file's line break.
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
                var root = await found.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var options = await found.Document.GetOptionsAsync(cancellationToken).ConfigureAwait(false);
                var braceOnItsOwnLine = options.GetOption(Microsoft.CodeAnalysis.CSharp.Formatting.CSharpFormattingOptions.NewLinesForBracesInLambdaExpressionBody);
                var (lambda, splice) = AddAssignment(found.Lambda, text, braceOnItsOwnLine);
                return await SplicedAsync(found.Document, text, root!.ReplaceNode(found.Lambda, lambda), new[] { splice }, cancellationToken).ConfigureAwait(false);
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
        /// The assignment at the end of a block lambda; an expression lambda (<c>o =&gt; o.EditUrl = "/cms/"</c>) opens into a
        /// block, its expression first. The formatter places the braces and indents the statements.
        /// </summary>
        /// <param name="braceOnItsOwnLine">The document's csharp_new_line_before_open_brace for lambdas (on by default).</param>
        private static (LambdaExpressionSyntax Lambda, Splice Splice) AddAssignment(LambdaExpressionSyntax lambda, SourceText text, bool braceOnItsOwnLine)
        {
            var parameter = lambda switch
            {
                SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText,
                ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters[0].Identifier.ValueText,
                _ => "o",
            };
            var lineBreak = SyntaxFactory.EndOfLine(NewLineOf(text));
            var assignment = SyntaxFactory.ParseStatement(parameter + ".WebSocketEnabled = false;");
            var id = new SyntaxAnnotation();

            if (lambda.Body is BlockSyntax block)
            {
                // A block written on one line stays on one line.
                var close = block.CloseBraceToken.SpanStart;
                if (!StartsLine(text, close))
                {
                    var inline = assignment.WithTrailingTrivia(SyntaxFactory.Space).WithAdditionalAnnotations(Formatter.Annotation, id);
                    return (lambda.WithBody(block.AddStatements(inline)), new Splice(id, new TextSpan(close, 0), (node, _) => node.ToString() + " "));
                }

                var added = assignment.WithTrailingTrivia(lineBreak).WithAdditionalAnnotations(Formatter.Annotation, id);
                return (lambda.WithBody(block.AddStatements(added)), new Splice(id, new TextSpan(LineStart(text, close), 0), (node, formatted) => Lines(node, formatted) + lineBreak));
            }

            var body = (ExpressionSyntax)lambda.Body;
            var opened = SyntaxFactory.Block(
                    SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(lineBreak),
                    SyntaxFactory.List(new StatementSyntax[]
                    {
                        SyntaxFactory.ExpressionStatement(body.WithoutTrivia()).WithTrailingTrivia(lineBreak),
                        assignment.WithTrailingTrivia(lineBreak),
                    }),
                    SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithTrailingTrivia(body.GetTrailingTrivia()))
                .WithAdditionalAnnotations(Formatter.Annotation);
            var withBlock = lambda.WithArrowToken(lambda.ArrowToken.WithTrailingTrivia(lineBreak)).WithBody(opened).WithAdditionalAnnotations(Formatter.Annotation, id);
            return (withBlock, new Splice(
                id,
                TextSpan.FromBounds(lambda.ArrowToken.Span.End, body.Span.End),
                (node, formatted) =>
                {
                    var written = (LambdaExpressionSyntax)node;
                    var block = formatted.ToString(TextSpan.FromBounds(written.ArrowToken.Span.End, written.Body.Span.End));

                    // The one layout not taken from the formatter: for a lambda that is an argument, the SDK's formatter
                    // leaves the new block's opening brace on the line of the arrow even where the document's options put
                    // braces on their own line (csharp_new_line_before_open_brace, read here). The brace then goes on its
                    // own line at the indentation the formatter gave the closing brace.
                    var trimmed = block.TrimStart(' ', '\t');
                    if (braceOnItsOwnLine && trimmed.StartsWith("{", StringComparison.Ordinal))
                    {
                        var close = formatted.ToString(TextSpan.FromBounds(LineStart(formatted, written.Body.Span.End - 1), written.Body.Span.End - 1));
                        block = lineBreak.ToString() + close + trimmed;
                    }

                    return block;
                }));
        }

        private static async Task<Solution?> AddConfigureCallAsync(Document document, TextSpan anchorSpan, INamedTypeSymbol uiOptions, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            if (!(root is CompilationUnitSyntax unit) || model is null) return null;
            var anchor = root.FindNode(anchorSpan);
            var lineBreak = SyntaxFactory.EndOfLine(NewLineOf(text));
            var id = new SyntaxAnnotation();

            StatementSyntax? after = null;
            BlockSyntax? endOf = null;
            string? services;
            if (anchor.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault() is { } call
                && call.FirstAncestorOrSelf<StatementSyntax>() is { } statement
                && (statement.Parent is BlockSyntax || statement.Parent is GlobalStatementSyntax))
            {
                // Right after the statement that adds CMS (and its trailing comment).
                if (!HasLineBreak(statement.GetLastToken().TrailingTrivia)) return null;
                after = statement;
                services = ServicesOf(call)?.WithoutTrivia().ToString();
            }
            else if (anchor.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { Body: { } body } method && StartsLine(text, body.CloseBraceToken.SpanStart))
            {
                // No call adds CMS; the diagnostic is on ConfigureServices: the new call ends its body.
                endOf = body;
                services = method.ParameterList.Parameters.FirstOrDefault(p => p.Type?.ToString().EndsWith("IServiceCollection", StringComparison.Ordinal) == true)?.Identifier.ValueText;
            }
            else
            {
                return null;
            }

            if (services is null) return null;
            var position = after?.Span.End ?? endOf!.CloseBraceToken.SpanStart;
            var typeName = UiOptionsName(model, position, uiOptions, out var needsUsing);
            var parameter = FreeName(model, position, "o", "uiOptions", "options");
            var configure = SyntaxFactory.ParseStatement($"{services}.Configure<{typeName}>({parameter} => {parameter}.WebSocketEnabled = false);")
                .WithTrailingTrivia(lineBreak)
                .WithAdditionalAnnotations(Formatter.Annotation, id);
            Func<SyntaxNode, SourceText, string> asLines = (node, formatted) => Lines(node, formatted) + lineBreak;

            SyntaxNode changed;
            Splice splice;
            if (after is { Parent: GlobalStatementSyntax global })
            {
                changed = unit.InsertNodesAfter(global, new[] { SyntaxFactory.GlobalStatement(configure) });
                splice = new Splice(id, new TextSpan(after.GetLastToken().FullSpan.End, 0), asLines);
            }
            else if (after is not null)
            {
                changed = root.InsertNodesAfter(after, new[] { configure });
                splice = new Splice(id, new TextSpan(after.GetLastToken().FullSpan.End, 0), asLines);
            }
            else
            {
                changed = root.ReplaceNode(endOf!, endOf!.AddStatements(configure));
                splice = new Splice(id, new TextSpan(LineStart(text, endOf.CloseBraceToken.SpanStart), 0), asLines);
            }

            var splices = new List<Splice> { splice };
            if (needsUsing)
            {
                if (!(WithUsing((CompilationUnitSyntax)changed, unit, text, lineBreak) is { } withUsing)) return null;
                changed = withUsing.Unit;
                splices.Add(withUsing.Splice);
            }

            return await SplicedAsync(document, text, changed, splices, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Code to put in the file: a node of the changed tree (found by its annotation once formatted), where it goes in
        /// the file as it is, and how its formatted text is written there.
        /// </summary>
        private sealed class Splice
        {
            public Splice(SyntaxAnnotation id, TextSpan original, Func<SyntaxNode, SourceText, string> render)
            {
                Id = id;
                Original = original;
                Render = render;
            }

            public SyntaxAnnotation Id { get; }

            public TextSpan Original { get; }

            public Func<SyntaxNode, SourceText, string> Render { get; }
        }

        /// <summary>
        /// Lays the new code out with Roslyn's formatter and the document's own options, then writes only that code into
        /// the file. The formatter also rewrites the whitespace around what it formats: the line break before and after
        /// the new code becomes the workspace's (a line feed in a CRLF file, where .editorconfig says nothing), and a
        /// whitespace-only line next to it is emptied. That is the one thing not left to it, and the narrowest way to keep
        /// every other byte: its layout of the new code is taken, with the file's own line break, and nothing else.
        /// </summary>
        private static async Task<Solution> SplicedAsync(Document document, SourceText original, SyntaxNode changed, IReadOnlyList<Splice> splices, CancellationToken cancellationToken)
        {
            var formatted = await Formatter.FormatAsync(document.WithSyntaxRoot(changed), Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            var root = await formatted.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var text = await formatted.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var newLine = NewLineOf(original);
            var changes = new List<TextChange>();
            foreach (var splice in splices)
            {
                var node = root!.GetAnnotatedNodes(splice.Id).Single();
                var written = System.Text.RegularExpressions.Regex.Replace(splice.Render(node, text), "\r\n|\r|\n", newLine);
                changes.Add(new TextChange(splice.Original, written));
            }

            return document.Project.Solution.WithDocumentText(document.Id, original.WithChanges(changes));
        }

        /// <summary>A node's text from the start of the line it starts on: its indentation, as the formatter gave it.</summary>
        private static string Lines(SyntaxNode node, SourceText text) =>
            text.ToString(TextSpan.FromBounds(StartsLine(text, node.SpanStart) ? LineStart(text, node.SpanStart) : node.SpanStart, node.Span.End));

        private static int LineStart(SourceText text, int position) => text.Lines.GetLineFromPosition(position).Start;

        private static bool StartsLine(SourceText text, int position)
        {
            for (var i = LineStart(text, position); i < position; i++)
            {
                if (text[i] != ' ' && text[i] != '\t') return false;
            }

            return true;
        }

        private static bool HasLineBreak(SyntaxTriviaList trivia) => trivia.Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));

        /// <summary>The line break the file uses (its first one), so an inserted line ends as the others do.</summary>
        private static string NewLineOf(SourceText text)
        {
            foreach (var line in text.Lines)
            {
                if (line.EndIncludingLineBreak > line.End) return text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak));
            }

            return Environment.NewLine;
        }

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

        /// <summary>
        /// <c>using EPiServer.Web;</c> among the file's usings (<paramref name="original"/>'s), before the first that sorts
        /// after it, else after the last; before the first member where there are none. Comments that lead the file stay
        /// above it. Null where the usings are not each on their own line.
        /// </summary>
        private static (CompilationUnitSyntax Unit, Splice Splice)? WithUsing(CompilationUnitSyntax changed, CompilationUnitSyntax original, SourceText text, SyntaxTrivia lineBreak)
        {
            var id = new SyntaxAnnotation();
            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("EPiServer.Web"))
                .WithTrailingTrivia(lineBreak)
                .WithAdditionalAnnotations(Formatter.Annotation, id);
            Func<SyntaxNode, SourceText, string> asLines = (node, formatted) => Lines(node, formatted) + lineBreak;
            var usings = original.Usings;
            if (usings.Count == 0)
            {
                var first = original.Members.FirstOrDefault();
                if (first is null || !StartsLine(text, first.SpanStart)) return null;
                return (changed.WithUsings(SyntaxFactory.SingletonList(directive)),
                    new Splice(id, new TextSpan(LineStart(text, first.SpanStart), 0), (node, formatted) => Lines(node, formatted) + lineBreak + lineBreak));
            }

            var index = 0;
            while (index < usings.Count && usings[index].Alias is null && usings[index].StaticKeyword.IsKind(SyntaxKind.None)
                && string.CompareOrdinal(usings[index].Name.ToString(), "EPiServer.Web") < 0)
            {
                index++;
            }

            TextSpan at;
            if (index < usings.Count)
            {
                if (!StartsLine(text, usings[index].SpanStart)) return null;
                at = new TextSpan(LineStart(text, usings[index].SpanStart), 0);
            }
            else
            {
                if (!HasLineBreak(usings[index - 1].GetLastToken().TrailingTrivia)) return null;
                at = new TextSpan(usings[index - 1].GetLastToken().FullSpan.End, 0);
            }

            return (changed.WithUsings(changed.Usings.Insert(index, directive)), new Splice(id, at, asLines));
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
