#!/usr/bin/env bash
# Throughput benchmark of the metered GET /data against a bare endpoint (GET /health) of the same app, with the
# same headers, in the same run. See docs/benchmarks.md.
#
#   bench/run.sh                 # PostgreSQL at DATABASE_URL, Redis at REDIS_URL (defaults: local servers)
#   REDIS_URL= bench/run.sh      # without Redis: quotas counted in PostgreSQL
#   JOURNAL=1 bench/run.sh       # with the local usage journal (saaskit.metering.journal.directory) instead of
#                                # each request waiting for its group commit
#   DURATION=60s bench/run.sh    # longer measurement per endpoint (default 30s), CONNECTIONS (default 32),
#                                # WARMUP_ROUND (10s) and WARMUP_MAX_ROUNDS (12): the warm-up, until steady,
#                                # THREADS (default 2), SLICES (default 5): the measurement alternates /health and
#                                # /data in this many slices, so a change in the machine's load hits both alike
source "$(dirname "$0")/lib.sh"

DURATION="${DURATION:-30s}"
WARMUP_ROUND="${WARMUP_ROUND:-10s}"
WARMUP_MAX_ROUNDS="${WARMUP_MAX_ROUNDS:-12}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
SLICES="${SLICES:-5}"

need_wrk
build_jar
fresh_database
if [ "${JOURNAL:-}" = "1" ]; then
    export SAASKIT_METERING_JOURNAL_DIRECTORY="$WORK/usage-journal"
fi
trap stop_app EXIT
start_app
read -r ORG TOKEN KEY < <(make_org_and_key 1000000000)
log "org $ORG, key ${KEY:0:12}..."

run_wrk() {
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --timeout 10s --latency -H "Authorization: Bearer $KEY" "$BASE$1"
}

# Runs wrk for one slice and adds the CPU the app, PostgreSQL and Redis used meanwhile to the totals in $3
# ("app pg redis" seconds); appends wrk's output to $4.
measure() {
    local pg redis a0 p0 r0 a1 p1 r1 a p r out
    pg=$(postgres_pids | tr '\n' ' ')
    redis=$(redis_pids | tr '\n' ' ')
    a0=$(cpu_seconds "$APP_PID"); p0=$(cpu_seconds $pg); r0=$(cpu_seconds $redis)
    out=$(run_wrk "$1" "$2")
    a1=$(cpu_seconds "$APP_PID"); p1=$(cpu_seconds $pg); r1=$(cpu_seconds $redis)
    read -r a p r <"$3"
    awk -v a="$a" -v p="$p" -v r="$r" -v a0="$a0" -v a1="$a1" -v p0="$p0" -v p1="$p1" -v r0="$r0" -v r1="$r1" \
        'BEGIN {print a + a1 - a0, p + p1 - p0, r + r1 - r0}' >"$3"
    printf '%s\n' "$out" >>"$4"
}

# Warms both endpoints up, alternating rounds, until the JIT compiler is done with them: at least three rounds, then
# until each endpoint's throughput is within 10 % of its previous round (on 2 shared cores the compiler competes
# with the load, and /data still gained 50 % after 30 s of it), or WARMUP_MAX_ROUNDS.
warm_up() {
    local round=0 health=0 data=0 previous_health previous_data
    while [ "$round" -lt "$WARMUP_MAX_ROUNDS" ]; do
        round=$((round + 1))
        previous_health=$health; previous_data=$data
        health=$(run_wrk /health "$WARMUP_ROUND" | awk '/^Requests\/sec:/ {printf "%d", $2}')
        data=$(run_wrk /data "$WARMUP_ROUND" | awk '/^Requests\/sec:/ {printf "%d", $2}')
        log "warm-up round $round: /health $health req/s, /data $data req/s"
        if [ "$round" -ge 3 ] && steady "$previous_health" "$health" && steady "$previous_data" "$data"; then
            return
        fi
    done
    log "not steady after $WARMUP_MAX_ROUNDS warm-up rounds; measuring anyway"
}

steady() { awk -v a="$1" -v b="$2" 'BEGIN {exit !(a > 0 && b > 0 && (b - a) / a < 0.10 && (a - b) / a < 0.10)}'; }

warm_up

# Latencies of wrk's output ("812.00us", "3.10ms", "1.20s") in milliseconds, one per line.
latencies_ms() {
    awk -v q="$2" '$1 == q {
        t = $2
        if (t ~ /us$/) v = substr(t, 1, length(t) - 2) / 1000
        else if (t ~ /ms$/) v = substr(t, 1, length(t) - 2) + 0
        else v = substr(t, 1, length(t) - 1) * 1000
        printf "%.2f\n", v
    }' "$1"
}

# Sums the slices of one endpoint: requests/s over all of them, the median slice's p50, the worst slice's p99, and
# the non-2xx answers.
summary() {
    local requests errors p50 p99
    requests=$(awk '/requests in/ {n += $1} END {print n + 0}' "$1")
    errors=$(awk '/Non-2xx/ {n += $5} END {print n + 0}' "$1")
    p50=$(latencies_ms "$1" 50% | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
    p99=$(latencies_ms "$1" 99% | sort -n | tail -1)
    printf '%s %sms %sms %s\n' "$(awk -v n="$requests" -v s="$SECONDS_RUN" 'BEGIN {printf "%.2f", n / s}')" \
        "$p50" "$p99" "$errors"
}

SLICE_SECONDS=$(awk -v d="$(printf '%s' "$DURATION" | sed 's/s$//')" -v n="$SLICES" 'BEGIN {printf "%d", d / n}')
SECONDS_RUN=$((SLICE_SECONDS * SLICES))
echo "0 0 0" >"$WORK/cpu-health.txt"
echo "0 0 0" >"$WORK/cpu-data.txt"
: >"$WORK/wrk-health.txt"
: >"$WORK/wrk-data.txt"
for slice in $(seq 1 "$SLICES"); do
    log "slice $slice of $SLICES: /health then /data, ${SLICE_SECONDS}s each"
    measure /health "${SLICE_SECONDS}s" "$WORK/cpu-health.txt" "$WORK/wrk-health.txt"
    measure /data "${SLICE_SECONDS}s" "$WORK/cpu-data.txt" "$WORK/wrk-data.txt"
done
read -r BARE_RPS BARE_P50 BARE_P99 BARE_ERR < <(summary "$WORK/wrk-health.txt")
read -r DATA_RPS DATA_P50 DATA_P99 DATA_ERR < <(summary "$WORK/wrk-data.txt")
read -r BARE_APP BARE_PG BARE_REDIS <"$WORK/cpu-health.txt"
read -r DATA_APP DATA_PG DATA_REDIS <"$WORK/cpu-data.txt"
per_request() { awk -v c="$1" -v r="$2" -v s="$SECONDS_RUN" 'BEGIN {printf "%.0f", c * 1e6 / (r * s)}'; }
EVENTS=$(events_of "$ORG")

echo
echo "machine:     $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "setup:       wrk -t$THREADS -c$CONNECTIONS, $SLICES alternating slices of ${SLICE_SECONDS}s per endpoint, quotas counted in $([ -n "$REDIS_URL" ] && echo Redis || echo PostgreSQL)"
echo "recording:   $([ -n "${SAASKIT_METERING_JOURNAL_DIRECTORY:-}" ] && echo "local usage journal in $SAASKIT_METERING_JOURNAL_DIRECTORY" || echo "group commit (each /data request waits for its event's commit)")"
echo "app:         $(java -version 2>&1 | head -1), ${JAVA_OPTS:--Xms512m -Xmx1g}${JAVA_TOOL_OPTIONS:+ $JAVA_TOOL_OPTIONS}, request threads ${SERVER_TOMCAT_THREADS_MAX:-200 (the Tomcat default)}"
echo "load:        $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) after the run"
printf '%-10s %12s %20s %19s %9s\n' endpoint 'requests/s' 'p50 (median slice)' 'p99 (worst slice)' non-2xx
printf '%-10s %12s %20s %19s %9s\n' /health "$BARE_RPS" "$BARE_P50" "$BARE_P99" "$BARE_ERR"
printf '%-10s %12s %20s %19s %9s\n' /data "$DATA_RPS" "$DATA_P50" "$DATA_P99" "$DATA_ERR"
echo "ratio /data / bare: $(awk -v a="$DATA_RPS" -v b="$BARE_RPS" 'BEGIN {printf "%.2f", a / b}')"
echo "usage events recorded for the org (warm-up included): $EVENTS"
echo "CPU per request (microseconds; app JVM / PostgreSQL backends / Redis):"
echo "  /health: $(per_request "$BARE_APP" "$BARE_RPS") / $(per_request "$BARE_PG" "$BARE_RPS") / $(per_request "$BARE_REDIS" "$BARE_RPS")"
echo "  /data:   $(per_request "$DATA_APP" "$DATA_RPS") / $(per_request "$DATA_PG" "$DATA_RPS") / $(per_request "$DATA_REDIS" "$DATA_RPS")"
