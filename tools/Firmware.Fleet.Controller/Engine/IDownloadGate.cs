namespace Firmware.Fleet.Controller.Engine;

/// <summary>Which devices may fetch which bundle: the chunk server serves only devices with an unfinished install job.</summary>
public interface IDownloadGate
{
    /// <summary>Lets <paramref name="deviceId"/> fetch <paramref name="bundleId"/> for <paramref name="jobId"/>.</summary>
    void Allow(string deviceId, string jobId, string bundleId);

    /// <summary>Withdraws that.</summary>
    void Revoke(string deviceId, string jobId);
}
