-- Settles one delivery, if it still belongs to this consumer (its lease was not lost to another worker).
-- KEYS[1] stream, KEYS[2] retry set, KEYS[3] dead-letter list, KEYS[4] the job's hash
-- ARGV[1] action: complete | fail | release | extend; ARGV[2] group; ARGV[3] consumer; ARGV[4] message id;
-- ARGV[5] job id; ARGV[6] now (epoch ms); ARGV[7] retry due time (epoch ms, fail); ARGV[8] max attempts (fail);
-- ARGV[9] error (fail)
-- Returns -1 when the delivery is no longer this consumer's; otherwise 1, or 2 when a failure made the job dead.
local stream, retry, dead, key = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local action, group, consumer, messageId, jobId = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]

local pending = redis.call('XPENDING', stream, group, messageId, messageId, 1, consumer)
if #pending == 0 then
    return -1
end

if action == 'extend' then
    redis.call('XCLAIM', stream, group, consumer, 0, messageId, 'JUSTID')
    return 1
end

redis.call('XACK', stream, group, messageId)
redis.call('XDEL', stream, messageId)

if action == 'complete' then
    redis.call('DEL', key)
    return 1
elseif action == 'release' then
    redis.call('HINCRBY', key, 'attempts', -1)
    redis.call('XADD', stream, '*', 'job', jobId)
    return 1
end

-- fail
local attempts = tonumber(redis.call('HGET', key, 'attempts') or '0')
redis.call('HSET', key, 'error', ARGV[9])
if attempts >= tonumber(ARGV[8]) then
    redis.call('HSET', key, 'diedAt', ARGV[6])
    redis.call('LPUSH', dead, jobId)
    return 2
end
redis.call('HSET', key, 'failedAt', ARGV[6])
redis.call('ZADD', retry, ARGV[7], jobId)
return 1
