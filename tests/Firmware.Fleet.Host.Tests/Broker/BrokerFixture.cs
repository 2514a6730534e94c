using System.Net;
using Firmware.Fleet.Host.Access;
using Firmware.Fleet.Host.Broker;
using Firmware.Fleet.Host.Credentials;

namespace Firmware.Fleet.Host.Tests.Broker;

/// <summary>An embedded broker on a random loopback port with users dev-a, dev-b and controller.</summary>
internal sealed class BrokerFixture : IAsyncDisposable
{
    public static readonly IReadOnlyDictionary<string, string> Passwords = new Dictionary<string, string>
    {
        ["dev-a"] = "password-a",
        ["dev-b"] = "password-b",
        ["controller"] = "password-c",
    };

    private BrokerFixture(FleetBroker broker, int port, List<string> log)
    {
        Broker = broker;
        Port = port;
        Log = log;
    }

    public FleetBroker Broker { get; }

    public int Port { get; }

    public List<string> Log { get; }

    public static PasswordFile Users() =>
        PasswordFile.From(Passwords.Select(p => KeyValuePair.Create(p.Key, MosquittoPasswordHash.Create(p.Value, iterations: 10))));

    public static async Task<BrokerFixture> StartAsync(Func<BrokerOptions, BrokerOptions>? adjust = null)
    {
        var log = new List<string>();
        var port = LoopbackPort.Free();
        var options = new BrokerOptions
        {
            Endpoint = new IPEndPoint(IPAddress.Loopback, port),
            Passwords = Users(),
            Policy = new AccessPolicy("fw", ["controller"]),
            Log = line => { lock (log) { log.Add(line); } },
        };
        var broker = await FleetBroker.StartAsync(adjust?.Invoke(options) ?? options);
        return new BrokerFixture(broker, port, log);
    }

    public Task<(MqttProbe Probe, MQTTnet.MqttClientConnectResultCode Code)> ConnectAsync(string? user, string? password = null, string? clientId = null, Action<MQTTnet.MqttClientOptionsBuilder>? configure = null) =>
        MqttProbe.ConnectAsync("127.0.0.1", Port, user, password ?? (user is null ? null : Passwords.GetValueOrDefault(user)), clientId, configure: configure);

    public async Task<MqttProbe> ConnectedAsync(string user)
    {
        var (probe, code) = await ConnectAsync(user);
        Assert.Equal(MQTTnet.MqttClientConnectResultCode.Success, code);
        return probe;
    }

    public ValueTask DisposeAsync() => Broker.DisposeAsync();
}
