using System.Security.Cryptography;
using Firmware.Bundles;
using Firmware.Fleet.Controller.Bundles;
using Firmware.Fuzz;

namespace Firmware.Fleet.Controller.Tests.Bundles;

[Trait("Category", "Unit")]
public sealed class BundleStoreTests : IDisposable
{
    private readonly ScratchDirectory _scratch = new();
    private readonly byte[] _bundle = ControllerBundles.Make();

    public void Dispose() => _scratch.Dispose();

    private BundleStore Store() => new(_scratch.Of("store"), FuzzKeys.Trust, TimeProvider.System);

    [Fact]
    public async Task Stores_under_the_manifest_digest_and_serves_the_header_and_stored_chunks()
    {
        var stored = await Store().AddAsync(new MemoryStream(_bundle), CancellationToken.None);
        var header = await BundleReader.ReadHeaderUnverifiedAsync(new MemoryStream(_bundle));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(header.ManifestBytes.Span)), stored.Id);
        Assert.Equal(_scratch.Of($"store/{stored.Id}.fwb"), stored.Path);
        Assert.Equal(_bundle.Length, stored.Size);

        var first = BundleStore.Read(stored, -1);
        Assert.Equal(_bundle.AsSpan(0, first.Length).ToArray(), first);
        Assert.Equal(stored.HeaderLength, first.Length);
        var chunks = header.Manifest.Payloads.SelectMany(p => p.Chunks).ToList();
        Assert.Equal(chunks.Count, stored.Layout.Count);
        Assert.True(chunks.Count > 4);
        for (var i = 0; i < chunks.Count; i++)
        {
            Assert.Equal(chunks[i].StoredSha256, Convert.ToHexStringLower(SHA256.HashData(BundleStore.Read(stored, i))));
        }

        Assert.Null(stored.LengthOf(chunks.Count));
        Assert.Null(stored.LengthOf(-2));
        Assert.Equal(chunks.Max(c => c.StoredSize), stored.ToJob().ChunkSize);
    }

    [Fact]
    public async Task A_new_store_on_the_same_directory_finds_the_bundle_again()
    {
        var stored = await Store().AddAsync(new MemoryStream(_bundle), CancellationToken.None);
        var again = Store();
        Assert.Null(again.Loaded(stored.Id));
        var found = await again.GetAsync(stored.Id, CancellationToken.None);
        Assert.Equal(stored.HeaderLength, found!.HeaderLength);
        Assert.Same(found, again.Loaded(stored.Id));
        Assert.Null(await again.GetAsync(new string('0', 64), CancellationToken.None));
        Assert.Null(await again.GetAsync("../../etc/passwd", CancellationToken.None));
    }

    [Fact]
    [Trait("Category", "Malformed")]
    public async Task A_tampered_bundle_is_refused_and_nothing_is_left_behind()
    {
        var layout = (await new BundleStore(_scratch.Of("other"), FuzzKeys.Trust, TimeProvider.System).AddAsync(new MemoryStream(_bundle), CancellationToken.None)).Layout;
        var tampered = (byte[])_bundle.Clone();
        tampered[layout.Offset(3) + 7] ^= 0x40;
        var error = await Assert.ThrowsAsync<BundleException>(() => Store().AddAsync(new MemoryStream(tampered), CancellationToken.None));
        Assert.Equal(BundleErrorClass.Integrity, error.Class);
        Assert.Empty(Directory.GetFiles(_scratch.Of("store")));
    }
}
