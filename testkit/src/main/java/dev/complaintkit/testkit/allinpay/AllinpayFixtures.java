/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.testkit.allinpay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Recorded Allinpay answers of the negotiation-history, list and detail interfaces, as real response bodies: signed
 * (sign type {@value #SIGN_TYPE}) with the default platform key of {@link AllinpayTestKeys}, for
 * the test merchant. Serve them with {@code simulator.enqueue(ScriptedResponse.json(200, …))} or
 * decode them directly.
 *
 * <ul>
 *   <li>{@link #seedExampleResponse()}: the {@code records} example of Allinpay's history interface page
 *       (https://prodoc.allinpay.com/doc/2377) (one
 *       {@code USER_CREATE_COMPLAINT} row, media as one object), Base64-encoded in a full answer;
 *       {@link #seedExampleRecords()} is the JSON inside.</li>
 *   <li>{@link #largeHistoryPages()}: a history of {@value #LARGE_HISTORY_SIZE} rows in pages of
 *       {@value #LARGE_HISTORY_PAGE_SIZE} (offsets 0, 300, 600; {@code total_count} on the first
 *       only), with every known {@code operate_type} plus unknown ones ({@link #UNKNOWN_OPERATE_TYPES}),
 *       {@code complaint_media_list} as objects, arrays (one and two entries), empty arrays and absent,
 *       and {@code image_list} rows. Shapes are mixed on purpose, to exercise a decoder.</li>
 *   <li>{@link #listExampleResponse()} and {@link #detailExampleResponse()}: a list page of two rows
 *       (one of a sub-merchant) and the detail of its first complaint.</li>
 * </ul>
 */
public final class AllinpayFixtures {
    /** The sign type the fixtures are signed with. */
    public static final String SIGN_TYPE = "RSA";
    /** A complaint id to ask for the interface page's example with (the answer itself does not name it). */
    public static final String SEED_COMPLAINT_ID = "200000020230530230000000001";
    /** The {@code log_id} of the interface page example's one row. */
    public static final String SEED_LOG_ID = "300200020230530232256940819";
    /** A complaint id to ask for the large history with. */
    public static final String LARGE_HISTORY_COMPLAINT_ID = "200201820240506091233000640";
    /** Rows in the large history. */
    public static final int LARGE_HISTORY_SIZE = 640;
    /** The {@code limit} the large history was recorded with. */
    public static final int LARGE_HISTORY_PAGE_SIZE = 300;
    /** The {@code operate_type} values in the large history that WeChat's list does not (yet) name. */
    public static final List<String> UNKNOWN_OPERATE_TYPES = List.of("MERCHANT_UPLOAD_EVIDENCE", "PLATFORM_ARBITRATION_RESULT");

    /** The complaints of {@link #listExampleResponse()}, in order. */
    public static final List<String> LIST_COMPLAINT_IDS = List.of("200201820240506091233000101", "200201820240507100000000202");
    /** The sub-merchant ({@code merchantNo}) of the first of them, which {@link #detailExampleResponse()} describes. */
    public static final String LIST_SUB_MERCHANT = "990000000000101";

    static final String LIST_RESPONSE = "list-example-response.json";
    static final String DETAIL_RESPONSE = "detail-example-response.json";
    static final String SEED_RESPONSE = "seed-example-response.json";
    static final String SEED_RECORDS = "seed-example-records.json";
    static final String LARGE_PAGE = "history-640-offset-%d.json";

    private AllinpayFixtures() {}

    /** @return the answer body carrying the interface page's records example */
    public static byte[] seedExampleResponse() {
        return load(SEED_RESPONSE);
    }

    /** @return the interface page's records example: the UTF-8 JSON that {@link #seedExampleResponse()} carries in Base64 */
    public static byte[] seedExampleRecords() {
        return load(SEED_RECORDS);
    }

    /**
     * @return a {@code wxcomplaintlistquery} answer: {@code total_count} 2 in the envelope, {@code records}
     *     a JSON array of two WeChat rows with {@code merchantNo} (a sub-merchant's, then the test
     *     merchant's own), times in RFC 3339 and in {@code yyyy-MM-dd HH:mm:ss}
     */
    public static byte[] listExampleResponse() {
        return load(LIST_RESPONSE);
    }

    /**
     * @return a {@code wxcomplaintdetail} answer for the first listed complaint, to its sub-merchant
     *     ({@code cusid} {@link #LIST_SUB_MERCHANT}): orders, problem type
     *     {@code REFUND} with the amount asked for, {@code complaint_media_list} as an array of one
     *     medium with two URLs, user tags, its {@code merchantNo}, and a field this version does not know
     */
    public static byte[] detailExampleResponse() {
        return load(DETAIL_RESPONSE);
    }

    /** @return the answer bodies of the large history, in offset order */
    public static List<byte[]> largeHistoryPages() {
        List<byte[]> pages = new ArrayList<>();
        for (int offset = 0; offset < LARGE_HISTORY_SIZE; offset += LARGE_HISTORY_PAGE_SIZE) {
            pages.add(load(String.format(LARGE_PAGE, offset)));
        }
        return pages;
    }

    private static byte[] load(String name) {
        try (InputStream in = AllinpayFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test kit resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
