package io.saaskit.boot.web.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

/**
 * A request whose body stream fails with {@link BodyTooLargeException} once more than the limit has been read, so
 * bodies without a declared length cannot exceed it either.
 */
final class SizeLimitedRequest extends HttpServletRequestWrapper {

    private final long maxBytes;

    private @Nullable ServletInputStream stream;

    private @Nullable BufferedReader reader;

    SizeLimitedRequest(HttpServletRequest request, long maxBytes) {
        super(request);
        this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        ServletInputStream current = this.stream;
        if (current == null) {
            current = new CountingStream(super.getInputStream(), this.maxBytes);
            this.stream = current;
        }
        return current;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        BufferedReader current = this.reader;
        if (current == null) {
            String encoding = getCharacterEncoding();
            Charset charset = (encoding != null) ? Charset.forName(encoding) : StandardCharsets.UTF_8;
            current = new BufferedReader(new InputStreamReader(getInputStream(), charset));
            this.reader = current;
        }
        return current;
    }

    /** Counts bytes and fails past the limit. */
    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream delegate;

        private final long maxBytes;

        private long count;

        CountingStream(ServletInputStream delegate, long maxBytes) {
            this.delegate = delegate;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = this.delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = this.delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            this.count += n;
            if (this.count > this.maxBytes) {
                throw new BodyTooLargeException(this.maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return this.delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return this.delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            this.delegate.setReadListener(listener);
        }
    }
}
