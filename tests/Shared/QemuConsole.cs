using System.Diagnostics;
using System.Text;

namespace Firmware.Testing;

/// <summary>
/// Runs QEMU (or a command that runs it) with the serial console on stdout, records when each
/// console line arrived, and kills it when it outlives the timeout, or, when asked, as soon as the
/// final marker appears (a guest that runs services never powers off). Waiting is on output
/// events and the process's exit, not sleeps. A scenario that drives a running guest across its
/// reboots uses <c>QemuGuest</c>.
/// </summary>
public sealed class QemuConsole
{
    public sealed record Result(bool Exited, TimeSpan Elapsed, string Console, IReadOnlyDictionary<string, TimeSpan> Markers);

    public static Result Run(string program, IEnumerable<string> args, TimeSpan timeout, string finalMarker, params string[] markers) =>
        Run(program, args, timeout, stopAtFinalMarker: false, finalMarker, markers);

    public static Result Run(string program, IEnumerable<string> args, TimeSpan timeout, bool stopAtFinalMarker, string finalMarker, params string[] markers) =>
        Run(program, args, timeout, stopAtFinalMarker ? null : Task.Delay(Timeout.Infinite), finalMarker, markers);

    // Stops at the final marker when `until` is null, else when `until` completes.
    private static Result Run(string program, IEnumerable<string> args, TimeSpan timeout, Task? until, string finalMarker, string[] markers)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var console = new StringBuilder();
        var seen = new Dictionary<string, TimeSpan>();
        var done = new ManualResetEventSlim();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (console)
            {
                console.AppendLine(e.Data);
                foreach (var marker in markers.Append(finalMarker))
                {
                    if (e.Data.Contains(marker, StringComparison.Ordinal))
                    {
                        seen.TryAdd(marker, clock.Elapsed);
                    }
                }

                if (e.Data.Contains(finalMarker, StringComparison.Ordinal))
                {
                    done.Set();
                }
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exit = process.WaitForExitAsync();
        Task.WaitAny([exit, until ?? Task.Run(() => done.Wait(timeout))], timeout);

        var exited = process.HasExited;
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        else
        {
            process.WaitForExit(); // drain the output events
        }

        lock (console)
        {
            return new Result(exited, clock.Elapsed, console.ToString(), new Dictionary<string, TimeSpan>(seen));
        }
    }
}
