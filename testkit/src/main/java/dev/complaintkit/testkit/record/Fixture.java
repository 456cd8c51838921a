/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recorded-exchange file format, {@value #FORMAT}: one UTF-8 JSON document holding the
 * exchanges in the order they happened. Bodies are stored as text in their own charset when they
 * decode cleanly (so they can be read and edited), otherwise as Base64.
 *
 * <pre>{@code
 * {
 *   "format": "complaintkit-fixture/1",
 *   "exchanges": [ {
 *     "request":  { "method": "POST", "path": "/cusapi/riskfeeback/wxcomplainthistory", "query": "",
 *                   "headers": { "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8" },
 *                   "body": { "charset": "UTF-8", "text": "appid=00000156&…&sign=REDACTED" } },
 *     "response": { "status": 200, "headers": { "content-type": "application/json;charset=UTF-8" },
 *                   "body": { "charset": "UTF-8", "text": "{\"retcode\":\"SUCCESS\",…,\"sign\":\"REDACTED\"}" } }
 *   } ]
 * }
 * }</pre>
 *
 * @param format always {@value #FORMAT}
 * @param exchanges the exchanges, in order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Fixture(@JsonProperty("format") String format, @JsonProperty("exchanges") List<Exchange> exchanges) {
    /** The format identifier. */
    public static final String FORMAT = "complaintkit-fixture/1";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * One request and its response.
     *
     * @param request what was sent
     * @param response what came back
     */
    public record Exchange(@JsonProperty("request") Message request, @JsonProperty("response") Message response) {}

    /**
     * A request or a response.
     *
     * @param method HTTP method (requests only)
     * @param path the path (requests only)
     * @param query the raw query (requests only)
     * @param status the HTTP status (responses only)
     * @param headers headers
     * @param body the body
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(@JsonProperty("method") String method, @JsonProperty("path") String path,
            @JsonProperty("query") String query, @JsonProperty("status") Integer status,
            @JsonProperty("headers") Map<String, String> headers, @JsonProperty("body") Body body) {}

    /**
     * A body: {@code text} in {@code charset}, or {@code base64} bytes.
     *
     * @param charset the charset of {@code text}
     * @param text the body as text
     * @param base64 the body as Base64, when it is not clean text
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Body(@JsonProperty("charset") String charset, @JsonProperty("text") String text,
            @JsonProperty("base64") String base64) {

        /**
         * @param bytes the body
         * @param contentType its content type
         * @return the body, as text when it decodes cleanly
         */
        public static Body of(byte[] bytes, String contentType) {
            Charset cs = charsetOf(contentType);
            try {
                String text = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                return new Body(cs.name(), text, null);
            } catch (CharacterCodingException e) {
                return new Body(null, null, Base64.getEncoder().encodeToString(bytes));
            }
        }

        /** @return the body's bytes */
        public byte[] bytes() {
            if (base64 != null) {
                return Base64.getDecoder().decode(base64);
            }
            return text == null ? new byte[0] : text.getBytes(Charset.forName(charset == null ? "UTF-8" : charset));
        }
    }

    private static final Pattern CHARSET = Pattern.compile("charset=\"?([\\w.:-]+)", Pattern.CASE_INSENSITIVE);

    /**
     * @param contentType a content type
     * @return its charset; UTF-8 when none or unknown
     */
    public static Charset charsetOf(String contentType) {
        if (contentType != null) {
            Matcher m = CHARSET.matcher(contentType);
            if (m.find()) {
                try {
                    return Charset.forName(m.group(1).toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    return StandardCharsets.UTF_8;
                }
            }
            if (contentType.toLowerCase(Locale.ROOT).contains("xml")) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    /**
     * @param file a fixture file
     * @return its content
     */
    public static Fixture read(Path file) {
        try {
            Fixture f = MAPPER.readValue(file.toFile(), Fixture.class);
            if (!FORMAT.equals(f.format())) {
                throw new IllegalArgumentException(file + " is not a " + FORMAT + " fixture (format: " + f.format() + ")");
            }
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read fixture " + file, e);
        }
    }

    /**
     * @param resource a class-path resource, e.g. {@code dev/complaintkit/testkit/yima/session.json}
     * @return its content
     */
    public static Fixture resource(String resource) {
        try (java.io.InputStream in = Fixture.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture on the class path at " + resource);
            }
            Fixture f = MAPPER.readValue(in, Fixture.class);
            if (!FORMAT.equals(f.format())) {
                throw new IllegalArgumentException(resource + " is not a " + FORMAT + " fixture (format: " + f.format() + ")");
            }
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read fixture " + resource, e);
        }
    }

    /** @param file where to write it */
    public void write(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, MAPPER.writeValueAsString(this) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write fixture " + file, e);
        }
    }
}
