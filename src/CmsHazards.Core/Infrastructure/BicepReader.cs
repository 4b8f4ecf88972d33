using System;
using CmsHazards.Text;

namespace CmsHazards.Infrastructure
{
    /// <summary>
    /// Reads the part of Bicep that declares App Service: <c>param</c> (with defaults), <c>var</c>, <c>resource</c>
    /// (nested children, <c>parent:</c>, <c>existing</c>, conditions and loops), and .bicepparam files (<c>using</c>,
    /// <c>param x = value</c>). Modules, outputs, types and functions are not followed; a module is named in a
    /// note, since the web app may be declared there.
    /// </summary>
    public static class BicepReader
    {
        public static InfraReading Read(InfrastructureFile file)
        {
            var reading = new InfraReading(file);
            if (file.IsTooLarge)
            {
                reading.TooLarge();
                return reading;
            }

            var scope = new InfraScope(file.FileName);
            if (file.Language == InfrastructureLanguage.Bicep) reading.Scope = scope;
            try
            {
                var parser = new InfraParser(file, InfraDialect.Bicep);
                while (true)
                {
                    parser.SkipNewLines();
                    if (parser.AtEnd) break;
                    Statement(parser, scope, reading);
                }
            }
            catch (InfraSyntaxError e)
            {
                reading.Resources.Clear();
                reading.ParameterValues.Clear();
                reading.Unreadable("Bicep", e.Message, e.Offset);
            }

            return reading;
        }

        private static void Statement(InfraParser parser, InfraScope scope, InfraReading reading)
        {
            var t = parser.Peek;
            if (t.Is("@"))
            {
                parser.Take();
                parser.SkipStatement();
                return;
            }

            if (t.Kind != TokenKind.Identifier)
            {
                throw parser.Unexpected("a declaration (param, var, resource, module, ...)");
            }

            switch (t.Text)
            {
                case "param" when parser.PeekAt(1).Kind == TokenKind.Identifier:
                {
                    parser.Take();
                    var name = parser.Take();

                    // The type (string, bool, an object type, a union of literals) up to '=' or the line's end.
                    var level = 0;
                    while (!parser.AtEnd && !(level == 0 && (parser.Peek.Is("=") || parser.Peek.Kind == TokenKind.NewLine)))
                    {
                        if (parser.Peek.Is("{") || parser.Peek.Is("(") || parser.Peek.Is("[")) level++;
                        else if (parser.Peek.Is("}") || parser.Peek.Is(")") || parser.Peek.Is("]")) level--;
                        parser.Take();
                    }

                    InfraValue? value = null;
                    if (parser.Peek.Is("="))
                    {
                        parser.Take();
                        parser.SkipNewLines();
                        value = parser.Expression(0);
                    }

                    if (reading.File.Language == InfrastructureLanguage.BicepParameters)
                    {
                        if (value != null) reading.ParameterValues[name.Text] = value;
                    }
                    else
                    {
                        scope.AddParameter(new InfraParameter(name.Text, new InfrastructurePlace(reading.File, name.Span), value));
                    }

                    return;
                }

                case "var" when parser.PeekAt(1).Kind == TokenKind.Identifier:
                {
                    parser.Take();
                    var name = parser.Take();
                    while (!parser.AtEnd && !parser.Peek.Is("=") && parser.Peek.Kind != TokenKind.NewLine) parser.Take();
                    parser.Expect("=", "'=' after the variable's name");
                    parser.SkipNewLines();
                    scope.AddVariable(name.Text, parser.Expression(0));
                    return;
                }

                case "resource" when parser.PeekAt(1).Kind == TokenKind.Identifier:
                    Add(parser, parser.ResourceDeclaration(0), null, scope, reading);
                    return;

                case "module" when parser.PeekAt(1).Kind == TokenKind.Identifier:
                {
                    var symbol = parser.PeekAt(1);
                    var path = parser.PeekAt(2);
                    var span = parser.SkipStatement();
                    var source = path.Kind == TokenKind.String && path.Parts is null ? " ('" + path.Text + "')" : "";
                    reading.Skipped(span, $"module '{symbol.Text}'{source} is not read, so no web app it declares is seen: name its file in CmsHostInfrastructure");
                    return;
                }

                case "using" when parser.PeekAt(1).Kind == TokenKind.String:
                {
                    parser.Take();
                    var target = parser.Take();
                    if (target.Parts is null) reading.UsingPath = target.Text;
                    parser.SkipStatement();
                    return;
                }

                default:
                    // targetScope, output, type, func, import, metadata, extension: nothing about App Service.
                    parser.SkipStatement();
                    return;
            }
        }

        private static void Add(InfraParser parser, BicepResourceDeclaration declaration, InfraResource? enclosing, InfraScope scope, InfraReading reading)
        {
            var type = declaration.Type;
            var at = type.IndexOf('@');
            if (at >= 0) type = type.Substring(0, at);
            if (enclosing != null && type.IndexOf('/') < 0) type = enclosing.Type + "/" + type;

            var body = declaration.Body;
            var parentSymbol = body.Get("parent") is InfraReference { Path: { Count: 0 } } parent ? parent.Name : null;
            var resource = new InfraResource(scope, type, new InfrastructurePlace(reading.File, declaration.SymbolSpan), body)
            {
                SymbolicName = declaration.Symbol,
                Name = body.Get("name"),
                NameIsRelative = enclosing != null || parentSymbol != null,
                Parent = enclosing,
                ParentSymbol = parentSymbol,
                IsExisting = declaration.Existing,
                IsLoop = declaration.IsLoop,
            };
            reading.Resources.Add(resource);

            if (parser.NestedResources.TryGetValue(body, out var children))
            {
                foreach (var child in children) Add(parser, child, resource, scope, reading);
            }
        }
    }
}
