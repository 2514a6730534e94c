using System.Diagnostics;

namespace Firmware.Init.Tests.System;

/// <summary>
/// fwinit running as process 1 of new pid, mount, UTS and network namespaces (<c>unshare</c>),
/// over a <see cref="ScratchRoot"/> with a tmpfs on its /data, its console read line by line so
/// a test can wait for markers.
/// </summary>
public sealed class InitConsole : IDisposable
{
    private static readonly TimeSpan MarkerTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _changed = new(0);

    public InitConsole(string fwinit, ScratchRoot root)
    {
        var start = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["--fork", "--pid", "--mount", "--mount-proc", "--uts", "--net", "/bin/sh", "-c", "mount -t tmpfs data \"$1/data\" && exec \"$0\" --root \"$1\"", fwinit, root.Path])
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public string Text => string.Join('\n', Lines);

    /// <summary>Waits until the <paramref name="occurrence"/>th console line equal to <c>fw-init: MARKER</c> (or matching the prefix when it ends with '*').</summary>
    public string WaitFor(string marker, int occurrence = 1)
    {
        var deadline = DateTime.UtcNow + MarkerTimeout;
        while (true)
        {
            var found = Lines.Where(l => Matches(l, "fw-init: " + marker)).Skip(occurrence - 1).FirstOrDefault();
            if (found is not null)
            {
                return found;
            }

            if (_process.HasExited && !_changed.Wait(0) || DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"no '{marker}' (#{occurrence}) on the console:\n{Text}");
            }

            _changed.Wait(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>Waits for fwinit to end and returns its exit code.</summary>
    public int WaitForExit()
    {
        Assert.True(_process.WaitForExit(MarkerTimeout), $"fwinit did not end:\n{Text}");
        _process.WaitForExit();
        return _process.ExitCode;
    }

    private static bool Matches(string line, string marker) =>
        marker.EndsWith('*') ? line.StartsWith(marker[..^1], StringComparison.Ordinal) : line == marker;

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Add(line);
        }

        _changed.Release();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        _changed.Dispose();
    }
}
