#!/usr/bin/env bash
# Audit export at scale (docs/benchmarks.md#audit-export): seeds ROWS audit rows for one organization straight into
# PostgreSQL with generate_series, runs the app with a bounded heap (-Xmx256m), streams GET /audit?format=csv and
# ?format=ndjson to disk, and reports rows/s and whether every row arrived with the app still healthy. Before the
# seeding it also exports the organization's real rows as NDJSON and checks them offline with the script in
# docs/audit.md.
#
#   bench/audit-export.sh                  # 1,000,000 rows
#   ROWS=200000 bench/audit-export.sh
#   HEAP=128m bench/audit-export.sh
BENCH_DB="${BENCH_DB:-saaskit_bench_audit}"
BENCH_PORT="${BENCH_PORT:-4078}"
BENCH_WORK="${BENCH_WORK:-${TMPDIR:-/tmp}/saaskit-bench-audit}"
source "$(dirname "$0")/lib.sh"

ROWS="${ROWS:-1000000}"
HEAP="${HEAP:-256m}"
JAVA_OPTS="-Xms64m -Xmx$HEAP -XX:+ExitOnOutOfMemoryError"
rm -f "$WORK/app.log"

build_jar
fresh_database
trap stop_app EXIT
start_app

read -r ORG TOKEN _KEY < <(make_org_and_key 1000000000)
AUTH=(-H "Authorization: Bearer $TOKEN")

echo "== offline verification of a real export (docs/audit.md)"
for i in 1 2 3; do
    curl -fsS -o /dev/null -X POST "$BASE/api-keys" -H 'Content-Type: application/json' "${AUTH[@]}" \
        -d "{\"name\":\"key_$i\"}"
done
VERIFY_PY="$WORK/audit-verify.py"
sed -n '/<!-- audit-verify:start -->/,/<!-- audit-verify:end -->/p' "$ROOT/docs/audit.md" | sed '1,2d;$d' | sed '$d' \
    > "$VERIFY_PY"
curl -fsS "${AUTH[@]}" "$BASE/audit?format=ndjson" -o "$WORK/real.ndjson"
if OUT=$(python3 "$VERIFY_PY" "$WORK/real.ndjson"); then
    check "$OUT" true
else
    check "offline verification: $OUT" false
fi

echo "== seeding $ROWS rows for org $ORG"
START_SEQ=$(sql "select head_seq from audit_chain where org_id = '$ORG'")
SEED_START=$(date +%s.%N)
sql "insert into audit_log (id, org_id, seq, created_at, actor_type, actor_user_id, action, target_type, target_id,
                            metadata, request_id, ip, user_agent, prev_hash, hash)
     select gen_random_uuid(), '$ORG', $START_SEQ + i, now() - interval '1 day' + i * interval '1 millisecond',
            'user', gen_random_uuid(), 'bench.row', 'thing', 'target,' || i || ',\"quoted\"',
            jsonb_build_object('i', i, 'note', '=cmd ' || i), 'req-' || i, '127.0.0.1', 'bench/1.0',
            encode(sha256(('p' || i)::bytea), 'hex'), encode(sha256(('h' || i)::bytea), 'hex')
       from generate_series(1, $ROWS) as i" >/dev/null
sql "update audit_chain set head_seq = $START_SEQ + $ROWS, head_hash = encode(sha256(('h' || $ROWS)::bytea), 'hex')
      where org_id = '$ORG'" >/dev/null
sql "analyze audit_log" >/dev/null
echo "  seeded in $(awk -v s="$SEED_START" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}') s"
EXPECTED=$((START_SEQ + ROWS))

# Streams one export to disk and checks that it holds every row up to the chain head it announces (each export
# appends its own audit.exported row, so the head grows by one per export).
export_format() {
    local format="$1" file="$WORK/export.$1" result code seconds bytes lines head
    result=$(curl -sS "${AUTH[@]}" -D "$WORK/headers.$format" -o "$file" \
        -w '%{http_code} %{time_total} %{size_download}' "$BASE/audit?format=$format")
    read -r code seconds bytes <<<"$result"
    head=$(sed -n 's/^X-Audit-Chain-Head: \([0-9]*\):.*/\1/ip' "$WORK/headers.$format")
    lines=$(wc -l <"$file")
    local rows=$((lines - 1))
    echo "  $format: HTTP $code, $rows rows, $((bytes / 1048576)) MiB in ${seconds}s =" \
        "$(awk -v r="$rows" -v s="$seconds" 'BEGIN {printf "%d", r / s}') rows/s," \
        "$(awk -v b="$bytes" -v s="$seconds" 'BEGIN {printf "%.1f", b / s / 1048576}') MiB/s"
    check "$format export complete (every row up to the chain head $head)" \
        "$([ "$code" = 200 ] && [ "$rows" = "$head" ] && [ "$head" -ge "$EXPECTED" ] && echo true)"
}

echo "== exports with -Xmx$HEAP"
export_format csv
RSS_CSV=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$APP_PID/status")
export_format ndjson
RSS=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$APP_PID/status")
echo "  peak resident set of the app: $RSS MiB (after the CSV export: $RSS_CSV MiB)"
check "the app is still up and ready" "$(curl -fsS -o /dev/null "$BASE/ready" && kill -0 "$APP_PID" && echo true)"
check "no OutOfMemoryError in the log" "$(grep -q OutOfMemoryError "$WORK/app.log" && echo false || echo true)"
LAST=$(tail -n 1 "$WORK/export.csv" | cut -d, -f2)
check "the CSV ends with the chain head's row (seq $EXPECTED)" "$([ "$LAST" = "$EXPECTED" ] && echo true)"
exit $FAILED
