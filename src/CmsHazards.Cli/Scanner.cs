using CmsHazards.Cli.Evaluation;
using CmsHazards.Configuration;
using CmsHazards.Fixes;
using CmsHazards.Rules;
using CmsHazards.Text;

namespace CmsHazards.Cli;

/// <summary>
/// The scan: finds the sites, lets the engine decide (<see cref="SiteCheck"/>), applies the fixes it returns
/// (<see cref="FixPlanner"/>) when asked, and places each finding for the report. No rule logic lives here.
/// </summary>
internal static class Scanner
{
    public static ScanResult Run(ScanOptions options, CliConsole console, ScanProgress progress)
    {
        var result = new ScanResult();
        var projects = ProjectDiscovery.Find(options.Paths, console.WorkingDirectory, progress, result.Errors);

        // --infrastructure paths are relative to the working folder, as PATH is.
        for (var i = 0; i < options.Infrastructure.Count; i++)
        {
            options.Infrastructure[i] = Path.GetFullPath(Path.Combine(console.WorkingDirectory, options.Infrastructure[i].Replace('\\', Path.DirectorySeparatorChar)));
        }

        // Infrastructure files in the scanned folders serve sites that name none; a note tells how builds read them too.
        var scannedFolders = options.Paths.Select(p => Path.GetFullPath(Path.Combine(console.WorkingDirectory, p))).ToList();
        options.FoundInfrastructure = new Lazy<IReadOnlyList<string>>(() => scannedFolders
            .Where(Directory.Exists)
            .SelectMany(Infrastructure.InfrastructureDiscovery.Find)
            .Distinct(StringComparer.Ordinal)
            .ToList());

        void Note(ProjectNote note)
        {
            // A progress line rewritten in place would run into the note.
            progress.Done();
            var where = console.Display(note.Path) + (note.Line > 0 ? $"({note.Line},{Math.Max(note.Column, 1)})" : "");
            console.Error.WriteLine($"{where}: note: {note.Text}");
        }

        using var evaluation = new ProjectEvaluation(options.GlobalProperties);
        if (projects.Count > 0 && evaluation.MsBuildProblem is { } problem)
        {
            Note(new ProjectNote("cmshazards", 0, 0, $"{problem}; projects are read from their files, and {FileReaderEvaluator.WhatMayBeMissed}."));
        }

        var sites = new List<(ScannedProject Site, IReadOnlyList<Finding> Findings)>();
        for (var i = 0; i < projects.Count; i++)
        {
            progress.Project(console.Display(projects[i]), i, projects.Count);
            if (Check(projects[i], evaluation, options, console, Note, result) is { } checkedSite)
            {
                sites.Add(checkedSite);
                if (checkedSite.Site.InfrastructureSuggestion is { } suggestion)
                {
                    progress.Done();
                    console.Error.WriteLine($"{console.Display(checkedSite.Site.ProjectPath)}: note: read the infrastructure files found under the scanned folders ({string.Join(", ", options.FoundInfrastructure.Value.Select(console.Display))}); builds read them with {suggestion} in the project or Directory.Build.props.");
                }
            }
        }

        if (options.Fix)
        {
            var changed = ApplyFixes(sites, console, result);

            // What is left after the fixes, from the files as they are now.
            for (var i = 0; i < sites.Count; i++)
            {
                if (!changed.Contains(sites[i].Site.ProjectPath)) continue;
                if (Check(sites[i].Site.ProjectPath, evaluation, options, console, _ => { }, result) is { } recheckedSite) sites[i] = recheckedSite;
            }
        }

        progress.Done();
        result.SitesChecked = sites.Count;
        foreach (var (site, findings) in sites)
        {
            foreach (var finding in Reported(site, findings)) result.Findings.Add(Place(site, finding));
        }

        return result;
    }

    /// <summary>Evaluates, reads and checks one project; null when it is not a CMS site or cannot be read.</summary>
    private static (ScannedProject Site, IReadOnlyList<Finding> Findings)? Check(string projectPath, ProjectEvaluation evaluation, ScanOptions options, CliConsole console, Action<ProjectNote> note, ScanResult result)
    {
        var notes = new List<ProjectNote>();
        try
        {
            var project = evaluation.Evaluate(projectPath, notes);
            if (!project.ByMsBuild) result.ReadWithoutMsBuild.Add(projectPath);
            var site = ScannedProject.Read(project, options, notes);
            return site is null ? null : (site, SiteCheck.Run(site.Facts));
        }
        catch (UnreadableFileException e)
        {
            result.Errors.Add($"{console.Display(e.Path)}: {e.Message}");
            return null;
        }
        catch (ProjectNotEvaluatedException e)
        {
            // Neither MSBuild nor the file reader understood the project: never a silent pass.
            result.Errors.Add($"{console.Display(e.File)}{(e.Line > 0 ? $"({e.Line},{Math.Max(e.Column, 1)})" : "")}: {e.Message}");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The project's folder itself (listing its *.config files) could not be read.
            result.Errors.Add($"{console.Display(projectPath)}: {e.Message}");
            return null;
        }
        finally
        {
            foreach (var n in notes) note(n);
        }
    }

    /// <summary>
    /// The findings a build would show: those the project does not silence with <c>&lt;NoWarn&gt;</c>, which
    /// the compiler applies to analyzer diagnostics as to its own.
    /// </summary>
    private static IEnumerable<Finding> Reported(ScannedProject site, IReadOnlyList<Finding> findings)
    {
        var silenced = (site.Project[EvaluatedProject.NoWarnProperty] ?? "")
            .Split(new[] { ';', ',', ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries);
        return findings.Where(f => !silenced.Contains(f.RuleId, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Applies, once per file, the first fix of every hazard: the one the IDE lists first and <c>dotnet format</c>
    /// applies. Notes (CMSH100) are left alone: whether the hosts carry WebSockets is for a person to check,
    /// and turning them off without need costs editors their live updates.
    /// </summary>
    /// <returns>The projects whose files were changed.</returns>
    private static HashSet<string> ApplyFixes(List<(ScannedProject Site, IReadOnlyList<Finding> Findings)> sites, CliConsole console, ScanResult result)
    {
        var changedProjects = new HashSet<string>(StringComparer.Ordinal);
        var done = new List<Fix>();
        foreach (var (site, findings) in sites)
        {
            var firstFixes = new List<Fix>();
            foreach (var finding in Reported(site, findings))
            {
                if (finding.Fixes.Count == 0 || !finding.Rule.IsHazard) continue;
                var first = finding.Fixes[0];
                if (done.Any(d => d.IsSameEditAs(first))) continue;
                done.Add(first);
                firstFixes.Add(first);
            }

            // The fixes of one kind are planned together (one edit per file), so no fix's position is shifted by another's;
            // where their changes cannot be planned together (one no longer finds its element), each goes on its own.
            foreach (var group in firstFixes.GroupBy(f => f.EquivalenceKey).Select(g => g.ToList()))
            {
                if (!Apply(site, Fix.Combine(group), reportRefusal: group.Count == 1) && group.Count > 1)
                {
                    foreach (var fix in group) Apply(site, fix, reportRefusal: true);
                }
            }
        }

        bool Apply(ScannedProject site, Fix fix, bool reportRefusal)
        {
            try
            {
                // The edits are computed from the files as they are now, so a second run finds nothing to do.
                // A move edits two files: each is written back in its own encoding.
                var texts = new Dictionary<string, EncodedText>(StringComparer.Ordinal);
                string? Read(string path)
                {
                    if (!File.Exists(path)) return null;
                    texts[path] = EncodedText.Read(path);
                    return texts[path].Text;
                }

                // Every file of the fix is encoded before any is written: a file that cannot be written back
                // exactly (its encoding, an invalid byte) refuses the whole fix, and nothing is half done.
                var edits = FixPlanner.Plan(fix, Read, out var refusal);
                if (refusal is not null && reportRefusal) result.Errors.Add($"{console.Display(fix.Changes[0].Path)}: cannot be fixed: {refusal}.");
                var writes = new List<(string Path, byte[] Bytes)>();
                foreach (var fileEdit in edits)
                {
                    var encoded = texts[fileEdit.Path];
                    if (encoded.TryEncode(fileEdit.ApplyTo(encoded.Text), out var whyNot) is not { } bytes)
                    {
                        result.Errors.Add($"{console.Display(fileEdit.Path)}: cannot be fixed: {EncodedText.Refusal(whyNot!)}.");
                        return true;
                    }

                    writes.Add((fileEdit.Path, bytes));
                }

                foreach (var (path, bytes) in writes)
                {
                    File.WriteAllBytes(path, bytes);
                    result.Fixes.Add(new AppliedFix(path, fix.Title));
                    changedProjects.Add(site.ProjectPath);
                }

                return edits.Count > 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                result.Errors.Add($"{console.Display(fix.Changes[0].Path)}: cannot be fixed: {e.Message}");
                return true;
            }
        }

        return changedProjects;
    }

    /// <summary>
    /// Where the CLI reports a finding. The analyzer puts the WebSocket findings on the application class in
    /// Global.asax.cs, which only a compilation can find; here they stay at the web.config element the core
    /// names, which the analyzer gives as the additional location. A host declaration the core cannot read
    /// has no place in the core; here it is the project element that declares it.
    /// </summary>
    private static ReportedFinding Place(ScannedProject site, Finding finding)
    {
        var rule = finding.Rule;
        if (finding.Location is { } location)
        {
            return new ReportedFinding(rule, finding.Message, location.Path, location.Start, location.End);
        }

        if (site.DeclarationBehind(finding) is { } element)
        {
            var lines = element.File.Lines;
            return new ReportedFinding(rule, finding.Message, element.File.Path, lines.GetPosition(element.NameSpan.Start), lines.GetPosition(element.NameSpan.End));
        }

        return new ReportedFinding(rule, finding.Message, site.ProjectPath, null, null);
    }
}
