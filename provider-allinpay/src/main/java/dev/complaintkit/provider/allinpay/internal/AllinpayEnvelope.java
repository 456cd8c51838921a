/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay.internal;

import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.internal.wire.Canonical;
import dev.complaintkit.port.Signer;
import dev.complaintkit.provider.allinpay.AllinpayConfig;
import dev.complaintkit.support.Exchange;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Allinpay's envelope for one kind of answer: the request's {@code sign} over the sorted non-empty
 * fields ({@code k=v&k=v}, raw values, UTF-8), and the answer's {@code retcode}/{@code retmsg}/{@code sign}.
 *
 * <p>A {@code SUCCESS} answer is verified over every non-empty top-level text field but {@code sign},
 * before anything in it is used. Because the signed string joins raw values, a value holding
 * {@code &} or {@code =} could stand for other fields ({@code "randomstr":"r&records=…"} signs like
 * {@code "randomstr":"r","records":"…"}): a {@code SUCCESS} answer is refused unless every signed
 * name is letters, digits and {@code _}, no signed value holds {@code &}, and only the answer's data
 * field ({@code records}, {@code mediaid}, {@code imagebase64}) holds {@code =}, as trailing Base64
 * padding. It must carry {@code randomstr} (1 to {@value #RANDOMSTR_MAX} letters or digits) and its
 * data field. A verified answer must answer the request: {@code appid}, {@code cusid}, {@code orgid}
 * and {@code complaint_id}, when the answer carries them, must be the ones sent.
 *
 * <p>{@code SUCCESS} without the data field but with a {@code retmsg} carries nothing to verify or
 * use: it is a {@link ProviderException} with code {@code SUCCESS} and the {@code retmsg}.
 */
public final class AllinpayEnvelope implements Exchange.Envelope {
    /** The longest {@code randomstr} accepted in an answer (the length Allinpay documents). */
    public static final int RANDOMSTR_MAX = 32;
    /** The setting answers are verified with, for messages. */
    static final String VERIFY_KEY = "allinpay.platform-public-key";

    private final String dataField;
    private final String configuredCusid;
    private final AllinpayConfig.SuccessWithRetmsg successWithRetmsg;

    /**
     * @param dataField the field a {@code SUCCESS} answer of this call always carries
     * @param configuredCusid the configured {@code allinpay.cusid}, to word the messages
     */
    public AllinpayEnvelope(String dataField, String configuredCusid) {
        this(Objects.requireNonNull(dataField, "dataField"), configuredCusid, AllinpayConfig.SuccessWithRetmsg.ERROR);
    }

    private AllinpayEnvelope(String dataField, String configuredCusid, AllinpayConfig.SuccessWithRetmsg successWithRetmsg) {
        this.dataField = dataField;
        this.configuredCusid = Objects.requireNonNull(configuredCusid, "configuredCusid");
        this.successWithRetmsg = Objects.requireNonNull(successWithRetmsg, "successWithRetmsg");
    }

    /**
     * The envelope of a write's answer, which carries no data (reply, complete, refund decision). A
     * {@code SUCCESS} with a non-empty {@code retmsg} is read as the policy says: {@code RECONCILE} a
     * retryable {@link ProviderException} with code {@code SUCCESS} (the client then reads the
     * complaint to see whether the write was made), {@code ERROR} a non-retryable one, {@code SUCCESS}
     * a success.
     *
     * @param configuredCusid the configured {@code allinpay.cusid}
     * @param successWithRetmsg how a {@code SUCCESS} with a {@code retmsg} is read
     * @return the envelope
     */
    public static AllinpayEnvelope acknowledgement(String configuredCusid, AllinpayConfig.SuccessWithRetmsg successWithRetmsg) {
        return new AllinpayEnvelope(null, configuredCusid, successWithRetmsg);
    }

    /** @return the field a {@code SUCCESS} answer of this call carries; empty for a write's acknowledgement */
    public java.util.Optional<String> dataField() {
        return java.util.Optional.ofNullable(dataField);
    }

    @Override
    public Map<String, String> signFields(Map<String, String> fields, Signer signer) {
        fields.put("sign", signer.sign(canonical(fields)));
        return fields;
    }

    /** @param fields request or answer fields @return the signed bytes: sorted non-empty {@code k=v&…} without {@code sign} */
    public static byte[] canonical(Map<String, String> fields) {
        return Canonical.sortedNonEmpty(fields, "sign").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Exchange.Signature signature(Exchange.Answer answer) {
        if (!AllinpayWire.SUCCESS.equals(answer.text("retcode")) || bareMessage(answer)) {
            return Exchange.Signature.unsigned(); // FAIL and a bare message carry nothing to use: error() reports them
        }
        String sign = answer.text("sign");
        if (sign.isEmpty()) {
            return Exchange.Signature.missing("the SUCCESS answer carries no sign");
        }
        Map<String, String> signed = texts(answer);
        checkSignedShape(signed);
        return Exchange.Signature.of(canonical(signed), sign, VERIFY_KEY);
    }

    /** @return whether it is a {@code SUCCESS} without the data field but with a {@code retmsg} */
    private boolean bareMessage(Exchange.Answer answer) {
        if (answer.text("retmsg").isEmpty()) {
            return false;
        }
        return dataField == null ? successWithRetmsg != AllinpayConfig.SuccessWithRetmsg.SUCCESS : answer.text(dataField).isEmpty();
    }

    @Override
    public ComplaintException error(Exchange.Answer answer) {
        String retcode = answer.text("retcode");
        String retmsg = answer.text("retmsg");
        if (AllinpayWire.FAIL.equals(retcode)) {
            return new ProviderException(AllinpayWire.PROVIDER, AllinpayWire.FAIL, retmsg, false);
        }
        if (!AllinpayWire.SUCCESS.equals(retcode)) {
            return AllinpayWire.invalid(retcode.isEmpty() ? "the answer has no retcode"
                    : "the answer's retcode is '" + retcode + "', neither SUCCESS nor FAIL");
        }
        if (bareMessage(answer)) {
            if (dataField == null && successWithRetmsg == AllinpayConfig.SuccessWithRetmsg.RECONCILE) {
                // the public clients disagree whether the write was made: its outcome is unknown
                return new ProviderException(AllinpayWire.PROVIDER, AllinpayWire.SUCCESS, retmsg + " (Allinpay answered "
                        + "SUCCESS with this retmsg; whether the write was made is not known: allinpay.success-with-retmsg)", true);
            }
            // public clients treat this as a business error; it carries no data, so it is reported as such
            return new ProviderException(AllinpayWire.PROVIDER, AllinpayWire.SUCCESS, retmsg, false);
        }
        return echoError(answer.fields(), answer.sent());
    }

    /**
     * @param answer the verified answer's fields
     * @param sent the request fields
     * @return an {@code INVALID_RESPONSE} when an echo of a sent field differs from it, else {@code null}
     */
    public ProviderException echoError(Map<String, Object> answer, Map<String, String> sent) {
        for (String name : new String[] {"appid", "cusid", "orgid", "complaint_id"}) {
            String mine = sent.get(name);
            if (mine == null) {
                continue;
            }
            Object echoed = answer.get(name);
            if (echoed instanceof String s && !s.isEmpty() && !s.equals(mine)) {
                String which = switch (name) {
                    case "appid" -> " (the configured allinpay.appid)";
                    case "orgid" -> " (the configured allinpay.orgid)";
                    case "cusid" -> mine.equals(configuredCusid) ? " (the configured allinpay.cusid)" : " (the complaint's sub-merchant)";
                    default -> "";
                };
                return AllinpayWire.invalid("the signed answer is for another request: its " + name + " is not the one sent"
                        + which + "; it was not used");
            }
        }
        return null;
    }

    /** @return the top-level text fields, in answer order (nested values are neither signed nor used) */
    static Map<String, String> texts(Exchange.Answer answer) {
        Map<String, String> out = new LinkedHashMap<>();
        answer.fields().forEach((k, v) -> {
            if (v instanceof String s) {
                out.put(k, s);
            }
        });
        return out;
    }

    /** Refuses a {@code SUCCESS} answer whose signed string could be read as other fields, or that lacks a field Allinpay always sends. */
    void checkSignedShape(Map<String, String> fields) {
        for (Map.Entry<String, String> e : fields.entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            if (name.equals("sign") || value.isEmpty()) {
                continue;
            }
            if (name.isEmpty() || !name.chars().allMatch(AllinpayEnvelope::isNameChar)) {
                throw AllinpayWire.invalid("the answer has a field whose name is not letters, digits and '_' ("
                        + name.length() + " characters); its signed string is ambiguous and it was not used");
            }
            if (value.indexOf('&') >= 0) {
                throw AllinpayWire.invalid("the answer's " + name + " holds '&', which would let one signed string stand for "
                        + "other fields; it was not used");
            }
            int eq = value.indexOf('=');
            if (eq >= 0 && !(name.equals(dataField) && isPadding(value, eq))) { // a write's answer has no data field
                throw AllinpayWire.invalid("the answer's " + name + " holds '='" + (name.equals(dataField)
                        ? " before its end (Base64 pads only at the end)" : "") + ", which would let one signed string stand "
                        + "for other fields; it was not used");
            }
        }
        String randomstr = fields.getOrDefault("randomstr", "");
        if (randomstr.isEmpty()) {
            throw AllinpayWire.invalid("the SUCCESS answer carries no randomstr, which Allinpay always sends; it was not used");
        }
        if (randomstr.length() > RANDOMSTR_MAX || !randomstr.chars().allMatch(AllinpayEnvelope::isAlphanumeric)) {
            throw AllinpayWire.invalid("the answer's randomstr is not 1 to " + RANDOMSTR_MAX + " letters or digits (was "
                    + randomstr.length() + " characters); it was not used");
        }
        if (dataField != null && fields.getOrDefault(dataField, "").isEmpty()) {
            throw AllinpayWire.invalid("the SUCCESS answer carries no " + dataField + ", which Allinpay always sends; it was not used");
        }
    }

    /** @return whether the {@code =} from {@code first} on are one or two trailing padding characters */
    private static boolean isPadding(String value, int first) {
        int n = value.length() - first;
        return (n == 1 || n == 2) && value.charAt(value.length() - 1) == '=';
    }

    static boolean isAlphanumeric(int c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isNameChar(int c) {
        return isAlphanumeric(c) || c == '_';
    }

    @Override
    public String toString() {
        return "AllinpayEnvelope[" + (dataField == null ? "acknowledgement" : dataField) + "]";
    }
}
