using Firmware.Bundles;

namespace Firmware.Core.Tests.Bundles;

/// <summary>The archive holds exactly the entries the manifest lists, in the fixed order, and nothing else.</summary>
[Trait("Category", "Malformed")]
public sealed class BundleStructureTests(Scenario scenario) : IClassFixture<Scenario>
{
    [Fact]
    public async Task A_bundle_without_its_signature_entry_is_missing_an_entry()
    {
        var entries = scenario.Entries();
        entries.RemoveAt(1);

        var error = await TestKit.RejectedAsync(RawTar.Archive(entries), scenario.Policy);

        Assert.Equal(BundleError.MissingEntry, error.Error);
        Assert.Equal(BundleEntryNames.Signatures, error.Entry);
        Assert.Equal(scenario.Layout[BundleEntryNames.Signatures].HeaderOffset, error.Offset);
    }

    [Fact]
    public async Task A_bundle_that_ends_after_the_manifest_is_missing_the_signature_entry()
    {
        var error = await TestKit.RejectedAsync(RawTar.Archive(scenario.Entries().Take(1)), scenario.Policy);

        Assert.Equal(BundleError.MissingEntry, error.Error);
        Assert.Equal(BundleEntryNames.Signatures, error.Entry);
    }

    [Fact]
    public async Task Signatures_before_the_manifest_are_out_of_order()
    {
        var entries = scenario.Entries();
        (entries[0], entries[1]) = (entries[1], entries[0]);

        var error = await TestKit.RejectedAsync(RawTar.Archive(entries), scenario.Policy);

        Assert.Equal(BundleError.EntryOutOfOrder, error.Error);
        Assert.Equal(BundleEntryNames.Signatures, error.Entry);
        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public async Task Payloads_in_another_order_than_the_manifest_lists_are_out_of_order()
    {
        var entries = scenario.Entries();
        (entries[3], entries[4]) = (entries[4], entries[3]);

        var error = await TestKit.RejectedAsync(RawTar.Archive(entries), scenario.Policy);

        Assert.Equal(BundleError.EntryOutOfOrder, error.Error);
        Assert.Equal(Scenario.RootfsEntry, error.Entry);
        Assert.Equal(scenario.Layout[Scenario.KernelEntry].HeaderOffset, error.Offset);
    }

    [Fact]
    public async Task A_payload_before_a_carried_trust_file_means_the_trust_file_is_missing_where_required()
    {
        var entries = scenario.Entries();
        (entries[2], entries[3]) = (entries[3], entries[2]);

        var error = await TestKit.RejectedAsync(RawTar.Archive(entries), scenario.Policy);

        Assert.Equal(BundleError.MissingEntry, error.Error);
        Assert.Equal("trust/2.json", error.Entry);
    }

    [Fact]
    public async Task A_second_manifest_is_a_duplicate_entry()
    {
        var entries = scenario.Entries();
        entries.Insert(1, entries[0]);

        var error = await TestKit.RejectedAsync(RawTar.Archive(entries), scenario.Policy);

        Assert.Equal(BundleError.DuplicateEntry, error.Error);
        Assert.Equal(BundleEntryNames.Manifest, error.Entry);
        Assert.Equal(scenario.Layout[BundleEntryNames.Signatures].HeaderOffset, error.Offset);
    }

    [Fact]
    public async Task A_payload_repeated_before_the_next_payload_is_a_duplicate_entry()
    {
        var entries = scenario.Entries();
        entries.Insert(4, entries[3]);

        var error = await TestKit.RejectedAsync(RawTar.Archive(entries), scenario.Policy);

        Assert.Equal(BundleError.DuplicateEntry, error.Error);
        Assert.Equal(Scenario.KernelEntry, error.Entry);
        Assert.Equal(scenario.Layout[Scenario.RootfsEntry].HeaderOffset, error.Offset);
    }

    [Fact]
    public async Task The_last_payload_repeated_at_the_end_is_a_duplicate_entry()
    {
        var entries = scenario.Entries();
        entries.Add(entries[^1]);

        var error = await TestKit.RejectedAsync(RawTar.Archive(entries), scenario.Policy);

        Assert.Equal(BundleError.DuplicateEntry, error.Error);
        Assert.Equal(Scenario.RootfsEntry, error.Entry);
        Assert.Equal(scenario.Layout.EndMarker, error.Offset);
    }

    [Theory]
    [InlineData("payloads/extra")]
    [InlineData("notes.txt")]
    [InlineData("trust/3.json")]
    public async Task An_entry_the_manifest_does_not_list_after_the_last_payload_is_unexpected(string name)
    {
        var entries = scenario.Entries();
        entries.Add(new RawEntry(name, "extra"u8.ToArray()));

        var error = await TestKit.RejectedAsync(RawTar.Archive(entries), scenario.Policy);

        Assert.Equal(BundleError.UnexpectedEntry, error.Error);
        Assert.Equal(name, error.Entry);
        Assert.Equal(scenario.Layout.EndMarker, error.Offset);
    }

    [Fact]
    public async Task An_entry_the_manifest_does_not_list_between_payloads_is_unexpected()
    {
        var entries = scenario.Entries();
        entries.Insert(4, new RawEntry("payloads/extra", "extra"u8.ToArray()));

        var error = await TestKit.RejectedAsync(RawTar.Archive(entries), scenario.Policy);

        Assert.Equal(BundleError.UnexpectedEntry, error.Error);
        Assert.Equal("payloads/extra", error.Entry);
    }

    [Fact]
    public async Task A_bundle_that_ends_before_a_listed_payload_is_missing_it()
    {
        var error = await TestKit.RejectedAsync(RawTar.Archive(scenario.Entries().Take(4)), scenario.Policy);

        Assert.Equal(BundleError.MissingEntry, error.Error);
        Assert.Equal(Scenario.RootfsEntry, error.Entry);
        Assert.Equal(scenario.Layout[Scenario.RootfsEntry].HeaderOffset + (2 * RawTar.Block), error.Offset);
    }

    [Fact]
    public async Task A_bundle_without_its_first_payload_has_the_second_out_of_order()
    {
        var entries = scenario.Entries();
        entries.RemoveAt(3);

        var error = await TestKit.RejectedAsync(RawTar.Archive(entries), scenario.Policy);

        Assert.Equal(BundleError.EntryOutOfOrder, error.Error);
        Assert.Equal(Scenario.RootfsEntry, error.Entry);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/etc/x")]
    [InlineData("payloads/../manifest.json")]
    [InlineData("./manifest.sig")]
    [InlineData("payloads//kernel")]
    [InlineData("payloads/ker nel")]
    public async Task An_unsafe_name_where_the_signatures_belong_is_rejected_as_unsafe(string name)
    {
        var entries = scenario.Entries();
        entries[1] = entries[1] with { Name = name };

        var error = await TestKit.RejectedAsync(RawTar.Archive(entries), scenario.Policy);

        Assert.Equal(BundleError.UnsafeEntryName, error.Error);
        Assert.Equal(name, error.Entry);
        Assert.Equal(scenario.Layout[BundleEntryNames.Signatures].HeaderOffset, error.Offset);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/etc/x")]
    public async Task An_unsafe_name_as_the_first_entry_is_rejected_as_unsafe(string name)
    {
        var error = await TestKit.RejectedAsync(RawTar.Archive([new RawEntry(name, "x"u8.ToArray())]), scenario.Policy);

        Assert.Equal(BundleError.UnsafeEntryName, error.Error);
        Assert.Equal(name, error.Entry);
        Assert.Equal(0, error.Offset);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/etc/x")]
    public async Task An_unsafe_name_after_the_last_payload_is_rejected_as_unsafe(string name)
    {
        var entries = scenario.Entries();
        entries.Add(new RawEntry(name, "x"u8.ToArray()));

        var error = await TestKit.RejectedAsync(RawTar.Archive(entries), scenario.Policy);

        Assert.Equal(BundleError.UnsafeEntryName, error.Error);
        Assert.Equal(name, error.Entry);
    }

    [Theory]
    [InlineData('1', "hard link")]
    [InlineData('2', "symbolic link")]
    [InlineData('3', "character device")]
    [InlineData('4', "block device")]
    [InlineData('5', "directory")]
    public async Task A_non_regular_entry_is_rejected_as_unsupported_whatever_its_name(char type, string kind)
    {
        var entries = scenario.Entries();
        var linkTarget = type is '1' or '2' ? "/etc/passwd" : "";
        entries.Insert(2, new RawEntry("payloads/kernel", [], (byte)type, linkTarget));

        var error = await TestKit.RejectedAsync(RawTar.Archive(entries), scenario.Policy);

        Assert.Equal(BundleError.UnsupportedEntryType, error.Error);
        Assert.Equal(Scenario.KernelEntry, error.Entry);
        Assert.Equal(scenario.Layout["trust/2.json"].HeaderOffset + RawTar.TypeOffset, error.Offset);
        Assert.Contains(kind, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symbolic_link_as_the_first_entry_is_rejected_before_anything_else()
    {
        var bundle = RawTar.Archive([new RawEntry("manifest.json", [], (byte)'2', "/etc/shadow")]);

        var error = await TestKit.RejectedAsync(bundle, scenario.Policy);

        Assert.Equal(BundleError.UnsupportedEntryType, error.Error);
        Assert.Equal(RawTar.TypeOffset, error.Offset);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task A_payload_whose_tar_size_differs_from_the_signed_stored_size_is_a_size_mismatch(int difference)
    {
        // Manifest and signature are the valid ones: only the tar header's size disagrees.
        var entries = scenario.Entries();
        var stored = scenario.KernelStored;
        var data = difference < 0 ? stored[..^1] : [.. stored, 0];
        entries[3] = entries[3] with { Data = data };

        var error = await TestKit.RejectedAsync(RawTar.Archive(entries), scenario.Policy);

        Assert.Equal(BundleError.EntrySizeMismatch, error.Error);
        Assert.Equal(Scenario.KernelEntry, error.Entry);
        Assert.Equal(scenario.Layout[Scenario.KernelEntry].HeaderOffset, error.Offset);
    }

    [Fact]
    public async Task A_manifest_entry_larger_than_the_limit_is_rejected_before_it_is_read()
    {
        var bundle = RawTar.Header(BundleEntryNames.Manifest, BundleLimits.MaxManifestBytes + 1);

        var error = await TestKit.RejectedAsync(bundle, scenario.Policy);

        Assert.Equal(BundleError.EntryTooLarge, error.Error);
        Assert.Equal(BundleEntryNames.Manifest, error.Entry);
        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public async Task Non_zero_bytes_after_the_end_marker_are_trailing_data()
    {
        byte[] bundle = [.. scenario.Bundle, 0, 0, 7];

        var error = await TestKit.RejectedAsync(bundle, scenario.Policy);

        Assert.Equal(BundleError.TrailingData, error.Error);
        Assert.Equal(scenario.Bundle.Length + 2, error.Offset);
    }

    [Fact]
    public async Task Zeros_up_to_the_record_boundary_after_the_end_marker_are_accepted()
    {
        var padded = new byte[(scenario.Bundle.Length + 10239) / 10240 * 10240];
        scenario.Bundle.CopyTo(padded, 0);
        Assert.NotEqual(scenario.Bundle.Length, padded.Length);

        var result = await TestKit.ReadAsync(padded, scenario.Policy);

        Assert.True(result.Completed);
    }

    [Fact]
    public async Task Zeros_beyond_the_record_boundary_after_the_end_marker_are_trailing_data()
    {
        var record = (scenario.Bundle.Length + 10239) / 10240 * 10240;
        var padded = new byte[record + 1];
        scenario.Bundle.CopyTo(padded, 0);

        var error = await TestKit.RejectedAsync(padded, scenario.Policy);

        Assert.Equal(BundleError.TrailingData, error.Error);
        Assert.Equal(record, error.Offset);
    }

    [Fact]
    public async Task Endless_zeros_after_the_end_marker_are_trailing_data()
    {
        var padded = new byte[scenario.Bundle.Length + (1 << 20)];
        scenario.Bundle.CopyTo(padded, 0);

        var error = await TestKit.RejectedAsync(padded, scenario.Policy);

        Assert.Equal(BundleError.TrailingData, error.Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0xFF)]
    public async Task A_stream_that_never_ends_after_the_end_marker_is_trailing_data_and_reading_stops(byte tail)
    {
        var stream = new ForwardOnlyStream(scenario.Bundle, endlessTail: tail);
        using var reader = new BundleReader(stream, scenario.Policy);
        await reader.ReadManifestAsync();

        var error = await Assert.ThrowsAsync<BundleException>(async () =>
        {
            while (await reader.ReadChunkAsync() is not null)
            {
            }
        });

        Assert.Equal(BundleError.TrailingData, error.Error);
        Assert.True(stream.BytesRead <= (scenario.Bundle.Length + 10239) / 10240 * 10240 + 1, $"read {stream.BytesRead} bytes");
    }

    [Fact]
    public async Task An_empty_stream_is_empty()
    {
        var error = await TestKit.RejectedAsync([], scenario.Policy);

        Assert.Equal(BundleError.Empty, error.Error);
        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public async Task Random_garbage_is_a_malformed_header()
    {
        var error = await TestKit.RejectedAsync(TestKit.Random(64 << 10, 99), scenario.Policy);

        Assert.Equal(BundleError.HeaderInvalid, error.Error);
        Assert.Equal(RawTar.ChecksumOffset, error.Offset);
    }

    [Fact]
    public async Task Text_that_is_not_an_archive_is_a_malformed_header()
    {
        var text = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("This is not a firmware bundle. ", 40)));

        var error = await TestKit.RejectedAsync(text, scenario.Policy);

        Assert.Equal(BundleError.HeaderInvalid, error.Error);
    }

    [Fact]
    public async Task A_gzip_compressed_bundle_is_a_malformed_header()
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(scenario.Bundle);
        }

        var error = await TestKit.RejectedAsync(output.ToArray(), scenario.Policy);

        Assert.Equal(BundleError.HeaderInvalid, error.Error);
    }

    [Fact]
    public async Task An_archive_holding_only_the_end_marker_is_missing_the_manifest()
    {
        var error = await TestKit.RejectedAsync(new byte[2 * RawTar.Block], scenario.Policy);

        Assert.Equal(BundleError.MissingEntry, error.Error);
        Assert.Equal(BundleEntryNames.Manifest, error.Entry);
    }
}
