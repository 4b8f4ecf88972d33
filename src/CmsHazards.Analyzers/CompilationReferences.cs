using System;
using System.Collections.Generic;
using System.Linq;
using CmsHazards.Versions;
using Microsoft.CodeAnalysis;

namespace CmsHazards.Analyzers
{
    /// <summary>
    /// The assemblies a compilation references, with the identity the compiler read from each and the origin its
    /// path shows (a packages folder, the framework's reference assemblies). Read once per compilation.
    /// </summary>
    internal static class CompilationReferences
    {
        public static IReadOnlyList<ReferencedAssembly> From(Compilation compilation)
        {
            var found = new List<ReferencedAssembly>();
            foreach (var reference in compilation.References)
            {
                if (!(compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol assembly)) continue;
                var identity = assembly.Identity;
                var path = (reference as PortableExecutableReference)?.FilePath;
                found.Add(ReferencedAssembly.FromPath(identity.Name, identity.Version, ReferencedAssembly.TokenText(identity.PublicKeyToken), path));
            }

            return found;
        }
    }
}
