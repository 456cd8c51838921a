/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay.internal;

import dev.complaintkit.error.Violation;
import dev.complaintkit.internal.wire.Canonical;
import dev.complaintkit.model.ComplaintRef;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.port.NegotiationHistoryPort;
import dev.complaintkit.port.Signer;
import dev.complaintkit.spi.ProviderAdapter;
import dev.complaintkit.spi.ProviderContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The Allinpay adapter: negotiation history through {@code riskfeeback/wxcomplainthistory}, one
 * signed form POST per page. Thread-safe.
 *
 * <p>A complaint's sub-merchant, when the caller gives one, is sent as {@code cusid} in place of the
 * configured one (Allinpay's {@code merchantNo}, for agents and group merchants).
 *
 * <p>A verified answer is used only when it answers this request: {@code appid}, {@code cusid},
 * {@code orgid} and {@code complaint_id}, when the answer carries them, must be the ones sent;
 * {@code records.offset} and {@code records.limit} (always sent in Allinpay's records object) must
 * be the request's; the page may hold at most {@code limit} rows, and at offset 0 no more than
 * {@code total_count}.
 */
public final class AllinpayAdapter implements ProviderAdapter, NegotiationHistoryPort {
    private static final System.Logger LOG = System.getLogger("dev.complaintkit.provider.allinpay");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, String> HEADERS = Map.of(
            "Content-Type", AllinpayWire.FORM_CONTENT_TYPE, "Accept", "application/json");
    /** The longest {@code cusid} Allinpay accepts. */
    static final int CUSID_MAX = 15;

    /**
     * The merchant settings every request carries.
     *
     * @param appid {@code appid}
     * @param cusid {@code cusid}
     * @param orgid {@code orgid}, or {@code null} when not set (then it is not sent)
     * @param version {@code version}
     */
    public record Merchant(String appid, String cusid, String orgid, String version) {
        public Merchant {
            Objects.requireNonNull(appid, "appid");
            Objects.requireNonNull(cusid, "cusid");
            Objects.requireNonNull(version, "version");
        }
    }

    private final URI historyUri;
    private final Merchant merchant;
    private final Signer signer;
    private final ProviderContext context;

    /**
     * @param base the endpoint base URL (without a trailing slash)
     * @param merchant the merchant settings
     * @param signer signs requests and verifies answers; its {@link Signer#algorithm()} is sent as {@code signtype}
     * @param context transport and time-out
     */
    public AllinpayAdapter(URI base, Merchant merchant, Signer signer, ProviderContext context) {
        this.historyUri = URI.create(base.toString() + AllinpayWire.HISTORY_PATH);
        this.merchant = Objects.requireNonNull(merchant, "merchant");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public int defaultHistoryPageSize() {
        return AllinpayWire.DEFAULT_LIMIT;
    }

    @Override
    public List<Violation> validateHistory(ComplaintRef complaint, PageRequest page) {
        List<Violation> violations = new ArrayList<>(3);
        String id = complaint == null || complaint.id() == null ? null : complaint.id().value();
        if (id != null && (id.indexOf('&') >= 0 || id.indexOf('=') >= 0)) {
            // the signed string joins raw values: such an id would stand for other request fields
            violations.add(new Violation("complaintId", "format", "must not contain '&' or '=' for Allinpay"));
        }
        String sub = complaint == null ? null : complaint.subMerchant().orElse(null);
        if (sub != null && (sub.length() > CUSID_MAX || !isAlphanumeric(sub))) {
            // sent raw as cusid in the signed string, like the configured allinpay.cusid
            violations.add(new Violation("subMerchant", "format", "must be 1 to " + CUSID_MAX
                    + " letters and digits for Allinpay, where it is sent as cusid (was " + sub.length() + " characters)"));
        }
        if (page != null && page.size() > AllinpayWire.MAX_LIMIT) {
            violations.add(new Violation("page.size", "max", "must be at most " + AllinpayWire.MAX_LIMIT
                    + " for Allinpay's negotiation history (was " + page.size() + ")"));
        }
        return List.copyOf(violations);
    }

    @Override
    public Page<NegotiationEntry> history(ComplaintRef complaint, PageRequest page) {
        Map<String, String> sent = signedFields(complaint, page);
        byte[] body = Canonical.formEncode(sent).getBytes(StandardCharsets.US_ASCII);
        HttpTransport.Response response = context.transport().exchange(
                new HttpTransport.Request("POST", historyUri, HEADERS, body, context.requestTimeout()));
        Map<String, String> fields = Answers.successFields(response, signer);
        checkEcho(fields, "appid", merchant.appid(), " (the configured allinpay.appid)");
        checkEcho(fields, "cusid", sent.get("cusid"), complaint.subMerchant().isPresent()
                ? " (the complaint's sub-merchant)" : " (the configured allinpay.cusid)");
        if (merchant.orgid() != null) {
            checkEcho(fields, "orgid", merchant.orgid(), " (the configured allinpay.orgid)");
        }
        checkEcho(fields, "complaint_id", complaint.id().value(), "");
        RecordsDecoder.Records decoded = RecordsDecoder.decode(fields.get("records"));
        checkPage(decoded, page);
        LOG.log(System.Logger.Level.DEBUG, () -> "history " + complaint.id() + " offset " + page.offset() + " limit "
                + page.size() + ": " + decoded.entries().size() + " rows"
                + (decoded.totalCount().isPresent() ? " of " + decoded.totalCount().getAsLong() : ""));
        return new Page<>(decoded.entries(), page, decoded.totalCount());
    }

    /** Refuses an answer whose echo of a request field differs from what was sent. */
    private static void checkEcho(Map<String, String> fields, String name, String sent, String which) {
        String echoed = fields.get(name);
        if (!Answers.isEmpty(echoed) && !echoed.equals(sent)) {
            throw AllinpayWire.invalid("the signed answer is for another request: its " + name + " is not the one sent"
                    + which + "; it was not used");
        }
    }

    private static boolean isAlphanumeric(String s) {
        return s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    }

    /** Refuses records made for another page, or holding more rows than asked for or than the total. */
    private static void checkPage(RecordsDecoder.Records records, PageRequest page) {
        if (!records.bareArray()) {
            requireEcho(records.offset(), "offset", page.offset());
            requireEcho(records.limit(), "limit", page.size());
        }
        int rows = records.entries().size();
        if (rows > page.size()) {
            throw AllinpayWire.invalid("the page holds " + rows + " rows, more than the limit of " + page.size()
                    + " that was asked for; it was not used");
        }
        if (records.totalCount().isPresent() && rows > records.totalCount().getAsLong() - page.offset()) {
            throw AllinpayWire.invalid("the page holds " + rows + " rows at offset " + page.offset()
                    + ", more than its total_count of " + records.totalCount().getAsLong() + "; it was not used");
        }
    }

    private static void requireEcho(OptionalLong echoed, String name, long sent) {
        if (echoed.isEmpty()) {
            throw AllinpayWire.invalid("the records carry no " + name + ", which Allinpay always sends; it was not used");
        }
        if (echoed.getAsLong() != sent) {
            throw AllinpayWire.invalid("the signed answer is for another page: its records." + name + " is "
                    + echoed.getAsLong() + ", the request's " + sent + "; it was not used");
        }
    }

    /**
     * @param complaint the complaint; its sub-merchant, when given, is sent as {@code cusid}
     * @param page the slice
     * @return the request fields in sending order, {@code sign} last
     */
    Map<String, String> signedFields(ComplaintRef complaint, PageRequest page) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("appid", merchant.appid());
        if (merchant.orgid() != null) {
            f.put("orgid", merchant.orgid());
        }
        f.put("cusid", complaint.subMerchant().orElse(merchant.cusid()));
        f.put("version", merchant.version());
        f.put("randomstr", randomStr());
        f.put("signtype", signer.algorithm());
        f.put("complaint_id", complaint.id().value());
        f.put("limit", Integer.toString(page.size()));
        f.put("offset", Long.toString(page.offset()));
        f.put("sign", signer.sign(Canonical.sortedNonEmpty(f, "sign").getBytes(StandardCharsets.UTF_8)));
        return f;
    }

    /** @return 32 random hex digits, fresh per request */
    private static String randomStr() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public String toString() {
        return "AllinpayAdapter[" + historyUri.getHost() + ", appid=" + merchant.appid() + ", " + signer.algorithm() + "]";
    }
}
