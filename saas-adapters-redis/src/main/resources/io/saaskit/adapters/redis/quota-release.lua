-- Gives quantity back to a period's usage counter, never below zero, keeping its expiry.
-- KEYS[1]: the counter; ARGV[1]: the quantity to give back.
-- Returns the usage after the release, or -1 when the counter does not exist (it is not created).
local current = redis.call('GET', KEYS[1])
if not current then
    return -1
end
local used = tonumber(current) - tonumber(ARGV[1])
if used < 0 then
    used = 0
end
redis.call('SET', KEYS[1], used, 'KEEPTTL')
return used
