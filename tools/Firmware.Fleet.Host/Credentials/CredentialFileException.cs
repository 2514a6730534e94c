namespace Firmware.Fleet.Host.Credentials;

/// <summary>A password file or device list is malformed; the message names the file and line.</summary>
public sealed class CredentialFileException : Exception
{
    /// <summary>Creates the error for <paramref name="file"/> at <paramref name="line"/> (1-based).</summary>
    public CredentialFileException(string file, int line, string message) : base($"{file}:{line}: {message}")
    {
        File = file;
        Line = line;
    }

    /// <inheritdoc cref="Exception()"/>
    public CredentialFileException() { }

    /// <inheritdoc cref="Exception(string)"/>
    public CredentialFileException(string message) : base(message) { }

    /// <inheritdoc cref="Exception(string, Exception)"/>
    public CredentialFileException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>The file that holds the bad line.</summary>
    public string? File { get; }

    /// <summary>The 1-based line number.</summary>
    public int Line { get; }
}
