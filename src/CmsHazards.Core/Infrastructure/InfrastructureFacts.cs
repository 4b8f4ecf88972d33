using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace CmsHazards.Infrastructure
{
    /// <summary>
    /// The infrastructure files a project names (<c>CmsHostInfrastructure</c>) and the web app it says hosts the CMS
    /// (<c>CmsHostAppService</c>): a site fact, read into App Service evidence the first time a rule asks.
    /// </summary>
    public sealed class InfrastructureFacts : IEquatable<InfrastructureFacts>
    {
        public const string FilesProperty = "CmsHostInfrastructure";

        private readonly Lazy<WebSocketsEvidence> _evidence;

        /// <param name="missing">Paths the project names that do not exist, as written.</param>
        public InfrastructureFacts(IReadOnlyList<InfrastructureFile> files, string? cmsHostAppService, IReadOnlyList<string>? missing = null)
        {
            Files = files;
            Missing = missing ?? Array.Empty<string>();
            CmsHostAppService = string.IsNullOrWhiteSpace(cmsHostAppService) ? null : cmsHostAppService!.Trim();
            _evidence = new Lazy<WebSocketsEvidence>(() => WebSocketsEvidence.From(AppServiceModel.Read(Files), CmsHostAppService), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public IReadOnlyList<InfrastructureFile> Files { get; }

        public string? CmsHostAppService { get; }

        public IReadOnlyList<string> Missing { get; }

        /// <summary>The paths in an MSBuild list (<c>a;b</c>), for <see cref="Missing"/>.</summary>
        public static IReadOnlyList<string> SplitList(string? list) =>
            (list ?? "").Split(';').Select(p => p.Trim()).Where(p => p.Length > 0).ToList();

        /// <summary>What the files say about the CMS app's Web sockets, read once.</summary>
        public WebSocketsEvidence Evidence => _evidence.Value;

        /// <summary>
        /// Whether a file is one the project keeps, so a fix may edit it: not a copy a tool manages (Terraform's module
        /// cache, an npm package), which the next restore would overwrite.
        /// </summary>
        public static bool IsOwnCopy(string path)
        {
            var parts = path.Split('/', '\\');
            return !parts.Any(p => p.Equals(".terraform", StringComparison.OrdinalIgnoreCase) || p.Equals("node_modules", StringComparison.OrdinalIgnoreCase));
        }

        public bool Equals(InfrastructureFacts? other) =>
            other is not null
            && CmsHostAppService == other.CmsHostAppService
            && Missing.SequenceEqual(other.Missing)
            && Files.Count == other.Files.Count
            && Files.Zip(other.Files, (a, b) => a.Path == b.Path && a.Language == b.Language && a.Length == b.Length && (ReferenceEquals(a.Text, b.Text) || a.Text == b.Text)).All(same => same);

        public override bool Equals(object? obj) => Equals(obj as InfrastructureFacts);

        public override int GetHashCode() => Files.Count;
    }
}
