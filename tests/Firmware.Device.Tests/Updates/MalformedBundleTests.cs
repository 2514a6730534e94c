using Firmware.Device.Sources;
using Firmware.Device.Tests.Simulation;
using Firmware.Device.Updates;

namespace Firmware.Device.Tests.Updates;

/// <summary>
/// Every bundle of the fuzz corpus (tests/fuzz/corpus/bundle, signed with the corpus's fixed keys)
/// goes through a real install: the bad ones fail and write 0 bytes to the inactive slot, because
/// the verifying pass reads the whole bundle before the slot is opened.
/// </summary>
[Trait("Category", "Malformed")]
public sealed class MalformedBundleTests
{
    private static readonly string Corpus = Repository.PathOf("tests", "fuzz", "corpus", "bundle");

    public static TheoryData<string> Bundles() => [.. Directory.EnumerateFiles(Corpus).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Bundles))]
    public async Task A_bad_bundle_fails_the_install_with_0_bytes_written_to_the_slot(string name)
    {
        var device = new SimulatedDevice();
        var engine = device.Engine();
        engine.Offer(new FileBundleSource(Path.Combine(Corpus, name)));

        var stop = await engine.RunAsync();

        var written = device.Disk.BytesWritten.GetValueOrDefault(SimulatedDevice.SlotB);
        if (name.StartsWith("valid", StringComparison.Ordinal))
        {
            Assert.Equal(EngineStop.RebootRequested, stop);
            Assert.True(written > 0);
            return;
        }

        Assert.Equal(EngineStop.Idle, stop);
        var outcome = Assert.Single(device.Reporter.Deliveries);
        Assert.Equal((UpdateOutcome.Failed, UpdateError.BundleRejected), (outcome.Outcome, outcome.ErrorCode));
        Assert.Equal(0, written);
        Assert.Equal(new Firmware.Device.Boot.BootState(Firmware.Device.Slots.SlotName.A, null, 0), device.Bootloader.Read());
    }

    [Fact]
    public void The_corpus_holds_the_bad_bundles()
    {
        Assert.True(Directory.EnumerateFiles(Corpus).Count(f => !Path.GetFileName(f).StartsWith("valid", StringComparison.Ordinal)) >= 20);
    }
}
