using System.Text;

namespace Firmware.Bench.Serial;

/// <summary>
/// The last <see cref="Capacity"/> bytes a console received, and the markers being waited for.
/// Thread-safe: one reader appends while any number of callers wait or take snapshots.
/// </summary>
/// <remarks>
/// Offsets count every byte since the console opened, so a wait can start from a point in the
/// stream (power-on) even after older bytes were dropped. Markers are matched on bytes, so one
/// split across two reads is still found.
/// </remarks>
internal sealed class ConsoleCapture
{
    private readonly Lock _lock = new();
    private readonly byte[] _ring;
    private readonly List<Waiter> _waiters = [];
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _total;
    private Exception? _failure;

    public ConsoleCapture(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new byte[capacity];
    }

    public int Capacity => _ring.Length;

    /// <summary>Bytes received so far.</summary>
    public long Total
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    /// <summary>Completes when the capture ends: faulted with the failure, or cleanly when the console was closed.</summary>
    public Task Ended => _ended.Task;

    private long Oldest => Math.Max(0, _total - _ring.Length);

    /// <summary>Adds bytes that arrived at <paramref name="timestamp"/> and completes the waits they satisfy.</summary>
    public void Append(ReadOnlySpan<byte> data, long timestamp, DateTimeOffset at)
    {
        lock (_lock)
        {
            var start = _total;
            var tail = data.Length > _ring.Length ? data[^_ring.Length..] : data;
            var position = (int)((_total + (data.Length - tail.Length)) % _ring.Length);
            var first = Math.Min(tail.Length, _ring.Length - position);
            tail[..first].CopyTo(_ring.AsSpan(position));
            tail[first..].CopyTo(_ring);
            _total += data.Length;

            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                var waiter = _waiters[i];
                // Look back far enough to catch a marker that began in an earlier read.
                var from = Math.Max(Math.Max(waiter.Since, start - (waiter.Marker.Length - 1)), Oldest);
                if (Find(waiter.Marker, from) is { } offset)
                {
                    _waiters.RemoveAt(i);
                    waiter.Registration.Unregister();
                    waiter.Completion.TrySetResult(new MarkerMatch(offset, timestamp, at));
                }
            }
        }
    }

    /// <summary>
    /// Completes when <paramref name="marker"/> has been received at or after offset
    /// <paramref name="since"/> (at once if it already has); fails if the console fails first.
    /// </summary>
    public Task<MarkerMatch> WaitAsync(byte[] marker, long since, long timestamp, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<MarkerMatch>(cancellationToken);
        }

        lock (_lock)
        {
            if (Find(marker, Math.Max(since, Oldest)) is { } offset)
            {
                return Task.FromResult(new MarkerMatch(offset, timestamp, at));
            }

            if (_failure is not null)
            {
                return Task.FromException<MarkerMatch>(_failure);
            }

            var waiter = new Waiter(marker, since, new TaskCompletionSource<MarkerMatch>(TaskCreationOptions.RunContinuationsAsynchronously));
            _waiters.Add(waiter);
            waiter.Registration = cancellationToken.Register(() => Abandon(waiter, cancellationToken));
            return waiter.Completion.Task;
        }
    }

    /// <summary>Fails every current and future wait: the console stopped.</summary>
    public void Fail(Exception failure)
    {
        lock (_lock)
        {
            _failure ??= failure;
            if (failure is ObjectDisposedException)
            {
                _ended.TrySetResult();
            }
            else
            {
                _ended.TrySetException(failure);
            }

            foreach (var waiter in _waiters)
            {
                waiter.Registration.Unregister();
                waiter.Completion.TrySetException(failure);
            }

            _waiters.Clear();
        }
    }

    /// <summary>The retained bytes from offset <paramref name="since"/> on.</summary>
    public byte[] Snapshot(long since = 0)
    {
        lock (_lock)
        {
            var from = Math.Max(since, Oldest);
            var bytes = new byte[Math.Max(0, _total - from)];
            CopyOut(from, bytes);
            return bytes;
        }
    }

    /// <summary>The last <paramref name="maxLines"/> lines from offset <paramref name="since"/> on, as text.</summary>
    public string Tail(long since, int maxLines = 20, int maxBytes = 4096)
    {
        byte[] bytes;
        lock (_lock)
        {
            var from = Math.Max(Math.Max(since, Oldest), _total - maxBytes);
            bytes = new byte[Math.Max(0, _total - from)];
            CopyOut(from, bytes);
        }

        var lines = Encoding.UTF8.GetString(bytes).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        return string.Join('\n', lines.Length > maxLines ? lines[^maxLines..] : lines);
    }

    private void Abandon(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _waiters.Remove(waiter);
        }

        waiter.Completion.TrySetCanceled(cancellationToken);
    }

    private long? Find(byte[] marker, long from)
    {
        var length = _total - from;
        if (length < marker.Length)
        {
            return null;
        }

        // Bounded by the capture size; waits run on a few kilobytes per read.
        var window = new byte[length];
        CopyOut(from, window);
        var index = window.AsSpan().IndexOf(marker);
        return index < 0 ? null : from + index;
    }

    private void CopyOut(long from, Span<byte> destination)
    {
        var position = (int)(from % _ring.Length);
        var first = Math.Min(destination.Length, _ring.Length - position);
        _ring.AsSpan(position, first).CopyTo(destination);
        _ring.AsSpan(0, destination.Length - first).CopyTo(destination[first..]);
    }

    private sealed record Waiter(byte[] Marker, long Since, TaskCompletionSource<MarkerMatch> Completion)
    {
        // Unregistered, never disposed, under the lock: Dispose would wait for a running callback that waits for the lock.
        public CancellationTokenRegistration Registration { get; set; }
    }
}
