#!/usr/bin/env bash
# Throughput of the Stripe webhook (POST /billing/webhook): unique, genuinely signed events per second through
# signature check, inbox insert and enqueue, with latency percentiles. See docs/benchmarks.md.
#
#   bench/webhook.sh                    # PostgreSQL at DATABASE_URL, Redis at REDIS_URL (defaults: local servers)
#   REDIS_URL= bench/webhook.sh         # without Redis: the job is enqueued in the PostgreSQL queue
#   BENCH_BASE=http://127.0.0.1:8080 bench/webhook.sh   # against an app you started (same STRIPE_WEBHOOK_SECRET)
#   DURATION=60 CONNECTIONS=64 bench/webhook.sh         # seconds measured (default 30), concurrent senders (32)
#
# The app is the example app (bench/lib.sh) with its worker enabled (WORKER_CONCURRENCY, default 5) and this
# STRIPE_WEBHOOK_SECRET. After the load the script waits until the inbox holds no received, processing or failed
# row and prints how long the worker took to drain the backlog left at the end of the load, and the load average.
#
# The load generator (bench/WebhookLoad.java) signs every event exactly as Stripe does, so each request pays the
# full path. Events name an organization that does not exist, so the worker ends them "ignored" cheaply.
source "$(dirname "$0")/lib.sh"

export STRIPE_WEBHOOK_SECRET="${STRIPE_WEBHOOK_SECRET:-whsec_bench_0123456789}"
export DURATION="${DURATION:-30}" WARMUP="${WARMUP:-10}" CONNECTIONS="${CONNECTIONS:-32}"
export SAASKIT_WORKER_ENABLED="${SAASKIT_WORKER_ENABLED:-true}" WORKER_CONCURRENCY="${WORKER_CONCURRENCY:-5}"

if [ -n "${BENCH_BASE:-}" ]; then
    export BASE="$BENCH_BASE"
else
    build_jar
    fresh_database
    trap stop_app EXIT
    start_app
    export BASE
fi

log "posting signed events to $BASE/billing/webhook for ${WARMUP}s warm-up + ${DURATION}s ($CONNECTIONS senders)"
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx512m "$BENCH_DIR/WebhookLoad.java"
loaded="$(cut -d' ' -f1-3 /proc/loadavg)"

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
