using System.Text;
using System.Text.Json;
using Firmware.Fleet.Payloads;

namespace Firmware.Fleet.Tests;

[Trait("Category", "Unit")]
public sealed class PayloadTests
{
    private const string Digest = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static readonly DateTimeOffset Deadline = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static JobDocument Job() => new()
    {
        JobId = "job-1",
        RolloutId = "r-1",
        Action = JobAction.Install,
        Bundle = new JobBundle { Id = Digest, Version = "1.2.0", Size = 1000, Chunks = 3, ChunkSize = 400 },
        Deadline = Deadline,
    };

    [Fact]
    public void A_job_round_trips_and_has_the_documented_shape()
    {
        var json = Job().ToJson();
        Assert.Equal(
            """{"schema":1,"jobId":"job-1","rolloutId":"r-1","action":"install","bundle":{"id":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","version":"1.2.0","size":1000,"chunks":3,"chunkSize":400},"deadline":"2026-12-01T00:00:00+00:00"}""",
            Encoding.UTF8.GetString(json));
        Assert.Equal(Job() with { Bundle = Job().Bundle }, JobDocument.Parse(json), new JobComparer());
    }

    [Fact]
    public void The_will_carries_three_fields_and_the_birth_all()
    {
        Assert.Equal("""{"schema":1,"id":"d1","state":"offline"}""", Encoding.UTF8.GetString(DeviceState.Offline("d1").ToJson()));
        var birth = new DeviceState
        {
            Id = "d1", State = DeviceStatus.Online, Board = "qemu", Compatible = "qemu-x86_64", Version = "1.0.0", Slot = "A",
            BootCount = 3, Agent = "0.1.0", Tags = ["site=lab"], Since = Deadline,
        };
        var parsed = DeviceState.Parse(birth.ToJson());
        Assert.Equal("qemu-x86_64", parsed.Compatible);
        Assert.Equal(["site=lab"], parsed.Tags);
        var half = """{"schema":1,"id":"d1","state":"online","board":"qemu"}"""u8.ToArray();
        Assert.Equal(FleetError.MalformedPayload, Assert.Throws<FleetException>(() => DeviceState.Parse(half)).Error);
        var offlineWithBoard = """{"schema":1,"id":"d1","state":"offline","board":"qemu"}"""u8.ToArray();
        Assert.Equal(FleetError.MalformedPayload, Assert.Throws<FleetException>(() => DeviceState.Parse(offlineWithBoard)).Error);
    }

    [Fact]
    public void Progress_and_chunk_requests_round_trip()
    {
        var report = new ProgressReport
        {
            JobId = "job-1", Seq = 4, State = ProgressState.Failed, ChunksDone = 1, ChunksTotal = 3,
            Error = new ProgressError { Code = "BundleRejected", Detail = "signature" }, Outcome = JobOutcome.Failed,
        };
        var back = ProgressReport.Parse(report.ToJson());
        Assert.Equal(report.Error, back.Error);
        Assert.Equal(JobOutcome.Failed, back.Outcome);
        Assert.True(back.IsTerminal);
        Assert.Contains("\"state\":\"failed\"", Encoding.UTF8.GetString(report.ToJson()), StringComparison.Ordinal);

        var request = new ChunkRequest { JobId = "job-1", Bundle = Digest, Want = [-1, 0, 2] };
        Assert.Equal([-1, 0, 2], ChunkRequest.Parse(request.ToJson()).Want);
    }

    [Fact]
    public void Telemetry_carries_samples_as_objects()
    {
        using var sample = JsonDocument.Parse("""{"schema":1,"device":"d1"}""");
        var batch = new TelemetryBatch { Id = "d1", Samples = [sample.RootElement] };
        var back = TelemetryBatch.Parse(batch.ToJson());
        Assert.Equal("d1", back.Samples[0].GetProperty("device").GetString());
        Assert.Equal(FleetError.MalformedPayload, Assert.Throws<FleetException>(() => TelemetryBatch.Parse("""{"schema":1,"id":"d1","samples":[1]}"""u8)).Error);
    }

    [Theory]
    [InlineData("""{"schema":1,"jobId":"j","rolloutId":"r","action":"cancel","deadline":"2026-12-01T00:00:00Z","extra":1}""")]
    [InlineData("""{"schema":1,"jobId":"j","jobId":"k","rolloutId":"r","action":"cancel","deadline":"2026-12-01T00:00:00Z"}""")]
    [InlineData("""{"schema":1,"rolloutId":"r","action":"cancel","deadline":"2026-12-01T00:00:00Z"}""")]
    [InlineData("""{"schema":1,"jobId":null,"rolloutId":"r","action":"cancel","deadline":"2026-12-01T00:00:00Z"}""")]
    [InlineData("""{"schema":1,"jobId":"j","rolloutId":"r","action":2,"deadline":"2026-12-01T00:00:00Z"}""")]
    [InlineData("""{"schema":1,"jobId":"j","rolloutId":"r","action":"reboot","deadline":"2026-12-01T00:00:00Z"}""")]
    [InlineData("""{"schema":1,"jobId":"j/+","rolloutId":"r","action":"cancel","deadline":"2026-12-01T00:00:00Z"}""")]
    [InlineData("""{"schema":1,"jobId":"j","rolloutId":"r","action":"install","deadline":"2026-12-01T00:00:00Z"}""")]
    [InlineData("""{"schema":1,"jobId":"j","rolloutId":"r","action":"cancel","deadline":"2026-12-01T00:00:00Z",}""")]
    [InlineData("""{"schema":1,"jobId":"j","rolloutId":"r","action":"cancel","deadline":"2026-12-01T00:00:00Z"} // c""")]
    [InlineData("""{"jobId":"j","rolloutId":"r","action":"cancel","deadline":"2026-12-01T00:00:00Z"}""")]
    [InlineData("""{"schema":"1","jobId":"j","rolloutId":"r","action":"cancel","deadline":"2026-12-01T00:00:00Z"}""")]
    [InlineData("""[1]""")]
    [InlineData("""not json""")]
    public void Malformed_jobs_are_refused(string json) =>
        Assert.Equal(FleetError.MalformedPayload, Assert.Throws<FleetException>(() => JobDocument.Parse(Encoding.UTF8.GetBytes(json))).Error);

    [Fact]
    public void Bad_bundle_fields_name_the_property()
    {
        var bad = Job() with { Bundle = Job().Bundle! with { ChunkSize = (8 << 20) + 1 } };
        var e = Assert.Throws<FleetException>(bad.ToJson);
        Assert.Contains("bundle.chunkSize", e.Message, StringComparison.Ordinal);
        var upper = Job() with { Bundle = Job().Bundle! with { Id = Digest.ToUpperInvariant() } };
        Assert.Contains("bundle.id", Assert.Throws<FleetException>(upper.ToJson).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_schema_is_reported_as_such_before_the_strict_decode()
    {
        var e = Assert.Throws<FleetException>(() => JobDocument.Parse("""{"schema":2,"jobId":"j","newField":true}"""u8));
        Assert.Equal(FleetError.UnsupportedSchema, e.Error);
    }

    [Theory]
    [InlineData("""{"schema":2,"jobId":"job-7","newField":true}""", "job-7")]
    [InlineData("""{"schema":1,"rolloutId":"r","jobId":"job-7","action":"install"}""", "job-7")]
    [InlineData("""{"schema":1,"nested":{"jobId":"inner"},"jobId":"job-7","action":"explode"}""", "job-7")]
    [InlineData("""{"schema":1,"jobId":"../etc","action":"install"}""", null)]
    [InlineData("""{"schema":1,"jobId":7}""", null)]
    [InlineData("""{"schema":1,"action":"install","jobId":""", null)]
    [InlineData("""["jobId","job-7"]""", null)]
    public void A_refused_job_s_id_is_read_only_when_it_is_a_valid_top_level_id(string json, string? id)
    {
        Assert.Throws<FleetException>(() => JobDocument.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(id, JobDocument.ReadableJobId(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void The_size_limit_is_checked_before_parsing()
    {
        var big = new byte[FleetLimits.MaxJobPayload + 1];
        Assert.Equal(FleetError.PayloadTooLarge, Assert.Throws<FleetException>(() => JobDocument.Parse(big)).Error);
        var request = new byte[FleetLimits.MaxSmallPayload + 1];
        Assert.Equal(FleetError.PayloadTooLarge, Assert.Throws<FleetException>(() => ChunkRequest.Parse(request)).Error);
    }

    [Theory]
    [InlineData("""{"schema":1,"jobId":"j","bundle":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","want":[]}""")]
    [InlineData("""{"schema":1,"jobId":"j","bundle":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","want":[1,1]}""")]
    [InlineData("""{"schema":1,"jobId":"j","bundle":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","want":[-2]}""")]
    [InlineData("""{"schema":1,"jobId":"j","bundle":"abc","want":[1]}""")]
    public void Malformed_chunk_requests_are_refused(string json) =>
        Assert.Equal(FleetError.MalformedPayload, Assert.Throws<FleetException>(() => ChunkRequest.Parse(Encoding.UTF8.GetBytes(json))).Error);

    [Fact]
    public void Progress_rules()
    {
        var done = new ProgressReport { JobId = "j", Seq = 1, State = ProgressState.Downloading, ChunksDone = 4, ChunksTotal = 3 };
        Assert.Contains("chunksDone", Assert.Throws<FleetException>(done.ToJson).Message, StringComparison.Ordinal);
        var outcome = new ProgressReport { JobId = "j", Seq = 1, State = ProgressState.Writing, ChunksDone = 0, ChunksTotal = 0, Outcome = JobOutcome.Committed };
        Assert.Contains("outcome", Assert.Throws<FleetException>(outcome.ToJson).Message, StringComparison.Ordinal);
        var seq = new ProgressReport { JobId = "j", Seq = 0, State = ProgressState.Accepted, ChunksDone = 0, ChunksTotal = 0 };
        Assert.Contains("seq", Assert.Throws<FleetException>(seq.ToJson).Message, StringComparison.Ordinal);
    }

    private sealed class JobComparer : IEqualityComparer<JobDocument>
    {
        public bool Equals(JobDocument? x, JobDocument? y) =>
            x is not null && y is not null && x.JobId == y.JobId && x.RolloutId == y.RolloutId && x.Action == y.Action
            && x.Bundle == y.Bundle && x.Deadline == y.Deadline && x.Schema == y.Schema;

        public int GetHashCode(JobDocument obj) => obj.JobId.GetHashCode(StringComparison.Ordinal);
    }
}
