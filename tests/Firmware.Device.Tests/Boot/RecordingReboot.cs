using Firmware.Device.Boot;

namespace Firmware.Device.Tests.Boot;

/// <summary>An <see cref="IReboot"/> that records the restarts asked of it instead of restarting.</summary>
internal sealed class RecordingReboot : IReboot
{
    public List<string?> Restarts { get; } = [];

    public void Restart(string? argument) => Restarts.Add(argument);
}
