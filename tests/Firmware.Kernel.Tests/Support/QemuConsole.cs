using System.Diagnostics;
using System.Text;

namespace Firmware.Kernel.Tests.Support;

/// <summary>
/// Runs QEMU with the serial console on stdout, records when each console line arrived, and kills
/// QEMU when it outlives the timeout. Waiting is on output events, not sleeps.
/// </summary>
public sealed class QemuConsole
{
    public sealed record Result(bool Exited, TimeSpan Elapsed, string Console, IReadOnlyDictionary<string, TimeSpan> Markers);

    public static Result Run(string program, IEnumerable<string> args, TimeSpan timeout, string finalMarker, params string[] markers)
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
        var exited = process.WaitForExit(timeout);
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
