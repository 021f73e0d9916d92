package io.saaskit.adapters.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * A Lua script shipped as a resource next to this class, run with {@code EVALSHA} so only its digest travels with
 * each call. The server learns the script with {@code SCRIPT LOAD} the first time it answers {@code NOSCRIPT}: on
 * first use, and again after a restart or a {@code SCRIPT FLUSH} emptied its script cache.
 */
final class RedisScript {

    private final String name;

    private final String source;

    private final String sha;

    private RedisScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    /**
     * Reads a script from the class path.
     * @param resource the file name, relative to this package
     * @return the script
     */
    static RedisScript fromResource(String resource) {
        try (InputStream in = RedisScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing Redis script " + resource);
            }
            return new RedisScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read Redis script " + resource, ex);
        }
    }

    /**
     * Runs the script.
     * @param commands the connection's synchronous commands
     * @param output how to read the reply
     * @param keys the keys the script touches
     * @param args the other arguments
     * @param <T> the reply type
     * @return the reply
     */
    <T> T run(RedisCommands<String, String> commands, ScriptOutputType output, String[] keys, String... args) {
        try {
            return commands.evalsha(this.sha, output, keys, args);
        }
        catch (RedisNoScriptException ex) {
            String loaded = commands.scriptLoad(this.source);
            if (!this.sha.equals(loaded)) {
                throw new IllegalStateException("Redis digested script " + this.name + " differently");
            }
            return commands.evalsha(this.sha, output, keys, args);
        }
    }

    /**
     * Runs the script once per call, sending every call before reading any reply, so the calls share one round trip
     * instead of taking one each. Calls the server answered {@code NOSCRIPT} (it did not run them) are run again
     * once it has learnt the script.
     * @param connection the connection
     * @param output how to read the replies
     * @param calls the keys and arguments of each call
     * @param timeout how long to wait for each reply
     * @throws RedisException when Redis fails, times out, or the waiting thread is interrupted
     */
    void runAll(StatefulRedisConnection<String, String> connection, ScriptOutputType output, List<Call> calls,
            Duration timeout) {
        RedisAsyncCommands<String, String> async = connection.async();
        List<RedisFuture<Object>> replies = new ArrayList<>(calls.size());
        for (Call call : calls) {
            replies.add(async.evalsha(this.sha, output, call.keys(), call.args()));
        }
        List<Call> unknown = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            try {
                await(replies.get(i), timeout);
            }
            catch (RedisNoScriptException ex) {
                unknown.add(calls.get(i));
            }
        }
        for (Call call : unknown) {
            run(connection.sync(), output, call.keys(), call.args());
        }
    }

    /**
     * Waits for the reply of an asynchronous command.
     * @param reply the command's future
     * @param timeout how long to wait
     * @throws RedisException what the command failed with (a {@link RedisNoScriptException} too), or the timeout or
     *         interruption of the wait
     */
    static void await(RedisFuture<?> reply, Duration timeout) {
        try {
            reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException ex) {
            throw (ex.getCause() instanceof RedisException redis) ? redis : new RedisException(ex.getCause());
        }
        catch (TimeoutException ex) {
            throw new RedisCommandTimeoutException("No reply from Redis within " + timeout);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new RedisCommandInterruptedException(ex);
        }
    }

    /**
     * The SHA-1 digest Redis files the script under.
     * @return lowercase hex
     */
    String sha() {
        return this.sha;
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(source.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", ex);
        }
    }

    @Override
    public String toString() {
        return "RedisScript[" + this.name + ", " + this.sha + "]";
    }

    /**
     * One call of a script.
     * @param keys the keys it touches
     * @param args the other arguments
     */
    record Call(String[] keys, String[] args) {
    }
}
