using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using CmsHazards.CodeFixes;
using CmsHazards.Configuration;
using Microsoft.CodeAnalysis;
using Xunit;

namespace CmsHazards.Analyzers.Tests;

/// <summary>
/// The compiler and Visual Studio run one analyzer instance on many compilations at once, in one process, for
/// hours. Static state outlives every compilation and is shared by all of them, so each static field that can hold
/// mutable state is listed here with the reason it is safe; a new cache or a new shared list fails this test until
/// someone writes down why it is safe.
/// </summary>
public class StaticStateTests
{
    private const string Codec =
        "An encoding: its tables are filled in its constructor and only read afterwards, and System.Text's encodings are thread-safe.";

    private static readonly IReadOnlyDictionary<string, string> Allowed = new Dictionary<string, string>
    {
        ["ConfigTextCache.Parsed"] =
            "Roslyn's SourceTextValueProvider: a thread-safe table keyed weakly by the SourceText, made for per-text caches; " +
            "an entry is computed from its text alone and goes with the text.",
        ["CompilationFacts.BuildProperties"] = "A private array that is only read, never written after its initialiser.",
        ["Descriptors.Live"] = "A private dictionary filled by its initialiser and only read afterwards; its descriptors are immutable.",
        ["Descriptors.End"] = "A private dictionary filled by its initialiser and only read afterwards; its descriptors are immutable.",
        ["SiteFacts.NoProperties"] = "A private empty dictionary, exposed only as IReadOnlyDictionary and never written.",
        ["CmsUiReference.UiAssemblyNames"] = "Exposed as IReadOnlyList<string>; no code casts it back to the array to write it.",
        ["CmsUiReference.UiPackageIds"] = "Exposed as IReadOnlyList<string>; no code casts it back to the array to write it.",
        ["BuildCompiler.PackageIds"] = "A private array that is only read, never written after its initialiser.",
        ["TextCodec.Windows1252High"] = "A private table that is only read, never written after its initialiser.",
        ["TextCodec.Utf8"] = Codec,
        ["TextCodec.Utf16LittleEndian"] = Codec,
        ["TextCodec.Utf16BigEndian"] = Codec,
        ["TextCodec.Windows1252"] = Codec,
        ["TextCodec.Latin1"] = Codec,
        ["TextCodec.Ascii"] = Codec,
        ["CmsAppSettings.WebSocketEnabledPath"] = "Exposed as IReadOnlyList<string>; read through ToArray() copies, never cast back to the array to write it.",
        ["AppServiceModel.SiteTypes"] = "A private array that is only read, never written after its initialiser.",
        ["AppServiceModel.SlotTypes"] = "A private array that is only read, never written after its initialiser.",
        ["InfrastructureDiscovery.SkippedFolders"] = "A private array that is only read, never written after its initialiser.",
        ["BindingRedirectFixes.ByConfiguration"] =
            "A ConditionalWeakTable, thread-safe, keyed weakly by an immutable SiteConfiguration: an entry is computed from its key alone and goes with it.",
        ["BindingRedirectFixes.Reading"] = "A ConfigurationReading: its topic, sections and text are set by its constructor and never change.",
        ["Cms11Packages.All"] = "Exposed as IReadOnlyList; a table filled by its initialiser and only read.",
        ["PackageFamilies.All"] = "Exposed as IReadOnlyList; a table filled by its initialiser and only read.",
        ["FileChange._lastParsed"] = "ThreadStatic: each thread sees only its own last parse, an immutable ConfigFile matched by reference to the text it was parsed from; it saves re-parsing one file for each of a fix's many changes, and FixPlanner forgets it when each plan is done.",
        ["XmlElementPath._indexed"] = "ThreadStatic: each thread sees only its own index of the children of one parsed file, matched by reference to that immutable ConfigFile and built only from it; it saves searching the same elements for each of a fix's many changes after text moved, and FixPlanner forgets it when each plan is done.",
        ["HostDeclaration.None"] = "Its Problems list is Array.Empty<string>(), which has no element to write; its other fields are readonly values.",
        ["CmsStartupCode.WithoutUiOptions"] = "Its Settings list is Array.Empty<SwitchSetting>(), which has no element to write; its other fields are readonly values.",
    };

    [Fact]
    public void Every_static_field_that_can_hold_mutable_state_is_listed_with_the_reason_it_is_safe()
    {
        var found = new[] { typeof(SiteAnalyzer).Assembly, typeof(AdditionalFileCodeFix).Assembly, typeof(ConfigFile).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetCustomAttribute<CompilerGeneratedAttribute>() is null)
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => !f.IsLiteral && f.GetCustomAttribute<CompilerGeneratedAttribute>() is null)
            .Where(f => !f.IsInitOnly || !IsImmutable(f.FieldType, new HashSet<Type>()))
            .Select(f => f.DeclaringType!.Name + "." + f.Name)
            .Order(StringComparer.Ordinal)
            .ToList();

        var unexplained = found.Except(Allowed.Keys).ToList();
        var stale = Allowed.Keys.Except(found).ToList();
        Assert.True(unexplained.Count == 0, "Static fields that can hold mutable state, without a reason they are safe in StaticStateTests.Allowed: " + string.Join(", ", unexplained));
        Assert.True(stale.Count == 0, "Listed in StaticStateTests.Allowed but no longer mutable static state: " + string.Join(", ", stale));
    }

    [Fact]
    public void A_cache_or_a_shared_array_counts_as_mutable_and_a_value_does_not()
    {
        Assert.False(IsImmutable(typeof(Dictionary<string, string>), new HashSet<Type>()));
        Assert.False(IsImmutable(typeof(string[]), new HashSet<Type>()));
        Assert.False(IsImmutable(typeof(IReadOnlyList<string>), new HashSet<Type>()));
        Assert.False(IsImmutable(typeof(WithSettableProperty), new HashSet<Type>()));
        Assert.False(IsImmutable(typeof(Unsealed), new HashSet<Type>()));
        Assert.True(IsImmutable(typeof(ImmutableArray<string>), new HashSet<Type>()));
        Assert.True(IsImmutable(typeof(Version), new HashSet<Type>()));
        Assert.True(IsImmutable(typeof(WithReadonlyValues), new HashSet<Type>()));
    }

    /// <summary>
    /// A type whose instances cannot change once made: values the framework guarantees immutable, immutable
    /// collections of them, and our own types whose every instance field is readonly and itself immutable.
    /// Interfaces and arrays are never immutable: what stands behind them can be written.
    /// </summary>
    private static bool IsImmutable(Type type, HashSet<Type> seen)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Version)
            || type == typeof(Regex) || type == typeof(DiagnosticDescriptor) || type == typeof(LocalizableString))
        {
            return true;
        }

        if (type.IsArray || type.IsInterface || type.IsPointer) return false;
        if (type.IsGenericType && type.Namespace == "System.Collections.Immutable") return type.GetGenericArguments().All(a => IsImmutable(a, seen));
        if (!seen.Add(type)) return true; // a type that refers to itself is as immutable as its other fields

        var ours = type.Assembly == typeof(ConfigFile).Assembly || type.Assembly == typeof(SiteAnalyzer).Assembly
            || type.Assembly == typeof(AdditionalFileCodeFix).Assembly || type.Assembly == typeof(StaticStateTests).Assembly;
        if (!ours) return false;
        if (type.IsClass && !type.IsSealed) return false; // a derived type can add state the declared type does not show

        for (var t = type; t is not null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!field.IsInitOnly || !IsImmutable(field.FieldType, seen)) return false;
            }
        }

        return true;
    }

    private class Unsealed
    {
    }

    private sealed class WithSettableProperty
    {
        public string? Name { get; set; }
    }

    private sealed class WithReadonlyValues(string name, Version version)
    {
        public string Name { get; } = name;

        public Version Version { get; } = version;
    }
}
