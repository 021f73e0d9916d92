-- Check-and-add on a period's usage counter, atomically.
-- KEYS[1]: the counter; ARGV[1]: the quantity to add; ARGV[2]: the limit.
-- Returns {-1, 0} when the counter does not exist (the caller initialises it from the recorded events),
-- {0, used} when adding would pass the limit (nothing changes), {1, used after adding} when admitted.
local current = redis.call('GET', KEYS[1])
if not current then
    return {-1, 0}
end
local used = tonumber(current)
local quantity = tonumber(ARGV[1])
if used + quantity > tonumber(ARGV[2]) then
    return {0, used}
end
return {1, redis.call('INCRBY', KEYS[1], quantity)}
