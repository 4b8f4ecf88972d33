namespace CmsHazards.Cli.Evaluation;

/// <summary>
/// Evaluates each project with MSBuild, and falls back to reading its files where MSBuild is missing or cannot
/// evaluate it, with a note that names the reason and what the file reader may miss.
/// </summary>
internal sealed class ProjectEvaluation : IDisposable
{
    private readonly IProjectEvaluator? _msBuild;
    private readonly FileReaderEvaluator _fileReader;

    public ProjectEvaluation(IReadOnlyDictionary<string, string> globalProperties)
    {
        MsBuildRegistration.EnsureRegistered();
        MsBuildProblem = MsBuildRegistration.Problem;
        if (MsBuildProblem is null) _msBuild = MsBuildEvaluator.Create(globalProperties);
        _fileReader = new FileReaderEvaluator(globalProperties);
    }

    /// <summary>Why no project is evaluated by MSBuild; null when MSBuild is there.</summary>
    public string? MsBuildProblem { get; }

    /// <exception cref="ProjectNotEvaluatedException">Neither MSBuild nor the file reader can read the project.</exception>
    /// <exception cref="UnreadableFileException">The project file cannot be read.</exception>
    public EvaluatedProject Evaluate(string projectPath, List<ProjectNote> notes)
    {
        if (_msBuild is null) return _fileReader.Evaluate(projectPath, notes);
        try
        {
            return _msBuild.Evaluate(projectPath, notes);
        }
        catch (ProjectNotEvaluatedException e)
        {
            var evaluated = _fileReader.Evaluate(projectPath, notes);
            notes.Insert(0, new ProjectNote(e.File, e.Line, e.Column,
                $"MSBuild cannot evaluate this project ({e.Message.TrimEnd('.')}); cmshazards read its files instead, and {FileReaderEvaluator.WhatMayBeMissed}."));
            return evaluated;
        }
    }

    public void Dispose() => _msBuild?.Dispose();
}
