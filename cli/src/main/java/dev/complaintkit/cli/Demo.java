/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.error.SignatureException;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.model.Complaint;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.ComplaintState;
import dev.complaintkit.model.NegotiationEntry;
import dev.complaintkit.model.OperationType;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.model.ReplyReceipt;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.testkit.allinpay.AllinpaySimulator;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import dev.complaintkit.testkit.yima.YimaSimulator;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * {@code complaintkit demo}: starts the {@link Sandbox} in-process and drives every provider through
 * the public API ({@link Complaints#client(String, Map)} with the sandbox's properties), over real
 * HTTP with real signatures, printing what was done and what the simulators saw. Never prints a
 * secret. The exit code is 0 when every step passed, else the exit code of the first failure.
 */
final class Demo {
    private static final String RULE = "-".repeat(96);
    private static final String IMAGE_1 = "file752398_7983424";
    private static final String IMAGE_2 = "file752399_7983425";
    private static final String JUMP_URL = "https://shop.example.com/orders/E20240417180801783546";

    private final PrintWriter out;
    private final List<String> failures = new ArrayList<>();
    private int firstFailureCode = ExitCodes.OK;
    private long listed;
    private long listPages;
    private long filtered;
    private long filteredPages;
    private boolean retried;
    private long historyRows;
    private long historyPages;
    private boolean tamperedRefused;
    private final Map<String, Integer> repliesByFormat = new LinkedHashMap<>();
    private int violationsShown;

    Demo(PrintWriter out) {
        this.out = out;
    }

    int run(IntFunction<Sandbox> starter) {
        long t0 = System.nanoTime();
        out.println("complaintkit demo: every provider end to end over real HTTP on loopback, with real");
        out.println("signatures, against the test kit's simulators. No account, no network.");
        Sandbox sandbox;
        try {
            sandbox = starter.apply(0);
        } catch (RuntimeException e) {
            out.println("Could not start the sandbox: " + TerminalText.message(e.getMessage()));
            out.flush();
            return ExitCodes.INTERNAL;
        }
        try (sandbox) {
            out.println();
            out.println("Sandbox started in " + ms(t0) + ", simulators on loopback:");
            out.println("  " + sandbox.endpoints().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("   ")));
            out.println("Providers on the class path: " + String.join(", ", Complaints.discover().ids()));
            step("Xiaoe-tech 小鹅通 · list complaints (access token, paged JSON list)", () -> xiaoe(sandbox));
            step("Allinpay 通联支付 · stream a negotiation history (signed form POST, RSA and SM2)",
                    () -> allinpay(sandbox));
            step("Yima 翼码 · reply with images and a jump link (MD5-signed JSON, GBK XML form)", () -> yima(sandbox));
            step("Bad input is rejected before anything is sent", () -> rejected(sandbox));
        }
        out.println();
        out.println(RULE);
        int replies = repliesByFormat.values().stream().mapToInt(Integer::intValue).sum();
        out.println("Summary");
        out.println("  xiaoe      " + listed + " complaints listed in " + listPages + " pages, " + filtered
                + " found by a server-side filter in " + filteredPages + " pages");
        out.println("  allinpay   " + historyRows + " history rows in " + historyPages + " pages (RSA and SM2 merchants)"
                + (tamperedRefused ? ", a tampered answer refused" : ""));
        out.println("  yima       " + replies + " replies accepted (" + repliesByFormat.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ")"
                + (retried ? ", one retried safely after a dropped connection" : ""));
        out.println("  bad input  rejected with " + violationsShown + " violations, nothing sent");
        out.println("  " + (failures.isEmpty() ? "all steps passed" : failures.size() + " step(s) FAILED: "
                + String.join("; ", failures)) + " in " + ms(t0));
        out.println();
        out.println("Next: ./complaintkit sandbox --write sandbox.properties    (keeps the simulators running)");
        out.println("      ./complaintkit --config sandbox.properties list --provider xiaoe --max 5");
        out.println("      See cli/README.md for every command and option.");
        out.flush();
        return firstFailureCode;
    }

    private interface Step {
        void run() throws Exception;
    }

    private void step(String title, Step step) {
        out.println();
        out.println("== " + title + " " + "=".repeat(Math.max(3, 92 - Table.width(title))));
        try {
            step.run();
        } catch (Exception e) {
            failures.add(title.substring(0, title.indexOf(' ')) + ": " + TerminalText.message(e.getMessage()));
            if (firstFailureCode == ExitCodes.OK) {
                int code = ExitCodes.of(e);
                firstFailureCode = code == ExitCodes.OK ? ExitCodes.INTERNAL : code;
            }
            out.println("   FAILED: " + TerminalText.message(e.getMessage()));
        }
        out.flush();
    }

    // ------------------------------------------------------------------ Xiaoe-tech

    private void xiaoe(Sandbox sandbox) {
        XiaoeSimulator sim = sandbox.xiaoe();
        int callsBefore = sim.apiCalls().size();
        int tokensBefore = sim.tokenRequestCount();
        long t = System.nanoTime();
        Map<ComplaintState, Integer> byState = new EnumMap<>(ComplaintState.class);
        int overdue = 0;
        try (ComplaintClient client = Complaints.client("xiaoe", sandbox.properties())) {
            List<Complaint> all = client.complaints(ComplaintFilter.all()).toList();
            for (Complaint c : all) {
                byState.merge(c.state(), 1, Integer::sum);
                overdue += c.overdue() ? 1 : 0;
            }
            int calls = sim.apiCalls().size() - callsBefore;
            listed = all.size();
            listPages = calls;
            out.printf(Locale.ROOT, "   all complaints: %d, in %d pages of up to 100 (%d token request%s, %d list calls), %s%n",
                    all.size(), calls, sim.tokenRequestCount() - tokensBefore,
                    sim.tokenRequestCount() - tokensBefore == 1 ? "" : "s", calls, ms(t));
            out.printf(Locale.ROOT, "   by state: pending %d · processing %d · processed %d · overdue %d%n",
                    byState.getOrDefault(ComplaintState.PENDING, 0), byState.getOrDefault(ComplaintState.PROCESSING, 0),
                    byState.getOrDefault(ComplaintState.PROCESSED, 0), overdue);

            LocalDate from = LocalDate.of(2024, 6, 1);
            LocalDate to = LocalDate.of(2024, 6, 30);
            callsBefore = sim.apiCalls().size();
            t = System.nanoTime();
            List<Complaint> june = client.complaints(ComplaintFilter.builder().state(ComplaintState.PENDING)
                    .between(from.atStartOfDay(Main.SHANGHAI).toInstant(),
                            to.plusDays(1).atStartOfDay(Main.SHANGHAI).toInstant().minusSeconds(1))
                    .build(), 20).toList();
            int juneCalls = sim.apiCalls().size() - callsBefore;
            filtered = june.size();
            filteredPages = juneCalls;
            out.printf(Locale.ROOT, "   pending, raised %s..%s (filtered by the server): %d, in %d pages of 20, %s%n",
                    from, to, june.size(), juneCalls, ms(t));
            out.println("   the newest 4:");
            Table table = new Table(List.of("     ID", "STATE", "CHANNEL", "COMPLAINED AT", "REASON"));
            june.stream().limit(4).forEach(c -> table.add(List.of("     " + c.id().value(), c.state().name(),
                    c.channel().name(), Views.shortTime(c.complainedAt()), Views.shorten(c.reason(), 26))));
            table.print(out);
        }
    }

    // ------------------------------------------------------------------ Allinpay

    private void allinpay(Sandbox sandbox) {
        AllinpaySimulator sim = sandbox.allinpay();
        ComplaintId id = sandbox.allinpayComplaintIds().get(0);
        List<NegotiationEntry> rsaRows = null;
        List<NegotiationEntry> sm2Rows = null;
        out.println("   complaint " + id.value() + ", streamed lazily, up to 100 rows per request:");
        for (Map<String, String> settings : List.of(sandbox.properties(), sandbox.propertiesSm2())) {
            String signType = settings.get("allinpay.sign-type");
            int before = sim.requestCount();
            long t = System.nanoTime();
            try (ComplaintClient client = Complaints.client("allinpay", settings)) {
                List<NegotiationEntry> rows = client.history(id).toList();
                int pages = sim.requestCount() - before;
                historyRows += rows.size();
                historyPages += pages;
                out.printf(Locale.ROOT, "   %s  merchant %s: %d rows in %d pages (%s), %s%n", signType,
                        settings.get("allinpay.appid"), rows.size(), pages,
                        signType.equals("RSA") ? "SHA1WithRSA" : "SM3withSM2, raw r||s", ms(t));
                if (signType.equals("RSA")) {
                    rsaRows = rows;
                } else {
                    sm2Rows = rows;
                }
            }
        }
        if (!rsaRows.equals(sm2Rows)) {
            throw new IllegalStateException("the RSA and SM2 merchants read different histories");
        }
        long withMedia = rsaRows.stream().filter(e -> !e.media().isEmpty() || !e.images().isEmpty()).count();
        out.printf(Locale.ROOT, "   the same rows for both: %d kinds of operation (%d rows of a kind this version does"
                + " not know,%n   kept raw), %d rows with media or images%n",
                rsaRows.stream().map(NegotiationEntry::rawType).distinct().count(),
                rsaRows.stream().filter(e -> e.type() == OperationType.UNKNOWN).count(), withMedia);
        out.println("   the first 5:");
        Table table = new Table(List.of("     TIME", "TYPE", "OPERATOR", "DETAILS", "MEDIA"));
        rsaRows.stream().limit(5).forEach(e -> table.add(List.of("     " + Views.shortTime(e.time()),
                Views.shorten(e.rawType(), 36), Views.shorten(e.operator(), 12), Views.shorten(e.details(), 22),
                Integer.toString(e.media().stream().mapToInt(m -> m.urls().size()).sum() + e.images().size()))));
        table.print(out);

        sim.tamperNextSignature();
        try (ComplaintClient client = Complaints.client("allinpay", sandbox.propertiesSm2())) {
            client.historyPage(id, PageRequest.first(10));
            throw new IllegalStateException("an answer with a tampered signature was accepted");
        } catch (SignatureException e) {
            tamperedRefused = true;
            out.println("   an answer whose SM2 signature was tampered with: refused, " + e.getClass().getSimpleName()
                    + " (exit code 5)");
        }
    }

    // ------------------------------------------------------------------ Yima

    private void yima(Sandbox sandbox) {
        YimaSimulator sim = sandbox.yima();
        String first = sandbox.yimaComplaintIds().get(0).value();
        String second = sandbox.yimaComplaintIds().get(1).value();
        Map<String, String> xml = new LinkedHashMap<>(sandbox.properties());
        xml.put("yima.format", "xml");
        try (ComplaintClient json = Complaints.client("yima", sandbox.properties());
                ComplaintClient gbk = Complaints.client("yima", xml)) {
            reply(json, "JSON", ReplyRequest.builder(first).text("您好，已为您办理全额退款，预计1-3个工作日到账。")
                    .image(IMAGE_1).image(IMAGE_2).jumpLink(JUMP_URL, "查看订单详情").build());
            reply(gbk, "XML", ReplyRequest.builder(second).text("您好，课程已为您重新开通，如仍有问题请联系客服。")
                    .image(IMAGE_1).jumpLink(JUMP_URL, "查看课程").build());

            int requestsBefore = sim.requestCount();
            int repliesBefore = sim.replies().size();
            sim.dropConnectionAfterNextReply();
            long t = System.nanoTime();
            ReplyReceipt r = gbk.reply(ReplyRequest.builder(second).text("补充说明：退款已原路退回，请注意查收。").build());
            count("XML");
            retried = sim.requestCount() - requestsBefore > 1 && sim.replies().size() - repliesBefore == 1;
            out.printf(Locale.ROOT, "   XML   reply, then the connection drops before the answer: the client retries with the%n"
                    + "         same transaction_id %s%n"
                    + "         %d requests, %d reply recorded by the gateway: %s %s, %s%n",
                    r.idempotencyKey(), sim.requestCount() - requestsBefore, sim.replies().size() - repliesBefore,
                    r.code(), r.message(), ms(t));

            out.println("   what the Yima simulator recorded (" + sim.replies().size() + " replies):");
            Table table = new Table(List.of("     FORMAT", "COMPLAINT", "TEXT", "IMAGES", "JUMP LINK"));
            for (YimaSimulator.Reply reply : sim.replies()) {
                table.add(List.of("     " + reply.format(), reply.complaintId(), Views.shorten(reply.content(), 22),
                        Integer.toString(reply.images().size()),
                        reply.jumpUrl().isEmpty() ? "-" : Views.shorten(reply.jumpUrlText(), 12)));
            }
            table.print(out);
        }
    }

    private void reply(ComplaintClient client, String format, ReplyRequest request) {
        long t = System.nanoTime();
        ReplyReceipt r = client.reply(request);
        count(format);
        int images = request.imageMediaIds().size();
        out.printf(Locale.ROOT, "   %-5s reply to %s, %d image%s + jump link: %s %s, %s%n", format,
                r.complaintId().value(), images, images == 1 ? "" : "s", r.code(), r.message(), ms(t));
        out.printf(Locale.ROOT, "         transaction_id %s%n", r.idempotencyKey());
    }

    private void count(String format) {
        repliesByFormat.merge(format, 1, Integer::sum);
    }

    // ------------------------------------------------------------------ bad input

    private void rejected(Sandbox sandbox) {
        YimaSimulator sim = sandbox.yima();
        Map<String, String> xml = new LinkedHashMap<>(sandbox.properties());
        xml.put("yima.format", "xml");
        String text = "😀" + "感谢您的耐心等待".repeat(25);
        ReplyRequest bad = ReplyRequest.builder(sandbox.yimaComplaintIds().get(0).value()).text(text)
                .image("m1").image("m2").image("m3").image("m4").image("m5")
                .jumpLink("http://shop.example.com/orders/1", "点击这里查看订单处理进度").build();
        out.println("   Yima XML reply: a " + text.codePointCount(0, text.length())
                + "-character text starting with an emoji (not in GBK), 5 images,");
        out.println("   an http:// jump link and a 12-character link text.");
        int before = sim.requestCount();
        try (ComplaintClient client = Complaints.client("yima", xml)) {
            client.reply(bad);
            throw new IllegalStateException("the bad reply was accepted");
        } catch (ValidationException e) {
            int sent = sim.requestCount() - before;
            out.println("   ValidationException, " + e.violations().size() + " violations, " + sent
                    + " requests sent (exit code 3 on the command line):");
            for (Violation v : e.violations()) {
                out.println("     - " + Views.shorten(v.field() + ": " + v.message(), 88));
            }
            violationsShown = e.violations().size();
            if (sent != 0) {
                throw new IllegalStateException(sent + " requests reached the simulator despite the bad input");
            }
        }
    }

    private static String ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000 + " ms";
    }
}
