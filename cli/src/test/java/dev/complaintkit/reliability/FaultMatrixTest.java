/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.RetryPolicy;
import dev.complaintkit.error.ComplaintException;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.error.SignatureException;
import dev.complaintkit.error.TransportException;
import dev.complaintkit.error.UnsupportedCapabilityException;
import dev.complaintkit.error.ValidationException;
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.provider.allinpay.AllinpayConfig;
import dev.complaintkit.provider.allinpay.AllinpayProvider;
import dev.complaintkit.provider.xiaoe.XiaoeConfig;
import dev.complaintkit.provider.xiaoe.XiaoeProvider;
import dev.complaintkit.provider.yima.YimaConfig;
import dev.complaintkit.provider.yima.YimaProvider;
import dev.complaintkit.spi.ComplaintProvider;
import dev.complaintkit.spi.ProviderConfig;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.allinpay.AllinpaySimulator;
import dev.complaintkit.testkit.allinpay.AllinpayTestKeys;
import dev.complaintkit.testkit.http.Fault;
import dev.complaintkit.testkit.http.SimulatorServer;
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import dev.complaintkit.testkit.yima.YimaSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The reliability matrix: every provider against every fault its simulator can produce. Each call
 * must end in the right typed exception, or succeed after a retry where the fault is transient —
 * never a raw NullPointerException, IOException, Jackson or Bouncy Castle exception, nor the
 * client's generic "failed unexpectedly" wrapper.
 */
@DisplayName("reliability matrix: provider × fault")
class FaultMatrixTest {
    private static final Duration TIMEOUT = Duration.ofMillis(700);
    private static final RetryPolicy FAST = RetryPolicy.defaults().withMaxAttempts(3)
            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(40));
    private static final List<String> SUMMARY = new ArrayList<>();

    /** One provider wired to its simulator, and the call the matrix makes. */
    record Subject(String name, SimulatorServer simulator, ComplaintClient client, Runnable call, Runnable afterSuccess) {}

    /** What a fault must lead to. */
    private static Class<? extends ComplaintException> expected(Fault fault) {
        return switch (fault) {
            case BAD_SIGNATURE, MISSING_SIGNATURE -> SignatureException.class;
            case HUGE_BODY -> TransportException.class;
            case NOT_JSON_OR_XML, INVALID_RECORDS -> ProviderException.class;
            // signed correctly, but folded, for another request, or larger than asked for
            case REPLAYED_OTHER_COMPLAINT, REPLAYED_OTHER_OFFSET, REPLAYED_OTHER_MERCHANT,
                    OVERSIZED_PAGE, TINY_EXPONENT_NUMBERS, SECRET_ECHOED_ENCODED -> ProviderException.class;
            // folded values: Allinpay refuses the answer's shape (ProviderException), Yima its signed string
            // (SignatureException); both typed
            case FOLDED_VALUES -> ComplaintException.class;
            default -> ComplaintException.class; // WRONG_CHARSET: a decoding or a signature failure, both typed
        };
    }

    private static boolean isTyped(Throwable t) {
        return t instanceof ConfigurationException || t instanceof ValidationException
                || t instanceof UnsupportedCapabilityException || t instanceof TransportException
                || t instanceof SignatureException || t instanceof ProviderException;
    }

    private static ComplaintClient client(ComplaintProvider<?> provider, ProviderConfig config) {
        return Complaints.builder().provider(provider).config(config).requestTimeout(TIMEOUT).retryPolicy(FAST).build();
    }

    static Subject yima(YimaConfig.Format format) {
        ComplaintStore store = ComplaintStore.create().seed(3, 1);
        String complaint = store.complaints().get(0).id().value();
        YimaSimulator sim = YimaSimulator.builder().secret("matrix-secret-yima").store(store).build().start();
        ComplaintClient client = client(new YimaProvider(), YimaConfig.builder().endpoint(sim.endpoint())
                .isspid("39493002").systemId("8888").sellerAccount("66660000000000001").secret("matrix-secret-yima")
                .format(format).build());
        int[] replies = {0};
        return new Subject("yima-" + format.name().toLowerCase(java.util.Locale.ROOT), sim, client,
                () -> client.reply(ReplyRequest.builder(complaint).text("已与用户沟通解决").image("file752398_7983424").build()),
                () -> {
                    replies[0]++;
                    assertThat(sim.replies()).as("replies recorded once per successful reply, never duplicated")
                            .hasSize(replies[0]);
                });
    }

    static Subject allinpay(String signType) {
        ComplaintStore store = ComplaintStore.create().seed(2, 12);
        ComplaintId complaint = store.complaints().get(0).id();
        AllinpaySimulator sim = AllinpaySimulator.builder().store(store).build().start();
        ComplaintClient client = client(new AllinpayProvider(), AllinpayConfig.builder().endpoint(sim.endpoint())
                .appid(AllinpayTestKeys.APPID).cusid(AllinpayTestKeys.CUSID).signType(signType)
                .privateKey(AllinpayTestKeys.merchantPrivateKey(signType))
                .platformPublicKey(sim.platformPublicKey(signType)).build());
        return new Subject("allinpay-" + signType.toLowerCase(java.util.Locale.ROOT), sim, client,
                () -> assertThat(client.historyPage(complaint, PageRequest.first(5)).items()).hasSize(5), () -> {});
    }

    static Subject xiaoe() {
        XiaoeSimulator sim = XiaoeSimulator.builder().store(ComplaintStore.create().seed(30, 0)).build().start();
        ComplaintClient client = client(new XiaoeProvider(), XiaoeConfig.builder().endpoint(sim.baseUri())
                .appId(XiaoeSimulator.APP_ID).clientId(XiaoeSimulator.CLIENT_ID).secretKey(XiaoeSimulator.SECRET_KEY).build());
        Runnable call = () -> assertThat(client.complaintsPage(ComplaintFilter.all(), PageRequest.first(10)).items()).hasSize(10);
        call.run(); // warm the token cache, so each fault hits a list call
        return new Subject("xiaoe", sim, client, call, () -> {});
    }

    private static void run(Supplier<Subject> factory) {
        Subject probe = factory.get();
        Set<Fault> faults = probe.simulator().supportedFaults();
        probe.client().close();
        probe.simulator().close();
        int tried = 0;
        int typed = 0;
        List<String> untyped = new ArrayList<>();
        for (Fault fault : faults) {
            Subject s = factory.get();
            s.simulator().stallFor(TIMEOUT.multipliedBy(2));
            try {
                tried++;
                s.simulator().inject(fault);
                Throwable failure = null;
                try {
                    s.call().run();
                    s.afterSuccess().run();
                } catch (AssertionError e) {
                    throw e;
                } catch (Throwable t) {
                    failure = t;
                }
                if (failure == null) {
                    // UNKNOWN_FIELDS must be ignored; WRONG_CHARSET may go undetected where the bytes happen to be
                    // valid in the declared charset and the signed fields are ASCII (UTF-8 read as GBK): then the
                    // reply was really accepted, only its comment text is garbled
                    assertThat(fault.isTransient() || fault == Fault.UNKNOWN_FIELDS || fault == Fault.WRONG_CHARSET)
                            .as(s.name() + " × " + fault + " succeeded although the fault is not transient").isTrue();
                    typed++;
                } else if (isTyped(failure) && expected(fault).isInstance(failure) && !fault.isTransient()) {
                    typed++;
                } else {
                    untyped.add(s.name() + " × " + fault + " → " + failure.getClass().getName() + ": " + failure.getMessage());
                }
                // the simulator answers normally afterwards: the client is not left broken
                s.call().run();
            } finally {
                s.client().close();
                s.simulator().close();
            }
        }
        String line = probe.name() + ": faults tried: " + tried + ", typed: " + typed + ", untyped: " + untyped.size();
        SUMMARY.add(line);
        System.out.println(line);
        assertThat(untyped).as("calls that did not end as expected").isEmpty();
        assertThat(tried).isEqualTo(typed);
    }

    @Test
    @DisplayName("Yima JSON reply under every fault")
    void yimaJson() {
        run(() -> yima(YimaConfig.Format.JSON));
    }

    @Test
    @DisplayName("Yima GBK XML reply under every fault")
    void yimaXml() {
        run(() -> yima(YimaConfig.Format.XML));
    }

    @Test
    @DisplayName("Allinpay RSA history under every fault")
    void allinpayRsa() {
        run(() -> allinpay("RSA"));
    }

    @Test
    @DisplayName("Allinpay SM2 history under every fault")
    void allinpaySm2() {
        run(() -> allinpay("SM2"));
    }

    @Test
    @DisplayName("Xiaoe list under every fault")
    void xiaoeList() {
        run(FaultMatrixTest::xiaoe);
    }

    @AfterAll
    static void summary() {
        int tried = 0;
        int typed = 0;
        for (String l : SUMMARY) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("tried: (\\d+), typed: (\\d+)").matcher(l);
            if (m.find()) {
                tried += Integer.parseInt(m.group(1));
                typed += Integer.parseInt(m.group(2));
            }
        }
        System.out.println("faults tried: " + tried + ", typed: " + typed + ", untyped: " + (tried - typed));
    }


}
