/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.SignatureException;
import dev.complaintkit.internal.json.Json;
import dev.complaintkit.internal.wire.Canonical;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.port.Signer;
import dev.complaintkit.support.HttpAnswers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an Allinpay answer: the HTTP status, the flat JSON envelope ({@code retcode}, {@code retmsg},
 * {@code sign}, …), the business outcome, and — on {@code SUCCESS} — the signature over the sorted
 * non-empty top-level fields (without {@code sign}), before anything in it is used.
 *
 * <p>The signed string joins raw values as {@code k=v&k=v}, so a value holding {@code &} or
 * {@code =} could stand for other fields ({@code "randomstr":"r&records=…"} signs like
 * {@code "randomstr":"r","records":"…"}). A {@code SUCCESS} answer is therefore refused unless every
 * signed name is letters, digits and {@code _}, no signed value holds {@code &}, and only
 * {@code records} holds {@code =} (as Base64's trailing padding); it must carry {@code randomstr}
 * (1 to {@value #RANDOMSTR_MAX} letters or digits), {@code records} and {@code sign}.
 */
public final class Answers {
    /** The longest {@code randomstr} accepted in an answer (the length Allinpay documents). */
    public static final int RANDOMSTR_MAX = 32;

    private Answers() {}

    /**
     * @param response the HTTP response
     * @param verifier verifies Allinpay's signature
     * @return the verified top-level fields of a {@code SUCCESS} answer
     * @throws ProviderException for {@code FAIL}, for {@code SUCCESS} with a {@code retmsg} but no
     *     {@code records}, for an HTTP error, for an answer that is not Allinpay's envelope, and for a
     *     {@code SUCCESS} whose signed string is ambiguous or that lacks a field Allinpay always sends
     * @throws SignatureException when {@code sign} is missing or does not verify
     */
    public static Map<String, String> successFields(HttpTransport.Response response, Signer verifier) {
        if (!HttpAnswers.isSuccess(response.status())) {
            throw HttpAnswers.statusError(AllinpayWire.PROVIDER, response, "Allinpay", null);
        }
        Map<String, String> fields = envelope(response);
        String retcode = fields.get("retcode");
        String retmsg = fields.getOrDefault("retmsg", "");
        if (AllinpayWire.FAIL.equals(retcode)) {
            throw new ProviderException(AllinpayWire.PROVIDER, AllinpayWire.FAIL, retmsg, false);
        }
        if (!AllinpayWire.SUCCESS.equals(retcode)) {
            throw AllinpayWire.invalid(retcode == null ? "the answer has no retcode"
                    : "the answer's retcode is '" + retcode + "', neither SUCCESS nor FAIL");
        }
        if (isEmpty(fields.get("records")) && !retmsg.isEmpty()) {
            // public clients treat this as a business error; it carries no data, so it is reported as such
            throw new ProviderException(AllinpayWire.PROVIDER, AllinpayWire.SUCCESS, retmsg, false);
        }
        String sign = fields.get("sign");
        if (isEmpty(sign)) {
            throw new SignatureException(AllinpayWire.PROVIDER, "the SUCCESS answer carries no sign; it was not used");
        }
        checkSignedShape(fields);
        byte[] signed = Canonical.sortedNonEmpty(fields, "sign").getBytes(StandardCharsets.UTF_8);
        if (!verifier.verify(signed, sign)) {
            throw new SignatureException(AllinpayWire.PROVIDER, "the answer's " + verifier.algorithm()
                    + " signature does not verify with the configured allinpay.platform-public-key; it was not used");
        }
        return fields;
    }

    /**
     * Refuses a {@code SUCCESS} answer whose signed string could be read as other fields, or that
     * lacks {@code randomstr} or {@code records}.
     */
    static void checkSignedShape(Map<String, String> fields) {
        for (Map.Entry<String, String> e : fields.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            if (name.equals("sign") || value.isEmpty()) {
                continue;
            }
            if (name.isEmpty() || !name.chars().allMatch(Answers::isNameChar)) {
                throw AllinpayWire.invalid("the answer has a field whose name is not letters, digits and '_' ("
                        + name.length() + " characters); its signed string is ambiguous and it was not used");
            }
            if (value.indexOf('&') >= 0) {
                throw AllinpayWire.invalid("the answer's " + name + " holds '&', which would let one signed string stand for "
                        + "other fields; it was not used");
            }
            int eq = value.indexOf('=');
            if (eq >= 0 && !(name.equals("records") && isPadding(value, eq))) {
                throw AllinpayWire.invalid("the answer's " + name + " holds '='" + (name.equals("records")
                        ? " before its end (Base64 pads only at the end)" : "") + ", which would let one signed string stand "
                        + "for other fields; it was not used");
            }
        }
        String randomstr = fields.get("randomstr");
        if (isEmpty(randomstr)) {
            throw AllinpayWire.invalid("the SUCCESS answer carries no randomstr, which Allinpay always sends; it was not used");
        }
        if (randomstr.length() > RANDOMSTR_MAX || !randomstr.chars().allMatch(Answers::isAlphanumeric)) {
            throw AllinpayWire.invalid("the answer's randomstr is not 1 to " + RANDOMSTR_MAX + " letters or digits (was "
                    + randomstr.length() + " characters); it was not used");
        }
        if (isEmpty(fields.get("records"))) {
            throw AllinpayWire.invalid("the SUCCESS answer carries no records, which Allinpay always sends; it was not used");
        }
    }

    /** @return whether the {@code =} from {@code first} on are one or two trailing padding characters */
    private static boolean isPadding(String value, int first) {
        int n = value.length() - first;
        return (n == 1 || n == 2) && value.charAt(value.length() - 1) == '=';
    }

    private static boolean isAlphanumeric(int c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isNameChar(int c) {
        return isAlphanumeric(c) || c == '_';
    }

    /** @return the top-level scalar fields, as sent (numbers as their text); nulls left out */
    private static Map<String, String> envelope(HttpTransport.Response response) {
        byte[] body = response.body();
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser p = Json.mapper().createParser(body)) {
            p.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw AllinpayWire.invalid("the answer is not a JSON object (" + describe(response) + ")");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t.isScalarValue()) {
                    if (t != JsonToken.VALUE_NULL) {
                        fields.put(name, p.getText());
                    }
                } else {
                    p.skipChildren(); // Allinpay sends only flat fields; nested ones are neither signed nor used
                }
            }
        } catch (JsonProcessingException e) {
            throw AllinpayWire.invalid("the answer is not JSON (" + describe(response) + ": " + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw AllinpayWire.invalid("the answer could not be read (" + e.getClass().getSimpleName() + ")");
        }
        return fields;
    }

    private static String describe(HttpTransport.Response response) {
        return "HTTP " + response.status() + ", " + response.header("content-type").orElse("no content type")
                + ", " + response.body().length + " bytes";
    }

    static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
