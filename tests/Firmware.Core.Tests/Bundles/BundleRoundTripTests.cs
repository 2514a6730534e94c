using Firmware.Bundles;
using Firmware.Trust;

namespace Firmware.Core.Tests.Bundles;

public sealed class BundleRoundTripTests
{
    [Fact]
    public async Task Payloads_come_back_byte_for_byte()
    {
        using var root = TestKit.Key();
        using var release = TestKit.Key();
        var trust = TrustFile.Create(TestKit.Document(1, [root], 1, [release], 1), [root]);
        var text = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("compressible text ", 200_000)));
        var random = TestKit.Random(3_000_000, 1);
        var bundle = TestKit.Bundle([release], new Dictionary<string, byte[]> { ["rootfs"] = text, ["kernel"] = random });

        using var reader = new BundleReader(new MemoryStream(bundle), new VerificationPolicy { Trust = trust, Now = TestKit.Epoch, Board = "test-board" });
        var verified = await reader.ReadManifestAsync();
        var outputs = verified.Manifest.Payloads.ToDictionary(p => p.Name, p => new MemoryStream());
        while (await reader.ReadChunkAsync() is { } chunk)
        {
            Assert.Equal(chunk.Offset, outputs[chunk.Payload.Name].Length);
            outputs[chunk.Payload.Name].Write(chunk.Data.Span);
        }

        Assert.Equal(text, outputs["rootfs"].ToArray());
        Assert.Equal(random, outputs["kernel"].ToArray());
        Assert.Equal([release.KeyId], verified.Signers);
        Assert.True(verified.Manifest.Payloads[0].StoredSize < text.Length / 10);
    }
}
