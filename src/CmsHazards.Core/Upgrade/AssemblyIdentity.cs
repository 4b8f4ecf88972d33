using System;

namespace CmsHazards.Upgrade
{
    /// <summary>
    /// Who a binding redirect is for, as <c>&lt;assemblyIdentity name="EPiServer" publicKeyToken="8fe83dea738b45b7"
    /// culture="neutral" /&gt;</c> names it. Names and tokens compare without case, as the .NET Framework binder
    /// compares them (web.configs in public repositories spell the same token both ways, "31BF3856AD364E35" and
    /// "31bf3856ad364e35"); a missing culture reads as neutral.
    /// </summary>
    public sealed class AssemblyIdentity : IEquatable<AssemblyIdentity>
    {
        public AssemblyIdentity(string name, string? publicKeyToken, string? culture)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            PublicKeyToken = string.IsNullOrWhiteSpace(publicKeyToken) || string.Equals(publicKeyToken!.Trim(), "null", StringComparison.OrdinalIgnoreCase)
                ? null
                : publicKeyToken.Trim();
            Culture = string.IsNullOrWhiteSpace(culture) ? "neutral" : culture!.Trim();
        }

        public string Name { get; }

        /// <summary>The token as written, or null for an assembly without a strong name.</summary>
        public string? PublicKeyToken { get; }

        /// <summary>"neutral" when the element gives none.</summary>
        public string Culture { get; }

        /// <summary>
        /// Whether a reference the build resolves is this assembly: same name, and the same token when both state one.
        /// </summary>
        public bool Matches(string name, string? publicKeyToken) =>
            string.Equals(Name, name, StringComparison.OrdinalIgnoreCase)
            && (PublicKeyToken is null || string.IsNullOrEmpty(publicKeyToken) || string.Equals(PublicKeyToken, publicKeyToken, StringComparison.OrdinalIgnoreCase));

        public bool Equals(AssemblyIdentity? other) =>
            other is not null
            && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase)
            && string.Equals(PublicKeyToken ?? "", other.PublicKeyToken ?? "", StringComparison.OrdinalIgnoreCase)
            && string.Equals(Culture, other.Culture, StringComparison.OrdinalIgnoreCase);

        public override bool Equals(object? obj) => Equals(obj as AssemblyIdentity);

        public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name);

        public override string ToString() => Name;
    }
}
