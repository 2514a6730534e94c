using System.Diagnostics;

namespace Firmware.Testing;

/// <summary>
/// A guest that keeps running while a test drives it: QEMU (or a command that runs it) started with
/// its serial console on stdout, every line kept with the time it arrived, and waits for the n-th
/// occurrence of a marker, so a scenario can follow the guest across its own reboots. Waiting is on
/// output events, not sleeps. <see cref="Kill"/> is a power cut; disposing kills it too;
/// <see cref="TerminateAsync"/> sends SIGTERM, as a user's Ctrl-C would ask it to stop. With a log
/// file, every line is appended to it as it arrives (<c>tail -f</c> it to watch a long scenario).
/// </summary>
public sealed class QemuGuest : IDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(TimeSpan At, string Line)> _lines = [];
    private readonly List<(string Marker, int Count, TaskCompletionSource<TimeSpan> Seen)> _waiters = [];
    private readonly StreamWriter? _log;

    public QemuGuest(string program, IEnumerable<string> args, string? log = null)
    {
        _log = log is null ? null : new StreamWriter(log, append: true) { AutoFlush = true };
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += OnLine;
        _process.ErrorDataReceived += OnLine;
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Time since the guest was started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>The console so far.</summary>
    public string Console
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines.Select(l => l.Line));
            }
        }
    }

    /// <summary>How many console lines so far contain <paramref name="marker"/>.</summary>
    public int Count(string marker)
    {
        lock (_lines)
        {
            return _lines.Count(l => l.Line.Contains(marker, StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// Waits until <paramref name="marker"/> has appeared <paramref name="count"/> times in all and
    /// returns when the last of them arrived; fails with the console's tail after <paramref name="timeout"/>
    /// or when QEMU ends first.
    /// </summary>
    public async Task<TimeSpan> WaitFor(string marker, int count, TimeSpan timeout)
    {
        TaskCompletionSource<TimeSpan> seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lines)
        {
            var matches = _lines.Where(l => l.Line.Contains(marker, StringComparison.Ordinal)).ToList();
            if (matches.Count >= count)
            {
                return matches[count - 1].At;
            }

            _waiters.Add((marker, count, seen));
        }

        var ended = _process.WaitForExitAsync();
        var first = await Task.WhenAny(seen.Task, ended, Task.Delay(timeout));
        if (first == seen.Task)
        {
            return await seen.Task;
        }

        var why = first == ended ? $"QEMU ended (status {_process.ExitCode})" : $"not within {timeout}";
        throw new TimeoutException($"'{marker}' seen {Count(marker)} of {count} times: {why}; console tail:\n{Tail(Console)}");
    }

    /// <summary>Kills QEMU and everything it started, with no warning to the guest: a power cut.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    /// <summary>
    /// Sends SIGTERM to the process (<c>kill -TERM PID</c>) and waits for it to end; returns its exit
    /// status, or fails with the console's tail after <paramref name="timeout"/>.
    /// </summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        var sent = ProcessRunner.Run("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], "/");
        if (sent.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id}: {sent}");
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"still running {timeout} after SIGTERM; console tail:\n{Tail(Console)}");
        }

        _process.WaitForExit(); // the rest of its output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        lock (_lines)
        {
            _log?.Dispose();
        }
    }

    /// <summary>The last 4000 characters of <paramref name="console"/>, for a failure message.</summary>
    public static string Tail(string console) => console.Length <= 4000 ? console : console[^4000..];

    private void OnLine(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add((_clock.Elapsed, e.Data));
            _log?.WriteLine(e.Data);
            foreach (var waiter in _waiters.ToList())
            {
                if (e.Data.Contains(waiter.Marker, StringComparison.Ordinal)
                    && _lines.Count(l => l.Line.Contains(waiter.Marker, StringComparison.Ordinal)) >= waiter.Count)
                {
                    _waiters.Remove(waiter);
                    waiter.Seen.TrySetResult(_clock.Elapsed);
                }
            }
        }
    }
}
