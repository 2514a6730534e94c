namespace Firmware.Init.Boot;

/// <summary>The host's identity and loopback network, set once at boot.</summary>
public interface IHostSetup
{
    /// <summary>sethostname(2).</summary>
    /// <exception cref="IOException">The call failed.</exception>
    void SetHostname(string name);

    /// <summary>Sets IFF_UP on <c>lo</c>, which the kernel brings up with no address until told to.</summary>
    /// <exception cref="IOException">The call failed.</exception>
    void BringUpLoopback();
}
