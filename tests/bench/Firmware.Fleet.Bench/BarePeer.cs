using System.Diagnostics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Firmware.Fleet.Bench;

/// <summary>The peer of the chunk transfer: the same payloads from one MQTT client to another through the same broker, QoS 1, at most 8 unreceived at a time, nothing else.</summary>
internal static class BarePeer
{
    public static async Task<(double Seconds, long Bytes)> RunAsync(int port, IReadOnlyList<byte[]> payloads)
    {
        var factory = new MqttClientFactory();
        using var sender = factory.CreateMqttClient();
        using var receiver = factory.CreateMqttClient();
        using var window = new SemaphoreSlim(8);
        var done = new TaskCompletionSource();
        var received = 0;
        receiver.ApplicationMessageReceivedAsync += _ =>
        {
            window.Release();
            if (Interlocked.Increment(ref received) == payloads.Count)
            {
                done.TrySetResult();
            }

            return Task.CompletedTask;
        };
        MqttClientOptions Options(string id) => new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithProtocolVersion(MqttProtocolVersion.V500).WithClientId(id).Build();
        await receiver.ConnectAsync(Options("peer-receiver"));
        await receiver.SubscribeAsync("bench/peer", MqttQualityOfServiceLevel.AtLeastOnce);
        await sender.ConnectAsync(Options("peer-sender"));
        var clock = Stopwatch.StartNew();
        foreach (var payload in payloads)
        {
            await window.WaitAsync();
            await sender.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("bench/peer").WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        await done.Task;
        return (clock.Elapsed.TotalSeconds, payloads.Sum(p => (long)p.Length));
    }
}
