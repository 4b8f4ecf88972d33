#!/usr/bin/env bash
# Sourced by build-overhead.sh and cms12-share.sh.
# The generated part of the site: page types, controllers and services in the shape CMS 11 sites have, each file
# with a few methods the compiler has to bind (LINQ, generics, string formatting, a switch), no EPiServer API so
# the stand-ins suffice. About 70 lines a file.
generate() { # folder count
  mkdir -p "$1"
  local i
  for i in $(seq 1 "$2"); do
    cat > "$1/Feature$i.cs" <<EOF
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace Site.Features.Feature$i
{
    public class ArticlePage$i
    {
        public string Heading { get; set; } = "";
        public string Teaser { get; set; } = "";
        public DateTime Published { get; set; }
        public IList<string> Tags { get; } = new List<string>();
        public int? Priority { get; set; }
    }

    public interface IArticleRepository$i
    {
        IEnumerable<ArticlePage$i> All();
        Task<ArticlePage$i> FindAsync(string heading);
    }

    public sealed class ArticleService$i
    {
        private readonly IArticleRepository$i _repository;
        private readonly Dictionary<string, int> _views = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        public ArticleService$i(IArticleRepository$i repository) => _repository = repository ?? throw new ArgumentNullException(nameof(repository));

        public IReadOnlyList<ArticlePage$i> Latest(int count, string tag = null) =>
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

        public string Describe(ArticlePage$i article)
        {
            switch (article.Priority)
            {
                case null: return \$"{article.Heading}: no priority";
                case int p when p < 0: return \$"{article.Heading}: hidden";
                case 0: return \$"{article.Heading}: pinned";
                default: return \$"{article.Heading}: {article.Priority} of {Latest(10).Count}";
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
EOF
  done
}

