/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.complaintkit.testkit.http.RecordedRequest;
import dev.complaintkit.testkit.wechatpay.WechatPayFixtures;
import dev.complaintkit.testkit.wechatpay.WechatPaySimulator;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import dev.complaintkit.testkit.yima.YimaSimulator;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
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
    private long wxListed;
    private int wxWindows;
    private boolean wxPhoneRevealed;
    private int wxWrites;
    private int wxEventsPrinted;
    private int wxDuplicates;
    private int wxRefused;
    private boolean wxTamperedRefused;
    private int wxLostReplyPosts = -1;
    private boolean wxRefundApproved;
    /** Long values shown by a name in the demo's command lines (a media id, a media URL). */
    private final Map<String, String> aliases = new LinkedHashMap<>();
    /** A 1x1 PNG, the receipt the demo uploads. */
    private static final byte[] RECEIPT_PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /** A command of the demo failed: its exit code and first error line. */
    private static final class CommandFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;

        CommandFailed(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** One in-process run of the command: exit code, stdout, stderr. */
    private record Ran(int code, String out, String err) {
        String firstError() {
            return err.lines().filter(l -> l.startsWith("error: ")).findFirst().orElse(err.strip());
        }
    }

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
            wrap(sandbox.endpoints().entrySet().stream().map(e -> e.getKey() + "\u00A0" + e.getValue())
                    .collect(Collectors.joining("   ")), 94).forEach(l -> out.println("  " + l.replace('\u00A0', ' ')));
            out.println("Providers on the class path: " + String.join(", ", Complaints.discover().ids()));
            step("Xiaoe-tech 小鹅通 · list complaints (access token, paged JSON list)", () -> xiaoe(sandbox));
            step("Allinpay 通联支付 · stream a negotiation history (signed form POST, RSA and SM2)",
                    () -> allinpay(sandbox));
            step("Yima 翼码 · reply with images and a jump link (MD5-signed JSON, GBK XML form)", () -> yima(sandbox));
            step("Bad input is rejected before anything is sent", () -> rejected(sandbox));
            Path work = null;
            try {
                work = Files.createTempDirectory("complaintkit-demo");
                Path dir = work;
                Path config = writeConfig(dir, sandbox);
                step("WeChat Pay 微信支付 · the commands: list 60 days, detail, upload, reply, refund, complete",
                        () -> wechatpayCommands(sandbox, config, dir));
                step("WeChat Pay 微信支付 · webhook, a tampered answer, a lost reply answer",
                        () -> wechatpayReliability(sandbox, config));
            } catch (IOException e) {
                step("WeChat Pay 微信支付 · the commands", () -> {
                    throw new IllegalStateException("could not write the demo's config file (" + e.getClass().getSimpleName() + ")");
                });
            } finally {
                deleteAll(work);
            }
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
        out.println("  wechatpay  " + wxListed + " complaints over 60 days in " + wxWindows + " windows"
                + (wxPhoneRevealed ? ", a phone revealed" : "") + ", " + wxWrites + " writes (upload, reply,");
        out.println("             refund, complete), " + wxEventsPrinted + " event printed by the webhook (" + wxDuplicates
                + " repeat acknowledged, " + wxRefused + " refused),");
        out.println("             " + (wxTamperedRefused ? "a tampered answer refused, " : "")
                + (wxLostReplyPosts == 1 ? "a lost reply answer reconciled (posted once)" : "no lost reply reconciled"));
        out.println("  " + (failures.isEmpty() ? "all steps passed" : failures.size() + " step(s) FAILED: "
                + String.join("; ", failures)) + " in " + ms(t0));
        out.println();
        out.println("Next: ./complaintkit sandbox --write sandbox.properties    (keeps the simulators running)");
        out.println("      ./complaintkit --config sandbox.properties list --provider xiaoe --max 5");
        out.println("      ./complaintkit --config sandbox.properties list --provider wechatpay");
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
                int code = e instanceof CommandFailed failed ? failed.code : ExitCodes.of(e);
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


    // ------------------------------------------------------------------ WeChat Pay

    /** Writes the sandbox's config as a file (readable by the user only), as {@code sandbox --write} does. */
    private static Path writeConfig(Path dir, Sandbox sandbox) throws IOException {
        Path file = dir.resolve("sandbox.properties");
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, sandbox.propertiesText(), StandardCharsets.UTF_8);
        return file;
    }

    private static void deleteAll(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind; nothing secret beyond the sandbox's throw-away keys
        }
    }

    /** Runs the command in-process with {@code --config FILE}, the way a user runs it against the sandbox. */
    private static Ran command(Path config, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        Main m = new Main();
        m.out = new PrintWriter(o, true);
        m.err = new PrintWriter(e, true);
        m.env = Map.of();
        List<String> all = new ArrayList<>(List.of("--config", config.toString()));
        all.addAll(List.of(args));
        int code = m.execute(all.toArray(String[]::new));
        return new Ran(code, o.toString(), e.toString());
    }

    /** Prints the command line as a user types it (without the config) and runs it; a non-zero exit fails the step. */
    private Ran shown(Path config, String... args) {
        String dir = config.getParent().toString() + File.separator;
        List<String> lines = wrap("$ complaintkit " + Arrays.stream(args)
                .map(a -> aliases.getOrDefault(a, a.replace(dir, "")))
                .map(a -> a.contains(" ") ? "'" + a + "'" : a).collect(Collectors.joining(" ")), 90);
        for (int i = 0; i < lines.size(); i++) {
            out.println((i == 0 ? "   " : "       ") + lines.get(i) + (i < lines.size() - 1 ? " \\" : ""));
        }
        Ran r = command(config, args);
        if (r.code() != ExitCodes.OK) {
            throw new CommandFailed(r.code(), args[0] + " exited " + r.code() + ": " + r.firstError());
        }
        return r;
    }

    /** Prints a command's output indented; a line too wide for the demo goes on with a deeper indent. */
    private void indented(String text) {
        text.lines().forEach(l -> {
            if (Table.width(l) <= 92) {
                out.println("     " + l);
                return;
            }
            int indent = l.length() - l.stripLeading().length();
            List<String> parts = wrap(l.strip(), 92 - indent);
            for (int i = 0; i < parts.size(); i++) {
                out.println("     " + " ".repeat(indent + (i == 0 ? 0 : 4)) + parts.get(i));
            }
        });
    }

    private static List<RecordedRequest> listCalls(WechatPaySimulator sim) {
        return sim.requests("GET", WechatPaySimulator.COMPLAINTS_PATH).stream()
                .filter(r -> r.path().equals(WechatPaySimulator.COMPLAINTS_PATH)).toList();
    }

    private static int posts(WechatPaySimulator sim, String complaintId, String action) {
        return sim.requests("POST", WechatPaySimulator.COMPLAINTS_PATH + "/" + complaintId + "/" + action).size();
    }

    private void wechatpayCommands(Sandbox sandbox, Path config, Path dir) throws Exception {
        WechatPaySimulator sim = sandbox.wechatpay();
        List<String> ids = sandbox.wechatpayComplaintIds();
        String refund = ids.get(WechatPayFixtures.REFUND);
        LocalDate today = LocalDate.now(WechatPaySimulator.SHANGHAI);
        out.println("   The real commands, run in-process with the sandbox's config (mchid " + sim.mchid()
                + ", public-key mode).");

        int callsBefore = listCalls(sim).size();
        long t = System.nanoTime();
        Ran list = shown(config, "list", "--provider", "wechatpay", "--from", today.minusDays(59).toString(),
                "--to", today.toString(), "--output", "jsonl");
        List<RecordedRequest> calls = listCalls(sim).subList(callsBefore, listCalls(sim).size());
        List<JsonNode> rows = new ArrayList<>();
        for (String line : list.out().lines().toList()) {
            rows.add(Main.JSON.readTree(line));
        }
        wxListed = rows.size();
        wxWindows = (int) calls.stream().map(r -> r.queryParameters().get("begin_date")).distinct().count();
        out.println("     one JSON line per complaint; the newest 3 and the oldest:");
        Table table = new Table(List.of("     ID", "STATE", "COMPLAINED AT", "REASON"));
        for (int i = 0; i < rows.size(); i++) {
            if (i < 3 || i == rows.size() - 1) {
                JsonNode c = rows.get(i);
                table.add(List.of("     " + c.path("id").asText(), c.path("state").asText(),
                        c.path("complained_at").asText().replace('T', ' ').substring(0, 16), Views.shorten(c.path("reason").asText(), 26)));
            }
        }
        table.print(out);
        out.printf(Locale.ROOT, "   %d complaints in %d list calls, one per 30-day window (WeChat Pay's cap), %s:%n",
                wxListed, calls.size(), ms(t));
        out.println("     " + calls.stream().map(r -> r.queryParameters().get("begin_date") + ".." + r.queryParameters()
                .get("end_date")).collect(Collectors.joining(", then ")));

        Ran detail = shown(config, "detail", "--provider", "wechatpay", "--complaint", refund, "--reveal-phone", "--json");
        JsonNode d = Main.JSON.readTree(detail.out());
        wxPhoneRevealed = "REVEALED".equals(d.path("phone_form").asText());
        List<String> tags = new ArrayList<>();
        d.path("user_tags").forEach(tag -> tags.add(tag.asText()));
        out.printf(Locale.ROOT, "     state %s · problem %s (%s) · refund asked %d fen · tags %s%n",
                d.path("state").asText(), d.path("problem_type").asText(), d.path("problem_description").asText(),
                d.path("requested_refund_fen").asLong(), String.join(",", tags));
        out.println("     order " + d.path("orders").path(0).path("transaction_id").asText() + " · media "
                + d.path("media").size() + " · immediate service " + d.path("immediate_service_required").asBoolean());
        out.println("     phone_form " + d.path("phone_form").asText() + ", phone " + d.path("phone").asText()
                + " (payer_phone decrypted, RSA-OAEP, with the merchant key)");

        Path receipt = Files.write(dir.resolve("receipt.png"), RECEIPT_PNG);
        Ran upload = shown(config, "upload-image", "--provider", "wechatpay", receipt.toString());
        String mediaId = upload.out().strip();
        indented(Views.shorten(mediaId, 88) + "      (MEDIA_ID)");
        aliases.put(mediaId, "$MEDIA_ID");
        Ran reply = shown(config, "reply", "--provider", "wechatpay", "--complaint", refund, "--text",
                "您好，退款将原路退回，凭证见图。", "--image", mediaId);
        indented(reply.out());
        Ran approve = shown(config, "refund", "--provider", "wechatpay", "--complaint", refund, "--approve",
                "--refund-in-days", "1", "--remark", "同意退款");
        indented(approve.out());
        wxRefundApproved = true;
        Ran complete = shown(config, "complete", "--provider", "wechatpay", "--complaint", ids.get(WechatPayFixtures.PROCESSING));
        indented(complete.out());
        wxWrites = 4;

        Ran history = shown(config, "history", "--provider", "wechatpay", "--complaint", refund);
        indented(history.out());
        String imageUrl = Main.JSON.readTree(command(config, "history", "--provider", "wechatpay", "--complaint", refund,
                "--json").out()).findValues("images").stream().filter(JsonNode::isArray).filter(a -> a.size() > 0)
                .findFirst().orElseThrow(() -> new IllegalStateException("the reply's image is not in the history")).get(0).asText();
        Path copy = dir.resolve("copy.png");
        aliases.put(imageUrl, "$IMAGE_URL");
        out.println("   IMAGE_URL: the reply's row's image, " + Views.shorten(imageUrl, 56));
        Ran download = shown(config, "download-image", "--provider", "wechatpay", "--url", imageUrl, "--out", copy.toString());
        indented(download.out().replace(dir.toString() + "/", ""));
        if (!Arrays.equals(Files.readAllBytes(copy), RECEIPT_PNG)) {
            throw new IllegalStateException("the image downloaded from the history is not the one uploaded");
        }
        out.println("   the image the reply carries, downloaded from the history's media URL: the uploaded bytes");
    }

    private void wechatpayReliability(Sandbox sandbox, Path config) throws Exception {
        WechatPaySimulator sim = sandbox.wechatpay();
        List<String> ids = sandbox.wechatpayComplaintIds();
        String refund = ids.get(WechatPayFixtures.REFUND);
        StringWriter hookOut = new StringWriter();
        StringWriter hookErr = new StringWriter();
        List<RuntimeException> hookFailures = new ArrayList<>();
        try (ComplaintClient client = Complaints.client("wechatpay", sandbox.properties());
                WebhookReceiver hook = WebhookReceiver.start(client, 0, new PrintWriter(hookOut, true),
                        new PrintWriter(hookErr, true), hookFailures::add)) {
            out.println("   the webhook command's receiver listens on " + hook.url());
            sim.notificationTarget(hook.url());
            WechatPaySimulator.Delivery arrived;
            WechatPaySimulator.DeliveryResult first;
            if (wxRefundApproved) {
                try {
                    arrived = sim.refundArrives(refund);
                } finally {
                    sim.notificationTarget(null);
                }
                first = last(sim);
                out.println("   the approved refund arrives: WeChat Pay POSTs " + arrived.eventType() + " " + arrived.actionType());
            } else { // the refund step failed: a user's message instead
                sim.notificationTarget(null);
                arrived = sim.notification(refund, "USER_RESPONSE");
                first = sim.deliver(arrived, hook.url());
                out.println("   WeChat Pay POSTs " + arrived.eventType() + " " + arrived.actionType());
            }
            List<String> printed = hookOut.toString().lines().toList();
            wxEventsPrinted = printed.size();
            out.println("     (signed, its resource AES-256-GCM-encrypted under the APIv3 key), answered " + first.status()
                    + "; the webhook");
            out.println("     verified and decrypted it and printed " + printed.size() + " JSON line:");
            for (String line : printed) {
                JsonNode e = Main.JSON.readTree(line);
                out.println("     event_id " + e.path("event_id").asText() + ", type " + e.path("type").asText()
                        + " (" + e.path("raw_type").asText() + "),");
                out.println("     action " + e.path("action").asText() + ", complaint " + e.path("complaint_id").asText());
            }
            WechatPaySimulator.DeliveryResult again = sim.deliver(arrived, hook.url());
            wxDuplicates = again.accepted() && hookOut.toString().lines().count() == printed.size() ? 1 : 0;
            out.println("   the same delivery again (WeChat Pay retries): answered " + again.status() + ", not printed again");
            for (WechatPaySimulator.NotificationVariant bad : List.of(WechatPaySimulator.NotificationVariant.TAMPERED,
                    WechatPaySimulator.NotificationVariant.STALE, WechatPaySimulator.NotificationVariant.MISSING_SIGNATURE)) {
                WechatPaySimulator.DeliveryResult r = sim.deliver(sim.notification(refund, "USER_RESPONSE", bad), hook.url());
                if (!r.accepted()) {
                    wxRefused++;
                }
                String why = hookErr.toString().lines().filter(l -> l.startsWith("refused a delivery ("))
                        .reduce((a, b) -> b).map(l -> l.substring("refused a delivery (".length(), l.indexOf(')')))
                        .orElse("not refused");
                out.printf(Locale.ROOT, "   a delivery %-19s answered %d, refused (%s), nothing printed%n",
                        DELIVERY_FAULTS.get(bad) + ":", r.status(), why);
            }
            if (hookOut.toString().lines().count() != printed.size() || !hookFailures.isEmpty()) {
                throw new IllegalStateException("the webhook printed a repeated or refused delivery, or failed");
            }
        }

        sim.nextTamperedAnswer();
        Ran tampered = command(config, "detail", "--provider", "wechatpay", "--complaint", ids.get(WechatPayFixtures.IMMEDIATE));
        out.println("   the simulator changes one byte of the next answer after signing it:");
        out.println("   $ complaintkit detail --provider wechatpay --complaint " + ids.get(WechatPayFixtures.IMMEDIATE));
        wrap(tampered.firstError(), 88).forEach(l -> out.println("     " + l));
        out.println("     exit code " + tampered.code());
        wxTamperedRefused = tampered.code() == ExitCodes.UNREACHABLE && tampered.out().isEmpty();
        if (!wxTamperedRefused) {
            throw new IllegalStateException("a tampered answer was not refused (exit " + tampered.code() + ")");
        }

        String id = ids.get(4);
        String text = "您好，退款已办理，请留意到账通知。";
        try (ComplaintClient client = Complaints.client("wechatpay", sandbox.properties())) {
            client.detail(ComplaintId.of(id));
            int before = posts(sim, id, "response");
            sim.nextAnswerLost();
            long t = System.nanoTime();
            ReplyReceipt r = client.reply(ReplyRequest.builder(id).text(text).build());
            wxLostReplyPosts = posts(sim, id, "response") - before;
            long rows = sim.historyDetails(id).stream().filter(text::equals).count();
            out.println("   ComplaintClient.reply to " + id + ": WeChat Pay applies it, then closes the");
            out.println("   connection before the answer. The client reads the history instead of posting again:");
            out.printf(Locale.ROOT, "     reconciled %s; POSTs to …/response: %d; history rows with that text: %d, %s%n",
                    r.reconciled(), wxLostReplyPosts, rows, ms(t));
            if (!r.reconciled() || wxLostReplyPosts != 1 || rows != 1) {
                throw new IllegalStateException("the lost reply was not reconciled exactly once");
            }
        }
    }

    private static final Map<WechatPaySimulator.NotificationVariant, String> DELIVERY_FAULTS = Map.of(
            WechatPaySimulator.NotificationVariant.TAMPERED, "with a byte changed",
            WechatPaySimulator.NotificationVariant.STALE, "signed 6 minutes ago",
            WechatPaySimulator.NotificationVariant.MISSING_SIGNATURE, "without a signature");

    /** @return the text in lines of at most {@code columns}, broken at spaces (a longer word stands alone) */
    private static List<String> wrap(String text, int columns) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : TerminalText.escape(text).split(" ")) {
            if (line.length() > 0 && Table.width(line + " " + word) > columns) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines.stream().map(String::stripTrailing).toList();
    }

    private static WechatPaySimulator.DeliveryResult last(WechatPaySimulator sim) {
        List<WechatPaySimulator.DeliveryResult> all = sim.deliveries();
        if (all.isEmpty()) {
            throw new IllegalStateException("the simulator delivered nothing");
        }
        return all.get(all.size() - 1);
    }

    private static String ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000 + " ms";
    }
}
