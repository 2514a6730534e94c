namespace Firmware.Device.Health;

/// <summary>Tells whether the broker's port accepts connections.</summary>
public interface IBrokerProbe
{
    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/> and closes again; throws when it cannot.</summary>
    Task ConnectAsync(string host, int port, CancellationToken cancellationToken);
}
