using System.Buffers;
using System.Text;
using Firmware.Device.Health;
using Firmware.Init.Status;

namespace Firmware.Init.Tests.Status;

/// <summary>The status table as docs/agent.md specifies it, read back by the agent's own parser.</summary>
[Trait("Category", "Unit")]
public sealed class StatusTableTests
{
    private static readonly DateTimeOffset Since = new(2026, 11, 29, 10, 0, 0, TimeSpan.FromHours(1));

    private static readonly ServiceStatusEntry[] Table =
    [
        new("sshd", "running", 412, 0, Since, null),
        new("app", "failed", null, 3, Since, "signal 9"),
        new("once", "exited", null, 0, Since, "status 0"),
    ];

    [Fact]
    public void Each_service_is_one_compact_line_in_a_fixed_key_order()
    {
        var bytes = new ArrayBufferWriter<byte>();

        StatusTableWriter.Write(bytes, Table);

        Assert.Equal(
            """
            {"name":"sshd","state":"running","pid":412,"restarts":0,"since":"2026-11-29T09:00:00Z"}
            {"name":"app","state":"failed","restarts":3,"since":"2026-11-29T09:00:00Z","exit":"signal 9"}
            {"name":"once","state":"exited","restarts":0,"since":"2026-11-29T09:00:00Z","exit":"status 0"}

            """.ReplaceLineEndings("\n"),
            Encoding.UTF8.GetString(bytes.WrittenSpan));
    }

    [Fact]
    public async Task The_agents_reader_reads_what_the_file_holds_and_nothing_is_left_beside_it()
    {
        using var scratch = new ScratchDirectory();
        var file = new StatusFile(scratch.Of("services"));

        file.Publish([new("old", "starting", null, 0, Since, null)]);
        file.Publish(Table);
        var read = await new ServiceStatusFile(file.Path).ReadAsync(CancellationToken.None);

        Assert.Equal([("sshd", "running", 0), ("app", "failed", 3), ("once", "exited", 0)], read.Select(s => (s.Name, s.State, s.Restarts ?? -1)));
        Assert.Equal(["services"], Directory.EnumerateFileSystemEntries(scratch.Path).Select(Path.GetFileName));
        Assert.Equal((UnixFileMode)0x1A4, File.GetUnixFileMode(file.Path)); // 0644
    }

    [Fact]
    public void An_empty_table_is_an_empty_file_the_agent_reads_as_no_services()
    {
        var bytes = new ArrayBufferWriter<byte>();

        StatusTableWriter.Write(bytes, []);

        Assert.Equal(0, bytes.WrittenCount);
        Assert.Empty(ServiceStatusFile.Parse("", "services"));
    }

    [Fact]
    public void A_name_that_needs_escaping_still_reads_back()
    {
        var bytes = new ArrayBufferWriter<byte>();

        StatusTableWriter.Write(bytes, [new("we\"ird\n", "running", 1, 0, Since, null)]);

        Assert.Equal("we\"ird\n", ServiceStatusFile.Parse(Encoding.UTF8.GetString(bytes.WrittenSpan), "services").Single().Name);
    }
}
