using CsCheck;
using Firmware.Trust;

namespace Firmware.Core.Tests.Bundles;

/// <summary>A payload the generator describes: its length, the seed of its bytes, and whether they compress.</summary>
public sealed record PayloadSpec(int Length, int Seed, bool Compressible)
{
    public byte[] Bytes() => Compressible ? TestKit.Compressible(Length, Seed) : TestKit.Random(Length, Seed);

    public override string ToString() => $"{Length} {(Compressible ? "text" : "random")} bytes (seed {Seed})";
}

[Trait("Category", "Property")]
public sealed class BundlePropertyTests(Scenario scenario) : IClassFixture<Scenario>
{
    /// <summary>Mostly small payloads, some of a few hundred KiB, a few of up to 3 MiB.</summary>
    private static readonly Gen<PayloadSpec> Payload = Gen.Select(
        Gen.Frequency((6, Gen.Int[1, 5_000]), (3, Gen.Int[5_000, 300_000]), (1, Gen.Int[300_000, 3 << 20])),
        Gen.Int,
        Gen.Bool,
        (length, seed, compressible) => new PayloadSpec(length, seed, compressible));

    private static readonly Gen<PayloadSpec[]> Payloads = Payload.Array[1, 3];

    [Fact]
    public void Any_payload_set_round_trips_byte_for_byte()
    {
        Payloads.Sample(specs =>
        {
            using var root = TestKit.Key();
            using var release = TestKit.Key();
            var trust = TrustFile.Create(TestKit.Document(1, [root], 1, [release], 1), [root]);
            var payloads = specs.Select((s, i) => (Name: $"p{i}", Data: s.Bytes())).ToDictionary(p => p.Name, p => p.Data);
            var bundle = TestKit.Bundle([release], payloads, encoding: TestKit.SmallChunks with { Level = 1, MaxDegreeOfParallelism = 1 });

            var result = TestKit.ReadAsync(bundle, TestKit.Policy(trust)).GetAwaiter().GetResult();

            Assert.Null(result.Error);
            Assert.True(result.Completed);
            var received = result.Payloads();
            Assert.Equal(payloads.Keys.Order(), received.Keys.Order());
            foreach (var (name, data) in payloads)
            {
                Assert.True(data.AsSpan().SequenceEqual(received[name]), $"payload {name} differs");
            }
        }, iter: 40, threads: 2);
    }

    [Fact]
    public void Two_builds_from_the_same_inputs_are_byte_identical()
    {
        using var release = TestKit.Key();
        Payloads.Sample(specs =>
        {
            var payloads = specs.Select((s, i) => (Name: $"p{i}", Data: s.Bytes())).ToDictionary(p => p.Name, p => p.Data);

            var first = TestKit.Bundle([release], payloads, encoding: TestKit.SmallChunks with { Level = 1 });
            var second = TestKit.Bundle([release], payloads, encoding: TestKit.SmallChunks with { Level = 1 });

            Assert.True(first.AsSpan().SequenceEqual(second), "the two builds differ");
        }, iter: 25, threads: 1);
    }

    [Fact]
    public void The_number_of_compression_threads_does_not_change_the_bundle()
    {
        using var release = TestKit.Key();
        Payloads.Sample(specs =>
        {
            var payloads = specs.Select((s, i) => (Name: $"p{i}", Data: s.Bytes())).ToDictionary(p => p.Name, p => p.Data);

            var serial = TestKit.Bundle([release], payloads, encoding: TestKit.SmallChunks with { Level = 1, MaxDegreeOfParallelism = 1 });
            var parallel = TestKit.Bundle([release], payloads, encoding: TestKit.SmallChunks with { Level = 1, MaxDegreeOfParallelism = 4 });

            Assert.True(serial.AsSpan().SequenceEqual(parallel), "serial and parallel builds differ");
        }, iter: 15, threads: 1);
    }

    [Fact]
    public void Any_single_bit_flip_anywhere_in_a_bundle_is_rejected_with_a_bundle_error()
    {
        var bundle = scenario.Bundle;
        var layout = scenario.Layout;

        // Payload data is most of the bundle; headers, padding and the small signed entries get
        // their own share of samples so their few thousand bits are well covered.
        var framing = layout.Entries.SelectMany(e => new[] { (e.HeaderOffset, e.DataOffset), (e.DataEnd, e.NextHeader) })
            .Append((layout.EndMarker, (long)bundle.Length)).ToArray();
        var small = layout.Entries.Where(e => !e.Name.StartsWith("payloads/", StringComparison.Ordinal)).Select(e => (e.DataOffset, e.DataEnd)).ToArray();
        var anywhere = Gen.Long[0, bundle.Length - 1];
        var inFraming = Gen.Int[0, framing.Length - 1].SelectMany(i => Gen.Long[framing[i].Item1, framing[i].Item2 - 1]);
        var inSmallEntry = Gen.Int[0, small.Length - 1].SelectMany(i => Gen.Long[small[i].Item1, small[i].Item2 - 1]);
        var flip = Gen.Select(Gen.Frequency((2, anywhere), (1, inFraming), (1, inSmallEntry)), Gen.Int[0, 7]);

        flip.Sample((offset, bit) =>
        {
            var result = TestKit.ReadAsync(TestKit.FlipBit(bundle, offset, bit), scenario.Policy).GetAwaiter().GetResult();

            // Every byte is signed, bound by a digest, or held to one canonical encoding.
            Assert.False(result.Completed, $"a flip of bit {bit} at offset {offset} was accepted");
            Assert.NotNull(result.Error);
        }, iter: 4_000, threads: 2);
    }
}
