/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.Secret;
import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.SignatureException;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.port.HttpTransport;
import dev.complaintkit.provider.yima.YimaConfig.SignScheme;
import dev.complaintkit.provider.yima.internal.Md5Signer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Property: the signed string {@code k=v&k=v} of a captured success, re-partitioned into other
 * fields in any way (so that its signature still verifies) or replayed to another reply, never
 * yields a receipt — only the unchanged answer to its own reply does.
 */
@DisplayName("Yima answers: re-partitioned and replayed signed strings")
class YimaFoldingPropertyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "folding-secret";
    private static final long SEED = 0xF01D_ED5EL;
    private static final int CASES = 1_500;
    private static final String COMPLAINT = "200201820200101080076610000";

    /** Answers every request with the body it holds. */
    private static final class Canned implements HttpTransport {
        byte[] body;

        @Override
        public Response exchange(Request request) {
            return new Response(200, Map.of("Content-Type", List.of("application/json;charset=UTF-8")), body);
        }
    }

    private static Map<String, String> captured(String transactionId) {
        Map<String, String> f = new TreeMap<>();
        f.put("response_type", "risk_complaints_resp_response");
        f.put("isspid", "39493002");
        f.put("transaction_id", transactionId);
        f.put("seller_account", "66660000000000001");
        f.put("complaint_id", COMPLAINT);
        f.put("gateway_version", "2.9");
        return f;
    }

    /**
     * Joins runs of adjacent pairs of the sorted signed string into single fields: the same string,
     * so the same signature. With no run joined, the answer is the captured one.
     */
    private static Map<String, String> refold(Map<String, String> sorted, Random random, boolean[] changed) {
        List<String> pairs = new ArrayList<>();
        sorted.forEach((k, v) -> pairs.add(k + "=" + v));
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        while (i < pairs.size()) {
            int run = 1;
            while (i + run < pairs.size() && random.nextInt(3) == 0) {
                run++;
            }
            String joined = String.join("&", pairs.subList(i, i + run));
            int eq = joined.indexOf('=');
            out.put(joined.substring(0, eq), joined.substring(eq + 1));
            changed[0] |= run > 1;
            i += run;
        }
        return out;
    }

    @Test
    @DisplayName("no re-partitioned captured success is accepted; replayed to a later reply, none is accepted at all")
    void refoldedAndReplayedSuccessesAreRefused() throws Exception {
        Canned transport = new Canned();
        YimaConfig config = YimaConfig.builder().endpoint("https://yima.invalid/gateway").isspid("39493002")
                .systemId("8888").sellerAccount("66660000000000001").secret(SECRET).build();
        Md5Signer signer = new Md5Signer(SignScheme.MD5_SORTED_KEY, Secret.of(SECRET), StandardCharsets.UTF_8);
        Random random = new Random(SEED);
        Map<String, Integer> outcomes = new TreeMap<>();
        try (ComplaintClient client = Complaints.builder().provider(new YimaProvider()).config(config)
                .transport(transport).retryPolicy(RetryPolicy.none()).build()) {
            for (int n = 0; n < CASES; n++) {
                Map<String, String> captured = captured("captured-" + n);
                String sign = signer.sign(Md5Signer.canonical(captured).getBytes(StandardCharsets.UTF_8));
                boolean[] changed = {false};
                Map<String, Object> answer = new LinkedHashMap<>(refold(captured, random, changed));
                answer.put("result", Map.of("id", "0000", "comment", "回复成功"));
                answer.put("sign", sign);
                transport.body = JSON.writeValueAsBytes(answer);
                boolean ownReply = random.nextBoolean();
                String key = ownReply ? "captured-" + n : "later-" + n;

                String outcome;
                try {
                    client.reply(ReplyRequest.builder(COMPLAINT).text("好的").idempotencyKey(key).build());
                    outcome = "accepted";
                } catch (SignatureException | ProviderException e) {
                    outcome = e.getClass().getSimpleName();
                } catch (ComplaintException e) {
                    outcome = "other " + e;
                }
                outcomes.merge(outcome, 1, Integer::sum);
                assertThat(outcome).as("case %d: own reply %s, refolded %s: %s", n, ownReply, changed[0], answer)
                        .isEqualTo(ownReply && !changed[0] ? "accepted"
                                : changed[0] ? "SignatureException" : "ProviderException");
            }
        }
        assertThat(outcomes).containsKeys("accepted", "SignatureException", "ProviderException");
    }
}
