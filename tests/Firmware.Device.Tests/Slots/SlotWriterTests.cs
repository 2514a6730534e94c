using System.Reflection;
using Firmware.Device.Slots;
using Firmware.Install;

namespace Firmware.Device.Tests.Slots;

/// <summary>The writer over file slots: only the inactive slot, size checked first, streamed, read back.</summary>
[Trait("Category", "Unit")]
public sealed class SlotWriterTests : IDisposable
{
    private const int SlotSize = 64 << 10;
    private readonly ScratchDirectory _scratch = new();
    private readonly FakeSystem _system;
    private readonly SlotLayout _layout;

    public SlotWriterTests()
    {
        _system = new FakeSystem(_scratch);
        _layout = new SlotLayout(new SlotDevice(Image("slot-a.img", 0xAA)), new SlotDevice(Image("slot-b.img", 0xBB), Size: SlotSize));
    }

    [Theory]
    [InlineData("A")]
    [InlineData("B")]
    public async Task Only_the_inactive_slot_is_written_and_reads_back(string booted)
    {
        var active = Active(booted);
        var activeBefore = File.ReadAllBytes(_layout[active.Slot].Path);
        var payload = Payload(40_000);

        using (var writer = active.OpenInactive(payload.Length))
        {
            Assert.Equal(active.Inactive, writer.Slot);
            await writer.WriteAsync(new MemoryStream(payload));
            await using var readBack = writer.OpenReadBack();
            var landed = new byte[payload.Length];
            readBack.ReadExactly(landed);
            Assert.Equal(payload, landed);
        }

        Assert.Equal(activeBefore, File.ReadAllBytes(_layout[active.Slot].Path));
        Assert.Equal(payload, File.ReadAllBytes(_layout[active.Inactive].Path).AsSpan(0, payload.Length).ToArray());
    }

    [Fact]
    public void A_payload_larger_than_the_slot_is_refused_before_anything_is_written()
    {
        var active = Active("A");
        var before = File.ReadAllBytes(_layout.B.Path);

        var error = Assert.Throws<SlotTooSmallException>(() => active.OpenInactive(SlotSize + 1));

        Assert.Equal(SlotSize, error.SlotCapacity);
        Assert.Equal(before, File.ReadAllBytes(_layout.B.Path));
    }

    [Fact]
    public void A_file_slot_without_a_configured_size_holds_its_current_length()
    {
        var active = Active("B");

        using var writer = active.OpenInactive(SlotSize);

        Assert.Equal(SlotSize, writer.Capacity);
        Assert.Throws<SlotTooSmallException>(() => active.OpenInactive(SlotSize + 1));
    }

    [Fact]
    public async Task A_source_longer_than_the_declared_payload_stops_the_write()
    {
        using var writer = Active("A").OpenInactive(1000);

        var error = await Assert.ThrowsAsync<IOException>(() => writer.WriteAsync(new MemoryStream(Payload(5000))));

        Assert.Contains("longer than the 1000 bytes declared", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stream_takes_chunks_at_offsets_for_the_payload_installer()
    {
        using (var writer = Active("A").OpenInactive(8192))
        {
            writer.Stream.Position = 4096;
            await writer.Stream.WriteAsync(Payload(4096));
            writer.Stream.Position = 0;
            await writer.Stream.WriteAsync(new byte[4096]);
            writer.Flush();
        }

        Assert.Equal(Payload(4096), File.ReadAllBytes(_layout.B.Path).AsSpan(4096, 4096).ToArray());
    }

    [Fact]
    public void No_public_way_leads_to_a_writer_for_a_named_slot_or_path()
    {
        // The only way to a writer is ActiveSlot.OpenInactive, and only the detector makes an ActiveSlot.
        Assert.Empty(typeof(SlotWriter).GetConstructors(BindingFlags.Public | BindingFlags.Instance));
        Assert.Empty(typeof(ActiveSlot).GetConstructors(BindingFlags.Public | BindingFlags.Instance));
        var factories = typeof(SlotWriter).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(SlotWriter))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name))})");
        Assert.Equal(["ActiveSlot.OpenInactive(Int64, SlotTarget)"], factories);
    }

    private ActiveSlot Active(string slot)
    {
        _system.CommandLine($"fw.slot={slot}");
        return new ActiveSlotDetector(_layout, null, _system.Roots).Detect();
    }

    private string Image(string name, byte fill)
    {
        var path = _scratch.Of(name);
        File.WriteAllBytes(path, Enumerable.Repeat(fill, SlotSize).ToArray());
        return path;
    }

    private static byte[] Payload(int length)
    {
        var payload = new byte[length];
        new Random(length).NextBytes(payload);
        return payload;
    }

    public void Dispose() => _scratch.Dispose();
}
