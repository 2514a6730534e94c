using System.Runtime.InteropServices;
using System.Text;

namespace Firmware.Bench.Serial;

/// <summary>
/// A board's serial console, opened raw (no echo, no line editing, 8N1) at a fixed speed and read
/// on a background thread into a bounded capture, so nothing the board prints is lost while the
/// caller flashes or waits.
/// </summary>
public sealed partial class SerialConsole : IDisposable
{
    // poll(2) wakes at least this often, so Dispose never waits long for the reading thread.
    private const int PollMilliseconds = 50;

    private readonly int _fd;
    private readonly TimeProvider _clock;
    private readonly ConsoleCapture _capture;
    private readonly IReadOnlyList<Stream> _copies;
    private readonly Thread _reader;
    private volatile bool _stopping;
    private bool _disposed;

    private SerialConsole(string device, int baud, int fd, TimeProvider clock, SerialConsoleOptions options)
    {
        Device = device;
        Baud = baud;
        _fd = fd;
        _clock = clock;
        _capture = new ConsoleCapture(options.CaptureBytes);
        _copies = options.CopyTo;
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = $"console {device}" };
        _reader.Start();
    }

    /// <summary>The tty.</summary>
    public string Device { get; }

    /// <summary>The line speed.</summary>
    public int Baud { get; }

    /// <summary>
    /// Completes when reading stops: cleanly once the console is disposed, or faulted with a
    /// <see cref="BenchException"/> when the device fails or hangs up.
    /// </summary>
    public Task Completion => _capture.Ended;

    /// <summary>Bytes received since the console opened: an offset to wait from.</summary>
    public long Position => _capture.Total;

    /// <summary>Opens <paramref name="device"/> raw at <paramref name="baud"/> and starts reading it.</summary>
    /// <exception cref="ArgumentException">The speed is not a standard rate.</exception>
    /// <exception cref="BenchException">The device does not exist, is not a terminal, or cannot be opened.</exception>
    public static SerialConsole Open(string device, int baud, TimeProvider clock, SerialConsoleOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(device);
        ArgumentNullException.ThrowIfNull(clock);
        options ??= new SerialConsoleOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CaptureBytes, 1, nameof(options));
        if (!BaudRates.IsSupported(baud))
        {
            throw new ArgumentOutOfRangeException(nameof(baud), baud, $"{baud} is not a standard rate ({string.Join(", ", BaudRates.Supported)})");
        }

        var fd = OpenRaw(device, baud);
        return new SerialConsole(device, baud, fd, clock, options);
    }

    /// <summary>Waits for <paramref name="marker"/> anywhere in what the console received since it opened.</summary>
    /// <exception cref="MarkerTimeoutException">The marker did not appear in time.</exception>
    /// <exception cref="BenchException">The console failed while waiting.</exception>
    public Task<MarkerMatch> WaitForAsync(string marker, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForAsync(marker, 0, timeout, cancellationToken);

    /// <summary>
    /// Waits for <paramref name="marker"/> in what the console received from offset
    /// <paramref name="since"/> (a <see cref="Position"/> taken earlier) on, and returns when it appeared.
    /// </summary>
    /// <exception cref="MarkerTimeoutException">The marker did not appear in time; carries the tail of the log.</exception>
    /// <exception cref="BenchException">The console failed while waiting.</exception>
    public async Task<MarkerMatch> WaitForAsync(string marker, long since, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(marker);
        ArgumentOutOfRangeException.ThrowIfNegative(since);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wait = _capture.WaitAsync(Encoding.UTF8.GetBytes(marker), since, _clock.GetTimestamp(), _clock.GetUtcNow(), stop.Token);
        try
        {
            return await wait.WaitAsync(timeout, _clock, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new MarkerTimeoutException(marker, timeout, Device, _capture.Tail(since));
        }
        finally
        {
            // Withdraw the wait if it is still pending (timeout or cancellation).
            await stop.CancelAsync();
        }
    }

    /// <summary>The bytes received from offset <paramref name="since"/> on (at most the capture's size).</summary>
    public byte[] Captured(long since = 0) => _capture.Snapshot(since);

    /// <summary>The last lines received from offset <paramref name="since"/> on, as text.</summary>
    public string Tail(long since = 0, int maxLines = 20) => _capture.Tail(since, maxLines);

    /// <summary>Stops reading and closes the device.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stopping = true;
        _reader.Join();
        _ = Tty.Close(_fd);
        _capture.Fail(new ObjectDisposedException(nameof(SerialConsole)));
    }

    private static int OpenRaw(string device, int baud)
    {
        // O_NONBLOCK: a real UART's open() otherwise waits for carrier detect, which a board's
        // console never raises; reads only follow poll(2), so they never need to block either.
        var fd = Tty.Open(device, Tty.ORdWr | Tty.ONoCtty | Tty.OCloexec | Tty.ONonBlock);
        if (fd < 0)
        {
            throw OpenError(device, Marshal.GetLastPInvokeError());
        }

        try
        {
            if (Tty.TcGetAttr(fd, out var termios) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw errno is Tty.ENotTy or Tty.EInval
                    ? new BenchException(BenchError.ConsoleUnusable, $"console {device} is not a terminal")
                    : OpenError(device, errno);
            }

            Tty.CfMakeRaw(ref termios);
            termios.CFlag |= Tty.CLocal | Tty.CRead;
            var speed = BaudRates.Code(baud);
            if (Tty.CfSetISpeed(ref termios, speed) != 0 || Tty.CfSetOSpeed(ref termios, speed) != 0 || Tty.TcSetAttr(fd, Tty.TcsaNow, termios) != 0)
            {
                throw new BenchException(BenchError.ConsoleUnusable, $"console {device}: cannot set {baud} baud raw mode ({Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())})");
            }

            // Whatever sat in the input queue predates this run.
            _ = Tty.TcFlush(fd, Tty.TciFlush);
            return fd;
        }
        catch
        {
            _ = Tty.Close(fd);
            throw;
        }
    }

    private static BenchException OpenError(string device, int errno) => errno switch
    {
        Tty.ENoEnt => new BenchException(BenchError.ConsoleNotFound, $"console {device} does not exist (is the USB serial adapter plugged in?)"),
        Tty.ENxio or Tty.ENoDev => new BenchException(BenchError.ConsoleNotFound, $"console {device}: no device behind it (unplugged?)"),
        Tty.EAcces or Tty.EPerm => new BenchException(BenchError.ConsoleUnusable, $"console {device}: permission denied (is the user in the dialout group?)"),
        Tty.EBusy => new BenchException(BenchError.ConsoleUnusable, $"console {device} is busy (another program has it open)"),
        _ => new BenchException(BenchError.ConsoleUnusable, $"console {device}: {Marshal.GetPInvokeErrorMessage(errno)}"),
    };
}
