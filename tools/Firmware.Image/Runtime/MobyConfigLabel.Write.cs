using System.Buffers;
using System.Text;
using System.Text.Json;
using Firmware.Image.Runtime.Oci;
using Firmware.Image.Spec;

namespace Firmware.Image.Runtime;

// Writing the label: the keys of LinuxKit's image schema, in the schema's order, members that
// were not written left out, so equal options give equal bytes (and equal image digests).
public static partial class MobyConfigLabel
{
    /// <summary>The label value for <paramref name="options"/>: compact JSON that <see cref="Parse"/> reads back to equal options.</summary>
    public static string Write(RuntimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            Strings(w, "capabilities", options.Capabilities);
            Strings(w, "capabilities.add", options.CapabilitiesAdd);
            Strings(w, "ambient", options.Ambient);
            Mounts(w, "mounts", options.Mounts);
            Strings(w, "binds", options.Binds?.Select(b => b.ToString()));
            Strings(w, "binds.add", options.BindsAdd?.Select(b => b.ToString()));
            Objects(w, "devices", options.Devices, (w, d) =>
            {
                w.WriteString("path", d.Path);
                w.WriteString("type", d.Type);
                if (d.Path != DeviceNode.All)
                {
                    w.WriteNumber("major", d.Major);
                    w.WriteNumber("minor", d.Minor);
                }

                String(w, "mode", d.Mode is { } mode ? FileModes.Format(mode) : null);
            });
            Strings(w, "tmpfs", options.Tmpfs?.Select(t => t.ToString()));
            Strings(w, "command", options.Command);
            Strings(w, "env", options.Env);
            String(w, "cwd", options.Cwd);
            String(w, "net", options.Net);
            String(w, "pid", options.Pid);
            String(w, "ipc", options.Ipc);
            String(w, "uts", options.Uts);
            String(w, "userns", options.Userns);
            String(w, "hostname", options.Hostname);
            Boolean(w, "readonly", options.Readonly);
            Strings(w, "maskedPaths", options.MaskedPaths);
            Strings(w, "readonlyPaths", options.ReadonlyPaths);
            String(w, "uid", options.Uid?.ToString());
            String(w, "gid", options.Gid?.ToString());
            Strings(w, "additionalGids", options.AdditionalGids?.Select(g => g.ToString()));
            Boolean(w, "noNewPrivileges", options.NoNewPrivileges);
            Number(w, "oomScoreAdj", options.OomScoreAdj);
            String(w, "rootfsPropagation", options.RootfsPropagation);
            String(w, "cgroupsPath", options.CgroupsPath);
            if (options.Resources is { } resources)
            {
                w.WritePropertyName("resources");
                Resources(w, resources);
            }

            Map(w, "sysctl", options.Sysctl);
            Strings(w, "rlimits", options.Rlimits?.Select(r => r.ToString()));
            IdMappings(w, "uidMappings", options.UidMappings);
            IdMappings(w, "gidMappings", options.GidMappings);
            Map(w, "annotations", options.Annotations);
            if (options.Runtime is { } runtime)
            {
                Runtime(w, runtime);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// The bytes of a container's <c>runtime.json</c>, which LinuxKit's init reads beside config.json
    /// (linuxkit pkg/init/cmd/service: the Runtime struct): the same members, in the same order, as
    /// the label's <c>runtime</c> object, compact, with a final newline.
    /// </summary>
    public static byte[] WriteRuntimeJson(RuntimeActions runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            RuntimeMembers(w, runtime);
            w.WriteEndObject();
        }

        return [.. buffer.WrittenSpan, (byte)'\n'];
    }

    private static void Runtime(Utf8JsonWriter w, RuntimeActions runtime)
    {
        w.WriteStartObject("runtime");
        RuntimeMembers(w, runtime);
        w.WriteEndObject();
    }

    private static void RuntimeMembers(Utf8JsonWriter w, RuntimeActions runtime)
    {
        Strings(w, "cgroups", runtime.Cgroups);
        Mounts(w, "mounts", runtime.Mounts);
        Strings(w, "mkdir", runtime.Mkdir);
        Objects(w, "interfaces", runtime.Interfaces, (w, i) =>
        {
            w.WriteString("name", i.Name);
            String(w, "add", i.Add);
            String(w, "peer", i.Peer);
            w.WriteBoolean("createInRoot", i.CreateInRoot);
        });
        Map(w, "bindNS", runtime.BindNamespaces);
        String(w, "namespace", runtime.Namespace);
    }

    private static void Mounts(Utf8JsonWriter w, string name, IReadOnlyList<OciMount>? mounts) =>
        Objects(w, name, mounts, (w, m) =>
        {
            w.WriteString("destination", m.Destination);
            w.WriteString("type", m.Type);
            w.WriteString("source", m.Source);
            Strings(w, "options", m.Options);
            IdMappings(w, "uidmappings", m.UidMappings);
            IdMappings(w, "gidmappings", m.GidMappings);
        });

    private static void IdMappings(Utf8JsonWriter w, string name, IReadOnlyList<OciIdMapping>? mappings) =>
        Objects(w, name, mappings, (w, m) =>
        {
            w.WriteNumber("containerID", m.ContainerId);
            w.WriteNumber("hostID", m.HostId);
            w.WriteNumber("size", m.Size);
        });

    /// <summary>An array of objects, each written by <paramref name="body"/>; nothing when <paramref name="items"/> is null.</summary>
    private static void Objects<T>(Utf8JsonWriter w, string name, IEnumerable<T>? items, Action<Utf8JsonWriter, T> body)
    {
        if (items is null)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            body(w, item);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null) w.WriteString(name, value);
    }

    private static void Boolean(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } v) w.WriteBoolean(name, v);
    }

    private static void Number(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
    }

    private static void Number(Utf8JsonWriter w, string name, ulong? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string>? values)
    {
        if (values is null)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void Map(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string>? map)
    {
        if (map is null)
        {
            return;
        }

        w.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
    }
}
