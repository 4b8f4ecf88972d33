using System.Diagnostics;

namespace CmsHazards.Cli;

/// <summary>
/// Tells someone waiting on a large tree that the scan is moving: a line on standard error at most once per
/// interval, and nothing at all for a scan shorter than that. On a terminal the line is rewritten in place; in
/// a CI log, where a carriage return would pile up, each report is a line of its own.
/// </summary>
internal sealed class ScanProgress
{
    private readonly TextWriter _error;
    private readonly TimeSpan? _interval;
    private readonly bool _inPlace;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _nextReport;
    private int _lastLength;

    /// <param name="interval">How often to report; null for never.</param>
    public ScanProgress(TextWriter error, TimeSpan? interval, bool inPlace)
    {
        _error = error;
        _interval = interval;
        _inPlace = inPlace;
        _nextReport = interval ?? TimeSpan.MaxValue;
    }

    /// <summary>Reports the state if the interval has passed; <paramref name="describe"/> runs only then.</summary>
    public void Report(Func<string> describe)
    {
        if (_interval is not { } interval || _clock.Elapsed < _nextReport) return;
        _nextReport = _clock.Elapsed + interval;
        var text = "cmshazards: " + describe();
        if (_inPlace)
        {
            _error.Write("\r" + text.PadRight(_lastLength));
            _lastLength = text.Length;
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
}
