namespace Firmware.Image.Spec;

/// <summary>A resource limit written as <c>NAME,SOFT,HARD</c> (setrlimit(2)); <c>unlimited</c> is <see cref="ulong.MaxValue"/>.</summary>
/// <param name="Type">The limit with its prefix, such as <c>RLIMIT_NOFILE</c>.</param>
/// <param name="Soft">The limit the kernel enforces.</param>
/// <param name="Hard">The ceiling for the soft limit.</param>
public sealed record Rlimit(string Type, ulong Soft, ulong Hard)
{
    /// <summary>The entry as a spec writes it.</summary>
    public override string ToString() => $"{Type},{Text(Soft)},{Text(Hard)}";

    private static string Text(ulong value) => value == ulong.MaxValue ? "unlimited" : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
