/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.wechatpay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.complaintkit.error.ConfigurationException;
import dev.complaintkit.testkit.wechatpay.WechatPayServerCrypto;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("request signer")
class RequestSignerTest {

    private static RequestSigner signerAt(long time, String nonce) {
        return new RequestSigner(Vectors.MCHID, Vectors.MERCHANT_SERIAL, Vectors.merchantPrivateKey(), Vectors.clockAt(time), () -> nonce);
    }

    @Test
    @DisplayName("builds the v1 list and v2 reply signing strings byte for byte")
    void messagesMatchVectors() {
        for (String v : new String[] {"v1-request", "v2-reply"}) {
            String[] l = Vectors.lines(v + ".txt");
            byte[] message = RequestSigner.message(l[0], l[1], Long.parseLong(l[2]), l[3], l[4].getBytes(StandardCharsets.UTF_8));
            assertThat(message).as(v).isEqualTo(Vectors.text(v + ".txt").getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    @DisplayName("reproduces the v1 and v2 request signatures byte for byte")
    void signaturesMatchVectors() {
        RequestSigner signer = signerAt(Vectors.TIME, "unused");
        for (String v : new String[] {"v1-request", "v2-reply"}) {
            assertThat(signer.sign(Vectors.text(v + ".txt").getBytes(StandardCharsets.UTF_8))).as(v)
                    .isEqualTo(Vectors.signature(v + ".sig"));
        }
    }

    @Test
    @DisplayName("the Authorization header of v1 is exactly the documented one (items in the documented order)")
    void authorizationHeaderOfV1() {
        String[] l = Vectors.lines("v1-request.txt");
        URI uri = URI.create("https://api.mch.weixin.invalid" + l[1]);
        String header = signerAt(Long.parseLong(l[2]), l[3]).authorization("GET", uri, new byte[0]);
        assertThat(header).isEqualTo("WECHATPAY2-SHA256-RSA2048 mchid=\"1900012181\",nonce_str=\"593BEC0C930BF1AFEB40B4A08C8FB242\","
                + "timestamp=\"1718000000\",serial_no=\"5F1C72E2A8931B72A2E13AF8DEE92471EB397115\",signature=\""
                + Vectors.signature("v1-request.sig") + "\"");
    }

    @Test
    @DisplayName("the v2 reply header, with a UTF-8 body, carries the v2 signature")
    void authorizationHeaderOfV2() {
        String[] l = Vectors.lines("v2-reply.txt");
        String header = signerAt(Long.parseLong(l[2]), l[3]).authorization("POST", l[1], l[4].getBytes(StandardCharsets.UTF_8));
        assertThat(header).endsWith(",signature=\"" + Vectors.signature("v2-reply.sig") + "\"")
                .contains("nonce_str=\"A1B2C3D4E5F60718293A4B5C6D7E8F90\"", "timestamp=\"1718000000\"");
    }

    @Test
    @DisplayName("the canonical URL is the raw path and query as sent, percent-encoding kept")
    void canonicalUrlIsRaw() {
        assertThat(RequestSigner.canonicalUrl(URI.create("https://h.invalid/v3/merchant-service/images/abc%2Bdef%3D?x=a%20b&y=1")))
                .isEqualTo("/v3/merchant-service/images/abc%2Bdef%3D?x=a%20b&y=1");
        assertThat(RequestSigner.canonicalUrl(URI.create("https://h.invalid/v3/merchant-service/complaint-notifications")))
                .isEqualTo("/v3/merchant-service/complaint-notifications");
    }

    @Test
    @DisplayName("a header made with the system clock and random nonces passes the test kit's independent server check")
    void independentServerAccepts() {
        RequestSigner signer = new RequestSigner(Vectors.MCHID, Vectors.MERCHANT_SERIAL, Vectors.merchantPrivateKey());
        WechatPayServerCrypto server = WechatPayServerCrypto.forTestMerchant();
        byte[] body = "{\"complainted_mchid\":\"1900012181\",\"response_content\":\"已处理 ✓\"}".getBytes(StandardCharsets.UTF_8);
        String path = "/v3/merchant-service/complaints-v2/200201820200101080076610000/response";
        String first = signer.authorization("POST", path, body);
        String second = signer.authorization("POST", path, body);
        long now = Clock.systemUTC().instant().getEpochSecond();
        assertThat(server.checkAuthorization(first, "POST", path, body, now)).isEmpty();
        assertThat(server.checkAuthorization(second, "POST", path, body, now)).isEmpty();
        assertThat(WechatPayServerCrypto.Authorization.parse(first).nonce()).hasSize(32).isNotEqualTo(
                WechatPayServerCrypto.Authorization.parse(second).nonce());
        assertThat(server.checkAuthorization(first, "POST", path, "{}".getBytes(StandardCharsets.UTF_8), now)).isPresent();
    }

    @Test
    @DisplayName("a malformed mchid or serial is a configuration error naming the setting; toString shows no key")
    void badSettingsAndRedaction() {
        assertThatThrownBy(() -> new RequestSigner("19000\"12181", Vectors.MERCHANT_SERIAL, Vectors.merchantPrivateKey()))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.violations()).extracting(v -> v.field()).containsExactly("wechatpay.mchid"));
        assertThatThrownBy(() -> new RequestSigner(Vectors.MCHID, "5F1C,serial", Vectors.merchantPrivateKey()))
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.violations()).extracting(v -> v.field()).containsExactly("wechatpay.merchant-serial"));
        String shown = signerAt(Vectors.TIME, "N").toString();
        assertThat(shown).contains(Vectors.MCHID).doesNotContain("MII").doesNotContain(
                Vectors.text("merchant-private.pem").split("\n")[1].substring(0, 20));
    }

    @Test
    @DisplayName("a line break or space in the URL, a lower-case method or a bad nonce is refused before signing")
    void refusesMessagesThatWouldBreakLines() {
        assertThatThrownBy(() -> RequestSigner.message("GET", "/v3/x\nPOST", 1, "N", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestSigner.message("GET", "/v3/x y", 1, "N", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestSigner.message("get", "/v3/x", 1, "N", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestSigner.message("GET", "/v3/x", 1, "a\"b", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestSigner.message("GET", "v3/x", 1, "N", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("OpenSSL verifies a request signature made by the signer (and refuses it for a changed message)")
    void opensslVerifiesSignature(@TempDir Path dir) throws Exception {
        assumeTrue(opensslAvailable(), "openssl is not on the PATH");
        byte[] message = RequestSigner.message("GET", "/v3/merchant-service/complaints-v2?limit=50&offset=0&begin_date=2024-06-01"
                + "&end_date=2024-06-30", 1718000123L, "0PENSSL0CHECK0000000000000000000", new byte[0]);
        String signature = signerAt(Vectors.TIME, "x").sign(message);
        Path pub = Files.writeString(dir.resolve("merchant-public.pem"), Vectors.text("merchant-public.pem"));
        Path sig = Files.write(dir.resolve("request.sig"), Base64.getDecoder().decode(signature));
        Path msg = Files.write(dir.resolve("request.txt"), message);
        Result ok = openssl(dir, "dgst", "-sha256", "-verify", pub.toString(), "-signature", sig.toString(), msg.toString());
        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.output()).contains("Verified OK");
        byte[] changed = message.clone();
        changed[changed.length - 2] = '1';
        Path bad = Files.write(dir.resolve("changed.txt"), changed);
        Result refused = openssl(dir, "dgst", "-sha256", "-verify", pub.toString(), "-signature", sig.toString(), bad.toString());
        assertThat(refused.exit()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("Verification failure");
    }

    private record Result(int exit, String output) {}

    private static boolean opensslAvailable() {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Result openssl(Path dir, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        return new Result(p.exitValue(), out);
    }
}
