using System.Linq;
using CmsHazards.Configuration;

namespace CmsHazards.Fixes
{
    /// <summary>
    /// Applies a fix to a site's configuration in memory, so a rule can read the result as it reads the files as written:
    /// a fix is offered only if the deployed configuration then has what it promises (a transform can undo an edit).
    /// </summary>
    public static class FixCheck
    {
        /// <summary>The configuration with the fix's edits made; null when the fix makes no edit to these files.</summary>
        public static SiteConfiguration? Apply(SiteConfiguration configuration, Fix fix)
        {
            var edits = Plan(configuration, fix);
            if (edits.Count == 0) return null;
            return configuration.WithFiles(file =>
                edits.FirstOrDefault(e => SiteConfigurationFiles.SamePath(e.Path, file.Path)) is { } edit ? ConfigFile.Parse(file.Path, edit.ApplyTo(file.Text)) : file);
        }

        /// <summary>
        /// Whether the fix makes an edit to these files: <see cref="Apply"/> without reading the edited files back, for a
        /// rule that has nothing to read in them (no transform could undo the edit). On a large web.config that saves two
        /// parses per fix on every build (docs/performance.md).
        /// </summary>
        public static bool MakesEdits(SiteConfiguration configuration, Fix fix) => Plan(configuration, fix).Count > 0;

        private static System.Collections.Generic.IReadOnlyList<FileEdit> Plan(SiteConfiguration configuration, Fix fix)
        {
            var files = new[] { configuration.WebConfig, configuration.AppSettingsFile, configuration.AppSettingsOverrides }
                .Concat(configuration.FolderWebConfigs)
                .Where(f => f is not null)
                .Select(f => f!)
                .ToList();

            // The files are parsed already: the changes are planned against those parses.
            return FixPlanner.Plan(fix, path => files.FirstOrDefault(f => SiteConfigurationFiles.SamePath(f.Path, path)) is { } file ? FileChange.TextOf(file) : null);
        }
    }
}
