using Firmware.Bundles;
using Firmware.Install;

namespace Firmware.Core.Tests.Install;

/// <summary>Only verified chunks of the chosen payload land in the slot.</summary>
[Trait("Category", "Unit")]
public sealed class PayloadInstallerTests(Scenario scenario) : IClassFixture<Scenario>
{
    [Fact]
    public async Task The_chosen_payload_lands_byte_for_byte_and_reads_back_clean()
    {
        using var reader = new BundleReader(new ForwardOnlyStream(scenario.Bundle), scenario.Policy);
        var manifest = await reader.ReadManifestAsync();
        using var slot = new MemoryStream(new byte[scenario.Rootfs.Length + 100]);

        await PayloadInstaller.InstallAsync(reader, manifest, "rootfs", slot, slot.Length);

        Assert.Equal(scenario.Rootfs, slot.ToArray()[..scenario.Rootfs.Length]);
        Assert.Null(await PayloadInstaller.VerifyReadBackAsync(slot, scenario.RootfsManifest));
    }

    [Fact]
    public async Task A_payload_larger_than_the_slot_is_refused_before_anything_is_written()
    {
        using var reader = new BundleReader(new ForwardOnlyStream(scenario.Bundle), scenario.Policy);
        var manifest = await reader.ReadManifestAsync();
        var bytes = new byte[scenario.Rootfs.Length - 1];
        using var slot = new MemoryStream(bytes);

        await Assert.ThrowsAsync<SlotTooSmallException>(() => PayloadInstaller.InstallAsync(reader, manifest, "rootfs", slot, slot.Length));

        Assert.All(bytes, b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task A_corrupt_chunk_stops_the_install_and_nothing_from_it_lands()
    {
        var corrupt = 3;
        var bundle = TestKit.FlipBit(scenario.Bundle, scenario.ChunkOffset(scenario.KernelManifest, corrupt) + 2);
        using var reader = new BundleReader(new ForwardOnlyStream(bundle), scenario.Policy);
        var manifest = await reader.ReadManifestAsync();
        var bytes = new byte[scenario.Kernel.Length];
        using var slot = new MemoryStream(bytes);

        var error = await Assert.ThrowsAsync<BundleException>(() => PayloadInstaller.InstallAsync(reader, manifest, "kernel", slot, slot.Length));

        Assert.Equal(BundleError.ChunkHashMismatch, error.Error);
        // Chunks before the corrupt one may have landed (writes are batched); nothing from it on has.
        var before = scenario.KernelManifest.Chunks.Take(corrupt).Sum(c => c.Size);
        Assert.All(bytes[before..], b => Assert.Equal(0, b));
        Assert.InRange(await PayloadInstaller.VerifyReadBackAsync(slot, scenario.KernelManifest) ?? -1, 0, corrupt);
    }

    [Fact]
    public async Task Read_back_names_the_first_chunk_that_differs()
    {
        var image = scenario.Kernel.ToArray();
        var at = scenario.KernelManifest.Chunks.Take(5).Sum(c => c.Size) + 7;
        image[at] ^= 1;

        Assert.Equal(5, await PayloadInstaller.VerifyReadBackAsync(new MemoryStream(image), scenario.KernelManifest));
    }

    [Fact]
    public async Task Read_back_of_a_short_slot_names_the_chunk_that_is_cut()
    {
        var image = scenario.Kernel[..^1];

        Assert.Equal(scenario.KernelManifest.Chunks.Count - 1, await PayloadInstaller.VerifyReadBackAsync(new MemoryStream(image), scenario.KernelManifest));
    }

    [Fact]
    public async Task A_file_slot_is_read_back_in_parallel_and_the_lowest_bad_chunk_is_named()
    {
        using var scratch = new ScratchDirectory();
        var image = scenario.Kernel.ToArray();
        foreach (var index in new[] { 9, 5 })
        {
            image[scenario.KernelManifest.Chunks.Take(index).Sum(c => c.Size) + 3] ^= 0x40;
        }

        File.WriteAllBytes(scratch.Of("clean.img"), scenario.Kernel);
        File.WriteAllBytes(scratch.Of("bad.img"), image);
        File.WriteAllBytes(scratch.Of("short.img"), scenario.Kernel[..^1]);

        Assert.Null(await ReadBackAsync(scratch.Of("clean.img")));
        Assert.Equal(5, await ReadBackAsync(scratch.Of("bad.img")));
        Assert.Equal(scenario.KernelManifest.Chunks.Count - 1, await ReadBackAsync(scratch.Of("short.img")));
    }

    [Fact]
    public async Task Two_payloads_land_in_their_own_targets_in_one_pass()
    {
        using var reader = new BundleReader(new ForwardOnlyStream(scenario.Bundle), scenario.Policy);
        var manifest = await reader.ReadManifestAsync();
        using var root = new MemoryStream(new byte[scenario.Rootfs.Length]);
        using var kernel = new MemoryStream(new byte[scenario.Kernel.Length + 10]);

        await PayloadInstaller.InstallAsync(reader, manifest, [new PayloadTarget("rootfs", root, root.Length), new PayloadTarget("kernel", kernel, kernel.Length)]);

        Assert.Equal(scenario.Rootfs, root.ToArray());
        Assert.Equal(scenario.Kernel, kernel.ToArray()[..scenario.Kernel.Length]);
        Assert.Null(await PayloadInstaller.VerifyReadBackAsync(kernel, scenario.KernelManifest));
    }

    [Fact]
    public async Task A_second_target_too_small_is_refused_before_the_first_is_written()
    {
        using var reader = new BundleReader(new ForwardOnlyStream(scenario.Bundle), scenario.Policy);
        var manifest = await reader.ReadManifestAsync();
        var rootBytes = new byte[scenario.Rootfs.Length];
        using var root = new MemoryStream(rootBytes);
        using var kernel = new MemoryStream(new byte[scenario.Kernel.Length - 1]);

        await Assert.ThrowsAsync<SlotTooSmallException>(() =>
            PayloadInstaller.InstallAsync(reader, manifest, [new PayloadTarget("rootfs", root, root.Length), new PayloadTarget("kernel", kernel, kernel.Length)]));

        Assert.All(rootBytes, b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task A_payload_the_bundle_does_not_hold_is_refused()
    {
        using var reader = new BundleReader(new ForwardOnlyStream(scenario.Bundle), scenario.Policy);
        var manifest = await reader.ReadManifestAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => PayloadInstaller.InstallAsync(reader, manifest, "bootloader", new MemoryStream(), 0));
    }

    private async Task<int?> ReadBackAsync(string path)
    {
        using var slot = File.OpenRead(path);
        return await PayloadInstaller.VerifyReadBackAsync(slot, scenario.KernelManifest);
    }
}
