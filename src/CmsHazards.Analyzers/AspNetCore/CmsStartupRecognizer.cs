using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CmsHazards.AspNetCore;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using CmsHazards.Rules;

namespace CmsHazards.Analyzers.AspNetCore
{
    /// <summary>
    /// Reads a CMS 12/13 site's C# into a <see cref="CmsStartupCode"/>: the call that adds CMS and every setting of
    /// <c>EPiServer.Web.UIOptions.WebSocketEnabled</c>. Read once per compilation, and only for a compilation that
    /// has the type. Only the files whose text names what is looked for (WebSocketEnabled, AddCms,
    /// ConfigureServices, an options class) are bound; the rest cost one ordinal search of text the compiler
    /// already holds.
    /// </summary>
    /// <remarks>
    /// Types are matched by metadata name, never by the name of a variable (<c>Configure&lt;ClientResourceOptions&gt;(uiOptions =&gt; ...)</c>
    /// is not about UIOptions). AddCms and AddCmsAspNetIdentity are recognised by their name and an EPiServer
    /// assembly: public CMS 12 sites call them without any EPiServer using, so the namespace says nothing.
    /// The reading is a scan at the analyzer's request rather than a syntax node action per invocation, so that the
    /// diagnostic can be reported from the anchor's own document (a local diagnostic gets a light bulb; one
    /// reported at the end of the compilation does not).
    /// </remarks>
#pragma warning disable RS1030 // Semantic models only for the few files whose text names what is looked for: cheaper than binding every invocation as it passes.
    public sealed class CmsStartupRecognizer
    {
        public const string UiOptionsMetadataName = "EPiServer.Web.UIOptions";

        private const string SwitchProperty = "WebSocketEnabled";

        private static readonly ImmutableHashSet<string> CmsCalls = ImmutableHashSet.Create(StringComparer.Ordinal, "AddCms", "AddCmsAspNetIdentity");

        /// <summary>The calls through which a site registers an options class: services.ConfigureOptions&lt;T&gt;(), services.AddSingleton&lt;IConfigureOptions&lt;UIOptions&gt;, T&gt;() ...</summary>
        private static readonly ImmutableHashSet<string> RegistrationCalls = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "ConfigureOptions", "AddSingleton", "AddTransient", "AddScoped", "TryAddSingleton", "TryAddTransient", "TryAddScoped",
            "TryAddEnumerable", "Singleton", "Transient", "Scoped", "Describe", "Add", "TryAdd");

        private readonly Compilation _compilation;
        private readonly INamedTypeSymbol _uiOptions;
        private readonly INamedTypeSymbol? _configureOptions;
        private readonly INamedTypeSymbol? _configureNamedOptions;
        private readonly INamedTypeSymbol? _postConfigureOptions;

        private readonly List<CmsCall> _cmsCalls = new List<CmsCall>();
        private readonly List<Candidate> _candidates = new List<Candidate>();
        private readonly List<FileLocation> _configureServices = new List<FileLocation>();
        private readonly List<FileLocation> _topLevel = new List<FileLocation>();

        private CmsStartupRecognizer(Compilation compilation, INamedTypeSymbol uiOptions)
        {
            _compilation = compilation;
            _uiOptions = uiOptions;
            _configureOptions = compilation.GetTypeByMetadataName("Microsoft.Extensions.Options.IConfigureOptions`1");
            _configureNamedOptions = compilation.GetTypeByMetadataName("Microsoft.Extensions.Options.IConfigureNamedOptions`1");
            _postConfigureOptions = compilation.GetTypeByMetadataName("Microsoft.Extensions.Options.IPostConfigureOptions`1");
        }

        /// <summary>Whether the compilation has EPiServer.Web.UIOptions: without it there is nothing to read.</summary>
        public static bool HasUiOptions(Compilation compilation) => compilation.GetTypeByMetadataName(UiOptionsMetadataName) is not null;

        /// <summary>The site's C# facts; null for a compilation without EPiServer.Web.UIOptions.</summary>
        public static CmsStartupCode? Read(Compilation compilation, CancellationToken cancellationToken)
        {
            var uiOptions = compilation.GetTypeByMetadataName(UiOptionsMetadataName);
            if (uiOptions is null) return null;
            var recognizer = new CmsStartupRecognizer(compilation, uiOptions);
            foreach (var tree in compilation.SyntaxTrees) recognizer.Scan(tree, cancellationToken);
            return recognizer.Result(cancellationToken);
        }

        private void Scan(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var root = tree.GetRoot(cancellationToken);
            if (root is CompilationUnitSyntax unit && unit.Members.OfType<GlobalStatementSyntax>().FirstOrDefault() is { } first)
            {
                _topLevel.Add(LocationOf(first));
            }

            // A file the compiler read holds its text as one string, which ToString returns without a copy.
            var text = tree.GetText(cancellationToken).ToString();
            var namesSwitch = text.IndexOf(SwitchProperty, StringComparison.Ordinal) >= 0;
            var namesCms = text.IndexOf("AddCms", StringComparison.Ordinal) >= 0;
            var namesConfigureServices = text.IndexOf("ConfigureServices", StringComparison.Ordinal) >= 0;
            if (!namesSwitch && !namesCms && !namesConfigureServices) return;

            var model = _compilation.GetSemanticModel(tree);
            foreach (var node in root.DescendantNodes())
            {
                switch (node)
                {
                    case InvocationExpressionSyntax invocation when namesCms:
                        OnInvocation(model, invocation, cancellationToken);
                        break;
                    case AssignmentExpressionSyntax assignment when namesSwitch && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression):
                        OnAssignment(model, assignment, cancellationToken);
                        break;
                    case MethodDeclarationSyntax method when namesConfigureServices && method.Identifier.ValueText == "ConfigureServices":
                        _configureServices.Add(LocationOf(method.Identifier));
                        break;
                }
            }
        }

        private void OnInvocation(SemanticModel model, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
        {
            var name = NameOf(invocation.Expression);
            if (name is null || !CmsCalls.Contains(name.Identifier.ValueText)) return;
            if (!(model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method)) return;
            var declared = method.ReducedFrom ?? method;
            var assembly = declared.ContainingAssembly?.Name;
            if (assembly is null || !assembly.StartsWith("EPiServer", StringComparison.OrdinalIgnoreCase)) return;
            var container = model.GetEnclosingSymbol(invocation.SpanStart, cancellationToken) as IMethodSymbol;
            _cmsCalls.Add(new CmsCall(name.Identifier.ValueText + "()", LocationOf(invocation, name), container));
        }

        private void OnAssignment(SemanticModel model, AssignmentExpressionSyntax assignment, CancellationToken cancellationToken)
        {
            var left = assignment.Left switch
            {
                MemberAccessExpressionSyntax member => member.Name,
                SimpleNameSyntax simple => simple,
                _ => null,
            };
            if (left is null || left.Identifier.ValueText != SwitchProperty) return;
            if (!(model.GetSymbolInfo(left, cancellationToken).Symbol is IPropertySymbol property)) return;
            if (!SymbolEqualityComparer.Default.Equals(property.ContainingType.OriginalDefinition, _uiOptions)) return;

            var value = model.GetConstantValue(assignment.Right, cancellationToken);
            var state = value.HasValue && value.Value is bool constant ? (constant ? SwitchState.On : SwitchState.Off) : SwitchState.DependsOn;
            var expression = assignment.Right.WithoutTrivia().ToString();
            var location = LocationOf(assignment.Right);

            if (assignment.Parent is InitializerExpressionSyntax { Parent: ObjectCreationExpressionSyntax })
            {
                _candidates.Add(new Candidate(new SwitchSetting(state, SwitchPhase.Configure, "new UIOptions { ... }", expression, location), null));
                return;
            }

            foreach (var ancestor in assignment.Ancestors())
            {
                switch (ancestor)
                {
                    case AnonymousFunctionExpressionSyntax lambda:
                        _candidates.Add(FromDelegate(lambda, state, expression, location));
                        return;
                    case LocalFunctionStatementSyntax _:
                    case MethodDeclarationSyntax _:
                    case AccessorDeclarationSyntax _:
                    case ConstructorDeclarationSyntax _:
                        _candidates.Add(FromMethod(model.GetEnclosingSymbol(assignment.SpanStart, cancellationToken), state, expression, location));
                        return;
                }
            }

            _candidates.Add(Unrecognised(state, expression, location));
        }

        /// <summary>A lambda handed to Configure&lt;UIOptions&gt;, PostConfigure, ConfigureAll, OptionsBuilder.Configure and the like.</summary>
        private static Candidate FromDelegate(AnonymousFunctionExpressionSyntax lambda, SwitchState state, string expression, FileLocation location)
        {
            if (lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }
                && NameOf(invocation.Expression) is { } name)
            {
                var method = name.Identifier.ValueText;
                var phase = method.StartsWith("PostConfigure", StringComparison.Ordinal) ? SwitchPhase.PostConfigure : SwitchPhase.Configure;
                var how = invocation.Expression is MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax inner }
                    && NameOf(inner.Expression)?.Identifier.ValueText == "AddOptions"
                    ? "AddOptions<UIOptions>()." + method
                    : method + "<UIOptions>";
                return new Candidate(new SwitchSetting(state, phase, how, expression, location), null);
            }

            return Unrecognised(state, expression, location);
        }

        /// <summary>The Configure / PostConfigure method of an IConfigureOptions&lt;UIOptions&gt; class; it counts once the site registers the class.</summary>
        private Candidate FromMethod(ISymbol? containing, SwitchState state, string expression, FileLocation location)
        {
            if (containing is IMethodSymbol method && method.ContainingType is { } type)
            {
                if ((method.Name == "Configure" && (Implements(type, _configureOptions) || Implements(type, _configureNamedOptions)))
                    || method.Name == "PostConfigure" && Implements(type, _postConfigureOptions))
                {
                    var phase = method.Name == "PostConfigure" ? SwitchPhase.PostConfigure : SwitchPhase.Configure;
                    var how = (phase == SwitchPhase.PostConfigure ? "IPostConfigureOptions<UIOptions> class " : "IConfigureOptions<UIOptions> class ") + type.Name;
                    return new Candidate(new SwitchSetting(state, phase, how, expression, location), type);
                }
            }

            return Unrecognised(state, expression, location);
        }

        /// <summary>
        /// An assignment the recogniser cannot tie to the options the CMS reads (a helper method, a stored
        /// delegate): whether it runs is not guessed, so it counts as depending on where it is.
        /// </summary>
        private static Candidate Unrecognised(SwitchState state, string expression, FileLocation location) =>
            new Candidate(new SwitchSetting(SwitchState.DependsOn, SwitchPhase.Configure, "an assignment outside a Configure<UIOptions> call", expression, location), null);

        private bool Implements(INamedTypeSymbol type, INamedTypeSymbol? openInterface)
        {
            if (openInterface is null) return false;
            foreach (var candidate in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, openInterface)
                    && candidate.TypeArguments.Length == 1
                    && SymbolEqualityComparer.Default.Equals(candidate.TypeArguments[0].OriginalDefinition, _uiOptions))
                {
                    return true;
                }
            }

            return false;
        }

        private CmsStartupCode Result(CancellationToken cancellationToken)
        {
            var registered = OptionsClassesRegistered(cancellationToken);
            var settings = _candidates
                .Where(c => c.OptionsClass is null || registered.Contains(c.OptionsClass.OriginalDefinition))
                .Select(c => c.Setting)
                .OrderBy(s => s.Location.Path, StringComparer.Ordinal)
                .ThenBy(s => s.Location.Span.Start)
                .ToList();

            var call = OutermostCmsCall(_compilation, cancellationToken);
            var configured = _configureServices.Concat(_topLevel)
                .OrderBy(l => l.Path, StringComparer.Ordinal).ThenBy(l => l.Span.Start)
                .FirstOrDefault();
            return new CmsStartupCode(call?.Location, call?.Name, configured, settings);
        }

        /// <summary>
        /// The options classes (with a setting of the switch) that the site registers: as a type argument or a
        /// typeof() of a registration call, in the files whose text names the class.
        /// </summary>
        private HashSet<ISymbol> OptionsClassesRegistered(CancellationToken cancellationToken)
        {
            var registered = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var classes = _candidates.Where(c => c.OptionsClass is not null).Select(c => c.OptionsClass!.OriginalDefinition).Distinct(SymbolEqualityComparer.Default).Cast<INamedTypeSymbol>().ToList();
            if (classes.Count == 0) return registered;
            foreach (var tree in _compilation.SyntaxTrees)
            {
                var text = tree.GetText(cancellationToken).ToString();
                if (!classes.Any(c => text.IndexOf(c.Name, StringComparison.Ordinal) >= 0)) continue;
                var model = _compilation.GetSemanticModel(tree);
                foreach (var invocation in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    var name = NameOf(invocation.Expression);
                    if (name is null || !RegistrationCalls.Contains(name.Identifier.ValueText)) continue;
                    if (!(model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method)) continue;
                    foreach (var typeArgument in method.TypeArguments) registered.Add(typeArgument.OriginalDefinition);
                    foreach (var argument in invocation.ArgumentList.Arguments)
                    {
                        if (argument.Expression is TypeOfExpressionSyntax typeOf && model.GetTypeInfo(typeOf.Type, cancellationToken).Type is { } type)
                        {
                            registered.Add(type.OriginalDefinition);
                        }
                    }
                }
            }

            return registered;
        }

        /// <summary>
        /// The call that adds CMS as the site writes it. A call inside the site's own extension method (an
        /// <c>AddCommerce()</c> that calls <c>AddCms()</c>) is followed to where the site calls that extension,
        /// within this compilation only. Among several, AddCms() before AddCmsAspNetIdentity(), then text order.
        /// </summary>
        private CmsCall? OutermostCmsCall(Compilation compilation, CancellationToken cancellationToken)
        {
            var calls = _cmsCalls.OrderBy(c => c.Name == "AddCms()" ? 0 : 1).ThenBy(c => c.Location.Path, StringComparer.Ordinal).ThenBy(c => c.Location.Span.Start).ToList();
            if (calls.Count == 0) return null;
            var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            var current = calls[0];
            while (current.Container is { IsExtensionMethod: true } extension && visited.Add(extension)
                && FindCallTo(compilation, extension, cancellationToken) is { } outer)
            {
                current = outer;
            }

            return current;
        }

        /// <summary>
        /// A call to the site's own extension method, found at the end of the compilation and only when a CMS
        /// call sits in such a method: trees are first filtered by the method's name in their text, and only
        /// the matching invocations are bound.
        /// </summary>
        private static CmsCall? FindCallTo(Compilation compilation, IMethodSymbol extension, CancellationToken cancellationToken)
        {
            var name = extension.Name;
            foreach (var tree in compilation.SyntaxTrees.OrderBy(t => t.FilePath, StringComparer.Ordinal))
            {
                var root = tree.GetRoot(cancellationToken);
                SemanticModel? model = null;
                foreach (var invocation in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    var simple = NameOf(invocation.Expression);
                    if (simple is null || simple.Identifier.ValueText != name) continue;
                    model ??= compilation.GetSemanticModel(tree);
                    if (!(model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol target)) continue;
                    if (!SymbolEqualityComparer.Default.Equals((target.ReducedFrom ?? target).OriginalDefinition, extension.OriginalDefinition)) continue;
                    var container = model.GetEnclosingSymbol(invocation.SpanStart, cancellationToken) as IMethodSymbol;
                    return new CmsCall(name + "()", LocationOf(invocation, simple), container);
                }
            }

            return null;
        }

        private static SimpleNameSyntax? NameOf(ExpressionSyntax expression) => expression switch
        {
            MemberAccessExpressionSyntax member => member.Name,
            MemberBindingExpressionSyntax binding => binding.Name,
            SimpleNameSyntax simple => simple,
            _ => null,
        };

        /// <summary>A call from its name to its closing parenthesis: <c>AddCms()</c> in <c>services.AddCmsAspNetIdentity&lt;T&gt;().AddCms()</c>.</summary>
        private static FileLocation LocationOf(InvocationExpressionSyntax invocation, SimpleNameSyntax name) =>
            LocationOf(invocation.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(name.SpanStart, invocation.Span.End));

        private static FileLocation LocationOf(SyntaxNode node) => LocationOf(node.SyntaxTree, node.Span);

        private static FileLocation LocationOf(SyntaxToken token) => LocationOf(token.SyntaxTree!, token.Span);

        private static FileLocation LocationOf(SyntaxTree tree, Microsoft.CodeAnalysis.Text.TextSpan span)
        {
            var lines = tree.GetLineSpan(span);
            return new FileLocation(
                tree.FilePath,
                new Text.TextSpan(span.Start, span.Length),
                new Text.LinePosition(lines.StartLinePosition.Line, lines.StartLinePosition.Character),
                new Text.LinePosition(lines.EndLinePosition.Line, lines.EndLinePosition.Character));
        }

        private sealed class CmsCall
        {
            public CmsCall(string name, FileLocation location, IMethodSymbol? container)
            {
                Name = name;
                Location = location;
                Container = container;
            }

            public string Name { get; }

            public FileLocation Location { get; }

            /// <summary>The method the call is written in; null in top-level statements.</summary>
            public IMethodSymbol? Container { get; }
        }

        private sealed class Candidate
        {
            public Candidate(SwitchSetting setting, INamedTypeSymbol? optionsClass)
            {
                Setting = setting;
                OptionsClass = optionsClass;
            }

            public SwitchSetting Setting { get; }

            /// <summary>For a setting in an options class: the class, which counts only when the site registers it.</summary>
            public INamedTypeSymbol? OptionsClass { get; }
        }
    }
#pragma warning restore RS1030
}
