/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.complaintkit.Secret;
import dev.complaintkit.provider.yima.YimaConfig.SignScheme;
import dev.complaintkit.testkit.yima.YimaFixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Known answers for both schemes. The expected digests were computed outside Java (Python's
 * hashlib) over the seed's request fields with the secret {@code test-secret}.
 */
class Md5SignerTest {
    private static final Secret SECRET = Secret.of("test-secret");
    private static final String SEED_CANONICAL = "complaint_id=200201820200101080076610000&isspid=39493002"
            + "&jump_url=https://www.xxx.com/aaaa&jump_url_text=查看订单详情&request_type=risk_complaints_resp_request"
            + "&response_content=已与用户沟通解决&response_images=file752398_7983424|file752399_7983425"
            + "&seller_account=66660000000000001&system_id=8888&transaction_id=resp202406170000000001";

    @Test
    @DisplayName("the canonical string: non-empty fields but sign, sorted by name, raw values")
    void canonical() throws Exception {
        var fields = GbkXmlCodecTest.seedRequestFields();
        fields.put("sign", "ignored");
        fields.put("empty", "");

        assertThat(Md5Signer.canonical(fields)).isEqualTo(SEED_CANONICAL);
    }

    @Test
    @DisplayName("MD5_SORTED_KEY: MD5(canonical + &key=secret), upper-case hex, UTF-8 for JSON")
    void sortedKeyUtf8() {
        Md5Signer signer = new Md5Signer(SignScheme.MD5_SORTED_KEY, SECRET, StandardCharsets.UTF_8);

        assertThat(signer.sign(SEED_CANONICAL.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("28279B42F7B5C4C62CB9811F6103A5FC");
    }

    @Test
    @DisplayName("MD5_SORTED_KEY over GBK bytes (XML) differs, as the bytes do")
    void sortedKeyGbk() {
        Md5Signer signer = new Md5Signer(SignScheme.MD5_SORTED_KEY, SECRET, Texts.GBK);

        assertThat(signer.sign(SEED_CANONICAL.getBytes(Texts.GBK))).isEqualTo("4FB32422CE8A6A70449369769A8E33EC");
    }

    @Test
    @DisplayName("MD5_WRAPPED: MD5(secret + content + secret), over the canonical string or the XML document")
    void wrapped() {
        Md5Signer utf8 = new Md5Signer(SignScheme.MD5_WRAPPED, SECRET, StandardCharsets.UTF_8);
        Md5Signer gbk = new Md5Signer(SignScheme.MD5_WRAPPED, SECRET, Texts.GBK);

        assertThat(utf8.sign(SEED_CANONICAL.getBytes(StandardCharsets.UTF_8))).isEqualTo("E2E239F1A653D69A8B16C6A300C7A2A1");
        assertThat(gbk.sign(YimaFixtures.bytes(YimaFixtures.REQUEST_XML))).isEqualTo("36895A614F885C0C8609AF0CD1C28F77");
    }

    @Test
    @DisplayName("verify: accepts the signature in either case, refuses a wrong or malformed one")
    void verify() {
        Md5Signer signer = new Md5Signer(SignScheme.MD5_SORTED_KEY, SECRET, StandardCharsets.UTF_8);
        byte[] data = SEED_CANONICAL.getBytes(StandardCharsets.UTF_8);

        assertThat(signer.verify(data, "28279B42F7B5C4C62CB9811F6103A5FC")).isTrue();
        assertThat(signer.verify(data, "28279b42f7b5c4c62cb9811f6103a5fc")).isTrue();
        assertThat(signer.verify(data, "38279B42F7B5C4C62CB9811F6103A5FC")).isFalse();
        assertThat(signer.verify(data, "28279B42")).isFalse();
        assertThat(signer.verify(data, null)).isFalse();
        assertThat(signer.toString()).doesNotContain("test-secret");
    }
}
