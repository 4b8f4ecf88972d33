using System;
using System.Collections.Generic;
using System.IO;
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

        /// <summary>
        /// Whether the compilation may reference an assembly of one of these names, told from the references' file
        /// names without binding them. Asking the compilation for its referenced assemblies' identities reads the
        /// metadata of every reference; the compiler does that anyway, but the time is charged to the analyzer that
        /// asks first, and a project without CMS (most projects of a solution) should see no analyzer time at all.
        /// A reference without a file name (an in-memory image) may be anything, so it answers yes.
        /// </summary>
        public static bool MayReference(Compilation compilation, IReadOnlyList<string> assemblyNames)
        {
            foreach (var reference in compilation.ExternalReferences)
            {
                var name = reference switch
                {
                    PortableExecutableReference { FilePath: { } path } => Path.GetFileNameWithoutExtension(path),
                    CompilationReference { Compilation: { AssemblyName: { } assemblyName } } => assemblyName,
                    _ => null,
                };
                if (name is null) return true;
                foreach (var candidate in assemblyNames)
                {
                    if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)) return true;
                }
            }

            return false;
        }
    }
}
