namespace Firmware.Device.Tests.Simulation;

/// <summary>A seekable stream over one <see cref="SimulatedFile"/>; each call is one counted I/O operation.</summary>
internal sealed class SimulatedFileStream(SimulatedDisk disk, SimulatedFile file, string name, bool writable) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => writable;

    public override long Length
    {
        get
        {
            lock (disk.Lock)
            {
                return file.Current.Length;
            }
        }
    }

    public override long Position
    {
        get => _position;
        set => _position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        lock (disk.Lock)
        {
            disk.Operation(DiskOperation.Read, name);
            file.Current.Position = _position;
            var read = file.Current.Read(buffer);
            _position += read;
            return read;
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (!writable)
        {
            throw new NotSupportedException("read-only");
        }

        lock (disk.Lock)
        {
            disk.Operation(DiskOperation.Write, name);
            if (disk.CapacityOf(name) is { } capacity && _position + buffer.Length > capacity)
            {
                throw new IOException($"{name}: No space left on device", SimulatedDisk.Enospc);
            }

            file.Current.Position = _position;
            file.Current.Write(buffer);
            file.Pending.Add((_position, buffer.ToArray()));
            disk.BytesWritten[name] = disk.BytesWritten.GetValueOrDefault(name) + buffer.Length;
            _position += buffer.Length;
        }
    }

    public override void Flush()
    {
        if (!writable)
        {
            return;
        }

        lock (disk.Lock)
        {
            disk.Operation(DiskOperation.Sync, name);
            file.Sync();
        }
    }

    public override void SetLength(long value)
    {
        lock (disk.Lock)
        {
            disk.Operation(DiskOperation.Truncate, name);
            file.Current.SetLength(value);
            file.Pending.Add((value, null));
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => Length + offset,
    };

    // Synchronous under the hood, so operation numbers do not depend on thread scheduling.
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        Flush();
        return Task.CompletedTask;
    }
}
