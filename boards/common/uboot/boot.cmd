# A/B slot choice with a trial counter, for U-Boot (compile: mkimage -A arm64 -T script -C none -d boot.cmd boot.scr).
# The variables are shared with the agent's U-Boot backend; their table is in docs/boot-control.md.
#
# Sets fw_boot_slot to A or B. With a trial armed (fw_trial) and tries left (fw_tries), it counts one
# try down with setexpr, saves the environment and boots the trial slot; with no tries left it boots
# the primary slot (fw_primary) by itself. setexpr computes in hexadecimal: counts up to 9, the
# most the agent arms, read and print the same in both bases.
# A board's script runs this one, then loads the kernel of ${fw_boot_slot}, e.g.:
#   setenv bootargs "${bootargs} root=PARTLABEL=root-${fw_boot_slot} fw.slot=${fw_boot_slot}"

if test "${fw_primary}" = "B"; then
    setenv fw_boot_slot B
else
    setenv fw_boot_slot A
fi

if test -n "${fw_trial}"; then
    if test "${fw_tries}" -gt 0; then
        setexpr fw_tries ${fw_tries} - 1
        setenv fw_boot_slot ${fw_trial}
    else
        # Used up: the primary slot, and the count stays 0.
        setenv fw_tries 0
    fi
    # Record the choice before booting it, so that the agent can tell a trial boot from a fallback.
    setenv fw_booted ${fw_boot_slot}
    # A board whose environment lives in a file rather than where saveenv writes (QEMU, whose
    # pflash saveenv fails) sets fw_saveenv to the commands that store it (env export + fatwrite).
    if test -n "${fw_saveenv}"; then
        run fw_saveenv
    else
        saveenv
    fi
fi
