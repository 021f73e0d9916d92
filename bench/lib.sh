# Shared helpers of bench/run.sh and bench/race.sh: build the app, start and stop it, make an org and a key.
# Sourced, not run. Every request goes to 127.0.0.1 only.

set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
# BENCH_JAR runs a jar built elsewhere as it is (to compare two builds in alternation); by default the example
# app's jar, rebuilt when the sources are newer.
JAR="${BENCH_JAR:-$ROOT/example-app/target/example-app.jar}"
WORK="${BENCH_WORK:-${TMPDIR:-/tmp}/saaskit-bench}"
PORT="${BENCH_PORT:-4077}"
BASE="http://127.0.0.1:$PORT"
ADMIN_DATABASE_URL="${BENCH_ADMIN_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
BENCH_DB="${BENCH_DB:-saaskit_bench}"
DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/$BENCH_DB}"
REDIS_URL="${REDIS_URL-redis://127.0.0.1:6379}"
# Each run keeps its Redis keys under a prefix of its own (deleted when the app stops).
REDIS_PREFIX="${BENCH_REDIS_PREFIX:-saaskit-bench-$$:}"
mkdir -p "$WORK"

log() { printf '[bench] %s\n' "$*" >&2; }

# Prints one check's outcome and remembers a failure in FAILED (the scripts exit with it).
FAILED=0
check() {
    if [ "$2" = "true" ]; then
        echo "  ok    $1"
    else
        echo "  FAIL  $1"
        FAILED=1
    fi
}

need_wrk() {
    if ! command -v wrk >/dev/null 2>&1; then
        log "installing wrk (Debian package)"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >/dev/null
    fi
}

build_jar() {
    if [ -n "${BENCH_JAR:-}" ]; then
        return
    fi
    if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT" -path '*/src/main/*' -newer "$JAR" -print -quit 2>/dev/null)" ]; then
        log "building $JAR"
        # Removed first: otherwise the jar plugin keeps the repackaged jar of an earlier build and nothing changes.
        rm -f "$JAR"
        (cd "$ROOT" && ./mvnw -B -q -pl example-app -am package -DskipTests -Dmaven.test.skip=true) >&2
    fi
}

# A fresh database for the run (the app migrates it on start).
fresh_database() {
    if [ "${BENCH_KEEP_DATABASE:-}" = "1" ]; then
        return
    fi
    log "recreating database $BENCH_DB"
    psql -q "$ADMIN_DATABASE_URL" -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null
    psql -q "$ADMIN_DATABASE_URL" -c "CREATE DATABASE $BENCH_DB" >/dev/null
}

APP_PID=""

# Starts the app in the background and waits until /ready answers 200.
start_app() {
    local logfile="$WORK/app.log"
    log "starting the app on port $PORT (log: $logfile)${REDIS_URL:+ with Redis $REDIS_URL}"
    env API_PORT="$PORT" DATABASE_URL="$DATABASE_URL" REDIS_URL="$REDIS_URL" SAASKIT_REDIS_KEYPREFIX="$REDIS_PREFIX" \
        API_KEY_RATE_LIMIT="${API_KEY_RATE_LIMIT:-1000000000}" API_KEY_RATE_LIMIT_WINDOW_SEC=60 \
        AUTH_REGISTER_IP_RATE_LIMIT=0 AUTH_LOGIN_IP_RATE_LIMIT=0 AUTH_LOGIN_IDENTIFIER_RATE_LIMIT=0 \
        DATABASE_POOL_MAX="${DATABASE_POOL_MAX:-10}" LOG_LEVEL="${LOG_LEVEL:-warn}" \
        SPRING_PROFILES_ACTIVE=plain-logs \
        java ${JAVA_OPTS:--Xms512m -Xmx1g} -jar "$JAR" >>"$logfile" 2>&1 &
    APP_PID=$!
    for _ in $(seq 1 120); do
        if curl -fsS -o /dev/null "$BASE/ready" 2>/dev/null; then
            return
        fi
        if ! kill -0 "$APP_PID" 2>/dev/null; then
            log "the app exited; see $logfile"
            exit 1
        fi
        sleep 0.5
    done
    log "the app did not become ready; see $logfile"
    exit 1
}

stop_app() {
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    APP_PID=""
    forget_redis_keys
}

# Deletes this run's Redis keys (jobs left unprocessed, counters), so the next run's worker does not spend the
# cores on a backlog of events whose rows went with the dropped database.
forget_redis_keys() {
    if [ -n "$REDIS_URL" ] && command -v redis-cli >/dev/null 2>&1; then
        redis-cli -u "$REDIS_URL" --scan --pattern "$REDIS_PREFIX*" | xargs -r -n 500 redis-cli -u "$REDIS_URL" del \
            >/dev/null 2>&1 || true
    fi
}

json_field() {
    sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\)\"\{0,1\}.*/\1/p"
}

# Registers a user and org, sets the plan limit, creates an API key. Prints "ORG_ID SESSION API_KEY".
make_org_and_key() {
    local limit="$1" email="bench-$(date +%s%N)@example.com" reply org token key
    reply=$(curl -fsS -X POST "$BASE/auth/register" -H 'Content-Type: application/json' \
        -d "{\"email\":\"$email\",\"password\":\"BenchPass1!x\",\"orgName\":\"Bench Org\"}")
    org=$(printf '%s' "$reply" | json_field orgId)
    token=$(printf '%s' "$reply" | json_field sessionToken)
    curl -fsS -o /dev/null -X POST "$BASE/admin/plan" -H 'Content-Type: application/json' \
        -H "Authorization: Bearer $token" -d "{\"plan\":\"bench\",\"planLimit\":$limit}"
    reply=$(curl -fsS -X POST "$BASE/api-keys" -H 'Content-Type: application/json' \
        -H "Authorization: Bearer $token" -d '{"name":"bench_key"}')
    key=$(printf '%s' "$reply" | json_field secret)
    printf '%s %s %s\n' "$org" "$token" "$key"
}

sql() {
    psql -qtA "$DATABASE_URL" -c "$1"
}

# The usage events of an organization, once the count has stopped moving (with the local usage journal, events reach
# the database moments after their 200).
events_of() {
    local before=-1 now
    now=$(sql "select count(*) from usage_event where org_id = '$1'")
    while [ "$now" != "$before" ]; do
        sleep 0.5
        before=$now
        now=$(sql "select count(*) from usage_event where org_id = '$1'")
    done
    echo "$now"
}

# CPU seconds used so far by a set of processes (from /proc, 1/100 s resolution).
cpu_seconds() {
    local total=0 pid ticks
    for pid in "$@"; do
        if [ -r "/proc/$pid/stat" ]; then
            ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat")
            total=$((total + ticks))
        fi
    done
    awk -v t="$total" 'BEGIN {printf "%.2f", t / 100}'
}

# The processes a measurement charges: the app, the PostgreSQL backends of the bench database, Redis.
app_pids() { echo "$APP_PID"; }
postgres_pids() { psql -qtA "$ADMIN_DATABASE_URL" -c "select pid from pg_stat_activity where datname = '$BENCH_DB'"; }
redis_pids() { pgrep -x redis-server || true; }
