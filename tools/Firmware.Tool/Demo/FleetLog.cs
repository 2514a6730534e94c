namespace Firmware.Tool.Demo;

/// <summary>
/// The demo's <c>fleet.log</c>: what the broker, the controller and every device say, one line
/// each with its source, from many threads, so the terminal keeps only the progress view.
/// </summary>
internal sealed class FleetLog(string path) : IAsyncDisposable
{
    private readonly StreamWriter _writer = new(path, append: false) { AutoFlush = true };
    private readonly Lock _lock = new();
    private bool _closed;

    public void Write(string source, string line)
    {
        lock (_lock)
        {
            // A late line from a client still shutting down has nowhere to go once the log is closed.
            if (_closed)
            {
                return;
            }

            _writer.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {source}: {line}");
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            _closed = true;
            _writer.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
