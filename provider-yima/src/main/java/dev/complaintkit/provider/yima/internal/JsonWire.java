/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima.internal;

import dev.complaintkit.error.SignatureException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.provider.yima.YimaConfig;
import dev.complaintkit.spi.ProviderContext;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Yima's JSON form (not API): a JSON body in {@code yima.charset} with {@code sign} under
 * {@code yima.sign-scheme} over the sorted top-level fields; answers verified the same way.
 */
final class JsonWire implements WireFormat {
    private final YimaConfig config;
    private final URI endpoint;
    private final JsonCodec json;
    private final Md5Signer signer;
    private final AnswerSignatures signatures;

    JsonWire(YimaConfig config) {
        this.config = config;
        this.endpoint = config.endpoint();
        this.json = new JsonCodec(config.charset());
        this.signer = new Md5Signer(config.signScheme(), config.secret(), config.charset());
        this.signatures = new AnswerSignatures(config);
    }

    @Override
    public void checkText(String field, String value, List<Violation> violations) {
        Texts.unencodable(field, value, json.charset(), "(yima.charset is " + json.charset().name() + ")")
                .ifPresent(violations::add);
    }

    @Override
    public HttpTransport.Request request(Map<String, String> fields, ProviderContext context) {
        Map<String, String> signed = new LinkedHashMap<>(fields);
        signed.put(YimaWire.F_SIGN, signer.sign(Md5Signer.canonical(fields).getBytes(json.charset())));
        return new HttpTransport.Request("POST", endpoint,
                Map.of("Content-Type", json.contentType(), "Accept", "application/json"),
                json.encode(signed), context.requestTimeout());
    }

    @Override
    public Map<String, Object> read(HttpTransport.Response response) {
        Charset cs = charsetOf(response).orElse(json.charset());
        Map<String, Object> fields = (cs.equals(json.charset()) ? json : new JsonCodec(cs)).decode(response.body());
        Object sign = fields.get(YimaWire.F_SIGN);
        if (sign == null || (sign instanceof String s && s.isBlank())) {
            signatures.unsigned(fields, "");
            return fields;
        }
        Md5Signer verifier = cs.equals(json.charset()) ? signer : new Md5Signer(config.signScheme(), config.secret(), cs);
        byte[] canonical = Md5Signer.canonical(signatures.signedFields(fields)).getBytes(cs);
        if (!(sign instanceof String s) || !verifier.verify(canonical, s)) {
            throw new SignatureException(YimaWire.PROVIDER, "the answer's sign does not verify (scheme "
                    + config.signScheme() + "); check yima.secret and yima.sign-scheme");
        }
        return fields;
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
