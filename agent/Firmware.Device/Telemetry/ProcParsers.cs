namespace Firmware.Device.Telemetry;

/// <summary>
/// Pure parsers for the procfs files telemetry reads (proc(5)): each takes the file's bytes and
/// returns false when the text is not what the kernel writes.
/// </summary>
public static class ProcParsers
{
    /// <summary>
    /// The aggregate <c>cpu</c> line of <c>/proc/stat</c>: user nice system idle iowait irq softirq
    /// steal (guest time is already inside user and nice, so it is not added again).
    /// </summary>
    public static bool TryParseCpu(ReadOnlySpan<byte> stat, out CpuTimes times)
    {
        times = default;
        if (!AsciiFields.NextLine(ref stat, out var line) || !line.StartsWith("cpu "u8))
        {
            return false;
        }

        var fields = new AsciiFields(line["cpu"u8.Length..]);
        ulong total = 0, idle = 0;
        for (var i = 0; i < 8; i++)
        {
            // Kernels before 2.6.11 have fewer columns; the missing ones count as 0.
            if (!fields.TryNextUInt64(out var value))
            {
                if (i < 4)
                {
                    return false;
                }

                break;
            }

            total += value;
            idle += i is 3 or 4 ? value : 0;
        }

        times = new CpuTimes(total - idle, total);
        return true;
    }

    /// <summary><c>/proc/loadavg</c>: the 1, 5 and 15 minute load averages.</summary>
    public static bool TryParseLoad(ReadOnlySpan<byte> loadavg, out LoadAverage load)
    {
        var fields = new AsciiFields(loadavg);
        var ok = fields.TryNextDouble(out var one) & fields.TryNextDouble(out var five) & fields.TryNextDouble(out var fifteen);
        load = ok ? new LoadAverage(one, five, fifteen) : default;
        return ok;
    }

    /// <summary><c>/proc/uptime</c>: seconds since boot.</summary>
    public static bool TryParseUptime(ReadOnlySpan<byte> uptime, out double seconds) => new AsciiFields(uptime).TryNextDouble(out seconds);

    /// <summary>
    /// <c>/proc/meminfo</c>: MemTotal and MemAvailable in bytes. Kernels before 3.14 have no
    /// MemAvailable; MemFree stands in for it there (an underestimate, which errs safe in a health check).
    /// </summary>
    public static bool TryParseMemory(ReadOnlySpan<byte> meminfo, out MemoryUsage memory)
    {
        long total = -1, available = -1, free = -1;
        while (AsciiFields.NextLine(ref meminfo, out var line))
        {
            var colon = line.IndexOf((byte)':');
            if (colon < 0 || !new AsciiFields(line[(colon + 1)..]).TryNextUInt64(out var kib))
            {
                continue;
            }

            // The kernel writes "kB" and means KiB.
            var bytes = (long)kib * 1024;
            var name = line[..colon];
            if (name.SequenceEqual("MemTotal"u8)) total = bytes;
            else if (name.SequenceEqual("MemAvailable"u8)) available = bytes;
            else if (name.SequenceEqual("MemFree"u8)) free = bytes;
        }

        var usable = available >= 0 ? available : free;
        memory = new MemoryUsage(total, usable);
        return total >= 0 && usable >= 0;
    }

    /// <summary>
    /// <c>/proc/net/dev</c>: the counters of every interface except loopback. Two header lines, then
    /// <c>NAME: rx bytes packets errs drop fifo frame compressed multicast tx bytes packets errs drop ...</c>.
    /// </summary>
    public static bool TryParseNetwork(ReadOnlySpan<byte> netdev, out NetworkCounters[] interfaces)
    {
        var list = new List<NetworkCounters>(4);
        interfaces = [];
        Span<ulong> values = stackalloc ulong[12];
        for (var row = 0; AsciiFields.NextLine(ref netdev, out var line); row++)
        {
            var colon = line.IndexOf((byte)':');
            if (row < 2 || line.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            if (colon < 0)
            {
                return false;
            }

            var name = line[..colon].Trim(" \t"u8);
            var fields = new AsciiFields(line[(colon + 1)..]);
            for (var i = 0; i < values.Length; i++)
            {
                if (!fields.TryNextUInt64(out values[i]))
                {
                    return false;
                }
            }

            if (!name.SequenceEqual("lo"u8))
            {
                // Columns 0-3 are rx bytes/packets/errs/drop, 8-11 the same for tx.
                list.Add(new NetworkCounters(System.Text.Encoding.UTF8.GetString(name), (long)values[0], (long)values[1], (long)values[2], (long)values[3], (long)values[8], (long)values[9], (long)values[10], (long)values[11]));
            }
        }

        interfaces = [.. list];
        return true;
    }
}
