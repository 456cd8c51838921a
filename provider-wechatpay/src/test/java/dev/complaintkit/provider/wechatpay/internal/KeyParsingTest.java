/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.Secret;
import dev.complaintkit.error.ConfigurationException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("key parsing")
class KeyParsingTest {
    private static final String SETTING = "wechatpay.private-key";

    private static String base64Body(String pem) {
        return pem.replaceAll("-----[^-]+-----", "").replaceAll("\\s", "");
    }

    private static void badSetting(Runnable parse, String setting, String rule, String secretText) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.violations()).hasSize(1);
            assertThat(e.violations().get(0).field()).isEqualTo(setting);
            assertThat(e.violations().get(0).rule()).isEqualTo(rule);
            if (secretText != null) {
                assertThat(e.getMessage()).doesNotContain(secretText.substring(0, Math.min(24, secretText.length())));
            }
        });
    }

    @Test
    @DisplayName("the merchant key is read from PKCS#8 PEM and from bare Base64, to the same key")
    void privateKeyForms() {
        String pem = Vectors.text("merchant-private.pem");
        assertThat(KeyParsing.privateKey(SETTING, Secret.of(base64Body(pem))))
                .isEqualTo(KeyParsing.privateKey(SETTING, Secret.of(pem)));
    }

    @Test
    @DisplayName("a missing, PKCS#1, encrypted, public or garbled private key is a violation of the setting that never shows the key")
    void badPrivateKeys() {
        String pem = Vectors.text("merchant-private.pem");
        badSetting(() -> KeyParsing.privateKey(SETTING, null), SETTING, "required", null);
        badSetting(() -> KeyParsing.privateKey(SETTING, Secret.of(" ")), SETTING, "required", null);
        String pkcs1 = pem.replace("BEGIN PRIVATE KEY", "BEGIN RSA PRIVATE KEY");
        badSetting(() -> KeyParsing.privateKey(SETTING, Secret.of(pkcs1)), SETTING, "pkcs8", base64Body(pem));
        badSetting(() -> KeyParsing.privateKey(SETTING, Secret.of(pem.replace("BEGIN PRIVATE", "BEGIN ENCRYPTED PRIVATE"))), SETTING, "pkcs8", null);
        badSetting(() -> KeyParsing.privateKey(SETTING, Secret.of(Vectors.text("merchant-public.pem"))), SETTING, "pkcs8", null);
        String truncated = base64Body(pem).substring(0, 400);
        badSetting(() -> KeyParsing.privateKey(SETTING, Secret.of(truncated)), SETTING, "pkcs8", truncated);
        badSetting(() -> KeyParsing.privateKey(SETTING, Secret.of("not*a*key")), SETTING, "format", "not*a*key");
    }

    @Test
    @DisplayName("the WeChat Pay public key is read from PEM and bare Base64; a private key or certificate given instead is named")
    void publicKeys() {
        String setting = "wechatpay.platform-public-key";
        String pem = Vectors.text("platform-public.pem");
        assertThat(KeyParsing.publicKey(setting, base64Body(pem))).isEqualTo(KeyParsing.publicKey(setting, pem));
        badSetting(() -> KeyParsing.publicKey(setting, Vectors.text("platform-private.pem")), setting, "public-key",
                base64Body(Vectors.text("platform-private.pem")));
        badSetting(() -> KeyParsing.publicKey(setting, Vectors.text("platform-certificate.pem")), setting, "public-key", null);
        badSetting(() -> KeyParsing.publicKey(setting, "AAAA"), setting, "public-key", null);
        badSetting(() -> KeyParsing.publicKey(setting, null), setting, "required", null);
    }

    @Test
    @DisplayName("several PEM certificates in one text, with text around them, are all read, serials as WeChat Pay prints them")
    void certificates() {
        String text = "platform certificates\n" + Vectors.text("platform-certificate.pem") + "\n# rotated out\n"
                + Vectors.text("platform-old-certificate.pem");
        List<X509Certificate> certs = KeyParsing.certificates("wechatpay.platform-certificates", text);
        assertThat(certs).extracting(VerificationKeys::serialOf)
                .containsExactly(Vectors.CERTIFICATE_SERIAL, Vectors.OLD_CERTIFICATE_SERIAL.substring(1));
        assertThat(certs.get(0).getPublicKey()).isEqualTo(Vectors.platformPublicKey());
    }

    @Test
    @DisplayName("no certificate, or a broken one, is a violation of wechatpay.platform-certificates")
    void badCertificates() {
        String setting = "wechatpay.platform-certificates";
        badSetting(() -> KeyParsing.certificates(setting, Vectors.text("platform-public.pem")), setting, "certificate", null);
        String broken = Vectors.text("platform-certificate.pem").replaceFirst("\n[A-Za-z0-9+/]{20}", "\nAAAAAAAAAAAAAAAAAAAA");
        badSetting(() -> KeyParsing.certificates(setting, broken), setting, "certificate", null);
        badSetting(() -> KeyParsing.certificates(setting, "-----BEGIN CERTIFICATE-----\n*\n-----END CERTIFICATE-----"), setting,
                "certificate", null);
        badSetting(() -> KeyParsing.certificates(setting, ""), setting, "required", null);
    }
}
