using Firmware.Device.Storage;

namespace Firmware.Device.Tests.Simulation;

/// <summary>
/// A disk for the crash and power-cut harness. Every file keeps a durable image (what survives a
/// power cut) and an unsynced overlay (writes since the last fsync). <see cref="Stream.Flush()"/>
/// makes a file's overlay durable. A power cut applies a random subset of each file's unsynced
/// writes to its durable image, in order, dropping some, tearing some (only a prefix lands) and
/// garbling some (random bytes land instead). Renames, creations and deletions are atomic and
/// durable at once (ext4's journaled metadata with data=ordered), but a renamed file keeps its own
/// unsynced overlay, so renaming an unsynced file is caught.
/// Faults are injected at the Nth I/O operation: a crash (the process dies: every later operation
/// throws <see cref="SimulatedCrash"/>), or an I/O error that the caller sees as an exception.
/// </summary>
internal sealed class SimulatedDisk : IDeviceStorage
{
    public const int Eio = 5;
    public const int Enospc = 28;

    private readonly Dictionary<string, SimulatedFile> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _capacities = new(StringComparer.Ordinal);
    private readonly List<(long Operation, DiskFault Fault)> _faults = [];
    private readonly Dictionary<string, (DiskFault Fault, int Times, int After)> _broken = new(StringComparer.Ordinal);
    private readonly object _lock = new();

    /// <summary>I/O operations so far (reads, writes, syncs, truncations, opens, renames, deletions).</summary>
    public long Operations { get; private set; }

    /// <summary>True from a crash until <see cref="Restart"/>: the process is dead.</summary>
    public bool Crashed { get; private set; }

    /// <summary>Operation numbers at which a file whose name starts with a prefix was synced (see <see cref="WatchPrefix"/>).</summary>
    public List<long> WatchedSyncs { get; } = [];

    public string? WatchPrefix { get; set; }

    /// <summary>Bytes written to each file since the disk was made (the factory images excluded).</summary>
    public Dictionary<string, long> BytesWritten { get; } = new(StringComparer.Ordinal);

    /// <summary>Injects <paramref name="fault"/> at operation number <paramref name="operation"/> (counted from the start).</summary>
    public void InjectAt(long operation, DiskFault fault) => _faults.Add((operation, fault));

    public void ClearFaults()
    {
        _faults.Clear();
        _broken.Clear();
    }

    /// <summary>Makes every operation of <paramref name="fault"/>'s kind on <paramref name="name"/> fail, until <see cref="ClearFaults"/>.</summary>
    /// <param name="name">The file.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="times">How many times it fires.</param>
    /// <param name="after">How many operations of its kind pass before it first fires.</param>
    public void Break(string name, DiskFault fault, int times = int.MaxValue, int after = 0) => _broken[name] = (fault, times, after);

    /// <summary>Makes writes past <paramref name="capacity"/> bytes of <paramref name="name"/> fail with ENOSPC (a partition's end).</summary>
    public void Limit(string name, long capacity) => _capacities[name] = capacity;

    /// <summary>Writes a file directly and durably (the factory image).</summary>
    public void Put(string name, byte[] content)
    {
        var file = new SimulatedFile();
        file.Current.Write(content);
        file.Durable = content.ToArray();
        _files[name] = file;
    }

    /// <summary>A file's current content, as a reader would see it.</summary>
    public byte[] Content(string name) => _files.TryGetValue(name, out var file) ? file.Current.ToArray() : [];

    /// <summary>
    /// Brings the device back after a crash. With <paramref name="powerCut"/>, unsynced writes are
    /// dropped, torn or garbled at random; without it (the process was killed, the kernel lived on)
    /// they stay, still unsynced.
    /// </summary>
    public void Restart(bool powerCut, Random random)
    {
        lock (_lock)
        {
            if (powerCut)
            {
                foreach (var file in _files.Values)
                {
                    file.PowerCut(random);
                }
            }

            Crashed = false;
        }
    }

    public bool Exists(string name)
    {
        lock (_lock)
        {
            CheckAlive();
            return _files.ContainsKey(name);
        }
    }

    public Stream OpenRead(string name)
    {
        lock (_lock)
        {
            Operation(DiskOperation.Open);
            return _files.TryGetValue(name, out var file)
                ? new SimulatedFileStream(this, file, name, writable: false)
                : throw new FileNotFoundException($"{name}: no such file", name);
        }
    }

    public Stream OpenWrite(string name)
    {
        lock (_lock)
        {
            Operation(DiskOperation.Open);
            if (!_files.TryGetValue(name, out var file))
            {
                file = new SimulatedFile();
                _files[name] = file;
            }

            return new SimulatedFileStream(this, file, name, writable: true);
        }
    }

    public void Replace(string source, string destination)
    {
        lock (_lock)
        {
            Operation(DiskOperation.Rename);
            _files[destination] = _files.Remove(source, out var file) ? file : throw new FileNotFoundException($"{source}: no such file", source);
        }
    }

    public void Delete(string name)
    {
        lock (_lock)
        {
            Operation(DiskOperation.Delete);
            _files.Remove(name);
        }
    }

    /// <summary>Counts one operation and fires the fault scheduled for it, if any.</summary>
    internal void Operation(DiskOperation kind, string? name = null)
    {
        lock (_lock)
        {
            CheckAlive();
            var number = ++Operations;
            if (kind == DiskOperation.Sync && name is not null && WatchPrefix is { } prefix && name.StartsWith(prefix, StringComparison.Ordinal))
            {
                WatchedSyncs.Add(number);
            }

            var scheduled = _faults.Where(f => f.Operation == number).Select(f => f.Fault);
            if (name is not null && _broken.TryGetValue(name, out var broken) && broken.Times > 0 && Fires(broken.Fault, kind))
            {
                if (broken.After > 0)
                {
                    _broken[name] = broken with { After = broken.After - 1 };
                }
                else
                {
                    _broken[name] = broken with { Times = broken.Times - 1 };
                    scheduled = scheduled.Append(broken.Fault);
                }
            }

            foreach (var fault in scheduled)
            {
                switch (fault)
                {
                    case DiskFault.Crash:
                        Crashed = true;
                        throw new SimulatedCrash($"process killed at I/O operation {number} ({kind} {name})");
                    case DiskFault.IoError:
                        throw new IOException($"{name}: Input/output error (injected at operation {number})", Eio);
                    case DiskFault.WriteError when kind is DiskOperation.Write:
                        throw new IOException($"{name}: Input/output error (injected at operation {number})", Eio);
                    case DiskFault.NoSpace when kind is DiskOperation.Write:
                        throw new IOException($"{name}: No space left on device (injected at operation {number})", Enospc);
                    case DiskFault.SyncFailure when kind is DiskOperation.Sync:
                        throw new IOException($"{name}: fsync: Input/output error (injected at operation {number})", Eio);
                    default:
                        break;
                }
            }
        }
    }

    private static bool Fires(DiskFault fault, DiskOperation kind) => fault switch
    {
        DiskFault.WriteError or DiskFault.NoSpace => kind == DiskOperation.Write,
        DiskFault.SyncFailure => kind == DiskOperation.Sync,
        _ => kind is DiskOperation.Write or DiskOperation.Sync or DiskOperation.Truncate,
    };

    internal long? CapacityOf(string name) => _capacities.TryGetValue(name, out var capacity) ? capacity : null;

    internal object Lock => _lock;

    private void CheckAlive()
    {
        if (Crashed)
        {
            throw new SimulatedCrash("the process is dead");
        }
    }
}
