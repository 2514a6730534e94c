namespace Firmware.Image.Spec;

/// <summary>
/// A uid or gid as a spec writes it: a number, or a name. LinuxKit allots each container of an
/// image an id from 100 upwards in spec order (onboot, onshutdown, services) and lets a spec name
/// that id by the container's name; <c>root</c> is 0.
/// </summary>
/// <param name="Number">The id, when written as a number (or <c>root</c>).</param>
/// <param name="Name">The container name, when written as one.</param>
public sealed record IdReference(uint? Number, string? Name)
{
    /// <summary>The id 0.</summary>
    public static IdReference Root { get; } = new(0u, null);

    /// <summary>The id as written: the number, or the name.</summary>
    public override string ToString() => Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Name ?? "";
}
