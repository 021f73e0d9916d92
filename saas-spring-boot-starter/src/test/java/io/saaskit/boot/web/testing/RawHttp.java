package io.saaskit.boot.web.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Sends requests byte for byte over a plain socket, for what {@link Http} cannot express: request targets a URI
 * class would normalise ({@code //auth/login}, {@code %zz}), repeated headers, huge headers, and bodies cut short.
 */
public final class RawHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;

    /**
     * Creates a client.
     * @param port the server's port on 127.0.0.1
     */
    public RawHttp(int port) {
        this.port = port;
    }

    /**
     * A client for a running test application.
     * @param app the application
     * @return the client
     */
    public static RawHttp of(RunningApp app) {
        return new RawHttp(((WebServerApplicationContext) app.context()).getWebServer().getPort());
    }

    /**
     * Sends a request and reads the whole response (the request asks the server to close the connection).
     * @param head the request line and headers, lines separated by CRLF, without the final empty line
     * @param body the body bytes, sent as they are
     * @return the response
     */
    public Response send(String head, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return Response.parse(readAll(socket.getInputStream()));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Sends a request head and the start of a body, then closes the connection without sending the rest, as a
     * client that gives up during an upload.
     * @param head the request line and headers, without the final empty line
     * @param partialBody the bytes sent before giving up
     */
    public void abortUpload(String head, byte[] partialBody) {
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            OutputStream out = socket.getOutputStream();
            out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(partialBody);
            out.flush();
            socket.shutdownOutput();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
            }
        }
        catch (SocketTimeoutException ex) {
            // Return what arrived; the assertions say whether it was enough.
        }
        return bytes.toByteArray();
    }

    /**
     * A response as received.
     * @param status the status
     * @param headers the header lines, {@code Name: value}
     * @param body the body text (chunked bodies are returned with their chunk framing removed)
     */
    public record Response(int status, List<String> headers, String body) {

        static Response parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new IllegalStateException("Incomplete response: " + text);
            }
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
            byte[] bodyBytes = text.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1);
            String body = new String(bodyBytes, StandardCharsets.UTF_8);
            Response response = new Response(status, headers, body);
            return "chunked".equalsIgnoreCase(response.header("Transfer-Encoding"))
                    ? new Response(status, headers, dechunk(body)) : response;
        }

        private static String dechunk(String body) {
            StringBuilder result = new StringBuilder();
            int position = 0;
            while (position < body.length()) {
                int lineEnd = body.indexOf("\r\n", position);
                int size = Integer.parseInt(body.substring(position, lineEnd).trim(), 16);
                if (size == 0) {
                    break;
                }
                result.append(body, lineEnd + 2, lineEnd + 2 + size);
                position = lineEnd + 2 + size + 2;
            }
            return result.toString();
        }

        /**
         * A header's first value.
         * @param name the header name
         * @return the value, or {@code null}
         */
        public @Nullable String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            for (String line : this.headers) {
                if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    return line.substring(prefix.length()).trim();
                }
            }
            return null;
        }

        /**
         * The media type of the body, without parameters.
         * @return the media type, or {@code null}
         */
        public @Nullable String mediaType() {
            String contentType = header("Content-Type");
            return (contentType != null) ? contentType.split(";")[0].trim() : null;
        }

        /**
         * The body as JSON.
         * @return the tree
         */
        public JsonNode json() {
            return JSON.readTree(this.body);
        }

        @Override
        public String toString() {
            return this.status + " " + this.headers + " " + this.body;
        }
    }
}
