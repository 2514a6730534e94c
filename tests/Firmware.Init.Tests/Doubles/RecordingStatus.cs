using Firmware.Init.Status;

namespace Firmware.Init.Tests.Doubles;

internal sealed class RecordingStatus : IStatusPublisher
{
    public List<IReadOnlyList<ServiceStatusEntry>> Tables { get; } = [];

    public IReadOnlyList<ServiceStatusEntry> Last => Tables[^1];

    public string StateOf(string name) => Last.Single(e => e.Name == name).State;

    public void Publish(IReadOnlyList<ServiceStatusEntry> table) => Tables.Add(table);
}
