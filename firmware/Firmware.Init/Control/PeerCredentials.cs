namespace Firmware.Init.Control;

/// <summary>The connecting process as the kernel reports it (SO_PEERCRED's struct ucred), not as it claims.</summary>
public readonly record struct PeerCredentials(int Pid, int Uid, int Gid)
{
    /// <summary>Only uid 0 may ask (docs/init.md, "Control socket"): the agent runs as uid 0 without capabilities.</summary>
    public bool MayControl => Uid == 0;
}
