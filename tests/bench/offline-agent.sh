# Sourced by scripts that run fwagent on this machine with no board and no broker
# (tests/bench/agent-size.sh, agent/Firmware.Agent/make-startup-order.sh).
#
# offline_agent DIR INTERVAL_S makes, in DIR: trust.json (fresh keys, through fwtool run from
# source), proc/cmdline saying slot A is booted, and agent.yml for a simulated board with file
# slots and a telemetry sample every INTERVAL_S seconds. Then
#   fwagent telemetry --config DIR/agent.yml
#   fwagent run --config DIR/agent.yml --proc DIR/proc --init-control DIR/control --installed-version 1.0.0
# both come up and print their ready line.
offline_agent() {
    local dir=$1 interval=$2
    local repo
    repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
    echo "making a trust file (fwtool, JIT) ..." >&2
    local step build=()
    for step in "keygen --out $dir/root" "keygen --out $dir/release" \
        "trust init --root $dir/root.key --release $dir/release.pub --out $dir/trust.json"; do
        # shellcheck disable=SC2086 # the steps are word lists; the paths have no spaces (mktemp)
        dotnet run --project "$repo/tools/Firmware.Tool" -c Release -v quiet "${build[@]}" -- $step >/dev/null
        build=(--no-build)   # built by the first step
    done
    mkdir -p "$dir/proc"
    echo "console=ttyS0 fw.slot=a" >"$dir/proc/cmdline"
    cat >"$dir/agent.yml" <<YAML
device: { id: offline-1, compatible: offline-board }
data-dir: $dir/data
trust: $dir/trust.json
slots:
  a: { file: $dir/a.img, size: 64MiB }
  b: { file: $dir/b.img, size: 64MiB }
boot: { backend: simulated, simulated: { state: $dir/boot.state } }
telemetry: { interval-s: $interval, ring: 10080, mounts: [/] }
YAML
}
