using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using CmsHazards.Rules;
using CmsHazards.Text;
using CmsHazards.Upgrade;

namespace CmsHazards.Configuration
{
    /// <summary>
    /// The text of a value CmsHazards.targets hands the analyzer as a compiler-visible property. The compiler writes
    /// such properties into a generated .editorconfig, whose reader takes everything from a ';' or '#' on as a comment
    /// (dotnet/roslyn#43970): an MSBuild list "a;b" reaches the analyzer as "a", and a path under "C:\src\C#" as
    /// "C:\src\C". So lists are joined with '|' and every value is percent-escaped where it has one of those characters.
    /// </summary>
    public static class HandedOverText
    {
        /// <summary>Set by CmsHazards.targets from the task's <c>DeclaredPackages</c>: see <see cref="FromPackages"/>.</summary>
        public const string DeclaredPackagesProperty = "CmsHazardsDeclaredPackages";

        /// <summary>Set by CmsHazards.targets from the task's <c>EscapedProjectDirectory</c>: MSBuildProjectDirectory, escaped.</summary>
        public const string ProjectDirectoryProperty = "CmsHazardsProjectDirectory";

        private const char ItemSeparator = '|';
        private const char FieldSeparator = ',';

        /// <summary>One value, safe for the .editorconfig line (and for the list and record separators).</summary>
        public static string Escape(string value)
        {
            StringBuilder? escaped = null;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c is '%' or ';' or '#' or ItemSeparator or FieldSeparator or '\r' or '\n')
                {
                    escaped ??= new StringBuilder(value, 0, i, value.Length + 8);
                    escaped.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                }
                else
                {
                    escaped?.Append(c);
                }
            }

            return escaped?.ToString() ?? value;
        }

        public static string Unescape(string value)
        {
            if (value.IndexOf('%') < 0) return value;
            var text = new StringBuilder(value.Length);
            for (var i = 0; i < value.Length; i++)
            {
                if (value[i] == '%' && i + 2 < value.Length
                    && int.TryParse(value.Substring(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    text.Append((char)code);
                    i += 2;
                }
                else
                {
                    text.Append(value[i]);
                }
            }

            return text.ToString();
        }

        /// <summary>Paths (or any values) as one property value.</summary>
        public static string Join(IEnumerable<string> values) => string.Join(ItemSeparator.ToString(), values.Select(Escape));

        /// <summary>The values of <see cref="Join"/>, without empty ones; none for null.</summary>
        public static IReadOnlyList<string> Split(string? text) =>
            string.IsNullOrWhiteSpace(text)
                ? Array.Empty<string>()
                : text!.Split(ItemSeparator).Select(v => Unescape(v).Trim()).Where(v => v.Length > 0).ToList();

        /// <summary>
        /// The PackageReference and PackageVersion declarations the task read, each with the element that declares
        /// it, so the analyzer reports CMSH304 and CMSH305 where the task and the CLI do. The count comes first, so
        /// "0" (the task ran, nothing is declared) differs from no value at all (the task did not run).
        /// </summary>
        public static string FromPackages(IReadOnlyCollection<DeclaredPackage> packages)
        {
            var text = new StringBuilder(packages.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var package in packages)
            {
                text.Append(ItemSeparator)
                    .Append(Escape(package.Id)).Append(FieldSeparator)
                    .Append(Escape(package.VersionText)).Append(FieldSeparator)
                    .Append(package.Kind.ToString());
                if (package.Location is { } at)
                {
                    foreach (var number in new[] { at.Span.Start, at.Span.Length, at.Start.Line, at.Start.Character, at.End.Line, at.End.Character })
                    {
                        text.Append(FieldSeparator).Append(number.ToString(CultureInfo.InvariantCulture));
                    }

                    text.Append(FieldSeparator).Append(Escape(at.Path));
                }
            }

            return text.ToString();
        }

        /// <summary>The packages of <see cref="FromPackages"/>; null when there is no value, or one this version cannot read.</summary>
        public static IReadOnlyList<DeclaredPackage>? ToPackages(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            var records = text!.Trim().Split(ItemSeparator);
            if (!int.TryParse(records[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count != records.Length - 1) return null;

            var packages = new List<DeclaredPackage>(count);
            for (var i = 1; i < records.Length; i++)
            {
                var fields = records[i].Split(FieldSeparator);
                if (fields.Length is not (3 or 10)) return null;
                if (!Enum.TryParse<PackageDeclarationKind>(fields[2], out var kind)) return null;

                FileLocation? location = null;
                if (fields.Length == 10)
                {
                    var numbers = new int[6];
                    for (var n = 0; n < numbers.Length; n++)
                    {
                        if (!int.TryParse(fields[3 + n], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[n])) return null;
                    }

                    location = new FileLocation(Unescape(fields[9]), new TextSpan(numbers[0], numbers[1]), new LinePosition(numbers[2], numbers[3]), new LinePosition(numbers[4], numbers[5]));
                }

                packages.Add(new DeclaredPackage(Unescape(fields[0]), Unescape(fields[1]), kind, location));
            }

            return packages;
        }
    }
}
