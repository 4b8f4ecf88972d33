using System;
using System.Collections.Generic;
using System.Text;

namespace CmsHazards.Infrastructure
{
    /// <summary>
    /// A value followed through parameters (and the values parameters files give them) and variables to what is
    /// written, or the reason it cannot be followed: what decides it, and where.
    /// </summary>
    public sealed class Resolved
    {
        private Resolved(InfraValue? value, string? unresolved, InfrastructurePlace? decidedAt, string via)
        {
            Value = value;
            Unresolved = unresolved;
            DecidedAt = decidedAt;
            Via = via;
        }

        /// <summary>A literal, object or list as written; null when it cannot be told.</summary>
        public InfraValue? Value { get; }

        /// <summary>Why it cannot be told: "parameter 'ws' has no default ...".</summary>
        public string? Unresolved { get; }

        /// <summary>Where what cannot be told is decided: the parameter, the expression.</summary>
        public InfrastructurePlace? DecidedAt { get; }

        /// <summary>How the value was reached, for a message: " (parameter 'ws', default in main.bicep(2))"; empty for a value written in place.</summary>
        public string Via { get; }

        public static Resolved Of(InfraValue value, string via = "") => new Resolved(value, null, null, via);

        public static Resolved Not(string why, InfrastructurePlace at) => new Resolved(null, why, at, "");
    }

    /// <summary>Follows names the way the deployment would, as far as the files tell; never guesses.</summary>
    public static class InfraResolver
    {
        /// <summary>How many names one value may pass through; deeper chains are cycles in practice.</summary>
        private const int MaxSteps = 32;

        public static Resolved Resolve(InfraValue value, InfraScope scope) => Resolve(value, scope, 0, "");

        private static Resolved Resolve(InfraValue value, InfraScope scope, int steps, string via)
        {
            if (steps > MaxSteps) return Resolved.Not($"'{value.Shown}' passes through more than {MaxSteps} names (a cycle?)", value.Place);
            switch (value)
            {
                case InfraReference reference:
                    return Reference(reference, scope, steps, via);
                case InfraExpression expression:
                    var why = expression.Why is null ? "" : " (" + expression.Why + ")";
                    return Resolved.Not($"'{expression.Shown}'{why} is known only at deployment", expression.Place);
                case InfraConcat concat:
                    var text = TextOf(concat, scope);
                    return text.IndexOf('{') < 0 ? Resolved.Of(new InfraLiteral(concat.File, concat.Span, text), via) : Resolved.Not($"'{concat.Shown}' is known only at deployment", concat.Place);
                default:
                    return Resolved.Of(value, via);
            }
        }

        private static Resolved Reference(InfraReference reference, InfraScope scope, int steps, string via)
        {
            InfraValue? target = null;
            string step;
            if (reference.Kind != InfraSymbolKind.Variable && scope.Parameters.TryGetValue(reference.Name, out var parameter))
            {
                var word = parameter.Declaration.File.Language == InfrastructureLanguage.Terraform ? "variable" : "parameter";
                if (parameter.Given != null)
                {
                    target = parameter.Given;
                    step = $"{word} '{parameter.Name}', set in {parameter.Given.Place}";
                }
                else if (parameter.Default != null)
                {
                    target = parameter.Default;
                    step = $"{word} '{parameter.Name}', default in {parameter.Default.Place}";
                }
                else
                {
                    var files = word == "variable" ? "*.tfvars file" : "parameters file";
                    return Resolved.Not($"{word} '{parameter.Name}' has no default and no {files} CmsHazards was given sets it", parameter.Declaration);
                }
            }
            else if (reference.Kind != InfraSymbolKind.Parameter && scope.Variables.TryGetValue(reference.Name, out var variable))
            {
                target = variable;
                var word = variable.File.Language == InfrastructureLanguage.Terraform ? "local" : "variable";
                step = $"{word} '{reference.Name}' in {variable.Place}";
            }
            else
            {
                return Resolved.Not($"'{reference.Shown}' is not a parameter or variable of {scope.Description} (a resource property or a module output, known only at deployment)", reference.Place);
            }

            var resolved = Resolve(target, scope, steps + 1, via.Length == 0 ? step : via + ", " + step);
            foreach (var member in reference.Path)
            {
                if (resolved.Value is null) return resolved;
                if (!(resolved.Value is InfraObject obj)) return Resolved.Not($"'{reference.Shown}' reads '{member}' from a value that is not an object", reference.Place);
                var next = obj.Get(member);
                if (next is null) return Resolved.Not($"'{reference.Shown}' reads '{member}', which {resolved.Value.Place} does not set", resolved.Value.Place);
                resolved = Resolve(next, scope, steps + 1, resolved.Via);
            }

            return resolved;
        }

        /// <summary>
        /// A name as far as the files tell it: literal parts as written, parts known at deployment in braces
        /// (<c>cms-{uniqueString(resourceGroup().id)}</c>), so two names built the same way compare equal.
        /// </summary>
        public static string TextOf(InfraValue? value, InfraScope scope) => TextOf(value, scope, 0);

        private static string TextOf(InfraValue? value, InfraScope scope, int steps)
        {
            if (value is null) return "{?}";
            if (steps > MaxSteps) return Unknown(value);
            switch (value)
            {
                case InfraLiteral { Value: string s }: return s;
                case InfraLiteral { Value: { } other }: return Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture);
                case InfraConcat concat:
                    var text = new StringBuilder();
                    foreach (var part in concat.Parts) text.Append(TextOf(part, scope, steps + 1));
                    return text.ToString();
                case InfraReference { Path: { Count: 0 } } reference when Target(reference, scope) is { } target:
                    // A name built from parts keeps the parts it knows: 'cms-${environmentName}' is cms-{environmentName}.
                    return TextOf(target, scope, steps + 1);
                case InfraReference { Path: { Count: 0 } } reference:
                    // A parameter without default: named the same way whether Bicep or ARM JSON writes it.
                    return "{" + reference.Name + "}";
                case InfraReference reference:
                    var resolved = Resolve(reference, scope, steps + 1, "");
                    return resolved.Value is InfraLiteral or InfraConcat ? TextOf(resolved.Value, scope, steps + 1) : Unknown(value);
                default:
                    return Unknown(value);
            }
        }

        private static InfraValue? Target(InfraReference reference, InfraScope scope)
        {
            if (reference.Kind != InfraSymbolKind.Variable && scope.Parameters.TryGetValue(reference.Name, out var parameter)) return parameter.Given ?? parameter.Default;
            if (reference.Kind != InfraSymbolKind.Parameter && scope.Variables.TryGetValue(reference.Name, out var variable)) return variable;
            return null;
        }

        // Braces mark the unknown part; a slash inside would split a child's name in the wrong place.
        private static string Unknown(InfraValue value) => "{" + value.Shown.Replace('/', '|').Replace('{', '(').Replace('}', ')') + "}";
    }
}
