using System.Text.Json;
using Firmware.Image.Runtime.Oci;

namespace Firmware.Image.Runtime;

// The resources: object of the label, with the spec's key names (LinuxKit's "blockio").
public static partial class MobyConfigLabel
{
    private static void Resources(Utf8JsonWriter w, OciResources r)
    {
        w.WriteStartObject();
        Objects(w, "devices", r.Devices, (w, d) =>
        {
            w.WriteBoolean("allow", d.Allow);
            String(w, "type", d.Type);
            Number(w, "major", d.Major);
            Number(w, "minor", d.Minor);
            String(w, "access", d.Access);
        });
        Object(w, "memory", r.Memory, (w, m) =>
        {
            Number(w, "limit", m.Limit);
            Number(w, "reservation", m.Reservation);
            Number(w, "swap", m.Swap);
            Number(w, "kernel", m.Kernel);
            Number(w, "kernelTCP", m.KernelTcp);
            Number(w, "swappiness", m.Swappiness);
            Boolean(w, "disableOOMKiller", m.DisableOomKiller);
        });
        Object(w, "cpu", r.Cpu, (w, c) =>
        {
            Number(w, "shares", c.Shares);
            Number(w, "quota", c.Quota);
            Number(w, "period", c.Period);
            Number(w, "realtimeRuntime", c.RealtimeRuntime);
            Number(w, "realtimePeriod", c.RealtimePeriod);
            String(w, "cpus", c.Cpus);
            String(w, "mems", c.Mems);
        });
        Object(w, "pids", r.Pids, (w, p) => w.WriteNumber("limit", p.Limit));
        Object(w, "blockio", r.BlockIo, (w, b) =>
        {
            Number(w, "weight", b.Weight);
            Number(w, "leafWeight", b.LeafWeight);
            Objects(w, "weightDevice", b.WeightDevice, (w, d) =>
            {
                w.WriteNumber("major", d.Major);
                w.WriteNumber("minor", d.Minor);
                Number(w, "weight", d.Weight);
                Number(w, "leafWeight", d.LeafWeight);
            });
            Throttles(w, "throttleReadBpsDevice", b.ThrottleReadBpsDevice);
            Throttles(w, "throttleWriteBpsDevice", b.ThrottleWriteBpsDevice);
            Throttles(w, "throttleReadIOPSDevice", b.ThrottleReadIopsDevice);
            Throttles(w, "throttleWriteIOPSDevice", b.ThrottleWriteIopsDevice);
        });
        Objects(w, "hugepageLimits", r.HugepageLimits, (w, h) =>
        {
            w.WriteString("pageSize", h.PageSize);
            w.WriteNumber("limit", h.Limit);
        });
        Object(w, "network", r.Network, (w, n) =>
        {
            Number(w, "classID", n.ClassId);
            Objects(w, "priorities", n.Priorities, (w, p) =>
            {
                w.WriteString("name", p.Name);
                w.WriteNumber("priority", p.Priority);
            });
        });
        w.WriteEndObject();
    }

    private static void Throttles(Utf8JsonWriter w, string name, IReadOnlyList<OciThrottleDevice>? devices) =>
        Objects(w, name, devices, (w, d) =>
        {
            w.WriteNumber("major", d.Major);
            w.WriteNumber("minor", d.Minor);
            w.WriteNumber("rate", d.Rate);
        });

    /// <summary>One object, written by <paramref name="body"/>; nothing when <paramref name="value"/> is null.</summary>
    private static void Object<T>(Utf8JsonWriter w, string name, T? value, Action<Utf8JsonWriter, T> body)
        where T : class
    {
        if (value is null)
        {
            return;
        }

        w.WriteStartObject(name);
        body(w, value);
        w.WriteEndObject();
    }
}
