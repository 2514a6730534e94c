namespace Firmware.Image.Spec;

/// <summary>A device node to create in a container, or, with path <c>all</c>, a whole class of devices to allow.</summary>
/// <param name="Path">The absolute path inside the container, or <c>all</c>.</param>
/// <param name="Type"><c>c</c>, <c>b</c>, <c>u</c> or <c>p</c> (and <c>a</c> with path <c>all</c>).</param>
/// <param name="Major">The major number.</param>
/// <param name="Minor">The minor number.</param>
/// <param name="Mode">The permission bits, or null for path <c>all</c>.</param>
public sealed record DeviceNode(string Path, string Type, long Major, long Minor, uint? Mode)
{
    /// <summary>The path that stands for every device of a type.</summary>
    public const string All = "all";
}
