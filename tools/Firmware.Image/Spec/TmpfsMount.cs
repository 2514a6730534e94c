namespace Firmware.Image.Spec;

/// <summary>A tmpfs of <c>DESTINATION[:OPTIONS]</c> (LinuxKit's <c>tmpfs</c>).</summary>
/// <param name="Destination">The absolute path inside the container.</param>
/// <param name="Options">The mount options, possibly none.</param>
public sealed record TmpfsMount(string Destination, IReadOnlyList<string> Options)
{
    /// <summary>The entry as a spec writes it.</summary>
    public override string ToString() => Options.Count == 0 ? Destination : $"{Destination}:{string.Join(',', Options)}";
}
