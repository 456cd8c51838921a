/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.spring.boot.autoconfigure;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a notification's raw body for the webhook. A provider that posts a form (Allinpay:
 * {@code application/x-www-form-urlencoded}) signs the body's fields; once anything asks the request
 * for a parameter — {@code HiddenHttpMethodFilter}, Spring Security's CSRF filter, request logging —
 * the servlet container consumes the body as parameters and the input stream is empty. Registered
 * first on the webhook's path, this filter reads the body (at most {@code max-body-size} + 1 bytes,
 * so that the controller still sees an oversized one) before any other filter, and hands the rest
 * of the chain a request whose input stream and reader replay those bytes. Parameters of that
 * request come from its query string only: its body has been read as bytes.
 */
final class NotificationBodyFilter extends OncePerRequestFilter {
    private final int maxBodyBytes;

    /** @param maxBodyBytes the largest body the webhook accepts */
    NotificationBodyFilter(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readNBytes(maxBodyBytes + 1);
        chain.doFilter(new RawBodyRequest(request, body), response);
    }

    /** A request whose body is the bytes read before the chain ran. */
    static final class RawBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        RawBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    try {
                        listener.onDataAvailable();
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
