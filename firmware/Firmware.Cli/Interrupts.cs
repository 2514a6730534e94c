using System.Runtime.InteropServices;

namespace Firmware.Cli;

/// <summary>
/// SIGINT and SIGTERM as two cancellations for a <see cref="SelfStoppingCommand"/>: the first signal
/// asks the command to stop cleanly (<see cref="Stop"/>), a second one to stop now (<see cref="Now"/>).
/// While registered, neither signal terminates the process.
/// </summary>
public sealed class Interrupts : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _now = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _count;

    /// <summary>Registers for SIGINT and SIGTERM.</summary>
    public Interrupts()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the first signal: stop cleanly.</summary>
    public CancellationToken Stop => _stop.Token;

    /// <summary>Cancelled by the second signal: stop at once.</summary>
    public CancellationToken Now => _now.Token;

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        (Interlocked.Increment(ref _count) == 1 ? _stop : _now).Cancel();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
        _now.Dispose();
    }
}
