namespace Firmware.Fleet.Controller.Chunks;

/// <summary>Publishes one <c>chunks/res</c> message to a device (docs/protocol.md section 4).</summary>
public interface IChunkPublisher
{
    /// <summary>Sends <paramref name="payload"/> as transfer unit <paramref name="index"/> of bundle <paramref name="bundleId"/> to <paramref name="deviceId"/>.</summary>
    Task PublishChunkAsync(string deviceId, string bundleId, int index, byte[] payload, CancellationToken cancellationToken);
}
