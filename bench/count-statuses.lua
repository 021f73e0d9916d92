-- wrk script: sends the API key from BENCH_KEY and counts responses by status across all threads.
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    ok = 0
    limited = 0
    other = 0
    wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY")
end

function response(status, headers, body)
    if status == 200 then
        ok = ok + 1
    elseif status == 429 then
        limited = limited + 1
    else
        other = other + 1
    end
end

function done(summary, latency, requests)
    local o, l, x = 0, 0, 0
    for _, thread in ipairs(threads) do
        o = o + thread:get("ok")
        l = l + thread:get("limited")
        x = x + thread:get("other")
    end
    io.write(string.format("STATUS ok=%d limited=%d other=%d\n", o, l, x))
end
