#!/usr/bin/env bash
# Compares builds or settings of the app, /data against /health, in one run (docs/benchmarks.md): each configuration
# runs as an app of its own (its own port, database and Redis key prefix); all are warmed up, then the slices
# alternate between them, so a change of the shared machine's load hits every configuration alike.
#
#   bench/compare.sh 'group commit|' 'journal|SAASKIT_METERING_JOURNAL_DIRECTORY=/tmp/usage-journal'
#   bench/compare.sh 'before|BENCH_JAR=/tmp/before.jar' 'after|BENCH_JAR=/tmp/after.jar'
#   ROUNDS=4 SLICE=10s bench/compare.sh ...   # alternating rounds (default 3) of one slice per endpoint (10s)
#
# A configuration is "label|VAR=value VAR=value ...": the variables are set for its app only (BENCH_JAR picks its
# jar, JAVA_OPTS its JVM options, any other variable reaches the app's environment). Values cannot hold spaces.
source "$(dirname "$0")/lib.sh"

ROUNDS="${ROUNDS:-3}"
SLICE="${SLICE:-10s}"
WARMUP_ROUNDS="${WARMUP_ROUNDS:-4}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
FIRST_PORT="${BENCH_PORT:-4077}"

if [ "$#" -lt 2 ]; then
    echo "usage: bench/compare.sh 'label|VAR=value ...' 'label|VAR=value ...' [...]" >&2
    exit 2
fi

need_wrk
build_jar

LABELS=() PIDS=() PORTS=() KEYS=() DATABASES=() PREFIXES=()
stop_all() {
    local pid prefix
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    done
    for prefix in "${PREFIXES[@]}"; do
        REDIS_PREFIX="$prefix" forget_redis_keys
    done
}
trap stop_all EXIT

index=0
for configuration in "$@"; do
    LABELS+=("${configuration%%|*}")
    settings="${configuration#*|}"
    PORTS+=($((FIRST_PORT + index)))
    DATABASES+=("saaskit_compare_$index")
    PREFIXES+=("saaskit-bench-$$-$index:")
    (
        PORT="${PORTS[$index]}" BASE="http://127.0.0.1:${PORTS[$index]}" BENCH_DB="${DATABASES[$index]}"
        DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$BENCH_DB" REDIS_PREFIX="${PREFIXES[$index]}"
        for assignment in $settings; do
            export "${assignment?}"
        done
        JAR="${BENCH_JAR:-$JAR}"
        fresh_database
        start_app
        echo "$APP_PID" >"$WORK/compare-$index.pid"
    )
    PIDS+=("$(cat "$WORK/compare-$index.pid")")
    BASE="http://127.0.0.1:${PORTS[$index]}"
    read -r _ _ key < <(make_org_and_key 1000000000)
    KEYS+=("$key")
    log "${LABELS[$index]}: app on port ${PORTS[$index]}"
    index=$((index + 1))
done

run_wrk() {
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --timeout 10s --latency -H "Authorization: Bearer ${KEYS[$1]}" \
        "http://127.0.0.1:${PORTS[$1]}$2"
}

log "warming up: $WARMUP_ROUNDS rounds of 10s per endpoint and configuration"
for _ in $(seq 1 "$WARMUP_ROUNDS"); do
    for k in "${!LABELS[@]}"; do
        run_wrk "$k" /data 10s >/dev/null
        run_wrk "$k" /health 10s >/dev/null
    done
done

# Per configuration: requests/s of each endpoint summed over the rounds, app and PostgreSQL CPU seconds during /data
# and /health, and the /data p99 of each round.
declare -A HEALTH DATA APP_DATA PG_DATA APP_HEALTH P99
for k in "${!LABELS[@]}"; do
    HEALTH[$k]=0 DATA[$k]=0 APP_DATA[$k]=0 PG_DATA[$k]=0 APP_HEALTH[$k]=0 P99[$k]=""
done
add() { awk -v a="$1" -v b="$2" -v c="$3" 'BEGIN {print a + c - b}'; }
for round in $(seq 1 "$ROUNDS"); do
    log "round $round of $ROUNDS"
    for k in "${!LABELS[@]}"; do
        pg=$(psql -qtA "$ADMIN_DATABASE_URL" -c \
            "select pid from pg_stat_activity where datname = '${DATABASES[$k]}'" | tr '\n' ' ')
        a0=$(cpu_seconds "${PIDS[$k]}")
        health=$(run_wrk "$k" /health "$SLICE" | awk '/^Requests\/sec:/ {print $2}')
        a1=$(cpu_seconds "${PIDS[$k]}"); p1=$(cpu_seconds $pg)
        out=$(run_wrk "$k" /data "$SLICE")
        a2=$(cpu_seconds "${PIDS[$k]}"); p2=$(cpu_seconds $pg)
        data=$(printf '%s\n' "$out" | awk '/^Requests\/sec:/ {print $2}')
        p99=$(printf '%s\n' "$out" | awk '$1 == "99%" {print $2}')
        HEALTH[$k]=$(add "${HEALTH[$k]}" 0 "$health")
        DATA[$k]=$(add "${DATA[$k]}" 0 "$data")
        APP_HEALTH[$k]=$(add "${APP_HEALTH[$k]}" "$a0" "$a1")
        APP_DATA[$k]=$(add "${APP_DATA[$k]}" "$a1" "$a2")
        PG_DATA[$k]=$(add "${PG_DATA[$k]}" "$p1" "$p2")
        P99[$k]="${P99[$k]} $p99"
        log "  ${LABELS[$k]}: /health $health, /data $data req/s, /data p99 $p99"
    done
done

SECONDS_PER_SLICE=$(printf '%s' "$SLICE" | sed 's/s$//')
echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //');" \
    "$ROUNDS alternating rounds of ${SLICE} per endpoint and configuration, wrk -t$THREADS -c$CONNECTIONS"
printf '%-20s %12s %12s %7s  %-28s %s\n' configuration '/health req/s' '/data req/s' ratio \
    'CPU per request (us)' '/data p99 per round'
for k in "${!LABELS[@]}"; do
    awk -v label="${LABELS[$k]}" -v h="${HEALTH[$k]}" -v d="${DATA[$k]}" -v ah="${APP_HEALTH[$k]}" \
        -v ad="${APP_DATA[$k]}" -v pd="${PG_DATA[$k]}" -v n="$ROUNDS" -v s="$SECONDS_PER_SLICE" -v p99="${P99[$k]}" \
        'BEGIN {
            printf "%-20s %12.0f %12.0f %7.3f  %-28s %s\n", label, h / n, d / n, d / h,
                sprintf("/health %.0f, /data %.0f + PG %.0f", ah * 1e6 / (h * s), ad * 1e6 / (d * s), pd * 1e6 / (d * s)),
                p99
        }'
done
