/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima.internal;

import dev.complaintkit.error.Violation;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.provider.yima.YimaConfig;
import dev.complaintkit.spi.ProviderContext;
import dev.complaintkit.support.Exchange;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Yima's JSON form (not API): a JSON body in {@code yima.charset} with {@code sign} under
 * {@code yima.sign-scheme} over the sorted top-level fields; answers verified the same way, in the
 * charset their {@code Content-Type} declares ({@code yima.charset} when none).
 *
 * <p>The request is signed and encoded by this format's envelope and codec; the answer is read by
 * core's {@link Exchange#read} of the pipeline for its charset. (Core's {@code Codec} sees only a
 * body's bytes, so the pipeline is chosen once the answer's {@code Content-Type} is known.)
 */
final class JsonWire implements WireFormat {
    private static final String ACCEPT = "application/json";

    private final YimaConfig config;
    private final ProviderContext context;
    private final Charset charset;
    private final JsonCodec codec;
    private final Md5Signer signer;
    private final JsonEnvelope envelope;
    private final AnswerSignatures signatures;
    private final Map<Charset, Exchange> pipelines = new ConcurrentHashMap<>();

    JsonWire(YimaConfig config, ProviderContext context) {
        this.config = config;
        this.context = context;
        this.charset = config.charset();
        this.codec = new JsonCodec(charset);
        this.signer = new Md5Signer(config.signScheme(), config.secret(), charset);
        this.signatures = new AnswerSignatures(config);
        this.envelope = new JsonEnvelope(charset, config.signScheme(), signatures);
        pipelines.put(charset, pipeline(codec, signer, envelope));
    }

    private Exchange pipeline(JsonCodec c, Md5Signer s, JsonEnvelope e) {
        return Exchange.builder(YimaWire.PROVIDER, context).describedAs(YimaWire.WHAT).envelope(e).signer(s).codec(c)
                .header("Accept", ACCEPT).build();
    }

    private Exchange pipeline(Charset cs) {
        return pipelines.computeIfAbsent(cs, k -> pipeline(new JsonCodec(k),
                new Md5Signer(config.signScheme(), config.secret(), k), new JsonEnvelope(k, config.signScheme(), signatures)));
    }

    @Override
    public void checkText(String field, String value, List<Violation> violations) {
        Texts.unencodable(field, value, charset, "(yima.charset is " + charset.name() + ")").ifPresent(violations::add);
    }

    @Override
    public Exchange.Answer send(Map<String, String> fields) {
        Map<String, String> signed = envelope.signFields(new LinkedHashMap<>(fields), signer);
        byte[] body;
        try {
            body = codec.encode(signed);
        } catch (IllegalArgumentException e) {
            throw WireFormat.unencodable(charset.name(), e);
        }
        HttpTransport.Response response = context.transport().exchange(new HttpTransport.Request("POST",
                config.endpoint(), Map.of("Content-Type", codec.contentType(), "Accept", ACCEPT), body,
                context.requestTimeout()));
        return pipeline(charsetOf(response).orElse(charset)).read(response, signed);
    }

    private static Optional<Charset> charsetOf(HttpTransport.Response response) {
        return response.header("Content-Type").flatMap(ct -> {
            for (String part : ct.split(";")) {
                String p = part.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    try {
                        return Optional.of(Charset.forName(p.substring(8).replace("\"", "").trim()));
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        });
    }

    @Override
    public String toString() {
        return "JSON, " + config.signScheme();
    }
}
