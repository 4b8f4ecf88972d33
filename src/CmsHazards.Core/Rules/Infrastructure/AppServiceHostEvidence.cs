using System.Collections.Generic;
using System.Linq;
using CmsHazards.Fixes;
using CmsHazards.Infrastructure;
using CmsHazards.Text;

namespace CmsHazards.Rules.Infrastructure
{
    /// <summary>
    /// What the infrastructure files a project names (ARM, Bicep, Terraform) say about the Azure App Service hosts of the
    /// CMS, for the WebSockets rules of every CMS generation: host evidence for CMSH101, what cannot be told for CMSH100,
    /// and findings of their own: files that cannot be read (CMSH200), a CMS app that is not named (CMSH103), settings
    /// App Service does not read (CMSH102).
    /// </summary>
    public static class AppServiceHostEvidence
    {
        /// <summary>The evidence, or null when the project names no infrastructure files (or the front end cannot read them).</summary>
        public static WebSocketsEvidence? Of(SiteFacts site) =>
            site.Fact<InfrastructureFacts>() is { Files: { Count: > 0 } } facts ? facts.Evidence : null;

        /// <summary>Files the project names that do not exist (CMSH103): said, never silently skipped.</summary>
        public static void AddMissingFiles(SiteFacts site, ICollection<Finding> findings)
        {
            if (site.Fact<InfrastructureFacts>() is not { Missing: { Count: > 0 } missing }) return;
            var names = string.Join(", ", missing.Select(m => "'" + m + "'"));
            findings.Add(new Finding(
                RuleIds.HostDeclarationNotUnderstood,
                $"{InfrastructureFacts.FilesProperty} names {names}, which {(missing.Count == 1 ? "does" : "do")} not exist. CmsHazards reads the infrastructure files that exist and says nothing about the others.",
                null));
        }

        /// <summary>The findings about the files themselves: unreadable, the CMS app not named, settings without effect.</summary>
        public static void AddFileFindings(WebSocketsEvidence evidence, ICollection<Finding> findings)
        {
            foreach (var note in evidence.Model.Notes.Where(n => n.FileUnreadable))
            {
                findings.Add(new Finding(RuleIds.ConfigurationUnreadable, note.Sentence, Location(note.Place)));
            }

            if (evidence.App.Problem is { } problem)
            {
                findings.Add(new Finding(RuleIds.HostDeclarationNotUnderstood, problem, null));
            }

            foreach (var setting in evidence.Ineffective)
            {
                findings.Add(new Finding(RuleIds.WebSocketsKeyIneffective, setting.Message + ".", Location(setting.Place)));
            }
        }

        public static FileLocation Location(InfrastructurePlace place) =>
            new FileLocation(place.File.Path, place.Span, place.Start, place.End);

        /// <summary>
        /// "Turn on Web sockets in &lt;file&gt;" for the hosts the files leave off: one fix per file, offered only where the
        /// deciding text is a literal in a file the project keeps (not a copy a tool restores).
        /// </summary>
        public static IReadOnlyList<Fix> TurnOnFixes(WebSocketsEvidence evidence)
        {
            var fixes = new List<Fix>();
            foreach (var fix in evidence.Fixes)
            {
                if (!InfrastructureFacts.IsOwnCopy(fix.File.Path)) continue;
                var changes = new List<FileChange>();
                var previousEnd = 0;
                foreach (var edit in fix.Edits)
                {
                    changes.Add(ReplaceText.For(fix.File.Path, fix.File.Text, edit, previousEnd));
                    previousEnd = edit.Span.End;
                }

                fixes.Add(new Fix(fix.Title, "CmsHazards.TurnOnAppServiceWebSockets", changes));
            }

            return fixes;
        }

        /// <summary>Where the files and the declaration disagree, a sentence that says so; empty when they agree or the files say nothing.</summary>
        public static string Disagreement(WebSocketsEvidence? evidence, bool? declared)
        {
            if (evidence is null || declared is null || evidence.WebSockets is null || evidence.WebSockets == declared) return "";
            var apps = string.Join(", ", evidence.App.Hosts.Select(h => h.Display));
            return declared == false
                ? $" The infrastructure files turn Web sockets on for {apps} ({evidence.App.Hosts[0].WebSockets.Place}); CmsHostWebSockets=false outranks them."
                : $" CmsHostWebSockets=true outranks the infrastructure files, where {evidence.OffClause().Substring("the host is Azure App Service, and ".Length)}.";
        }
    }
}
