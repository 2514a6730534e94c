using System.Runtime.InteropServices;

namespace Firmware.Agent.Commands;

/// <summary>
/// SIGTERM (the init stopping the container) and SIGINT as a cancellation token, for the agent's
/// long-running commands. Created before the command prints its ready line: the command line's
/// own handlers are registered only once the command has reached its first await, so a signal
/// sent on "ready" would otherwise kill the process instead of stopping it cleanly.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _terminate;
    private readonly PosixSignalRegistration _sigterm;
    private readonly PosixSignalRegistration _sigint;

    public TerminationSignals(CancellationToken invocation)
    {
        _terminate = CancellationTokenSource.CreateLinkedTokenSource(invocation);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    }

    /// <summary>Cancelled by either signal or by the invocation's own token.</summary>
    public CancellationToken Token => _terminate.Token;

    public void Dispose()
    {
        _sigterm.Dispose();
        _sigint.Dispose();
        _terminate.Dispose();
    }

    // Cancel off the signal thread: the command's continuations (closing files, disposing these
    // registrations) must not run inside the signal handler.
    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        _ = _terminate.CancelAsync();
    }
}
