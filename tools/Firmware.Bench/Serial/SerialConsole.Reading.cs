using System.Runtime.InteropServices;

namespace Firmware.Bench.Serial;

// The reading thread: poll, read, timestamp, capture, copy.
public sealed partial class SerialConsole
{
    private unsafe void ReadLoop()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (!_stopping)
            {
                var poll = new Tty.PollFd { Fd = _fd, Events = Tty.PollIn };
                var ready = Tty.Poll(ref poll, 1, PollMilliseconds);
                if (ready < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Tty.EIntr)
                    {
                        continue;
                    }

                    throw Failed($"poll failed: {Marshal.GetPInvokeErrorMessage(errno)}");
                }

                if (ready == 0)
                {
                    continue;
                }

                if ((poll.REvents & Tty.PollNval) != 0)
                {
                    throw Failed("the device was closed");
                }

                nint count;
                fixed (byte* p = buffer)
                {
                    count = Tty.Read(_fd, p, (nuint)buffer.Length);
                }

                if (count > 0)
                {
                    Deliver(buffer.AsSpan(0, (int)count));
                    continue;
                }

                var error = count < 0 ? Marshal.GetLastPInvokeError() : 0;
                if (count < 0 && error is Tty.EAgain or Tty.EIntr)
                {
                    continue;
                }

                // End of file, EIO or a hang-up: the adapter was unplugged or the other end closed.
                throw Failed(count == 0 || error == Tty.EIo ? "the device hung up (unplugged?)" : $"read failed: {Marshal.GetPInvokeErrorMessage(error)}");
            }
        }
        catch (BenchException e)
        {
            _capture.Fail(e);
        }
        catch (Exception e)
        {
            // An exception escaping a thread ends the process: every failure ends the capture
            // instead (a log stream that fails, say), and the waits report it.
            _capture.Fail(new BenchException(BenchError.ConsoleFailed, $"console {Device}: {e.Message}", e));
        }
    }

    private void Deliver(ReadOnlySpan<byte> data)
    {
        _capture.Append(data, _clock.GetTimestamp(), _clock.GetUtcNow());
        foreach (var copy in _copies)
        {
            copy.Write(data);
            copy.Flush();
        }
    }

    private BenchException Failed(string what) => new(BenchError.ConsoleFailed, $"console {Device}: {what}");
}
