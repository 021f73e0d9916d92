-- Fixed-window rate limit that opens at the first counted hit.
-- KEYS[1]: the bucket; ARGV[1]: the window in milliseconds; ARGV[2]: how many hits to count (at least 1).
-- Returns {hits in the current window (these included), milliseconds until the window closes}.
-- Refused hits are counted too but never move the expiry, so they cannot extend the window.
local hits = tonumber(ARGV[2])
local count = redis.call('INCRBY', KEYS[1], hits)
if count == hits then
    redis.call('PEXPIRE', KEYS[1], ARGV[1])
    return {count, tonumber(ARGV[1])}
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
    -- A bucket without expiry (written by hand, or an expiry lost in a failover) would never reset: repair it.
    redis.call('PEXPIRE', KEYS[1], ARGV[1])
    ttl = tonumber(ARGV[1])
end
return {count, ttl}
