using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CmsHazards.Benchmarks.Inputs;

/// <summary>
/// The C# of a site of many files, made here: page types, services and a repository interface per file, with
/// methods the compiler has to bind (LINQ, generics, string formatting, a pattern switch, async), the same shape
/// build-overhead.sh generates for whole builds. No EPiServer API, so the stand-ins suffice.
/// </summary>
internal static class GeneratedSite
{
    /// <summary>Every assembly of the running .NET's shared framework: a reference set as large as a net48 site's.</summary>
    public static IReadOnlyList<MetadataReference> Framework { get; } = Directory
        .GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
        .OrderBy(p => p, StringComparer.Ordinal)
        .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
        .ToList();

    /// <summary><paramref name="count"/> files under <paramref name="folder"/>/Features, parsed once.</summary>
    public static IReadOnlyList<SyntaxTree> Features(string folder, int count) => Enumerable.Range(1, count)
        .Select(i => CSharpSyntaxTree.ParseText(Feature(i), path: $"{folder}/Features/Feature{i}.cs"))
        .ToList();

    private static string Feature(int i) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Globalization;
        using System.Linq;
        using System.Text;
        using System.Threading.Tasks;

        namespace Site.Features.Feature{{i}}
        {
            public class ArticlePage{{i}}
            {
                public string Heading { get; set; } = "";
                public string Teaser { get; set; } = "";
                public DateTime Published { get; set; }
                public IList<string> Tags { get; } = new List<string>();
                public int? Priority { get; set; }
            }

            public interface IArticleRepository{{i}}
            {
                IEnumerable<ArticlePage{{i}}> All();
                Task<ArticlePage{{i}}> FindAsync(string heading);
            }

            public sealed class ArticleService{{i}}
            {
                private readonly IArticleRepository{{i}} _repository;
                private readonly Dictionary<string, int> _views = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

                public ArticleService{{i}}(IArticleRepository{{i}} repository) => _repository = repository ?? throw new ArgumentNullException(nameof(repository));

                public IReadOnlyList<ArticlePage{{i}}> Latest(int count, string tag = null) =>
                    _repository.All()
                        .Where(a => tag == null || a.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
                        .OrderByDescending(a => a.Published)
                        .ThenBy(a => a.Priority ?? int.MaxValue)
                        .Take(count)
                        .ToList();

                public async Task<string> SummaryAsync(string heading)
                {
                    var article = await _repository.FindAsync(heading).ConfigureAwait(false);
                    if (article == null) return string.Empty;
                    var text = new StringBuilder();
                    text.AppendFormat(CultureInfo.InvariantCulture, "{0} ({1:yyyy-MM-dd})", article.Heading, article.Published);
                    foreach (var tag in article.Tags.Distinct().OrderBy(t => t, StringComparer.Ordinal)) text.Append(' ').Append('#').Append(tag);
                    return text.ToString();
                }

                public int CountView(string heading)
                {
                    _views.TryGetValue(heading, out var views);
                    _views[heading] = ++views;
                    return views;
                }

                public string Describe(ArticlePage{{i}} article)
                {
                    switch (article.Priority)
                    {
                        case null: return $"{article.Heading}: no priority";
                        case int p when p < 0: return $"{article.Heading}: hidden";
                        case 0: return $"{article.Heading}: pinned";
                        default: return $"{article.Heading}: {article.Priority} of {Latest(10).Count}";
                    }
                }

                public static T FirstOr<T>(IEnumerable<T> items, Func<T, bool> predicate, T fallback)
                {
                    foreach (var item in items)
                    {
                        if (predicate(item)) return item;
                    }

                    return fallback;
                }
            }
        }
        """;
}
