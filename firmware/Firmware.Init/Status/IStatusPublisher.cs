namespace Firmware.Init.Status;

/// <summary>Where the supervisor publishes the whole table after every change.</summary>
public interface IStatusPublisher
{
    /// <summary>Replaces the published table with <paramref name="table"/>.</summary>
    void Publish(IReadOnlyList<ServiceStatusEntry> table);
}
