package io.saaskit.example.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Finds a TCP port that is free right now, for tests that must name the port up front ({@code API_PORT}).
 */
public final class FreePort {

    private FreePort() {
    }

    /**
     * A port nobody listens on at the moment of the call.
     * @return the port number
     */
    public static int find() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
