namespace Firmware.Image.Spec;

/// <summary>A bind of <c>SOURCE:DESTINATION[:OPTIONS]</c> (LinuxKit's <c>binds</c>).</summary>
/// <param name="Source">An absolute host path, or the name of a volume.</param>
/// <param name="Destination">The absolute path inside the container.</param>
/// <param name="Options">The options as written, or null for LinuxKit's default <c>rw,rbind,rshared</c>.</param>
public sealed record BindMount(string Source, string Destination, IReadOnlyList<string>? Options)
{
    /// <summary>The entry as a spec writes it.</summary>
    public override string ToString() => Options is null ? $"{Source}:{Destination}" : $"{Source}:{Destination}:{string.Join(',', Options)}";
}
