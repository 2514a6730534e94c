using Firmware.Signing;

namespace Firmware.Cli;

/// <summary>Private keys read from files for one command, disposed (wiped) together when it ends.</summary>
public sealed class SigningKeySet : IDisposable
{
    private readonly List<SigningKey> _keys;

    private SigningKeySet(List<SigningKey> keys) => _keys = keys;

    /// <summary>The keys, in the order given.</summary>
    public IReadOnlyList<SigningKey> Keys => _keys;

    /// <summary>Reads every key in <paramref name="paths"/>; on failure, those already read are disposed.</summary>
    public static SigningKeySet Read(IEnumerable<string>? paths)
    {
        var keys = new List<SigningKey>();
        try
        {
            foreach (var path in paths ?? [])
            {
                keys.Add(KeyFiles.ReadSigningKey(path));
            }

            return new SigningKeySet(keys);
        }
        catch
        {
            keys.ForEach(k => k.Dispose());
            throw;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _keys.ForEach(k => k.Dispose());
}
