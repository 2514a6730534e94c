using Firmware.Fleet.Payloads;

namespace Firmware.Device.Fleet;

/// <summary>Sends a chunk request to the controller (on <c>chunks/req</c>, QoS 1).</summary>
public interface IChunkRequester
{
    /// <summary>Publishes <paramref name="request"/>; throws when it could not be sent (the download asks again later).</summary>
    Task RequestAsync(ChunkRequest request, CancellationToken cancellationToken);
}
