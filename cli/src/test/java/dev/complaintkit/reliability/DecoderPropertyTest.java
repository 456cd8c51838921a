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
import dev.complaintkit.model.ComplaintFilter;
import dev.complaintkit.model.ComplaintId;
import dev.complaintkit.model.PageRequest;
import dev.complaintkit.model.ReplyRequest;
import dev.complaintkit.port.HttpTransport;
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
import dev.complaintkit.testkit.xiaoe.XiaoeSimulator;
import dev.complaintkit.testkit.yima.YimaSimulator;
import dev.complaintkit.transport.JdkHttpTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever body a provider answers with, only {@link ComplaintException} subclasses escape
 * the client — never a raw runtime, Jackson, XML or Bouncy Castle exception, nor the client's generic
 * "failed unexpectedly" wrapper (which would mean a decoder bug). Thousands of seeded mutations of
 * real answers are served through an in-memory transport, so the whole response path runs.
 */
@DisplayName("decoders under random and mutated bodies")
class DecoderPropertyTest {
    private static final int BODIES = 2_000;
    private static final long SEED = 0x5EED_C0DEL;

    /** Serves mutated copies of real answers (captured first from the simulator), per request path. */
    static final class MutatingTransport implements HttpTransport {
        final Map<String, Response> valid = new TreeMap<>();
        final Mutator mutator = new Mutator(SEED);
        /** How a body is changed; the generic {@link Mutator} unless a test sets its own probes. */
        java.util.function.UnaryOperator<byte[]> mutation = mutator::mutate;
        boolean mutating;
        String mutatePath;
        /** Applied to each mutated answer, e.g. signing it again so that the checks after the signature run. */
        java.util.function.UnaryOperator<Response> afterMutation = java.util.function.UnaryOperator.identity();

        @Override
        public Response exchange(Request request) {
            String path = request.uri().getPath();
            if (!mutating) {
                Response r = JdkHttpTransport.shared().exchange(request);
                valid.putIfAbsent(path, r);
                return r;
            }
            Response base = valid.get(path);
            if (base == null) {
                throw new IllegalStateException("no valid answer captured for " + path);
            }
            if (!path.equals(mutatePath)) {
                return base;
            }
            return afterMutation.apply(new Response(base.status(), base.headers(), mutation.apply(base.body())));
        }
    }

    private static boolean isSpecific(ComplaintException e) {
        return e instanceof ProviderException || e instanceof SignatureException || e instanceof TransportException
                || e instanceof ConfigurationException;
    }

    private static void check(String name, MutatingTransport transport, Runnable call) {
        check(name, transport, call, e -> {});
    }

    /** @param inspect also checks every typed failure (e.g. that its message shows no secret) */
    private static void check(String name, MutatingTransport transport, Runnable call, Consumer<ComplaintException> inspect) {
        call.run(); // capture valid answers
        transport.mutating = true;
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> escaped = new ArrayList<>();
        for (int i = 0; i < BODIES; i++) {
            try {
                call.run();
                outcomes.merge("accepted", 1, Integer::sum);
            } catch (ComplaintException e) {
                inspect.accept(e);
                if (isSpecific(e)) {
                    outcomes.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                } else {
                    escaped.add(e + " <- " + e.getCause());
                }
            } catch (RuntimeException | Error e) {
                if (e instanceof AssertionError) {
                    throw e;
                }
                escaped.add(e.toString());
            }
        }
        System.out.println(name + ": " + BODIES + " mutated bodies -> " + outcomes + ", untyped: " + escaped.size());
        assertThat(escaped).as(name + ": failures that were not a specific ComplaintException").isEmpty();
        assertThat(outcomes).as("most mutations are refused").containsKey("ProviderException");
    }

    private static ComplaintClient client(ComplaintProvider<?> p, ProviderConfig c, HttpTransport t) {
        return Complaints.builder().provider(p).config(c).transport(t).retryPolicy(RetryPolicy.none()).build();
    }

    private static void yima(String name, YimaConfig.Format format, YimaConfig.ResponseSignature unsigned,
            Consumer<YimaSimulator> setUp) {
        ComplaintStore store = ComplaintStore.create().seed(2, 1);
        String complaint = store.complaints().get(0).id().value();
        try (YimaSimulator sim = YimaSimulator.builder().secret("prop-secret").store(store).build().start()) {
            setUp.accept(sim);
            MutatingTransport t = new MutatingTransport();
            t.mutatePath = sim.endpoint().getPath();
            try (ComplaintClient client = client(new YimaProvider(), YimaConfig.builder().endpoint(sim.endpoint())
                    .isspid("39493002").systemId("8888").sellerAccount("66660000000000001").secret("prop-secret")
                    .format(format).responseSignature(unsigned).build(), t)) {
                check(name, t, () -> client.reply(ReplyRequest.builder(complaint).text("好的").build()));
            }
        }
    }

    @Test
    @DisplayName("Yima JSON answers")
    void yimaJson() {
        yima("yima-json", YimaConfig.Format.JSON, YimaConfig.ResponseSignature.REQUIRE, sim -> {});
    }

    @Test
    @DisplayName("Yima XML answers (form xml=…&mac=…)")
    void yimaXml() {
        yima("yima-xml-form", YimaConfig.Format.XML, YimaConfig.ResponseSignature.REQUIRE, sim -> {});
    }

    @Test
    @DisplayName("Yima XML answers (bare XML body, unsigned: accepted only with yima.response-signature=warn)")
    void yimaBareXml() {
        yima("yima-xml-bare", YimaConfig.Format.XML, YimaConfig.ResponseSignature.WARN,
                sim -> sim.xmlAnswer(YimaSimulator.XmlAnswer.BARE));
    }

    private static void allinpay(String signType) {
        allinpay(signType, false);
    }

    private static void allinpay(String signType, boolean resigned) {
        ComplaintStore store = ComplaintStore.create().seed(1, 30);
        ComplaintId complaint = store.complaints().get(0).id();
        try (AllinpaySimulator sim = AllinpaySimulator.builder().store(store).build().start()) {
            MutatingTransport t = new MutatingTransport();
            t.mutatePath = sim.endpoint().getPath() + AllinpaySimulator.HISTORY_PATH;
            if (resigned) {
                t.afterMutation = sim.resigner(signType);
            }
            AllinpayConfig config = AllinpayConfig.builder().endpoint(sim.endpoint()).appid(AllinpayTestKeys.APPID)
                    .cusid(AllinpayTestKeys.CUSID).signType(signType).privateKey(AllinpayTestKeys.merchantPrivateKey(signType))
                    .platformPublicKey(sim.platformPublicKey(signType)).build();
            try (ComplaintClient client = client(new AllinpayProvider(), config, t)) {
                check("allinpay-" + signType + (resigned ? "-resigned" : ""), t,
                        () -> client.historyPage(complaint, PageRequest.first(30)));
            }
        }
    }

    @Test
    @DisplayName("Allinpay RSA answers")
    void allinpayRsa() {
        allinpay("RSA");
    }

    @Test
    @DisplayName("Allinpay SM2 answers")
    void allinpaySm2() {
        allinpay("SM2");
    }

    @Test
    @DisplayName("Allinpay answers mutated then signed again (folded values, other offsets and merchants get past the signature)")
    void allinpayResigned() {
        allinpay("RSA", true);
    }

    @Test
    @DisplayName("Xiaoe list answers, and token answers")
    void xiaoe() {
        try (XiaoeSimulator sim = XiaoeSimulator.builder().store(ComplaintStore.create().seed(20, 0)).build().start()) {
            XiaoeConfig config = XiaoeConfig.builder().endpoint(sim.baseUri()).appId(XiaoeSimulator.APP_ID)
                    .clientId(XiaoeSimulator.CLIENT_ID).secretKey(XiaoeSimulator.SECRET_KEY)
                    .rateLimit(1_000_000, java.time.Duration.ofSeconds(10)).build();
            MutatingTransport list = new MutatingTransport();
            list.mutatePath = XiaoeSimulator.LIST_PATH;
            try (ComplaintClient client = client(new XiaoeProvider(), config, list)) {
                check("xiaoe-list", list, () -> client.complaintsPage(ComplaintFilter.all(), PageRequest.first(10)));
            }
            // token answers: a fresh client of a fresh app id per call, so each call fetches a token
            MutatingTransport token = new MutatingTransport();
            token.mutatePath = XiaoeSimulator.TOKEN_PATH;
            int[] app = {0};
            check("xiaoe-token", token, () -> {
                String appId = app[0]++ == 0 ? XiaoeSimulator.APP_ID : "app_prop_" + app[0]; // the first call captures
                XiaoeConfig fresh = XiaoeConfig.builder().endpoint(sim.baseUri()).appId(appId)
                        .clientId(XiaoeSimulator.CLIENT_ID).secretKey(XiaoeSimulator.SECRET_KEY)
                        .rateLimit(1_000_000, java.time.Duration.ofSeconds(10)).build();
                try (ComplaintClient client = client(new XiaoeProvider(), fresh, token)) {
                    client.complaintsPage(ComplaintFilter.all(), PageRequest.first(10));
                }
            });
        }
    }

    @Test
    @DisplayName("Xiaoe list and token answers with hostile shapes: tiny exponents, numbers beyond a long, oversized pages, echoed encoded secrets")
    void xiaoeProbes() {
        String secret = "prop secret/+=&~é鹅-0123";
        try (XiaoeSimulator sim = XiaoeSimulator.builder().credentials(XiaoeSimulator.APP_ID, XiaoeSimulator.CLIENT_ID, secret)
                .store(ComplaintStore.create().seed(20, 0)).build().start()) {
            List<String> secrets = new ArrayList<>(List.of(secret));
            Consumer<ComplaintException> noSecret = e -> {
                String shown = e.toString() + " " + e.getCause();
                for (String s : List.copyOf(secrets)) {
                    for (String form : XiaoeProbes.forms(s)) {
                        assertThat(shown).as("a failure message shows a secret").doesNotContain(form);
                    }
                }
            };
            XiaoeConfig config = XiaoeConfig.builder().endpoint(sim.baseUri()).appId(XiaoeSimulator.APP_ID)
                    .clientId(XiaoeSimulator.CLIENT_ID).secretKey(secret)
                    .rateLimit(1_000_000, java.time.Duration.ofSeconds(10)).build();
            MutatingTransport list = new MutatingTransport();
            list.mutatePath = XiaoeSimulator.LIST_PATH;
            list.mutation = new XiaoeProbes(SEED, () -> secrets, 10)::mutate;
            try (ComplaintClient client = client(new XiaoeProvider(), config, list)) {
                client.complaintsPage(ComplaintFilter.all(), PageRequest.first(10));
                secrets.addAll(sim.validTokens());
                check("xiaoe-list-probes", list, () -> client.complaintsPage(ComplaintFilter.all(), PageRequest.first(10)), noSecret);
            }
            MutatingTransport token = new MutatingTransport();
            token.mutatePath = XiaoeSimulator.TOKEN_PATH;
            token.mutation = new XiaoeProbes(SEED + 1, () -> List.of(secret), 10)::mutate; // a token request carries the secret key only
            int[] app = {0};
            check("xiaoe-token-probes", token, () -> {
                String appId = app[0]++ == 0 ? XiaoeSimulator.APP_ID : "app_probe_" + app[0]; // the first call captures
                XiaoeConfig fresh = XiaoeConfig.builder().endpoint(sim.baseUri()).appId(appId)
                        .clientId(XiaoeSimulator.CLIENT_ID).secretKey(secret)
                        .rateLimit(1_000_000, java.time.Duration.ofSeconds(10)).build();
                try (ComplaintClient client = client(new XiaoeProvider(), fresh, token)) {
                    client.complaintsPage(ComplaintFilter.all(), PageRequest.first(10));
                }
            }, noSecret);
        }
    }
}
