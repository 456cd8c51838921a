/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.support;

import dev.complaintkit.annotation.ProtectedApi;
import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.SignatureException;
import dev.complaintkit.port.Codec;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.port.Signer;
import dev.complaintkit.spi.ProviderContext;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one request/answer pipeline every provider shares: it signs a request through the provider's
 * {@link Signer}, encodes it through its {@link Codec}, sends it, and reads the answer in one defined
 * order. A provider supplies only its {@link Envelope} — what is signed and where, and what an error
 * looks like — and keeps no exchange code of its own.
 *
 * <p>The order, for every answer:
 * <ol>
 *   <li>a body over {@link Builder#maxAnswerBytes} is {@link ProviderException#INVALID_RESPONSE};
 *   <li>the body is decoded by the codec; when that fails, a non-2xx answer is the shared status
 *       error ({@link HttpAnswers#statusError}: 408/5xx retryable, 429 rate-limited honouring
 *       {@code Retry-After}) and a 2xx answer is {@code INVALID_RESPONSE};
 *   <li>a non-2xx answer the envelope does not claim ({@link Envelope#carriesEnvelope}) is the shared
 *       status error;
 *   <li>the signature: what {@link Envelope#signature} names is verified through the signer; a
 *       missing or failing signature is a {@link SignatureException} and nothing of the answer is used;
 *   <li>the provider's error, when {@link Envelope#error} finds one, is thrown;
 *   <li>a non-2xx answer that is not an error by its envelope is still the shared status error;
 *   <li>otherwise the verified {@link Answer} is returned.
 * </ol>
 *
 * <p>Thread-safe when the envelope, signer and codec are.
 */
@ProtectedApi
public final class Exchange {
    /** The default cap on an answer's body, 4 MiB. */
    public static final int DEFAULT_MAX_ANSWER_BYTES = 4 << 20;

    private final String providerId;
    private final String what;
    private final Envelope envelope;
    private final Signer signer;
    private final Codec codec;
    private final ProviderContext context;
    private final Map<String, String> headers;
    private final int maxAnswerBytes;
    private final Duration rateLimitFallback;

    private Exchange(Builder b) {
        this.providerId = b.providerId;
        this.what = b.what;
        this.envelope = b.envelope;
        this.signer = b.signer;
        this.codec = b.codec;
        this.context = b.context;
        this.headers = Map.copyOf(b.headers);
        this.maxAnswerBytes = b.maxAnswerBytes;
        this.rateLimitFallback = b.rateLimitFallback;
    }

    /**
     * @param providerId the provider, for errors
     * @param context the transport, clock and time-out
     * @return a builder
     */
    public static Builder builder(String providerId, ProviderContext context) {
        return new Builder(providerId, context);
    }

    /**
     * Signs (through {@link Envelope#signFields}), encodes (through the codec) and sends fields.
     *
     * @param method {@code GET} or {@code POST}
     * @param uri the full URI
     * @param fields the request fields, in sending order, without a signature
     * @return the verified answer, with the fields as sent (signature included)
     */
    public Answer send(String method, URI uri, Map<String, String> fields) {
        Map<String, String> signed = envelope.signFields(new LinkedHashMap<>(fields), signer);
        byte[] body = codec.encode(signed);
        return exchange(method, uri, body, codec.contentType(), signed);
    }

    /**
     * Sends a body the provider encoded itself (a JSON document with arrays, a multipart upload);
     * {@link Envelope#signRequest} still adds its headers.
     *
     * @param method the HTTP method
     * @param uri the full URI
     * @param body the body, empty for none
     * @param contentType its {@code Content-Type}, or {@code null} for none
     * @return the verified answer
     */
    public Answer send(String method, URI uri, byte[] body, String contentType) {
        return exchange(method, uri, body, contentType, Map.of());
    }

    private Answer exchange(String method, URI uri, byte[] body, String contentType, Map<String, String> sent) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        if (contentType != null) {
            h.put("Content-Type", contentType);
        }
        h.putAll(envelope.signRequest(method, uri, body, signer));
        HttpTransport.Response response = context.transport().exchange(
                new HttpTransport.Request(method, uri, h, body, context.requestTimeout()));
        return read(response, sent);
    }

    /**
     * Reads an answer that arrived some other way, in the pipeline's order.
     *
     * @param response the answer
     * @param sent the fields that were sent, for the envelope's checks ({@link Answer#sent()})
     * @return the verified answer
     */
    public Answer read(HttpTransport.Response response, Map<String, String> sent) {
        boolean ok = HttpAnswers.isSuccess(response.status());
        if (response.body().length > maxAnswerBytes) {
            throw HttpAnswers.notEnvelope(providerId, "the answer's body has " + response.body().length
                    + " bytes, more than the cap of " + maxAnswerBytes + "; it was not used");
        }
        Map<String, Object> fields;
        try {
            fields = response.body().length == 0 && envelope.emptyBodyAllowed(response.status())
                    ? Map.of() : codec.decode(response.body());
        } catch (ProviderException | IllegalArgumentException e) {
            if (!ok) {
                throw HttpAnswers.statusError(providerId, response, what, rateLimitFallback);
            }
            throw e instanceof ProviderException pe ? pe : HttpAnswers.notEnvelope(providerId,
                    what + " answered with a body that is not its envelope (HTTP " + response.status() + ")", e);
        }
        Answer answer = new Answer(response, fields, Map.copyOf(sent));
        if (!ok && !envelope.carriesEnvelope(answer)) {
            throw HttpAnswers.statusError(providerId, response, what, rateLimitFallback);
        }
        Signature signature = envelope.signature(answer);
        if (signature.missing() != null) {
            throw new SignatureException(providerId, signature.missing() + "; the answer was not used");
        }
        if (signature.data() != null) {
            if (signer == null) {
                throw new IllegalStateException("the envelope names a signature but the exchange has no signer");
            }
            if (!signer.verify(signature.data(), signature.value())) {
                throw new SignatureException(providerId, "the answer's " + signer.algorithm() + " signature does not "
                        + "verify with the configured " + signature.key() + "; the answer was not used");
            }
        }
        ComplaintException error = envelope.error(answer);
        if (error != null) {
            throw error;
        }
        if (!ok) {
            throw HttpAnswers.statusError(providerId, response, what, rateLimitFallback);
        }
        return answer;
    }

    @Override
    public String toString() {
        return "Exchange[" + providerId + ", " + (signer == null ? "unsigned" : signer.algorithm()) + "]";
    }

    /**
     * A verified answer.
     *
     * @param response the HTTP answer
     * @param fields its decoded top-level fields (nested objects are maps, arrays lists, scalars strings)
     * @param sent the fields that were sent (signature included), empty for a body sent as bytes
     */
    public record Answer(HttpTransport.Response response, Map<String, Object> fields, Map<String, String> sent) {
        public Answer {
            Objects.requireNonNull(response, "response");
            Objects.requireNonNull(fields, "fields");
            sent = sent == null ? Map.of() : sent;
        }

        /**
         * @param name a field
         * @return its text, or {@code ""} when absent or not a scalar
         */
        public String text(String name) {
            return fields.get(name) instanceof String s ? s : "";
        }

        /**
         * @param name a field
         * @return it as an object, or an empty map when absent or not an object
         */
        @SuppressWarnings("unchecked")
        public Map<String, Object> object(String name) {
            return fields.get(name) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }

        /**
         * @param name a field
         * @return it as an array, or an empty list when absent or not an array
         */
        public List<?> array(String name) {
            return fields.get(name) instanceof List<?> l ? l : List.of();
        }

        @Override
        public String toString() {
            return "Answer[status=" + response.status() + ", fields=" + fields.keySet() + "]";
        }
    }

    /**
     * What of an answer is signed: {@link #of} the bytes and signature to verify,
     * {@link #unsigned()} when the protocol leaves this answer unsigned, or {@link #missing} when it
     * should be signed and is not.
     *
     * @param data the signed bytes, or {@code null}
     * @param value the signature in the provider's wire form, or {@code null}
     * @param key the setting the verifying key comes from, for the message
     * @param missing why a required signature is absent, or {@code null}
     */
    public record Signature(byte[] data, String value, String key, String missing) {
        private static final Signature UNSIGNED = new Signature(null, null, null, null);

        /**
         * @param data the canonical bytes
         * @param value the signature
         * @param key the setting holding the key it must verify with (e.g. {@code allinpay.platform-public-key})
         * @return a signature to verify
         */
        public static Signature of(byte[] data, String value, String key) {
            return new Signature(Objects.requireNonNull(data, "data"), Objects.requireNonNull(value, "value"),
                    Objects.requireNonNull(key, "key"), null);
        }

        /** @return the protocol does not sign this answer (an error body, an unsigned provider) */
        public static Signature unsigned() {
            return UNSIGNED;
        }

        /**
         * @param why what is missing, e.g. "the SUCCESS answer carries no sign"
         * @return a failure
         */
        public static Signature missing(String why) {
            return new Signature(null, null, null, Objects.requireNonNull(why, "why"));
        }
    }

    /**
     * A provider's protocol, the only part of the pipeline that differs between providers.
     */
    public interface Envelope {

        /**
         * Adds a request signature carried in the fields (e.g. {@code sign}, {@code mac}).
         *
         * @param fields the fields in sending order (mutable)
         * @param signer the signer, or {@code null} when the exchange has none
         * @return the fields to encode; by default unchanged
         */
        default Map<String, String> signFields(Map<String, String> fields, Signer signer) {
            return fields;
        }

        /**
         * Adds a request signature carried in headers (e.g. WeChat Pay's {@code Authorization}).
         *
         * @param method the method
         * @param uri the URI as sent
         * @param body the encoded body
         * @param signer the signer, or {@code null}
         * @return headers to add; by default none
         */
        default Map<String, String> signRequest(String method, URI uri, byte[] body, Signer signer) {
            return Map.of();
        }

        /**
         * @param status the answer's HTTP status
         * @return whether an empty body is a valid answer (e.g. a 204) rather than a decoding error;
         *     by default not
         */
        default boolean emptyBodyAllowed(int status) {
            return false;
        }

        /**
         * @param answer a decoded non-2xx answer
         * @return whether it is the provider's envelope (then read like any other) rather than a
         *     proxy's page or a gateway's bare status; by default not
         */
        default boolean carriesEnvelope(Answer answer) {
            return false;
        }

        /**
         * @param answer the decoded answer
         * @return what of it is signed; never {@code null}
         */
        Signature signature(Answer answer);

        /**
         * @param answer the decoded answer, signature verified when it has one
         * @return the provider's error it reports, or {@code null} when it reports success
         */
        ComplaintException error(Answer answer);
    }

    /** Builds an {@link Exchange}. */
    public static final class Builder {
        private final String providerId;
        private final ProviderContext context;
        private String what;
        private Envelope envelope;
        private Signer signer;
        private Codec codec;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private int maxAnswerBytes = DEFAULT_MAX_ANSWER_BYTES;
        private Duration rateLimitFallback;

        private Builder(String providerId, ProviderContext context) {
            this.providerId = Objects.requireNonNull(providerId, "providerId");
            this.context = Objects.requireNonNull(context, "context");
            this.what = providerId;
        }

        /**
         * @param envelope the provider's protocol
         * @return this
         */
        public Builder envelope(Envelope envelope) {
            this.envelope = envelope;
            return this;
        }

        /**
         * @param signer signs requests and verifies answers; {@code null} for an unsigned protocol
         * @return this
         */
        public Builder signer(Signer signer) {
            this.signer = signer;
            return this;
        }

        /**
         * @param codec encodes requests and decodes answers
         * @return this
         */
        public Builder codec(Codec codec) {
            this.codec = codec;
            return this;
        }

        /**
         * @param name the provider's name in messages, e.g. {@code Allinpay}
         * @return this
         */
        public Builder describedAs(String name) {
            this.what = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * @param name a header sent with every request
         * @param value its value
         * @return this
         */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /**
         * @param max the largest answer body accepted
         * @return this
         */
        public Builder maxAnswerBytes(int max) {
            if (max <= 0) {
                throw new IllegalArgumentException("maxAnswerBytes must be positive");
            }
            this.maxAnswerBytes = max;
            return this;
        }

        /**
         * @param wait how long to wait after a 429 without {@code Retry-After}
         * @return this
         */
        public Builder rateLimitFallback(Duration wait) {
            this.rateLimitFallback = wait;
            return this;
        }

        /** @return the pipeline */
        public Exchange build() {
            Objects.requireNonNull(envelope, "envelope");
            Objects.requireNonNull(codec, "codec");
            return new Exchange(this);
        }
    }
}
