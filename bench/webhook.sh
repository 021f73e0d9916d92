#!/usr/bin/env bash
# Throughput of the Stripe webhook (POST /billing/webhook): unique, genuinely signed events per second through
# signature check, inbox insert and enqueue, with latency percentiles. See docs/benchmarks.md.
#
#   bench/webhook.sh                    # PostgreSQL at DATABASE_URL, Redis at REDIS_URL (defaults: local servers)
#   REDIS_URL= bench/webhook.sh         # without Redis: the job is enqueued in the PostgreSQL queue
#   BENCH_BASE=http://127.0.0.1:8080 bench/webhook.sh   # against an app you started (same STRIPE_WEBHOOK_SECRET)
#   DURATION=60 CONNECTIONS=64 bench/webhook.sh         # seconds measured (default 30), connections (32)
#
# The app is the example app (bench/lib.sh) with its worker enabled (WORKER_CONCURRENCY, default 5) and this
# STRIPE_WEBHOOK_SECRET. Before the load, bench/WebhookEvents.java writes MAX_RATE (6000) events per second of
# warm-up and of measurement, each unique and signed exactly as Stripe signs; wrk (bench/webhook-events.lua) then
# posts each of them once, so the load generator costs the app's cores little and every request still pays the full
# verification path. Events name an organization that does not exist, so the worker ends them "ignored" cheaply.
# After the load the script waits until the inbox holds no received, processing or failed row and prints how long
# the worker took to drain the backlog left at the end of the load, and the load average.
#
# The signatures are made before the load, so the run refuses to start when the last event would be older than the
# app's STRIPE_WEBHOOK_TOLERANCE (default 300 s, the library's default) by the end of the measurement.
source "$(dirname "$0")/lib.sh"

export STRIPE_WEBHOOK_SECRET="${STRIPE_WEBHOOK_SECRET:-whsec_bench_0123456789}"
export DURATION="${DURATION:-30}" WARMUP="${WARMUP:-10}" CONNECTIONS="${CONNECTIONS:-32}" THREADS="${THREADS:-2}"
export SAASKIT_WORKER_ENABLED="${SAASKIT_WORKER_ENABLED:-true}" WORKER_CONCURRENCY="${WORKER_CONCURRENCY:-5}"
MAX_RATE="${MAX_RATE:-6000}"
TOLERANCE="${STRIPE_WEBHOOK_TOLERANCE:-300}"
# Seconds allowed beyond warm-up and measurement: wrk reading the events files, the pause between the two runs.
SLACK=30
WARMUP_EVENTS="$WORK/webhook-warmup.events"
MEASURED_EVENTS="$WORK/webhook-measured.events"

# Whether events signed at $1 (unix seconds) are still within the tolerance at the end of the measured run.
fits_tolerance() {
    [ $(( $(date +%s) + WARMUP + DURATION + SLACK - $1 )) -le "$TOLERANCE" ]
}

refuse_tolerance() {
    log "events signed $1 would be older than STRIPE_WEBHOOK_TOLERANCE=${TOLERANCE}s by the end of the run"
    log "(${WARMUP}s warm-up + ${DURATION}s measured + ${SLACK}s slack): shorten WARMUP or DURATION, or set"
    log "STRIPE_WEBHOOK_TOLERANCE (the app this script starts gets it) and say so with the figures"
    exit 1
}

fits_tolerance "$(date +%s)" || refuse_tolerance "now"
need_wrk
trap 'stop_app; rm -f "$WARMUP_EVENTS" "$MEASURED_EVENTS"' EXIT
if [ -n "${BENCH_BASE:-}" ]; then
    BASE="$BENCH_BASE"
else
    build_jar
    fresh_database
    start_app
fi

log "signing $((MAX_RATE * WARMUP)) warm-up and $((MAX_RATE * DURATION)) measured events ($MAX_RATE per second)"
signed_at=$(date +%s)
java "$BENCH_DIR/WebhookEvents.java" "$WARMUP_EVENTS" $((MAX_RATE * WARMUP))
java "$BENCH_DIR/WebhookEvents.java" "$MEASURED_EVENTS" $((MAX_RATE * DURATION))
log "signed in $(( $(date +%s) - signed_at )) s"
fits_tolerance "$signed_at" || refuse_tolerance "$(( $(date +%s) - signed_at ))s ago"

# Posts each event of the file $1 once for $2 seconds and prints wrk's output, ending with the script's WEBHOOK line.
run_wrk() {
    WEBHOOK_EVENTS="$1" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$2"s --timeout 10s --latency \
        -s "$BENCH_DIR/webhook-events.lua" "$BASE/billing/webhook"
}

# The values of the WEBHOOK line in the wrk output $1: seconds accepted duplicate non2xx exhausted socket_errors
# timeouts p50 p90 p99 (milliseconds).
webhook_values() {
    local line
    line=$(printf '%s\n' "$1" | sed -n 's/^WEBHOOK //p')
    if [ -z "$line" ]; then
        log "wrk printed no WEBHOOK line; see $WORK/wrk-webhook*.txt"
        exit 1
    fi
    printf '%s\n' "$line" | sed 's/[a-z0-9_]*=//g'
}

yes_if() { if eval "$1"; then echo true; else echo false; fi; }

inbox_before="$(sql "select count(*) from stripe_event")"
log "posting signed events to $BASE/billing/webhook for ${WARMUP}s warm-up + ${DURATION}s (wrk -t$THREADS -c$CONNECTIONS)"
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
WARM_OUT=$(run_wrk "$WARMUP_EVENTS" "$WARMUP")
printf '%s\n' "$WARM_OUT" >"$WORK/wrk-webhook-warmup.txt"
OUT=$(run_wrk "$MEASURED_EVENTS" "$DURATION")
printf '%s\n' "$OUT" >"$WORK/wrk-webhook.txt"
loaded="$(cut -d' ' -f1-3 /proc/loadavg)"
inbox_rows=$(( $(sql "select count(*) from stripe_event") - inbox_before ))

read -r _ W_ACCEPTED W_DUPLICATE _ W_EXHAUSTED _ < <(webhook_values "$WARM_OUT")
read -r SECONDS_RUN ACCEPTED DUPLICATE NON2XX EXHAUSTED SOCKET_ERRORS TIMEOUTS P50 P90 P99 < <(webhook_values "$OUT")
printf 'events/s: %s (%s accepted in %s s); p50 %s ms, p90 %s ms, p99 %s ms; non-2xx %s, duplicates %s, socket errors %s, timeouts %s (wrk -t%s -c%s)\n' \
    "$(awk -v a="$ACCEPTED" -v s="$SECONDS_RUN" 'BEGIN {printf "%.0f", a / s}')" "$ACCEPTED" "$SECONDS_RUN" \
    "$P50" "$P90" "$P99" "$NON2XX" "$DUPLICATE" "$SOCKET_ERRORS" "$TIMEOUTS" "$THREADS" "$CONNECTIONS"
ALL_ACCEPTED=$((W_ACCEPTED + ACCEPTED))
check "every measured event accepted (no non-2xx, socket error or timeout)" \
    "$(yes_if '[ $((NON2XX + SOCKET_ERRORS + TIMEOUTS)) -eq 0 ]')"
check "no event answered as a duplicate" "$(yes_if '[ $((W_DUPLICATE + DUPLICATE)) -eq 0 ]')"
check "the events lasted (MAX_RATE=$MAX_RATE per second was enough)" "$(yes_if '[ $((W_EXHAUSTED + EXHAUSTED)) -eq 0 ]')"
check "new inbox rows ($inbox_rows) = accepted events ($ALL_ACCEPTED) + at most the requests in flight as each run ended" \
    "$(yes_if '[ "$inbox_rows" -ge "$ALL_ACCEPTED" ] && [ "$inbox_rows" -le $((ALL_ACCEPTED + 2 * CONNECTIONS)) ]')"

# The backlog the worker still has to apply once the senders stopped, and how long it takes to empty it.
pending_sql="select count(*) from stripe_event where state in ('received', 'processing', 'failed')"
backlog="$(sql "$pending_sql")"
total="$(sql "select count(*) from stripe_event")"
drain_start=$(date +%s%N)
while [ "$(sql "$pending_sql")" != "0" ]; do
    if [ $(( ($(date +%s%N) - drain_start) / 1000000000 )) -ge "${DRAIN_TIMEOUT:-600}" ]; then
        log "the worker did not drain the inbox within ${DRAIN_TIMEOUT:-600}s"
        break
    fi
    sleep 1
done
drained_ms=$(( ($(date +%s%N) - drain_start) / 1000000 ))
left="$(sql "$pending_sql")"
states="$(sql "select string_agg(state || ' ' || n, ', ' order by state) from (select state, count(*) n from stripe_event group by state) s")"
printf 'queue: %s, %s workers; inbox: %s rows (%s); backlog at the end of the load: %s; %s left after %.1f s of draining (%s)\n' \
    "$([ -n "$REDIS_URL" ] && echo Redis || echo PostgreSQL)" "${WORKER_CONCURRENCY:-5}" "$total" "$states" "$backlog" "$left" \
    "$(awk -v m="$drained_ms" 'BEGIN {print m / 1000}')" \
    "$(awk -v b="$backlog" -v l="$left" -v m="$drained_ms" 'BEGIN {if (m > 0) printf "%.0f events/s", (b - l) * 1000 / m; else print "-"}')"
printf 'load average (1/5/15 min) at the end of the load: %s; after the drain: %s\n' "$loaded" "$(cut -d' ' -f1-3 /proc/loadavg)"

exit "$FAILED"
