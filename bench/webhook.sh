#!/usr/bin/env bash
# Throughput of the Stripe webhook (POST /billing/webhook): unique, genuinely signed events per second through
# signature check, inbox insert and enqueue, with latency percentiles. See docs/benchmarks.md.
#
#   bench/webhook.sh                    # PostgreSQL at DATABASE_URL, Redis at REDIS_URL (defaults: local servers)
#   REDIS_URL= bench/webhook.sh         # without Redis: the job is enqueued in the PostgreSQL queue
#   BENCH_BASE=http://127.0.0.1:8080 bench/webhook.sh   # against an app you started (same STRIPE_WEBHOOK_SECRET)
#   DURATION=60 CONNECTIONS=64 bench/webhook.sh         # seconds measured (default 30), concurrent senders (32)
#
# The load generator (bench/WebhookLoad.java) signs every event exactly as Stripe does, so each request pays the
# full path. Events name an organization that does not exist, so the worker ends them "ignored" cheaply.
source "$(dirname "$0")/lib.sh"

export STRIPE_WEBHOOK_SECRET="${STRIPE_WEBHOOK_SECRET:-whsec_bench_0123456789}"
export DURATION="${DURATION:-30}" WARMUP="${WARMUP:-10}" CONNECTIONS="${CONNECTIONS:-32}"

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
java -Xmx512m "$BENCH_DIR/WebhookLoad.java"
