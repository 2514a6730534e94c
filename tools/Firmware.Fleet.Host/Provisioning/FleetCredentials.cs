using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Firmware.Fleet.Host.Access;
using Firmware.Fleet.Host.Credentials;

namespace Firmware.Fleet.Host.Provisioning;

/// <summary>
/// Everything a Mosquitto broker and its clients need for a fleet (docs/fleet.md): the password
/// file, the ACL file rendered from <see cref="AccessPolicy"/>, a mosquitto.conf with a TLS
/// listener that uses them, a test CA with a server certificate, and per user a password, a
/// client certificate and its key. Planned in memory first, then written all at once.
/// </summary>
public static class FleetCredentials
{
    /// <summary>How long the test CA and its certificates are valid.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(825);

    /// <summary>Plans the files for <paramref name="devices"/> under <paramref name="directory"/> (absolute; mosquitto.conf names files by it).</summary>
    /// <exception cref="ArgumentException">A device id is invalid, repeated, or a controller's name.</exception>
    public static IReadOnlyList<PlannedFile> Plan(IReadOnlyList<string> devices, AccessPolicy policy, string directory, IPEndPoint listener, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(listener);
        if (!Path.IsPathFullyQualified(directory))
        {
            throw new ArgumentException($"{directory}: must be an absolute path", nameof(directory));
        }

        foreach (var clash in devices.Where(policy.Controllers.Contains))
        {
            throw new ArgumentException($"device '{clash}' has a controller's username", nameof(devices));
        }

        var files = new List<PlannedFile>();
        var hashes = new List<KeyValuePair<string, string>>();
        using var authority = TestCertificateAuthority.Create("Fleet test CA", now, Lifetime);
        var server = authority.IssueServer("localhost");
        files.Add(new("tls/ca.crt", authority.CertificatePem, false));
        files.Add(new("tls/ca.key", authority.KeyPem, true));
        files.Add(new("tls/server.crt", server.CertificatePem, false));
        files.Add(new("tls/server.key", server.KeyPem, true));
        foreach (var (folder, user) in policy.Controllers.Order(StringComparer.Ordinal).Select(c => ("controllers", c)).Concat(devices.Select(d => ("devices", d))))
        {
            var password = NewPassword();
            hashes.Add(KeyValuePair.Create(user, MosquittoPasswordHash.Create(password)));
            var client = authority.IssueClient(user);
            files.Add(new($"{folder}/{user}/password", password + "\n", true));
            files.Add(new($"{folder}/{user}/client.crt", client.CertificatePem, false));
            files.Add(new($"{folder}/{user}/client.key", client.KeyPem, true));
        }

        files.Add(new("passwd", PasswordFile.From(hashes).Write(), true));
        files.Add(new("acl", AclFile.Write(policy), false));
        files.Add(new("mosquitto.conf", MosquittoConf(directory, listener), false));
        return files;
    }

    /// <summary>
    /// Writes <paramref name="files"/> into a new directory beside <paramref name="directory"/>,
    /// flushed, then renames it into place: the directory appears complete or not at all.
    /// </summary>
    /// <exception cref="IOException"><paramref name="directory"/> exists.</exception>
    public static async Task WriteAsync(IReadOnlyList<PlannedFile> files, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var full = Path.GetFullPath(directory);
        if (Path.Exists(full))
        {
            throw new IOException($"{directory} exists; refusing to overwrite it");
        }

        var staging = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        try
        {
            Directory.CreateDirectory(staging, Private);
            foreach (var file in files)
            {
                var path = Path.Combine(staging, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!, Private);
                var mode = file.Secret ? UnixFileMode.UserRead | UnixFileMode.UserWrite : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode };
                await using var stream = new FileStream(path, options);
                await stream.WriteAsync(Encoding.UTF8.GetBytes(file.Content), cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            Directory.Move(staging, full);
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            throw;
        }
    }

    /// <summary>
    /// mosquitto.conf(5) for one TLS listener: every client needs a certificate from the test CA
    /// and a password; the username is the identity the ACL confines, and it replaces the client
    /// id so no client can take over another's persistent session.
    /// </summary>
    private static string MosquittoConf(string directory, IPEndPoint listener)
    {
        string P(string relative) => Path.Combine(directory, relative);
        var text = new StringBuilder();
        text.Append("# Mosquitto 2 configuration for the fleet (docs/fleet.md), written by fwtool fleet acl.\n");
        text.Append("per_listener_settings false\nallow_anonymous false\n");
        text.Append(CultureInfo.InvariantCulture, $"password_file {P("passwd")}\nacl_file {P("acl")}\n");
        text.Append("use_username_as_clientid true\n");
        // The controller acknowledges a device's report only once its effect is stored, so a
        // rollout's burst queues at the broker; Mosquitto's default of 1000 queued messages per
        // client drops final reports at a few thousand devices (docs/performance.md, "Fleet controller").
        text.Append("max_queued_messages 1000000\n\n");
        text.Append(CultureInfo.InvariantCulture, $"listener {listener.Port} {listener.Address}\n");
        text.Append("protocol mqtt\n");
        text.Append(CultureInfo.InvariantCulture, $"cafile {P("tls/ca.crt")}\ncertfile {P("tls/server.crt")}\nkeyfile {P("tls/server.key")}\n");
        text.Append("tls_version tlsv1.2\nrequire_certificate true\nuse_identity_as_username false\n");
        return text.ToString();
    }

    private static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
}
