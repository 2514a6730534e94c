namespace Firmware.Image.Spec;

/// <summary>A network interface LinuxKit's init creates (<c>add</c>) or moves into a container's namespace.</summary>
/// <param name="Name">The interface's name inside the container.</param>
/// <param name="Add">The link type to create (such as <c>veth</c>, <c>wireguard</c>), or null to move an existing one.</param>
/// <param name="Peer">The other end's name, for veth pairs.</param>
/// <param name="CreateInRoot">Create in the root namespace, then move.</param>
public sealed record NetworkInterface(string Name, string? Add, string? Peer, bool CreateInRoot);
