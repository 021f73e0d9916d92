package io.saaskit.adapters.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
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
}
