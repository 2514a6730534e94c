using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Firmware.Cli;
using Firmware.Fleet.Host.Broker;
using Firmware.Fleet.Host.Credentials;

namespace Firmware.Tool.Commands;

/// <summary><c>fwtool broker</c>: the embedded MQTT 5 broker with per-device topic confinement (docs/fleet.md).</summary>
internal static class BrokerCommand
{
    private const string Program = "fwtool";

    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "IPv4 address and port to listen on.", DefaultValueFactory = _ => "127.0.0.1:1883" };
        var ipv6 = new Option<bool>("--ipv6") { Description = "Also listen on IPv6: ::1 with 127.0.0.1, :: with 0.0.0.0." };
        var cert = new Option<string?>("--tls-cert") { Description = "Server certificate (PEM): the port then speaks TLS only." };
        var key = new Option<string?>("--tls-key") { Description = "The certificate's private key (PEM)." };
        var passwords = new Option<string?>("--passwords") { Description = "Mosquitto password file (fwtool fleet acl writes one): who may connect." };
        var anonymous = new Option<bool>("--allow-anonymous") { Description = "Admit clients without a password; the username still confines each to its device's topics. Bench use only." };
        var fleet = new FleetOptions();
        var command = new Command("broker", "Run the embedded MQTT 5 broker until Ctrl-C; each device may use only its own topics.")
        {
            listen, ipv6, cert, key, passwords, anonymous,
        };
        fleet.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(Program, false, async () =>
        {
            var certPath = result.GetValue(cert);
            var keyPath = result.GetValue(key);
            if ((certPath is null) != (keyPath is null))
            {
                throw new UsageException("--tls-cert and --tls-key go together");
            }

            var passwordPath = result.GetValue(passwords);
            if (passwordPath is null && !result.GetValue(anonymous))
            {
                throw new UsageException("no one could connect: give --passwords FILE (fwtool fleet acl writes one) or --allow-anonymous");
            }

            var passwordFile = passwordPath is null ? null : PasswordFile.Parse(await File.ReadAllTextAsync(passwordPath, cancellationToken), passwordPath);
            using var certificate = certPath is null ? null : X509Certificate2.CreateFromPemFile(certPath, keyPath);
            var options = new BrokerOptions
            {
                Endpoint = FleetOptions.Endpoint(result.GetValue(listen)!, "--listen"),
                IPv6 = result.GetValue(ipv6),
                Certificate = certificate,
                Passwords = passwordFile,
                AllowAnonymous = result.GetValue(anonymous),
                Policy = fleet.Policy(result),
                Log = line => Console.Error.WriteLine($"{Program} broker: {line}"),
            };
            if (options.IPv6 && options.IPv6Address is null)
            {
                throw new UsageException("--ipv6 pairs only with --listen 127.0.0.1:PORT (::1) or 0.0.0.0:PORT (::)");
            }

            await using var broker = await FleetBroker.StartAsync(options);
            var where = options.IPv6Address is { } v6 ? $"{options.Endpoint} and [{v6}]:{options.Endpoint.Port}" : options.Endpoint.ToString();
            Console.Error.WriteLine($"{Program} broker: listening on {where} ({(certificate is null ? "plain MQTT" : "TLS")}, prefix {options.Policy.Prefix}/v1, {(passwordFile is null ? "no passwords" : $"{passwordFile.Users.Count()} users")}); Ctrl-C to stop");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C is how a broker ends: stop cleanly and succeed.
            }

            await broker.StopAsync();
            return ExitCodes.Ok;
        }, FleetFailures.Classify));
        return command;
    }
}
