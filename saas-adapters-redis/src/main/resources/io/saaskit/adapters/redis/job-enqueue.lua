-- Adds a job: its hash (type, payload, queue, attempts 0) and a stream message naming it.
-- KEYS[1] the queue's stream; KEYS[2] the job's hash
-- ARGV[1] job id, ARGV[2] type, ARGV[3] payload, ARGV[4] queue, ARGV[5] enqueue time (epoch ms)
redis.call('HSET', KEYS[2], 'type', ARGV[2], 'payload', ARGV[3], 'queue', ARGV[4], 'attempts', 0,
        'enqueuedAt', ARGV[5])
return redis.call('XADD', KEYS[1], '*', 'job', ARGV[1])
