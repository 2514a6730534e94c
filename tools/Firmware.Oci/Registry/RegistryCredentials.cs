namespace Firmware.Oci.Registry;

/// <summary>A user name and password (or token) for a registry, sent as HTTP Basic to the registry or its token server.</summary>
/// <param name="Username">The user name.</param>
/// <param name="Password">The password or access token.</param>
public sealed record RegistryCredentials(string Username, string Password)
{
    /// <summary>The value of a Basic <c>Authorization</c> header (RFC 7617).</summary>
    internal string BasicValue => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Username}:{Password}"));

    /// <summary>Never print the password.</summary>
    public override string ToString() => $"{Username}:***";
}
