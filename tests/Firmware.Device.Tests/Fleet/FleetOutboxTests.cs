using Firmware.Device.Fleet;

namespace Firmware.Device.Tests.Fleet;

/// <summary>
/// The outbox opens its file per operation. Two outboxes on one file in one process (a simulated
/// device's old runtime still flushing while its next boot's runtime starts) must take turns,
/// or LiteDB's direct mode lets them tear each other's pages.
/// </summary>
[Trait("Category", "Unit")]
public sealed class FleetOutboxTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Two_outboxes_on_one_file_used_at_once_keep_every_message()
    {
        var path = _scratch.Of("fleet-outbox.db");
        var old = new FleetOutbox(path);
        var next = new FleetOutbox(path);
        var payload = new byte[3000];
        await Task.WhenAll(
            Task.Run(() =>
            {
                for (var i = 0; i < 2000; i++)
                {
                    old.Remove(old.Add("t/old", payload));
                    _ = old.Peek(16);
                }
            }),
            Task.Run(() =>
            {
                for (var i = 0; i < 2000; i++)
                {
                    next.Remove(next.Add("t/next", payload));
                    next.Add("t/next", payload);
                    _ = next.Peek(16);
                }
            }));

        var after = new FleetOutbox(path);
        var kept = after.Peek(5000);
        Assert.Equal(2000, kept.Count);
        Assert.All(kept, m => Assert.Equal("t/next", m.Topic));
    }
}
