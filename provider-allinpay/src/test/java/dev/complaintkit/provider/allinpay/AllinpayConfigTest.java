/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.Capability;
import dev.complaintkit.ComplaintClient;
import dev.complaintkit.Complaints;
import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.error.Violation;
import dev.complaintkit.testkit.ComplaintStore;
import dev.complaintkit.testkit.allinpay.AllinpaySimulator;
import dev.complaintkit.testkit.allinpay.AllinpayTestKeys;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllinpayConfigTest {
    static final String RSA_KEY = AllinpayTestKeys.merchantPrivateKey("RSA");
    static final String SM2_KEY = AllinpayTestKeys.merchantPrivateKey("SM2");

    static AllinpayConfig.Builder valid() {
        return AllinpayConfig.builder().appid("00000051").cusid("990581007426001")
                .privateKey(Vectors.text("rsa-merchant-private.b64")).platformPublicKey(Vectors.text("rsa-platform-public.b64"));
    }

    static Map<String, String> properties() {
        Map<String, String> p = new HashMap<>();
        p.put("allinpay.appid", Vectors.SM2_DEMO_APPID);
        p.put("allinpay.cusid", "990581007426001");
        p.put("allinpay.sign-type", "sm2");
        p.put("allinpay.private-key", Vectors.text("sm2-merchant-private.b64"));
        p.put("allinpay.platform-public-key", Vectors.text("sm2-platform-public.b64"));
        return p;
    }

    @Nested
    @DisplayName("defaults and endpoints")
    class Endpoints {
        @Test
        @DisplayName("production, sign type RSA, version 12, no orgid by default")
        void defaults() {
            AllinpayConfig c = valid().build();
            assertThat(c.endpoint()).isEqualTo(URI.create("https://cus.allinpay.com/cusapi"));
            assertThat(c.signType()).isEqualTo(AllinpayConfig.SignType.RSA);
            assertThat(c.version()).isEqualTo("12");
            assertThat(c.orgid()).isEmpty();
            assertThat(c.providerId()).isEqualTo("allinpay");
        }

        @ParameterizedTest
        @CsvSource({
            "sandbox, https://syb-test.allinpay.com/vsppcusapi",
            "SANDBOX, https://syb-test.allinpay.com/vsppcusapi",
            "production, https://cus.allinpay.com/cusapi",
            "https://gw.example.com/allinpay/, https://gw.example.com/allinpay",
            "https://syb-test.allinpay.com/vsppcusapi/riskfeeback/wxcomplainthistory, https://syb-test.allinpay.com/vsppcusapi",
            "http://127.0.0.1:8080/cusapi, http://127.0.0.1:8080/cusapi",
        })
        @DisplayName("presets by name, or any base URL")
        void endpoint(String given, String base) {
            assertThat(valid().endpoint(given).build().endpoint()).isEqualTo(URI.create(base));
        }

        @Test
        @DisplayName("sandbox() and production() choose the presets")
        void presetMethods() {
            assertThat(valid().sandbox().build().endpoint().toString()).isEqualTo(AllinpayConfig.SANDBOX);
            assertThat(valid().sandbox().production().build().endpoint().toString()).isEqualTo(AllinpayConfig.PRODUCTION);
        }
    }

    @Nested
    @DisplayName("validation")
    class Validation {
        @Test
        @DisplayName("every bad setting is reported at once, by key")
        void everythingAtOnce() {
            assertThatThrownBy(() -> AllinpayConfig.builder().endpoint("http://example.com/cusapi").appid("123")
                    .cusid("9905810074260019999").signType("DSA").version("v12").build())
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::field).containsExactlyInAnyOrder("allinpay.endpoint", "allinpay.appid",
                                    "allinpay.cusid", "allinpay.sign-type", "allinpay.version", "allinpay.private-key",
                                    "allinpay.platform-public-key"));
        }

        @Test
        @DisplayName("a secret pasted into sign-type or version is not echoed: only its length is; a short word is quoted")
        void pastedSecretIsNotEchoed() {
            String token = "ys_b789f3c2a1d04e5f9a8b7c6d5e4f3a2b1c0d";
            assertThatThrownBy(() -> valid().signType(token).version(token).build())
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                        assertThat(e.getMessage()).doesNotContain(token.substring(0, 6))
                                .contains("allinpay.sign-type: must be one of RSA, RSA2, SM2 (was a 39-character value, not shown)")
                                .contains("allinpay.version: must be one or two digits, e.g. 12 (was a 39-character value, not shown)");
                    });
            assertThatThrownBy(() -> valid().signType("rsa3").version("v12").build())
                    .hasMessageContaining("(was 'rsa3')").hasMessageContaining("(was 'v12')");
            assertThatThrownBy(() -> valid().signType("RSA&x=1").build()).hasMessageContaining("(was a 7-character value, not shown)");
        }

        @Test
        @DisplayName("an endpoint with a query is refused without echoing the query, which may hold a token")
        void endpointQueryIsNotEchoed() {
            assertThatThrownBy(() -> valid().endpoint("https://gw.example.invalid/cusapi?token=tk_9f8e7d6c5b4a").build())
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                        assertThat(e.violations()).extracting(Violation::field, Violation::rule)
                                .containsExactly(org.assertj.core.groups.Tuple.tuple("allinpay.endpoint", "base-url"));
                        assertThat(e.getMessage()).doesNotContain("tk_9f8e7d6c5b4a");
                    });
        }

        @ParameterizedTest
        @CsvSource({
            "appid, 0000&051",
            "appid, 00000=51",
            "cusid, 99058100&x=1",
            "orgid, 2005810&a=b",
            "orgid, 200581000000000000000000000000001",
        })
        @DisplayName("appid, cusid and orgid, signed raw in k=v&k=v, must be letters and digits (orgid at most 32): refused at build time")
        void merchantIdsThatWouldFoldTheSignedStringAreRefused(String setting, String value) {
            AllinpayConfig.Builder b = valid();
            switch (setting) {
                case "appid" -> b.appid(value);
                case "cusid" -> b.cusid(value);
                default -> b.orgid(value);
            }
            assertThatThrownBy(b::build).isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                    .extracting(Violation::field).containsOnly("allinpay." + setting));
        }

        @Test
        @DisplayName("a key of the wrong algorithm names the setting and why, never the key")
        void wrongAlgorithm() {
            assertThatThrownBy(() -> valid().signType(AllinpayConfig.SignType.SM2).build())
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                        assertThat(e.violations()).extracting(Violation::field)
                                .containsExactly("allinpay.private-key", "allinpay.platform-public-key");
                        assertThat(e.getMessage()).contains("allinpay.private-key: is not a PKCS#8 SM2 private key (it holds an RSA key)")
                                .contains("sign-type SM2");
                        assertNoKeyText(e, Vectors.text("rsa-merchant-private.b64"));
                    });
            assertThatThrownBy(() -> valid().privateKey(SM2_KEY).build())
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                        assertThat(e.getMessage()).contains("allinpay.private-key: is not a PKCS#8 RSA private key (it holds an EC key)");
                        assertNoKeyText(e, SM2_KEY);
                    });
        }

        @Test
        @DisplayName("garbage, a public key given as private, PKCS#1 and an EC key on another curve are explained")
        void badKeys() throws Exception {
            assertKeyProblem(valid().privateKey("@@not a key@@"), "allinpay.private-key: is neither Base64 nor PEM");
            assertKeyProblem(valid().privateKey(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})),
                    "allinpay.private-key: is not a PKCS#8 private key");
            assertKeyProblem(valid().privateKey(Vectors.text("rsa-platform-public.b64")), "allinpay.private-key: is not a PKCS#8");
            assertKeyProblem(valid().privateKey("-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----"),
                    "openssl pkcs8 -topk8");
            assertKeyProblem(valid().platformPublicKey(Vectors.text("rsa-merchant-private.b64")),
                    "allinpay.platform-public-key: is not an X.509 public key");

            KeyPairGenerator p256 = KeyPairGenerator.getInstance("EC");
            p256.initialize(new ECGenParameterSpec("secp256r1"));
            String otherCurve = Base64.getEncoder().encodeToString(p256.generateKeyPair().getPrivate().getEncoded());
            assertKeyProblem(valid().signType("SM2").privateKey(otherCurve).platformPublicKey(Vectors.text("sm2-platform-public.b64")),
                    "allinpay.private-key: is not a PKCS#8 SM2 private key: the EC key is on curve 1.2.840.10045.3.1.7, not sm2p256v1");
        }

        @Test
        @DisplayName("PEM is accepted for both keys")
        void pem() {
            String pemPrivate = "-----BEGIN PRIVATE KEY-----\n" + wrap(Vectors.text("sm2-merchant-private.b64")) + "-----END PRIVATE KEY-----\n";
            String pemPublic = "-----BEGIN PUBLIC KEY-----\n" + wrap(Vectors.text("sm2-platform-public.b64")) + "-----END PUBLIC KEY-----\n";
            AllinpayConfig c = valid().signType("SM2").privateKey(pemPrivate).platformPublicKey(pemPublic).build();
            assertThat(c.signType()).isEqualTo(AllinpayConfig.SignType.SM2);
        }

        private void assertKeyProblem(AllinpayConfig.Builder b, String expected) {
            assertThatThrownBy(b::build).isInstanceOf(ConfigurationException.class).hasMessageContaining(expected);
        }

        private static String wrap(String b64) {
            return b64.replaceAll("(.{64})", "$1\n") + "\n";
        }
    }

    @Nested
    @DisplayName("properties")
    class Properties {
        @Test
        @DisplayName("map onto the same settings; other providers' keys are ignored")
        void mapping() {
            Map<String, String> p = properties();
            p.put("allinpay.endpoint", "sandbox");
            p.put("allinpay.orgid", "200581000000001");
            p.put("allinpay.version", "11");
            p.put("yima.secret", "ignored");

            AllinpayConfig c = new AllinpayProvider().configFromProperties(p);

            assertThat(c.endpoint().toString()).isEqualTo(AllinpayConfig.SANDBOX);
            assertThat(c.appid()).isEqualTo(Vectors.SM2_DEMO_APPID);
            assertThat(c.orgid()).hasValue("200581000000001");
            assertThat(c.signType()).isEqualTo(AllinpayConfig.SignType.SM2);
            assertThat(c.version()).isEqualTo("11");
        }

        @Test
        @DisplayName("a misspelt key is reported with the known ones, together with the other problems")
        void unknownKey() {
            Map<String, String> p = properties();
            p.put("allinpay.privatekey", "x");
            p.remove("allinpay.cusid");
            assertThatThrownBy(() -> AllinpayConfig.fromProperties(p))
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::field).containsExactlyInAnyOrder("allinpay.cusid", "allinpay.privatekey"));
        }

        @Test
        @DisplayName("bad values, a missing setting and a misspelt key in properties are all reported at once, blank values as unset")
        void everythingAtOnceFromProperties() {
            Map<String, String> p = properties();
            p.put("allinpay.sign-type", "dsa");
            p.put("allinpay.appid", "123");
            p.put("allinpay.private-key", "  ");
            p.put("allinpay.version", "");
            p.put("allinpay.endpont", "sandbox");
            assertThatThrownBy(() -> new AllinpayProvider().configFromProperties(p))
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::field, Violation::rule).containsExactlyInAnyOrder(
                                    org.assertj.core.groups.Tuple.tuple("allinpay.sign-type", "one-of"),
                                    org.assertj.core.groups.Tuple.tuple("allinpay.appid", "length"),
                                    org.assertj.core.groups.Tuple.tuple("allinpay.private-key", "required"),
                                    org.assertj.core.groups.Tuple.tuple("allinpay.endpont", "unknown-setting")));
        }
    }

    @Nested
    @DisplayName("the lifecycle's settings")
    class LifecycleSettings {
        @Test
        @DisplayName("defaults: list version 11, other calls 11, no groupall, SUCCESS-with-retmsg reconciled, pages of 20, images of 2 MB")
        void defaults() {
            AllinpayConfig c = valid().build();
            assertThat(c.listVersion()).isEqualTo("11");
            assertThat(c.actionVersion()).isEqualTo("11");
            assertThat(c.groupAll()).isFalse();
            assertThat(c.successWithRetmsg()).isEqualTo(AllinpayConfig.SuccessWithRetmsg.RECONCILE);
            assertThat(c.listPageLimit()).isEqualTo(20);
            assertThat(c.uploadMaxBytes()).isEqualTo(2 * 1024 * 1024);
            assertThat(valid().signType("rsa2").build().signType()).isEqualTo(AllinpayConfig.SignType.RSA2);
        }

        @Test
        @DisplayName("properties map onto them with core's readers; bad values are reported together, by key")
        void properties() {
            Map<String, String> p = AllinpayConfigTest.properties();
            p.put("allinpay.group-all", "yes");
            p.put("allinpay.success-with-retmsg", "error");
            p.put("allinpay.list-page-limit", "50");
            p.put("allinpay.list-version", "10");
            AllinpayConfig c = AllinpayConfig.fromProperties(p);
            assertThat(c.groupAll()).isTrue();
            assertThat(c.successWithRetmsg()).isEqualTo(AllinpayConfig.SuccessWithRetmsg.ERROR);
            assertThat(c.listPageLimit()).isEqualTo(50);
            assertThat(c.listVersion()).isEqualTo("10");
            assertThat(c.describe()).containsEntry("allinpay.group-all", "true").containsEntry("allinpay.success-with-retmsg", "ERROR");

            p.put("allinpay.group-all", "perhaps");
            p.put("allinpay.success-with-retmsg", "maybe");
            p.put("allinpay.list-page-limit", "500");
            p.put("allinpay.action-version", "x1");
            assertThatThrownBy(() -> AllinpayConfig.fromProperties(p))
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.violations())
                            .extracting(Violation::field).containsExactlyInAnyOrder("allinpay.group-all",
                                    "allinpay.success-with-retmsg", "allinpay.list-page-limit", "allinpay.action-version"));
        }
    }

    @Nested
    @DisplayName("secrets")
    class Secrets {
        @Test
        @DisplayName("toString and describe never show the private key; the platform key shows as a fingerprint")
        void redacted() {
            AllinpayConfig c = AllinpayConfig.fromProperties(properties());
            String key = Vectors.text("sm2-merchant-private.b64");
            assertThat(c.toString()).doesNotContain(key.substring(30, 70)).contains("privateKey=<redacted>");
            assertThat(c.describe()).containsEntry("allinpay.private-key", "<redacted>")
                    .containsEntry("allinpay.sign-type", "SM2").containsEntry("allinpay.appid", Vectors.SM2_DEMO_APPID);
            assertThat(c.describe().get("allinpay.platform-public-key")).matches("sha256:[0-9a-f]{16}");
            assertThat(String.join(" ", c.describe().values())).doesNotContain(key.substring(30, 70));
        }
    }

    @Nested
    @DisplayName("discovery")
    class Discovery {
        @Test
        @DisplayName("ServiceLoader finds the provider by id, with every capability but phone reveal and the notification URL")
        void serviceLoader() {
            assertThat(Complaints.discover().find("allinpay")).get().isInstanceOf(AllinpayProvider.class)
                    .satisfies(p -> assertThat(p.capabilities()).containsExactlyInAnyOrder(Capability.LIST_COMPLAINTS,
                            Capability.DETAIL, Capability.NEGOTIATION_HISTORY, Capability.IMAGE_DOWNLOAD, Capability.REPLY,
                            Capability.COMPLETE, Capability.REFUND_DECISION, Capability.IMAGE_UPLOAD, Capability.NOTIFICATIONS));
        }

        @Test
        @DisplayName("a client from properties alone talks to the simulator")
        void clientFromProperties() {
            ComplaintStore store = ComplaintStore.create().seed(1, 4);
            try (AllinpaySimulator sim = AllinpaySimulator.builder().store(store).build().start()) {
                Map<String, String> p = new HashMap<>();
                p.put("allinpay.endpoint", sim.endpoint().toString());
                p.put("allinpay.appid", AllinpayTestKeys.APPID);
                p.put("allinpay.cusid", AllinpayTestKeys.CUSID);
                p.put("allinpay.sign-type", "SM2");
                p.put("allinpay.private-key", SM2_KEY);
                p.put("allinpay.platform-public-key", sim.platformPublicKey("SM2"));
                try (ComplaintClient client = Complaints.client("allinpay", p)) {
                    assertThat(client.history(store.complaints().get(0).id()).toList()).hasSize(4);
                }
            }
        }
    }

    static void assertNoKeyText(ConfigurationException e, String key) {
        for (int i = 0; i + 24 <= key.length(); i += 24) {
            assertThat(e.getMessage()).doesNotContain(key.substring(i, i + 24));
        }
    }
}
