namespace Firmware.Bundles;

/// <summary>
/// The failure classes of <see cref="BundleError"/>. Their values are the exit codes of
/// <c>fwtool bundle verify</c> and <c>fwagent verify</c> (see docs/bundle-format.md).
/// </summary>
public enum BundleErrorClass
{
    /// <summary>The tar container is malformed or incomplete.</summary>
    Container = 10,
    /// <summary>The manifest is malformed or inconsistent.</summary>
    Manifest = 11,
    /// <summary>The signatures do not establish trust.</summary>
    Signature = 12,
    /// <summary>A trust file is malformed, expired or not a valid rotation.</summary>
    Trust = 13,
    /// <summary>Payload data does not match the signed manifest.</summary>
    Integrity = 14,
    /// <summary>The bundle is authentic but not installable here.</summary>
    Policy = 15,
}
