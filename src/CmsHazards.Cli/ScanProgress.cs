using System.Diagnostics;

namespace CmsHazards.Cli;

/// <summary>
/// Tells someone waiting on a long scan that it is moving, on standard error, once the scan has run longer than
/// the interval (a short scan prints nothing). In a CI log, where a carriage return would pile up, each project
/// gets a line of its own; on a terminal one live line is rewritten in place, at most once per interval.
/// </summary>
internal sealed class ScanProgress
{
    private readonly TextWriter _error;
    private readonly TimeSpan? _interval;
    private readonly bool _inPlace;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _nextReport;
    private int _lastLength;

    /// <param name="interval">How long a scan runs before it reports, and how often a live line changes; null for never.</param>
    /// <param name="inPlace">Whether standard error is a terminal, where a line can be rewritten.</param>
    public ScanProgress(TextWriter error, TimeSpan? interval, bool inPlace)
    {
        _error = error;
        _interval = interval;
        _inPlace = inPlace;
        _nextReport = interval ?? TimeSpan.MaxValue;
    }

    /// <summary>Reports the state on the live line if the interval has passed; <paramref name="describe"/> runs only then.</summary>
    public void Report(Func<string> describe)
    {
        if (_interval is not { } interval || _clock.Elapsed < _nextReport) return;
        if (!_inPlace) return; // a log gets a line per project, not the search's counters
        _nextReport = _clock.Elapsed + interval;
        Live("cmshazards: " + describe());
    }

    /// <summary>Says which project is being checked: a line per project in a log, the live line on a terminal.</summary>
    public void Project(string project, int index, int count)
    {
        if (_interval is not { } interval || _clock.Elapsed < (_inPlace ? _nextReport : interval)) return;
        var text = $"cmshazards: checking {index + 1} of {count}: {project}";
        if (_inPlace)
        {
            _nextReport = _clock.Elapsed + interval;
            Live(text);
        }
        else
        {
            _error.WriteLine(text);
        }
    }

    /// <summary>Clears an in-place line, so what follows starts on a clean line.</summary>
    public void Done()
    {
        if (_inPlace && _lastLength > 0) _error.Write("\r" + new string(' ', _lastLength) + "\r");
        _lastLength = 0;
    }

    private void Live(string text)
    {
        _error.Write("\r" + text.PadRight(_lastLength));
        _lastLength = text.Length;
    }
}
