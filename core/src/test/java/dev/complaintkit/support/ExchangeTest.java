/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.RateLimitedException;
import dev.complaintkit.error.SignatureException;
import dev.complaintkit.internal.json.Json;
import dev.complaintkit.port.Codec;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.port.Signer;
import dev.complaintkit.spi.ProviderContext;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The shared pipeline reads every answer in one order, whatever the provider. */
class ExchangeTest {
    private static final URI URL = URI.create("http://127.0.0.1:9/api");

    /** A toy signer: the signature is the reversed data as text. */
    private static final Signer REVERSE = new Signer() {
        @Override
        public String algorithm() {
            return "REV";
        }

        @Override
        public String sign(byte[] data) {
            return new StringBuilder(new String(data, StandardCharsets.UTF_8)).reverse().toString();
        }

        @Override
        public boolean verify(byte[] data, String signature) {
            return sign(data).equals(signature);
        }
    };

    /** Form-encodes requests (k=v&…), decodes JSON objects. */
    private static final Codec CODEC = new Codec() {
        @Override
        public String contentType() {
            return "application/x-www-form-urlencoded; charset=UTF-8";
        }

        @Override
        public byte[] encode(Map<String, String> fields) {
            StringBuilder sb = new StringBuilder();
            fields.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(k).append('=').append(v));
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Map<String, Object> decode(byte[] body) {
            try {
                return Json.mapper().readValue(body, new TypeReference<LinkedHashMap<String, Object>>() {});
            } catch (IOException e) {
                throw HttpAnswers.notEnvelope("toy", "not JSON", e);
            }
        }
    };

    /** {code, msg, sign}: sign over "code=..&data=.." of SUCCESS answers only; 4xx JSON is the envelope. */
    private static final Exchange.Envelope ENVELOPE = new Exchange.Envelope() {
        @Override
        public Map<String, String> signFields(Map<String, String> fields, Signer signer) {
            fields.put("sign", signer.sign(canonical(fields)));
            return fields;
        }

        @Override
        public Map<String, String> signRequest(String method, URI uri, byte[] body, Signer signer) {
            return Map.of("X-Body-Sign", signer.sign(body));
        }

        @Override
        public boolean carriesEnvelope(Exchange.Answer answer) {
            return answer.response().status() < 500 && !answer.text("code").isEmpty();
        }

        @Override
        public Exchange.Signature signature(Exchange.Answer answer) {
            if (!"SUCCESS".equals(answer.text("code"))) {
                return Exchange.Signature.unsigned();
            }
            String sign = answer.text("sign");
            if (sign.isEmpty()) {
                return Exchange.Signature.missing("the SUCCESS answer carries no sign");
            }
            Map<String, String> f = new TreeMap<>();
            answer.fields().forEach((k, v) -> {
                if (!k.equals("sign")) {
                    f.put(k, String.valueOf(v));
                }
            });
            return Exchange.Signature.of(canonical(f), sign, "toy.platform-key");
        }

        @Override
        public ComplaintException error(Exchange.Answer answer) {
            String code = answer.text("code");
            if (code.equals("SUCCESS")) {
                return null;
            }
            return new ProviderException("toy", code, answer.text("msg"), answer.response().status() >= 500);
        }
    };

    private static byte[] canonical(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(fields).forEach((k, v) -> {
            if (!k.equals("sign")) {
                sb.append(sb.length() == 0 ? "" : "&").append(k).append('=').append(v);
            }
        });
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private final List<HttpTransport.Request> sent = new ArrayList<>();
    private final AtomicInteger decodes = new AtomicInteger();

    private Exchange exchange(int status, String body, Map<String, List<String>> headers) {
        HttpTransport transport = request -> {
            sent.add(request);
            return new HttpTransport.Response(status, headers, body.getBytes(StandardCharsets.UTF_8));
        };
        Codec counting = new Codec() {
            @Override
            public String contentType() {
                return CODEC.contentType();
            }

            @Override
            public byte[] encode(Map<String, String> fields) {
                return CODEC.encode(fields);
            }

            @Override
            public Map<String, Object> decode(byte[] b) {
                decodes.incrementAndGet();
                return CODEC.decode(b);
            }
        };
        return Exchange.builder("toy", new ProviderContext(transport, Clock.systemUTC(), Duration.ofSeconds(5)))
                .describedAs("Toy").envelope(ENVELOPE).signer(REVERSE).codec(counting).maxAnswerBytes(200)
                .header("Accept", "application/json").build();
    }

    private static String signedSuccess(String data) {
        String sign = REVERSE.sign(("code=SUCCESS&data=" + data).getBytes(StandardCharsets.UTF_8));
        return "{\"code\":\"SUCCESS\",\"data\":\"" + data + "\",\"sign\":\"" + sign + "\"}";
    }

    @Test
    @DisplayName("a request is signed through the signer, in its fields and its headers, and encoded through the codec")
    void requestIsSignedAndEncoded() {
        Exchange.Answer answer = exchange(200, signedSuccess("x"), Map.of()).send("POST", URL,
                Map.of("b", "2"));
        HttpTransport.Request request = sent.get(0);
        String body = new String(request.body(), StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("b=2&sign=2=b");
        assertThat(request.headers()).containsEntry("X-Body-Sign", new StringBuilder(body).reverse().toString())
                .containsEntry("Content-Type", CODEC.contentType()).containsEntry("Accept", "application/json");
        assertThat(answer.text("data")).isEqualTo("x");
        assertThat(answer.sent()).containsEntry("sign", "2=b");
    }

    @Test
    @DisplayName("an answer over the cap is INVALID_RESPONSE before it is decoded")
    void oversizedAnswerIsRefusedUndecoded() {
        Exchange e = exchange(200, "{\"code\":\"SUCCESS\",\"data\":\"" + "x".repeat(300) + "\"}", Map.of());
        assertThatThrownBy(() -> e.send("POST", URL, Map.of()))
                .isInstanceOfSatisfying(ProviderException.class, p -> {
                    assertThat(p.code()).isEqualTo(ProviderException.INVALID_RESPONSE);
                    assertThat(p.isRetryable()).isFalse();
                });
        assertThat(decodes).hasValue(0);
    }

    @Test
    @DisplayName("a 2xx body that is not the envelope is INVALID_RESPONSE; the same body on 503 is a retryable HTTP_503")
    void notTheEnvelope() {
        assertThatThrownBy(() -> exchange(200, "<html>", Map.of()).send("POST", URL, Map.of()))
                .isInstanceOfSatisfying(ProviderException.class,
                        p -> assertThat(p.code()).isEqualTo(ProviderException.INVALID_RESPONSE));
        assertThatThrownBy(() -> exchange(503, "<html>", Map.of()).send("POST", URL, Map.of()))
                .isInstanceOfSatisfying(ProviderException.class, p -> {
                    assertThat(p.code()).isEqualTo("HTTP_503");
                    assertThat(p.isRetryable()).isTrue();
                });
        assertThatThrownBy(() -> exchange(408, "", Map.of()).send("POST", URL, Map.of()))
                .isInstanceOfSatisfying(ProviderException.class, p -> assertThat(p.isRetryable()).isTrue());
    }

    @Test
    @DisplayName("a 429 honours Retry-After, whether its body is the envelope's or not")
    void rateLimitHonoursRetryAfter() {
        Map<String, List<String>> retry = Map.of("Retry-After", List.of("7"));
        assertThatThrownBy(() -> exchange(429, "busy", retry).send("POST", URL, Map.of()))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        r -> assertThat(r.retryAfter()).contains(Duration.ofSeconds(7)));
    }

    @Test
    @DisplayName("a non-2xx JSON the envelope does not claim is the status error, not the provider's")
    void unclaimedJsonIsTheStatusError() {
        assertThatThrownBy(() -> exchange(502, "{\"code\":\"FAIL\"}", Map.of()).send("POST", URL, Map.of()))
                .isInstanceOfSatisfying(ProviderException.class, p -> assertThat(p.code()).isEqualTo("HTTP_502"));
    }

    @Test
    @DisplayName("a claimed 4xx envelope is the provider's error with its code and message")
    void claimedErrorEnvelope() {
        assertThatThrownBy(() -> exchange(400, "{\"code\":\"PARAM_ERROR\",\"msg\":\"bad limit\"}", Map.of())
                .send("POST", URL, Map.of()))
                .isInstanceOfSatisfying(ProviderException.class, p -> {
                    assertThat(p.code()).isEqualTo("PARAM_ERROR");
                    assertThat(p.providerMessage()).isEqualTo("bad limit");
                });
    }

    @Test
    @DisplayName("a missing or wrong signature is a SignatureException and the answer is not used")
    void signatureFailures() {
        assertThatThrownBy(() -> exchange(200, "{\"code\":\"SUCCESS\",\"data\":\"x\"}", Map.of())
                .send("POST", URL, Map.of()))
                .isInstanceOf(SignatureException.class).hasMessageContaining("carries no sign");
        assertThatThrownBy(() -> exchange(200, signedSuccess("x").replace("\"data\":\"x\"", "\"data\":\"y\""), Map.of())
                .send("POST", URL, Map.of()))
                .isInstanceOf(SignatureException.class).hasMessageContaining("REV").hasMessageContaining("toy.platform-key");
    }

    @Test
    @DisplayName("a 2xx envelope that reports an error is that error after its signature rules ran")
    void successStatusWithBusinessError() {
        assertThatThrownBy(() -> exchange(200, "{\"code\":\"FAIL\",\"msg\":\"no such complaint\"}", Map.of())
                .send("POST", URL, Map.of()))
                .isInstanceOfSatisfying(ProviderException.class, p -> assertThat(p.code()).isEqualTo("FAIL"));
    }

    @Test
    @DisplayName("a claimed non-2xx envelope that reports no error is still the status error")
    void claimedNon2xxWithoutErrorIsStatusError() {
        assertThatThrownBy(() -> exchange(404, signedSuccess("x"), Map.of()).send("POST", URL, Map.of()))
                .isInstanceOfSatisfying(ProviderException.class, p -> assertThat(p.code()).isEqualTo("HTTP_404"));
    }

    @Test
    @DisplayName("a body the provider encoded itself is sent as given, with the envelope's headers")
    void rawBody() {
        byte[] body = "{\"a\":[1,2]}".getBytes(StandardCharsets.UTF_8);
        exchange(200, signedSuccess("z"), Map.of()).send("POST", URL, body, "application/json");
        assertThat(sent.get(0).body()).isEqualTo(body);
        assertThat(sent.get(0).headers()).containsEntry("Content-Type", "application/json").containsKey("X-Body-Sign");
    }
}
