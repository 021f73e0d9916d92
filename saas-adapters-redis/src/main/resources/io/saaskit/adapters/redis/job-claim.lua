-- Claims up to COUNT jobs of one queue for one consumer (worker) of the consumer group, in three steps:
--   1. retries whose backoff has passed move from the retry set back onto the stream;
--   2. messages whose lease ran out (pending and idle longer than the lease: their worker crashed or hung) are
--      taken over with XAUTOCLAIM; each counts as another attempt, and one that was on its last attempt goes to
--      the dead letters instead;
--   3. new messages are read with XREADGROUP.
-- A job's hash holds its attempts; every delivery adds one. All keys share the queue's hash tag.
-- KEYS[1] stream, KEYS[2] retry set (score = due time in epoch ms), KEYS[3] dead-letter list
-- ARGV[1] group, ARGV[2] consumer, ARGV[3] now (epoch ms), ARGV[4] lease (ms), ARGV[5] count,
-- ARGV[6] max attempts, ARGV[7] prefix of the job hashes (the job id is appended)
-- Returns a flat list: message id, job id, type, payload, attempt, for every claimed job.
local stream, retry, dead = KEYS[1], KEYS[2], KEYS[3]
local group, consumer = ARGV[1], ARGV[2]
local now, lease, count, maxAttempts = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local jobPrefix = ARGV[7]

redis.pcall('XGROUP', 'CREATE', stream, group, '0', 'MKSTREAM')

local due = redis.call('ZRANGEBYSCORE', retry, '-inf', now, 'LIMIT', 0, 100)
for _, jobId in ipairs(due) do
    redis.call('XADD', stream, '*', 'job', jobId)
    redis.call('ZREM', retry, jobId)
end

local out = {}
local claimed = 0

local function deliver(messageId, jobId)
    local key = jobPrefix .. jobId
    local fields = redis.call('HMGET', key, 'type', 'payload')
    if not fields[1] then
        -- The job is gone (completed by a worker whose lease had run out): drop the stale message.
        redis.call('XACK', stream, group, messageId)
        redis.call('XDEL', stream, messageId)
        return
    end
    local attempt = redis.call('HINCRBY', key, 'attempts', 1)
    table.insert(out, messageId)
    table.insert(out, jobId)
    table.insert(out, fields[1])
    table.insert(out, fields[2])
    table.insert(out, attempt)
    claimed = claimed + 1
end

local reclaimed = redis.call('XAUTOCLAIM', stream, group, consumer, lease, '0-0', 'COUNT', count)
for _, entry in ipairs(reclaimed[2]) do
    if entry and entry[2] then
        local messageId, jobId = entry[1], entry[2][2]
        local key = jobPrefix .. jobId
        local attempts = tonumber(redis.call('HGET', key, 'attempts') or '0')
        if attempts >= maxAttempts then
            redis.call('XACK', stream, group, messageId)
            redis.call('XDEL', stream, messageId)
            if redis.call('EXISTS', key) == 1 then
                redis.call('HSET', key, 'error', 'Lease expired on the last attempt (the worker stopped or hung)',
                        'diedAt', now)
                redis.call('LPUSH', dead, jobId)
            end
        else
            deliver(messageId, jobId)
        end
    end
end

if claimed < count then
    local read = redis.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', count - claimed, 'STREAMS', stream, '>')
    if read then
        for _, entry in ipairs(read[1][2]) do
            deliver(entry[1], entry[2][2])
        end
    end
end
return out
