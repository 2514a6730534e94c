namespace Firmware.Fleet.Host.Access;

/// <summary>What a rule grants, as Mosquitto's ACL file spells it (mosquitto.conf(5), acl_file).</summary>
public enum AccessKind
{
    /// <summary>Subscribe and receive.</summary>
    Read,

    /// <summary>Publish.</summary>
    Write,

    /// <summary>Both.</summary>
    ReadWrite,
}
