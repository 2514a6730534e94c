namespace Firmware.Image.Spec;

/// <summary>When a system container runs: LinuxKit's three container sections.</summary>
public enum ContainerStage
{
    /// <summary><c>onboot</c>: run to completion, in order, at boot.</summary>
    Onboot,
    /// <summary><c>onshutdown</c>: run to completion, in order, at shutdown.</summary>
    Onshutdown,
    /// <summary><c>services</c>: long-running, started after onboot.</summary>
    Service,
}
