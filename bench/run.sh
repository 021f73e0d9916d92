#!/usr/bin/env bash
# Throughput benchmark of the metered GET /data against a bare endpoint (GET /health) of the same app, with the
# same headers, in the same run. See docs/benchmarks.md.
#
#   bench/run.sh                 # PostgreSQL at DATABASE_URL, Redis at REDIS_URL (defaults: local servers)
#   REDIS_URL= bench/run.sh      # without Redis: quotas counted in PostgreSQL
#   DURATION=60s bench/run.sh    # longer measurement (default 30s), CONNECTIONS (default 32), THREADS (default 2)
source "$(dirname "$0")/lib.sh"

DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-15s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"

need_wrk
build_jar
fresh_database
trap stop_app EXIT
start_app
read -r ORG TOKEN KEY < <(make_org_and_key 1000000000)
log "org $ORG, key ${KEY:0:12}..."

run_wrk() {
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2" --timeout 10s --latency -H "Authorization: Bearer $KEY" "$BASE$1"
}

# Runs wrk and records the CPU the app, PostgreSQL and Redis used meanwhile ("app pg redis" seconds) in $3.
measure() {
    local pg redis a0 p0 r0 out
    pg=$(postgres_pids | tr '\n' ' ')
    redis=$(redis_pids | tr '\n' ' ')
    a0=$(cpu_seconds "$APP_PID"); p0=$(cpu_seconds $pg); r0=$(cpu_seconds $redis)
    out=$(run_wrk "$1" "$2")
    printf '%s %s %s\n' "$(awk -v a="$(cpu_seconds "$APP_PID")" -v b="$a0" 'BEGIN {print a - b}')" \
        "$(awk -v a="$(cpu_seconds $pg)" -v b="$p0" 'BEGIN {print a - b}')" \
        "$(awk -v a="$(cpu_seconds $redis)" -v b="$r0" 'BEGIN {print a - b}')" >"$3"
    printf '%s\n' "$out"
}

log "warming up ($WARMUP each)"
run_wrk /health "$WARMUP" >/dev/null
run_wrk /data "$WARMUP" >/dev/null

summary() {
    local out="$1" rps p50 p99 non2xx
    rps=$(printf '%s\n' "$out" | awk '/^Requests\/sec:/ {print $2}')
    p50=$(printf '%s\n' "$out" | awk '$1 == "50%" {print $2}')
    p99=$(printf '%s\n' "$out" | awk '$1 == "99%" {print $2}')
    non2xx=$(printf '%s\n' "$out" | awk '/Non-2xx/ {print $5}')
    printf '%s %s %s %s\n' "$rps" "$p50" "$p99" "${non2xx:-0}"
}

log "measuring /health for $DURATION"
BARE_OUT=$(measure /health "$DURATION" "$WORK/cpu-health.txt")
log "measuring /data for $DURATION"
DATA_OUT=$(measure /data "$DURATION" "$WORK/cpu-data.txt")
read -r BARE_RPS BARE_P50 BARE_P99 BARE_ERR < <(summary "$BARE_OUT")
read -r DATA_RPS DATA_P50 DATA_P99 DATA_ERR < <(summary "$DATA_OUT")
read -r BARE_APP BARE_PG BARE_REDIS <"$WORK/cpu-health.txt"
read -r DATA_APP DATA_PG DATA_REDIS <"$WORK/cpu-data.txt"
SECONDS_RUN=$(printf '%s' "$DURATION" | sed 's/s$//')
per_request() { awk -v c="$1" -v r="$2" -v s="$SECONDS_RUN" 'BEGIN {printf "%.0f", c * 1e6 / (r * s)}'; }
EVENTS=$(sql "select count(*) from usage_event where org_id = '$ORG'")

printf '\n%s\n' "$DATA_OUT" >"$WORK/wrk-data.txt"
printf '\n%s\n' "$BARE_OUT" >"$WORK/wrk-health.txt"
echo
echo "machine:     $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "setup:       wrk -t$THREADS -c$CONNECTIONS -d$DURATION, quotas counted in $([ -n "$REDIS_URL" ] && echo Redis || echo PostgreSQL)"
echo "load:        $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) after the run"
printf '%-12s %12s %10s %10s %10s\n' endpoint 'requests/s' p50 p99 non-2xx
printf '%-12s %12s %10s %10s %10s\n' /health "$BARE_RPS" "$BARE_P50" "$BARE_P99" "$BARE_ERR"
printf '%-12s %12s %10s %10s %10s\n' /data "$DATA_RPS" "$DATA_P50" "$DATA_P99" "$DATA_ERR"
echo "ratio /data / bare: $(awk -v a="$DATA_RPS" -v b="$BARE_RPS" 'BEGIN {printf "%.2f", a / b}')"
echo "usage events recorded for the org (warm-up included): $EVENTS"
echo "CPU per request (microseconds; app JVM / PostgreSQL backends / Redis):"
echo "  /health: $(per_request "$BARE_APP" "$BARE_RPS") / $(per_request "$BARE_PG" "$BARE_RPS") / $(per_request "$BARE_REDIS" "$BARE_RPS")"
echo "  /data:   $(per_request "$DATA_APP" "$DATA_RPS") / $(per_request "$DATA_PG" "$DATA_RPS") / $(per_request "$DATA_REDIS" "$DATA_RPS")"
