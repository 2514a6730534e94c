using System.Globalization;
using System.Text;
using Firmware.Rootfs.Tree;

namespace Firmware.Rootfs.Layout;

/// <summary>
/// Lays out system containers in a root filesystem as LinuxKit does (linuxkit
/// src/cmd/linuxkit/moby/build: Build and ImageBundle): init images merged at <c>/</c> in order;
/// each onboot and onshutdown container at <c>/containers/SECTION/NNN-name/</c> (NNN its
/// position, three digits), each service at <c>/containers/services/name/</c>; every container
/// directory holds <c>config.json</c> (the OCI runtime config, given as bytes), optionally
/// <c>runtime.json</c>, and <c>rootfs/</c> with the flattened image. Generated files are 0644
/// root-owned with mtime 0, like LinuxKit's.
/// </summary>
public sealed class SystemContainerLayout
{
    private const UnixFileMode ConfigMode = (UnixFileMode)0b110_100_100; // 0644
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Lays containers out in <paramref name="tree"/>.</summary>
    public SystemContainerLayout(RootfsTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        Tree = tree;
    }

    /// <summary>The root filesystem being laid out.</summary>
    public RootfsTree Tree { get; }

    /// <summary>Merges an init image (already flattened from its layers) over the root.</summary>
    public void AddInit(RootfsTree image) => Tree.Merge(image);

    /// <summary>Adds the next onboot container; returns its directory (<c>/containers/onboot/000-name</c>).</summary>
    public string AddOnboot(string name, ReadOnlySpan<byte> configJson, RootfsTree image, ReadOnlySpan<byte> runtimeJson = default) =>
        AddNumbered("onboot", name, configJson, image, runtimeJson);

    /// <summary>Adds the next onshutdown container; returns its directory (<c>/containers/onshutdown/000-name</c>).</summary>
    public string AddOnShutdown(string name, ReadOnlySpan<byte> configJson, RootfsTree image, ReadOnlySpan<byte> runtimeJson = default) =>
        AddNumbered("onshutdown", name, configJson, image, runtimeJson);

    /// <summary>Adds a service container; returns its directory (<c>/containers/services/name</c>).</summary>
    /// <exception cref="RootfsException">A service of that name is already laid out.</exception>
    public string AddService(string name, ReadOnlySpan<byte> configJson, RootfsTree image, ReadOnlySpan<byte> runtimeJson = default) =>
        AddContainer("services", CheckName("services", name), configJson, image, runtimeJson);

    private string AddNumbered(string section, string name, ReadOnlySpan<byte> configJson, RootfsTree image, ReadOnlySpan<byte> runtimeJson)
    {
        CheckName(section, name);
        var index = _counts.GetValueOrDefault(section);
        var path = AddContainer(section, string.Create(CultureInfo.InvariantCulture, $"{index:D3}-{name}"), configJson, image, runtimeJson);
        _counts[section] = index + 1;
        return path;
    }

    private string AddContainer(string section, string directoryName, ReadOnlySpan<byte> configJson, RootfsTree image, ReadOnlySpan<byte> runtimeJson)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (configJson.IsEmpty)
        {
            throw new ArgumentException("a container needs its config.json", nameof(configJson));
        }

        var path = $"/containers/{section}/{directoryName}";
        if (Tree.Find(path) is not null)
        {
            throw new RootfsException(RootfsError.Conflict, "a container of that name is already laid out", section, path);
        }

        Tree.Graft(path + "/rootfs", image);
        Tree.AddFile(path + "/config.json", configJson, ConfigMode, 0, 0);
        if (!runtimeJson.IsEmpty)
        {
            Tree.AddFile(path + "/runtime.json", runtimeJson, ConfigMode, 0, 0);
        }

        return path;
    }

    // A container name becomes one path component: LinuxKit derives it from the image name or
    // the spec's `name`, and neither may smuggle a '/' or a "..".
    private static string CheckName(string section, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length == 0 || name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal)
            || Encoding.UTF8.GetByteCount(name) > 200
            ? throw new RootfsException(RootfsError.InvalidName, "a container name must be one path component of at most 200 bytes", section, name)
            : name;
    }
}
