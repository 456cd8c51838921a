package dev.complaintkit.cli;

import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.http.SimulatorServer;
import dev.complaintkit.testkit.xiaoe.XiaoeFixtures;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import dev.complaintkit.testkit.yima.YimaSimulator;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The test kit's wire simulators of the providers, started together on loopback and seeded with
 * realistic data, plus the properties that point a client at them. Used by
 * {@code complaintkit sandbox}, {@code complaintkit demo} and the command's tests.
 *
 * <ul>
 *   <li>Xiaoe-tech: the test kit's 1,000-complaint data set, behind a token endpoint and the
 *       B-side complaint list, with a generated {@code secret_key};</li>
 *   <li>Yima: the reply gateway, JSON and GBK-XML, accepting replies to {@link #yimaComplaintIds()}
 *       signed {@code MD5_SORTED_KEY} with a generated secret.</li>
 * </ul>
 *
 * <p>Ports: with a base port {@code N} the simulators listen on {@code N} (reserved for Allinpay),
 * {@code N+1} (Xiaoe) and {@code N+2} (Yima); with 0 each takes an ephemeral port. Secrets are
 * generated per start; they are throw-away values known only to this sandbox's simulators.
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.start(0)) {
 *     ComplaintClient xiaoe = Complaints.client("xiaoe", sandbox.properties());
 *     xiaoe.complaints(ComplaintFilter.all()).count();   // 1000
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {
    /** Xiaoe's app id in the sandbox. */
    public static final String XIAOE_APP_ID = "app_sandbox_7f3a9c21";
    /** Xiaoe's client id in the sandbox. */
    public static final String XIAOE_CLIENT_ID = "xop_sandbox_4b8e2d06";
    /** Yima's merchant number in the sandbox (the seed's). */
    public static final String YIMA_ISSPID = "39493002";
    /** Yima's platform number in the sandbox (the seed's). */
    public static final String YIMA_SYSTEM_ID = "8888";
    /** Yima's collecting account in the sandbox (the seed's). */
    public static final String YIMA_SELLER_ACCOUNT = "66660000000000001";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<SimulatorServer> started = new ArrayList<>();
    private final String xiaoeSecret = "xs_" + randomHex(16);
    private final String yimaSecret = "ys_" + randomHex(16);
    private final ComplaintStore yimaStore = ComplaintStore.create();
    private XiaoeSimulator xiaoe;
    private YimaSimulator yima;

    private Sandbox() {}

    /**
     * Starts every simulator.
     *
     * @param basePort 0 for ephemeral ports, or {@code N}: the simulators take {@code N..N+2}
     * @return the running sandbox
     * @throws IllegalArgumentException when the port range is not valid
     * @throws IllegalStateException when a port is taken (nothing is left running)
     */
    public static Sandbox start(int basePort) {
        if (basePort != 0 && (basePort < 1 || basePort > 65_535 - 2)) {
            throw new IllegalArgumentException("the base port must be 0 (ephemeral) or 1..65533 (was " + basePort + ")");
        }
        Sandbox s = new Sandbox();
        try {
            s.xiaoe = s.launch(XiaoeSimulator.builder().store(XiaoeFixtures.largeDataSet())
                    .credentials(XIAOE_APP_ID, XIAOE_CLIENT_ID, s.xiaoeSecret).build(), basePort, 1);
            s.seedYima();
            s.yima = s.launch(YimaSimulator.builder().isspid(YIMA_ISSPID).systemId(YIMA_SYSTEM_ID)
                    .sellerAccount(YIMA_SELLER_ACCOUNT).secret(s.yimaSecret)
                    .scheme(YimaSimulator.Scheme.MD5_SORTED_KEY).store(s.yimaStore).build(), basePort, 2);
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private <T extends SimulatorServer> T launch(T simulator, int basePort, int offset) {
        simulator.start(basePort == 0 ? 0 : basePort + offset);
        started.add(simulator);
        return simulator;
    }

    /** Complaints Yima accepts replies to: the seed's example id and a few generated WeChat ids. */
    private void seedYima() {
        yimaStore.addHistory("200201820200101080076610000", List.of());
        yimaStore.seed(5, 3);
    }

    /**
     * @return every setting a client needs, keys as the providers define them ({@code xiaoe.*},
     *     {@code yima.*}), in a stable order; includes the generated secrets
     */
    public Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("xiaoe.endpoint", xiaoe.baseUri().toString());
        p.put("xiaoe.app-id", XIAOE_APP_ID);
        p.put("xiaoe.client-id", XIAOE_CLIENT_ID);
        p.put("xiaoe.secret-key", xiaoeSecret);
        p.put("yima.endpoint", yima.endpoint().toString());
        p.put("yima.isspid", YIMA_ISSPID);
        p.put("yima.system-id", YIMA_SYSTEM_ID);
        p.put("yima.seller-account", YIMA_SELLER_ACCOUNT);
        p.put("yima.secret", yimaSecret);
        p.put("yima.format", "json");
        p.put("yima.sign-scheme", "MD5_SORTED_KEY");
        return p;
    }

    /**
     * @return {@link #properties()} as a ready-to-use properties file, with comments saying what runs
     *     where and commands to try; it contains the generated secrets
     */
    public String propertiesText() {
        Map<String, String> p = properties();
        StringBuilder sb = new StringBuilder();
        sb.append("# complaintkit sandbox: simulated providers on loopback, seeded with test data.\n");
        sb.append("# Secrets below are throw-away values generated for this run of the sandbox.\n");
        section(sb, p, "xiaoe", "Xiaoe-tech (list complaints): " + xiaoe.store().complaints().size()
                + " complaints, token endpoint " + xiaoe.baseUri() + XiaoeSimulator.TOKEN_PATH);
        section(sb, p, "yima", "Yima (reply): the gateway takes JSON, or GBK XML with yima.format=xml; complaints:\n#   "
                + String.join(", ", ids(yimaComplaintIds(), 3)) + ", ...");
        sb.append("\n# Try:\n");
        sb.append("#   complaintkit --config FILE list --provider xiaoe --state pending --max 5\n");
        sb.append("#   complaintkit --config FILE reply --provider yima --complaint ").append(yimaComplaintIds().get(0))
                .append(" \\\n#       --text '已为您办理退款' --image file752398_7983424"
                        + " --jump-url https://shop.example.com/order/1 --jump-text 查看订单\n");
        return sb.toString();
    }

    private static void section(StringBuilder sb, Map<String, String> p, String prefix, String comment) {
        sb.append("\n# ").append(comment).append('\n');
        p.forEach((k, v) -> {
            if (k.startsWith(prefix + ".")) {
                sb.append(k).append('=').append(v).append('\n');
            }
        });
    }

    private static List<String> ids(List<ComplaintId> ids, int max) {
        return ids.stream().limit(max).map(ComplaintId::value).toList();
    }

    /** @return the secrets this sandbox generated (for tests proving they are never printed) */
    public List<String> secrets() {
        return List.of(xiaoeSecret, yimaSecret);
    }

    /** @return the Xiaoe-tech simulator */
    public XiaoeSimulator xiaoe() {
        return xiaoe;
    }

    /** @return the Yima simulator */
    public YimaSimulator yima() {
        return yima;
    }

    /** @return the complaints the Yima simulator accepts replies to */
    public List<ComplaintId> yimaComplaintIds() {
        return yimaStore.complaints().stream().map(c -> c.id()).toList();
    }

    /** @return the simulators' base URIs by provider id */
    public Map<String, URI> endpoints() {
        Map<String, URI> m = new LinkedHashMap<>();
        m.put("xiaoe", xiaoe.baseUri());
        m.put("yima", yima.baseUri());
        return m;
    }

    /** Stops every simulator. */
    @Override
    public void close() {
        for (SimulatorServer s : started) {
            s.close();
        }
        started.clear();
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public String toString() {
        return "Sandbox" + (started.isEmpty() ? "[stopped]" : started.toString());
    }
}
