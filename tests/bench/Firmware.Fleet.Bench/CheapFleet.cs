using System.Globalization;
using System.Threading.Channels;
using Firmware.Fleet.Payloads;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Firmware.Fleet.Bench;

/// <summary>
/// Many cheap devices in one process, each its own MQTT 5 client following docs/protocol.md:
/// retained birth, job subscription, the chunk download (header then every chunk, 8 in flight;
/// bytes counted, not verified: the agent's checks are measured elsewhere), the progress states
/// with increasing seq, and a new birth with the new version before the trial.
/// </summary>
internal sealed class CheapFleet : IAsyncDisposable
{
    private readonly List<IMqttClient> _clients = [];
    private long _chunks;

    private long _retries;

    public long ChunksReceived => Interlocked.Read(ref _chunks);

    public long Retries => Interlocked.Read(ref _retries);

    public static async Task<CheapFleet> ConnectAsync(int port, int count, string compatible)
    {
        var fleet = new CheapFleet();
        var topics = new FleetTopics();
        var factory = new MqttClientFactory();
        // Connected 50 at a time. A keep-alive of ten minutes: thousands of clients in one process on
        // a busy machine miss short ones, and a device the broker drops would not come back.
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 50 }, async (i, token) =>
        {
            var id = $"bench-{i:00000}";
            var client = factory.CreateMqttClient();
            lock (fleet._clients)
            {
                fleet._clients.Add(client);
            }

            var device = new Device(fleet, client, topics, id, compatible);
            client.ApplicationMessageReceivedAsync += device.OnMessageAsync;
            await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithProtocolVersion(MqttProtocolVersion.V500).WithClientId(id)
                .WithKeepAlivePeriod(TimeSpan.FromMinutes(10)).WithTimeout(TimeSpan.FromSeconds(120)).Build(), token);
            await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(topics.For(id, FleetTopicKind.Job), MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter(topics.For(id, FleetTopicKind.ChunkResponse), MqttQualityOfServiceLevel.AtLeastOnce).Build(), token);
            await device.BirthAsync("1.0.0");
        });

        return fleet;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisconnectAsync();
            client.Dispose();
        }
    }

    private sealed class Device(CheapFleet fleet, IMqttClient client, FleetTopics topics, string id, string compatible)
    {
        private readonly Channel<int> _arrived = Channel.CreateUnbounded<int>();
        private readonly HashSet<int> _have = [];
        private long _seq;
        private string? _job;

        public Task<MqttClientPublishResult> BirthAsync(string version) => PublishAsync(FleetTopicKind.State, new DeviceState
        {
            Id = id, State = DeviceStatus.Online, Board = "bench", Compatible = compatible, Version = version, Slot = "A", BootCount = 1, Agent = "bench", Tags = [], Since = DateTimeOffset.UtcNow,
        }.ToJson(), retain: true);

        public Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
        {
            var payload = e.ApplicationMessage.Payload;
            if (e.ApplicationMessage.Topic.EndsWith("/job", StringComparison.Ordinal))
            {
                if (payload.Length > 0 && JobDocument.Parse(System.Buffers.BuffersExtensions.ToArray(payload)) is { Action: JobAction.Install } job && job.JobId != _job)
                {
                    _job = job.JobId;
                    _ = Task.Run(() => InstallAsync(job));
                }

                return Task.CompletedTask;
            }

            var index = int.Parse(e.ApplicationMessage.UserProperties.First(p => p.Name == ChunkProperties.Index).ReadValueAsString(), CultureInfo.InvariantCulture);
            lock (_have)
            {
                _have.Add(index);
            }

            Interlocked.Increment(ref fleet._chunks);
            _arrived.Writer.TryWrite(index);
            return Task.CompletedTask;
        }

        private async Task InstallAsync(JobDocument job)
        {
            var bundle = job.Bundle!;
            await ReportAsync(job, ProgressState.Accepted, 0);
            await ReportAsync(job, ProgressState.Downloading, 0);
            var wanted = Enumerable.Range(-1, bundle.Chunks + 1).ToList();
            for (var next = 0; next < wanted.Count;)
            {
                var batch = wanted.Skip(next).Take(8).ToList();
                await PublishAsync(FleetTopicKind.ChunkRequest, new ChunkRequest { JobId = job.JobId, Bundle = bundle.Id, Want = batch }.ToJson(), retain: false);
                // A batch not answered within 30 s is asked again, as the agent does (protocol.md section 4).
                using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                var answered = 0;
                try
                {
                    for (; answered < batch.Count; answered++)
                    {
                        await _arrived.Reader.ReadAsync(patience.Token);
                    }
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref fleet._retries);
                    continue;
                }

                next += batch.Count;
            }

            foreach (var state in new[] { ProgressState.Verifying, ProgressState.Writing, ProgressState.Armed, ProgressState.Rebooting })
            {
                await ReportAsync(job, state, bundle.Chunks);
            }

            await BirthAsync(bundle.Version);
            await ReportAsync(job, ProgressState.Trial, bundle.Chunks);
            await ReportAsync(job, ProgressState.Committed, bundle.Chunks, JobOutcome.Committed);
        }

        private Task<MqttClientPublishResult> ReportAsync(JobDocument job, ProgressState state, int done, JobOutcome? outcome = null) =>
            PublishAsync(FleetTopicKind.Progress, new ProgressReport { JobId = job.JobId, Seq = ++_seq, State = state, ChunksDone = done, ChunksTotal = job.Bundle!.Chunks, Outcome = outcome }.ToJson(), retain: false);

        private Task<MqttClientPublishResult> PublishAsync(FleetTopicKind kind, byte[] payload, bool retain) =>
            client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topics.For(id, kind)).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(retain).Build());
    }
}
