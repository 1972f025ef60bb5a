#!/usr/bin/env bash
# Whole-process start-up timings: the Trellis host (bndrun/target/host.jar) against bare Felix + SCR
# (bndrun/target/bare-felix.jar). Every run is a new JVM with a fresh trellis.home, an empty deploy dir
# and a fresh framework cache (the bnd launcher uses a new temp dir per run). Host and bare runs alternate
# so background load hits both alike. What "ready" means is printed with the results; see docs/benchmarks.md.
#
# Usage: bench/startup.sh [runs]      (default 9; env JAVA_HOME picks the JDK, else java on PATH)
set -euo pipefail

RUNS="${1:-9}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
HOST_JAR="$REPO/bndrun/target/host.jar"
BARE_JAR="$REPO/bndrun/target/bare-felix.jar"
AOT_CACHE="$REPO/bndrun/target/host.aot" # made by ./trellis on JDK 25+ (one training start)
TUNING=() # the JVM flags ./trellis adds (bndrun/host.jvmflags)
while IFS= read -r flag; do
    if [[ -n "$flag" && "$flag" != \#* ]]; then TUNING+=("$flag"); fi
done <"$REPO/bndrun/host.jvmflags"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
TIMEOUT_S=60

[[ "$RUNS" =~ ^[0-9]+$ && "$RUNS" -ge 1 ]] || { echo "runs must be a positive number, got '$RUNS'" >&2; exit 2; }
for jar in "$HOST_JAR" "$BARE_JAR"; do
    [[ -f "$jar" ]] || { echo "missing $jar: build first (./trellis build)" >&2; exit 2; }
done
command -v curl >/dev/null || { echo "curl is needed to poll the console" >&2; exit 2; }

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

now_ns() { date +%s%N; }

free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 20000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

stop_java() { # pid
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
    PIDS=()
}

# Host: milliseconds from process start until the web console answers HTTP at all (401 counts).
run_host() { # extra JVM flags...   (env SAME_HOME=dir: start on that home instead of a fresh one)
    local run_dir port start end code pid home
    run_dir="$(mktemp -d "$WORK/host.XXXX")"
    mkdir -p "$run_dir/home" "$run_dir/deploy"
    home="${SAME_HOME:-$run_dir/home}"
    port="$(free_port)"
    start="$(now_ns)"
    "$JAVA" "$@" --enable-native-access=ALL-UNNAMED -Dtrellis.home="$home" -Dtrellis.deploy="$run_dir/deploy" \
        -Dtrellis.config="$REPO/runtime-config" -Dorg.osgi.service.http.port="$port" \
        -jar "$HOST_JAR" >"$run_dir/out.log" 2>&1 &
    pid=$!
    PIDS=("$pid")
    while :; do
        code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/system/console/trellis" || true)"
        # 401 = the Web Console is up and its Trellis security provider answers; a 404 comes earlier
        # from Jetty alone (the console registers only once the provider is there).
        [[ "$code" == 401 ]] && break
        if ! kill -0 "$pid" 2>/dev/null || (($(now_ns) - start > TIMEOUT_S * 1000000000)); then
            stop_java "$pid"
            echo "host did not answer on port $port; log: " >&2
            cat "$run_dir/out.log" >&2
            exit 1
        fi
        sleep 0.02
    done
    end="$(now_ns)"
    stop_java "$pid"
    echo $(((end - start) / 1000000))
}

# Any jar: milliseconds from process start until the bnd launcher reports that it has installed and started
# all -runbundles (trace line "launcher.ready=true", printed only with -Dlaunch.trace=true). With start
# levels (the host) the launcher first waits until the framework has reached its final start level.
run_launcher_ready() { # jar
    local run_dir port start end="" line pid
    run_dir="$(mktemp -d "$WORK/ready.XXXX")"
    mkdir -p "$run_dir/home" "$run_dir/deploy"
    port="$(free_port)"
    start="$(now_ns)"
    exec 5< <(exec "$JAVA" --enable-native-access=ALL-UNNAMED -Dlaunch.trace=true \
        -Dtrellis.home="$run_dir/home" -Dtrellis.deploy="$run_dir/deploy" \
        -Dtrellis.config="$REPO/runtime-config" -Dorg.osgi.service.http.port="$port" -jar "$1" 2>&1)
    pid=$!
    PIDS=("$pid")
    while IFS= read -r -t "$TIMEOUT_S" line <&5; do
        if [[ "$line" == *"launcher.ready=true"* ]]; then
            end="$(now_ns)"
            break
        fi
    done
    stop_java "$pid"
    exec 5<&-
    [[ -n "$end" ]] || { echo "no launcher.ready line from $1" >&2; exit 1; }
    echo $(((end - start) / 1000000))
}

stats() { # values... -> "median min max"
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%d %d %d\n", m, v[1], v[NR] }'
}

echo "machine: $(nproc) cores, $("$JAVA" -version 2>&1 | head -n 1), load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
echo "warm-up run of each (not counted)..."
run_host >/dev/null
run_launcher_ready "$BARE_JAR" >/dev/null

# The host as ./trellis starts it: the start-up cache when there is one, plus the tuning flags.
as_trellis=("${TUNING[@]}")
if [[ -s "$AOT_CACHE" && "$AOT_CACHE" -nt "$HOST_JAR" ]]; then
    as_trellis=("-XX:AOTCache=$AOT_CACHE" "${TUNING[@]}")
else
    echo "no start-up cache newer than host.jar ($AOT_CACHE): run ./trellis once on JDK 25+ to measure it too" >&2
fi
run_host "${as_trellis[@]}" >/dev/null
# One home used by every "restart" run: the first start (here, unmeasured) leaves what later starts reuse
# (the console password, the database, sqlite-jdbc's native library beside it).
REUSED_HOME="$WORK/reused-home"
mkdir -p "$REUSED_HOME"
SAME_HOME="$REUSED_HOME" run_host "${as_trellis[@]}" >/dev/null

host_http=() host_trellis=() host_restart=() host_ready=() bare_ready=()
for ((i = 1; i <= RUNS; i++)); do
    host_http+=("$(run_host)")
    host_trellis+=("$(run_host "${as_trellis[@]}")")
    host_restart+=("$(SAME_HOME="$REUSED_HOME" run_host "${as_trellis[@]}")")
    bare_ready+=("$(run_launcher_ready "$BARE_JAR")")
    host_ready+=("$(run_launcher_ready "$HOST_JAR")")
    echo "run $i/$RUNS: host console ${host_http[-1]} ms (as ./trellis runs it: first start ${host_trellis[-1]} ms, restart ${host_restart[-1]} ms), host launcher-ready ${host_ready[-1]} ms, bare Felix launcher-ready ${bare_ready[-1]} ms"
done

read -r hh_med hh_min hh_max <<<"$(stats "${host_http[@]}")"
read -r ht_med ht_min ht_max <<<"$(stats "${host_trellis[@]}")"
read -r hs_med hs_min hs_max <<<"$(stats "${host_restart[@]}")"
read -r hr_med hr_min hr_max <<<"$(stats "${host_ready[@]}")"
read -r br_med br_min br_max <<<"$(stats "${bare_ready[@]}")"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

cat <<EOF

JVM flags as ./trellis runs it: ${as_trellis[*]}

| What ($RUNS runs each) | median | min | max |
|---|---|---|---|
| Host, plain java -jar, fresh home: process start -> console answers HTTP | $hh_med ms | $hh_min ms | $hh_max ms |
| Host as ./trellis runs it, fresh home (first start): process start -> console answers HTTP | $ht_med ms | $ht_min ms | $ht_max ms |
| Host as ./trellis runs it, restart on the same home: process start -> console answers HTTP | $hs_med ms | $hs_min ms | $hs_max ms |
| Host, plain: process start -> launcher ready | $hr_med ms | $hr_min ms | $hr_max ms |
| Bare Felix + SCR: process start -> launcher ready | $br_med ms | $br_min ms | $br_max ms |

Ratio host plain console / bare Felix ready (medians): $(ratio "$hh_med" "$br_med")
Ratio host as ./trellis runs it, first start / bare Felix ready (medians): $(ratio "$ht_med" "$br_med")
Ratio host as ./trellis runs it, restart / bare Felix ready (medians): $(ratio "$hs_med" "$br_med")
Ratio host launcher ready / bare Felix ready (medians): $(ratio "$hr_med" "$br_med")
Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
EOF
