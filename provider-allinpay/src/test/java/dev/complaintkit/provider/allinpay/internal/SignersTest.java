/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.allinpay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.complaintkit.provider.allinpay.Vectors;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Security;
import java.util.Base64;
import java.util.Properties;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SignersTest {
    static final PrivateKey RSA_PRIVATE = KeyParsing.rsaPrivateKey(Vectors.text("rsa-merchant-private.b64"));
    static final PublicKey RSA_PLATFORM = KeyParsing.rsaPublicKey(Vectors.text("rsa-platform-public.b64"));
    static final PrivateKey SM2_PRIVATE = KeyParsing.sm2PrivateKey(Vectors.text("sm2-merchant-private.b64"));
    static final PublicKey SM2_PUBLIC = KeyParsing.sm2PublicKey(Vectors.text("sm2-merchant-public.b64"));
    static final PublicKey SM2_PLATFORM = KeyParsing.sm2PublicKey(Vectors.text("sm2-platform-public.b64"));

    @Nested
    @DisplayName("RSA (SHA1WithRSA)")
    class Rsa {
        @Test
        @DisplayName("reproduces rsa-vector.txt exactly")
        void vector() {
            Properties v = Vectors.properties("rsa-vector.txt");
            RsaSigner signer = new RsaSigner(RSA_PRIVATE, RSA_PLATFORM);
            assertThat(signer.algorithm()).isEqualTo("RSA");
            assertThat(signer.sign(v.getProperty("input").getBytes(StandardCharsets.UTF_8))).isEqualTo(v.getProperty("signature"));
        }

        @Test
        @DisplayName("verifies the vector with the merchant public key, and rejects changed data and malformed signatures")
        void verify() {
            Properties v = Vectors.properties("rsa-vector.txt");
            RsaSigner verifier = new RsaSigner(RSA_PRIVATE, KeyParsing.rsaPublicKey(Vectors.rsaMerchantPublicKey()));
            byte[] data = v.getProperty("input").getBytes(StandardCharsets.UTF_8);
            assertThat(verifier.verify(data, v.getProperty("signature"))).isTrue();
            assertThat(verifier.verify((v.getProperty("input") + "&x=1").getBytes(StandardCharsets.UTF_8), v.getProperty("signature")))
                    .isFalse();
            assertThat(verifier.verify(data, "not base64 !")).isFalse();
            assertThat(verifier.verify(data, "")).isFalse();
            assertThat(verifier.verify(data, null)).isFalse();
            assertThat(new RsaSigner(RSA_PRIVATE, RSA_PLATFORM).verify(data, v.getProperty("signature")))
                    .as("the platform key did not make it").isFalse();
        }
    }

    @Nested
    @DisplayName("RSA2 (SHA256WithRSA)")
    class Rsa2 {
        @Test
        @DisplayName("signs the vector's input with SHA-256 (a PKCS#1 v1.5 signature Bouncy Castle's SHA-256 verifier accepts), not with RSA's SHA-1")
        void sha256() throws Exception {
            byte[] data = Vectors.properties("rsa-vector.txt").getProperty("input").getBytes(StandardCharsets.UTF_8);
            RsaSigner signer = RsaSigner.rsa2(RSA_PRIVATE, KeyParsing.rsaPublicKey(Vectors.rsaMerchantPublicKey()));
            assertThat(signer.algorithm()).isEqualTo("RSA2");
            String sig = signer.sign(data);
            assertThat(sig).isNotEqualTo(Vectors.properties("rsa-vector.txt").getProperty("signature"));
            org.bouncycastle.crypto.signers.RSADigestSigner bc =
                    new org.bouncycastle.crypto.signers.RSADigestSigner(new org.bouncycastle.crypto.digests.SHA256Digest());
            bc.init(false, PublicKeyFactory.createKey(Base64.getDecoder().decode(Vectors.rsaMerchantPublicKey())));
            bc.update(data, 0, data.length);
            assertThat(bc.verifySignature(Base64.getDecoder().decode(sig))).isTrue();
            assertThat(signer.verify(data, sig)).isTrue();
            assertThat(new RsaSigner(RSA_PRIVATE, KeyParsing.rsaPublicKey(Vectors.rsaMerchantPublicKey())).verify(data, sig))
                    .as("an RSA (SHA-1) verifier refuses it").isFalse();
        }
    }

    @Nested
    @DisplayName("SM2 (SM3withSM2, raw r‖s)")
    class Sm2 {
        @Test
        @DisplayName("verifies sm2-response-vector.txt with user id Allinpay, and not with 1234567812345678")
        void responseVector() {
            Properties v = Vectors.properties("sm2-response-vector.txt");
            assertThat(v.getProperty("user-id")).isEqualTo(Sm2Signer.RESPONSE_USER_ID);
            byte[] message = v.getProperty("message").getBytes(StandardCharsets.UTF_8);
            assertThat(new Sm2Signer(SM2_PRIVATE, "any", SM2_PLATFORM, "Allinpay").verify(message, v.getProperty("signature"))).isTrue();
            assertThat(new Sm2Signer(SM2_PRIVATE, "any", SM2_PLATFORM, "1234567812345678").verify(message, v.getProperty("signature")))
                    .isFalse();
        }

        @Test
        @DisplayName("request signatures are 64 raw bytes that verify with the demo public key and user id = appid")
        void requestSignature() throws Exception {
            Sm2Signer signer = new Sm2Signer(SM2_PRIVATE, Vectors.SM2_DEMO_APPID, SM2_PLATFORM, "Allinpay");
            byte[] data = "appid=00000156&complaint_id=200201820200101080076610000&cusid=990581007426001&limit=100&offset=0&randomstr=ab12&signtype=SM2&version=12"
                    .getBytes(StandardCharsets.UTF_8);
            String sig = signer.sign(data);
            assertThat(Base64.getDecoder().decode(sig)).hasSize(64);
            assertThat(signer.sign(data)).as("SM2 signatures are randomised").isNotEqualTo(sig);

            // through this module's verifier, as the merchant's counterpart would
            assertThat(new Sm2Signer(SM2_PRIVATE, "x", SM2_PUBLIC, Vectors.SM2_DEMO_APPID).verify(data, sig)).isTrue();
            assertThat(new Sm2Signer(SM2_PRIVATE, "x", SM2_PUBLIC, "1234567812345678").verify(data, sig)).isFalse();

            // and independently, on Bouncy Castle's lightweight SM2 with plain (r‖s) encoding
            SM2Signer independent = new SM2Signer(PlainDSAEncoding.INSTANCE, new SM3Digest());
            independent.init(false, new ParametersWithID(PublicKeyFactory.createKey(Base64.getDecoder().decode(
                    Vectors.text("sm2-merchant-public.b64"))), Vectors.SM2_DEMO_APPID.getBytes(StandardCharsets.UTF_8)));
            independent.update(data, 0, data.length);
            assertThat(independent.verifySignature(Base64.getDecoder().decode(sig))).isTrue();
        }

        @Test
        @DisplayName("malformed signatures are false, never an exception")
        void malformed() {
            Sm2Signer s = new Sm2Signer(SM2_PRIVATE, "x", SM2_PLATFORM, "Allinpay");
            byte[] data = "m".getBytes(StandardCharsets.UTF_8);
            assertThat(s.verify(data, "%%%")).isFalse();
            assertThat(s.verify(data, Base64.getEncoder().encodeToString(new byte[63]))).isFalse();
            assertThat(s.verify(data, Base64.getEncoder().encodeToString(new byte[64]))).isFalse();
            assertThat(s.verify(data, null)).isFalse();
        }
    }

    @Nested
    @DisplayName("raw r‖s and DER")
    class Encoding {
        @Test
        @DisplayName("round-trip, including components with leading zero bytes")
        void roundTrip() {
            byte[] raw = new byte[64];
            raw[31] = 7; // r = 7: DER holds a one-byte integer
            raw[32] = (byte) 0x80; // s has its top bit set: DER needs a leading zero
            raw[63] = 1;
            byte[] der = Sm2Signatures.rawToDer(raw);
            assertThat(der[0]).isEqualTo((byte) 0x30);
            assertThat(Sm2Signatures.derToRaw(der)).isEqualTo(raw);
            assertThat(new BigInteger(1, java.util.Arrays.copyOfRange(Sm2Signatures.derToRaw(der), 0, 32))).isEqualTo(7);
        }

        @Test
        @DisplayName("reject what is not a signature")
        void reject() {
            assertThatThrownBy(() -> Sm2Signatures.rawToDer(new byte[65])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Sm2Signatures.derToRaw(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    @DisplayName("Bouncy Castle is used without joining the JVM's global provider list")
    void noGlobalProvider() {
        new Sm2Signer(SM2_PRIVATE, "x", SM2_PLATFORM, "Allinpay").sign(new byte[] {1});
        assertThat(Security.getProvider("BC")).isNull();
    }
}
