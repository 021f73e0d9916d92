-- wrk script of bench/webhook.sh: posts each pre-signed event of the file WEBHOOK_EVENTS (written by
-- bench/WebhookEvents.java) exactly once. A duplicate would be answered cheaply (200, "duplicate":true) and inflate the
-- rate, so nothing is ever resent: thread i of THREADS takes events i, i + THREADS, ... and a thread whose events
-- are used up stops sending and counts it as "exhausted". Counts responses across all threads, as count-statuses.lua
-- does, and prints one WEBHOOK line with the counts and the latency percentiles in milliseconds.
local threads = {}

function setup(thread)
    thread:set("slot", #threads)
    table.insert(threads, thread)
end

function init(args)
    accepted, duplicate, refused, exhausted = 0, 0, 0, 0
    local stride = tonumber(os.getenv("THREADS"))
    local file = assert(io.open(os.getenv("WEBHOOK_EVENTS"), "rb"))
    -- The request as wrk.format would build it, concatenated directly: loading is several times faster.
    local head = "POST " .. wrk.path .. " HTTP/1.1\r\nHost: " .. wrk.headers["Host"]
        .. "\r\nContent-Type: application/json; charset=utf-8\r\nStripe-Signature: "
    events, used = {}, 0
    local index = 0
    for line in file:lines() do
        local signature, length = line:match("^(%S+) (%d+)$")
        -- Read, not seek, past the other threads' events: a seek would drop the read buffer every time.
        local body = file:read(tonumber(length) + 1)
        if index % stride == slot then
            events[#events + 1] = head .. signature .. "\r\nContent-Length: " .. length .. "\r\n\r\n"
                .. body:sub(1, -2)
        end
        index = index + 1
    end
    file:close()
end

-- wrk takes thread 0's first request once before the run to check it, unsent: that event is skipped, never reused.
function request()
    used = used + 1
    local next = events[used]
    if next == nil then
        -- Nothing left that was never sent: write nothing and end this thread.
        exhausted = exhausted + 1
        wrk.thread:stop()
        return ""
    end
    return next
end

function response(status, headers, body)
    if status < 200 or status > 299 then
        refused = refused + 1
    elseif body:find('"duplicate":true', 1, true) then
        duplicate = duplicate + 1
    else
        accepted = accepted + 1
    end
end

function done(summary, latency, requests)
    local a, d, r, x = 0, 0, 0, 0
    for _, thread in ipairs(threads) do
        a = a + thread:get("accepted")
        d = d + thread:get("duplicate")
        r = r + thread:get("refused")
        x = x + thread:get("exhausted")
    end
    local e = summary.errors
    io.write(string.format(
        "WEBHOOK seconds=%.3f accepted=%d duplicate=%d non2xx=%d exhausted=%d socket_errors=%d timeouts=%d"
            .. " p50=%.2f p90=%.2f p99=%.2f\n",
        summary.duration / 1e6, a, d, r, x, e.connect + e.read + e.write, e.timeout,
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000))
end
