/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.xiaoe.internal;

import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.Page;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.port.HttpTransport;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Benchmark access to the Xiaoe provider's package-private codec (this class lives in the
 * benchmarks module, which is not published, in the provider's package). It runs exactly what
 * {@code XiaoeAdapter.listComplaints} runs on an answer: {@code Answers.read} (which binds
 * the rows while it reads the envelope) then {@code ListCodec.decode}.
 */
public final class XiaoeInternals {
    private static final Duration WINDOW = Duration.ofSeconds(10);

    private XiaoeInternals() {}

    /**
     * @param body a list answer's body
     * @return the HTTP response the transport would hand the adapter (built outside the timed code)
     */
    public static HttpTransport.Response response(byte[] body) {
        return new HttpTransport.Response(200, Map.of("content-type", List.of("application/json;charset=UTF-8")), body);
    }

    /**
     * @param response a list answer
     * @param pageSize the page size asked for (page 1)
     * @return the page
     */
    public static Page<Complaint> decodeListPage(HttpTransport.Response response, int pageSize) {
        PageRequest page = PageRequest.first(pageSize);
        Answers.Answer<ListCodec.ListData> answer = Answers.read(response, "list complaints", WINDOW, m -> m,
                p -> ListCodec.read(p, page));
        if (!answer.ok()) {
            throw Answers.failure(answer, "list complaints", WINDOW);
        }
        return ListCodec.decode(answer.data(), page);
    }
}
