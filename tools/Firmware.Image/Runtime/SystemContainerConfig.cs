using Firmware.Image.Runtime.Oci;
using Firmware.Image.Spec;

namespace Firmware.Image.Runtime;

/// <summary>Everything needed to run one system container: its OCI config.json, and what the init does around it.</summary>
/// <param name="Config">The OCI runtime config (config.json).</param>
/// <param name="Runtime">LinuxKit's runtime actions (cgroups, host mounts, mkdir, interfaces, namespace binds), merged label &lt; spec.</param>
public sealed record SystemContainerConfig(OciSpec Config, RuntimeActions Runtime);
