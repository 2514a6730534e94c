using System.Text;
using Firmware.Fleet.Host.Access;

namespace Firmware.Fleet.Host.Credentials;

/// <summary>
/// Mosquitto's password file (mosquitto.conf(5), <c>password_file</c>): one <c>USERNAME:HASH</c>
/// per line with a <c>$7$</c> hash (<see cref="MosquittoPasswordHash"/>). Read strictly: every
/// line must be such an entry with a username the protocol accepts, and no username twice.
/// </summary>
public sealed class PasswordFile
{
    private readonly Dictionary<string, string> _hashes;

    private PasswordFile(Dictionary<string, string> hashes) => _hashes = hashes;

    /// <summary>The usernames, in file order.</summary>
    public IEnumerable<string> Users => _hashes.Keys;

    /// <summary>Builds a file from username and hash pairs.</summary>
    /// <exception cref="ArgumentException">A username is invalid or repeated, or a hash malformed.</exception>
    public static PasswordFile From(IEnumerable<KeyValuePair<string, string>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (user, hash) in entries)
        {
            if (!FleetNames.IsDeviceId(user) || !MosquittoPasswordHash.IsWellFormed(hash) || !hashes.TryAdd(user, hash))
            {
                throw new ArgumentException($"'{user}': an invalid or repeated username, or a malformed hash", nameof(entries));
            }
        }

        return new PasswordFile(hashes);
    }

    /// <summary>Parses <paramref name="text"/>; <paramref name="fileName"/> names the file in errors.</summary>
    /// <exception cref="CredentialFileException">A line is malformed, or a username repeats.</exception>
    public static PasswordFile Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 && i == lines.Length - 1)
            {
                break;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw new CredentialFileException(fileName, i + 1, "not USERNAME:HASH");
            }

            var user = line[..colon];
            var hash = line[(colon + 1)..];
            if (!FleetNames.IsDeviceId(user))
            {
                throw new CredentialFileException(fileName, i + 1, $"'{user}' is not a username the fleet accepts (1-64 of [A-Za-z0-9._-])");
            }

            if (!MosquittoPasswordHash.IsWellFormed(hash))
            {
                throw new CredentialFileException(fileName, i + 1, $"{user}: not a $7$ (PBKDF2-SHA512) hash; re-create it with mosquitto_passwd or fwtool fleet acl");
            }

            if (!hashes.TryAdd(user, hash))
            {
                throw new CredentialFileException(fileName, i + 1, $"{user}: listed twice");
            }
        }

        return new PasswordFile(hashes);
    }

    /// <summary>True when <paramref name="user"/> is listed and <paramref name="password"/> is its password.</summary>
    public bool Verify(string? user, string? password) =>
        user is not null && password is not null && _hashes.TryGetValue(user, out var hash) && MosquittoPasswordHash.Verify(password, hash);

    /// <summary>The file's text, one entry per line, in insertion order.</summary>
    public string Write()
    {
        var text = new StringBuilder();
        foreach (var (user, hash) in _hashes)
        {
            text.Append(user).Append(':').Append(hash).Append('\n');
        }

        return text.ToString();
    }
}
