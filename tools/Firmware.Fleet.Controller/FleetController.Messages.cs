using Firmware.Fleet.Payloads;
using MQTTnet;

namespace Firmware.Fleet.Controller;

/// <summary>Device messages in: strict parsing, then the engine; anything refused is logged, counted and dropped (docs/protocol.md section 2).</summary>
public sealed partial class FleetController
{
    /// <remarks>
    /// Every message is acknowledged from the engine's loop, in the order the messages arrived, as
    /// MQTT 5 §4.6 asks of a receiver. A device message is acknowledged once the engine has stored
    /// its effect; a chunk request is served off the loop, but its PUBACK still waits its turn. The
    /// loop hands each PUBACK to <see cref="AcknowledgeAsync"/>, which sends them one by one in that
    /// order, so the loop never waits for the connection (busy with chunk answers) itself.
    /// Acknowledging chunk requests (and dropped messages) at once, ahead of reports still being
    /// stored, broke that order, and Mosquitto then delivered reports of about one device in ten
    /// out of order: a newer report of a job overtook an older one queued at the broker, and the
    /// older one arrived stale (docs/protocol.md 3.4).
    /// </remarks>
    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        e.AutoAcknowledge = false;
        var work = Take(e.ApplicationMessage);

        // Not awaited here: the engine's loop publishes (and waits for PUBACKs) while this receive handler returns.
        _ = RunAsync(async engine =>
        {
            try
            {
                if (work is not null)
                {
                    await work(engine).ConfigureAwait(false);
                }
            }
            finally
            {
                _acks.Writer.TryWrite(e);
            }

            return 0;
        });
        return Task.CompletedTask;
    }

    /// <summary>Sends the PUBACKs the engine's loop released, in the order it released them.</summary>
    private async Task AcknowledgeAsync(CancellationToken cancellationToken)
    {
        await foreach (var e in _acks.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await e.AcknowledgeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // The connection dropped: the broker sends the message again in the resumed session, and it is taken again idempotently.
            }
            catch (Exception x) when (x is not OperationCanceledException)
            {
                _options.Log($"PUBACK for {e.ApplicationMessage.Topic} not sent: {x.Message}");
            }
        }
    }

    /// <summary>What a message asks of the engine's loop; null when nothing (dropped, or a chunk request, which is served off the loop at once).</summary>
    private Func<Engine.FleetEngine, Task>? Take(MqttApplicationMessage message)
    {
        if (!_topics.TryParse(message.Topic, out var topic))
        {
            Drop(message.Topic, "not a device topic of this prefix");
            return null;
        }

        Counters.Add(ControllerCounter.MessagesReceived);
        var payload = System.Buffers.BuffersExtensions.ToArray(message.Payload);
        if (topic.Kind != FleetTopicKind.ChunkRequest)
        {
            return engine => HandleAsync(engine, message.Topic, topic, payload);
        }

        // Off the engine's loop: the chunk server paces its own sends.
        if (Parse(message.Topic, () => ChunkRequest.Parse(payload)) is { } request)
        {
            _ = Chunks.HandleAsync(topic.DeviceId, request, _stopping.Token).ContinueWith(
                t => _options.Log($"chunks for {topic.DeviceId}: {t.Exception!.GetBaseException().Message}"),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        return null;
    }

    private async Task HandleAsync(Engine.FleetEngine engine, string name, FleetTopic topic, byte[] payload)
    {
        if (payload.Length == 0)
        {
            // A retained message cleared by hand: nothing to take.
            return;
        }

        switch (topic.Kind)
        {
            case FleetTopicKind.State when Parse(name, () => DeviceState.Parse(payload)) is { } state && SameDevice(name, topic.DeviceId, state.Id):
                engine.OnState(topic.DeviceId, state);
                break;
            case FleetTopicKind.Telemetry when Parse(name, () => TelemetryBatch.Parse(payload)) is { } batch && SameDevice(name, topic.DeviceId, batch.Id):
                engine.OnTelemetry(topic.DeviceId, batch);
                break;
            case FleetTopicKind.Progress when Parse(name, () => ProgressReport.Parse(payload)) is { } report:
                await SendAsync(engine.OnProgress(topic.DeviceId, report)).ConfigureAwait(false);
                break;
            default:
                break;
        }
    }

    private T? Parse<T>(string topic, Func<T> parse)
        where T : class
    {
        try
        {
            return parse();
        }
        catch (FleetException x)
        {
            Drop(topic, $"{x.Error}: {x.Message}");
            return null;
        }
    }

    private bool SameDevice(string topic, string topicId, string payloadId)
    {
        if (topicId == payloadId)
        {
            return true;
        }

        Drop(topic, $"the payload names device '{payloadId}'");
        return false;
    }

    private void Drop(string topic, string why)
    {
        Counters.Add(ControllerCounter.MessagesDropped);
        _options.Log($"dropped {topic}: {why}");
    }
}
