namespace Firmware.Fleet.Host.Access;

/// <summary>
/// One access rule. A device rule's <see cref="Pattern"/> holds <c>%u</c> for the client's
/// username, as a Mosquitto <c>pattern</c> line does; a controller rule is a plain <c>topic</c> line.
/// </summary>
/// <param name="Kind">What the rule grants.</param>
/// <param name="Pattern">The topic filter, with <c>%u</c> in device rules.</param>
/// <param name="ForDevices">True for a per-device <c>pattern</c> rule, false for a controller <c>topic</c> rule.</param>
public sealed record AccessRule(AccessKind Kind, string Pattern, bool ForDevices)
{
    /// <summary>True when the rule lets a client read (subscribe).</summary>
    public bool Reads => Kind is AccessKind.Read or AccessKind.ReadWrite;

    /// <summary>True when the rule lets a client write (publish).</summary>
    public bool Writes => Kind is AccessKind.Write or AccessKind.ReadWrite;

    /// <summary>The filter for one user: <c>%u</c> replaced by <paramref name="username"/>.</summary>
    public string For(string username) => Pattern.Replace("%u", username, StringComparison.Ordinal);
}
