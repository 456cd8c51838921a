/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.complaintkit.error.ProviderException;
import dev.complaintkit.testkit.yima.YimaFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON and GBK XML codecs against the seed's examples. */
class GbkXmlCodecTest {
    private final JsonCodec json = new JsonCodec(StandardCharsets.UTF_8);
    private final GbkXmlCodec xml = GbkXmlCodec.forYima();

    /** The seed's JSON request example, minus sign, in the seed's order. */
    static Map<String, String> seedRequestFields() throws Exception {
        Map<String, String> fields = new ObjectMapper().readValue(YimaFixtures.bytes(YimaFixtures.REQUEST_JSON),
                new TypeReference<LinkedHashMap<String, String>>() {});
        fields.remove("sign");
        return fields;
    }

    private static String withoutLayout(String xmlText) {
        return xmlText.replaceAll(">\\s+<", "><").trim();
    }

    @Nested
    @DisplayName("encoding the seed's request")
    class Encoding {
        @Test
        @DisplayName("JSON and XML carry the same fields, in the seed's order")
        void sameFieldsInBothFormats() throws Exception {
            Map<String, String> seed = seedRequestFields();

            Map<String, Object> fromJson = json.decode(json.encode(seed));
            Map<String, Object> fromXml = xml.decode(xml.encode(seed));

            assertThat(fromJson).containsExactlyEntriesOf(seed);
            assertThat(fromXml).containsExactlyEntriesOf(seed);
        }

        @Test
        @DisplayName("XML: GBK bytes, the GBK declaration, root business_trans, jump_url in CDATA, as the seed's example")
        void xmlIsGbkLikeTheSeed() throws Exception {
            byte[] bytes = xml.encode(seedRequestFields());

            String text = new String(bytes, "GBK");
            assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"GBK\"?>");
            assertThat(text).contains("<business_trans>").endsWith("</business_trans>");
            assertThat(text).contains("<jump_url><![CDATA[https://www.xxx.com/aaaa]]></jump_url>");
            assertThat(text).contains("<response_content>已与用户沟通解决</response_content>");
            assertThat(bytes).as("GBK bytes of 已与 (D2 D1 D3 EB)")
                    .containsSequence((byte) 0xD2, (byte) 0xD1, (byte) 0xD3, (byte) 0xEB);
            assertThat(new String(bytes, StandardCharsets.ISO_8859_1))
                    .doesNotContain(new String("已".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
            String seedXml = new String(YimaFixtures.bytes(YimaFixtures.REQUEST_XML), "GBK");
            assertThat(withoutLayout(text)).isEqualTo(withoutLayout(seedXml));
        }

        @Test
        @DisplayName("XML: markup characters in values are escaped and read back unchanged")
        void escaping() {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("response_content", "a < b & c > d \"q\" '");
            fields.put("jump_url", "https://x.example/p?a=1&b=2");

            byte[] bytes = xml.encode(fields);

            assertThat(new String(bytes, Texts.GBK)).contains("<![CDATA[https://x.example/p?a=1&b=2]]>");
            assertThat(xml.decode(bytes)).isEqualTo(Map.of("response_content", "a < b & c > d \"q\" '",
                    "jump_url", "https://x.example/p?a=1&b=2"));
        }

        @Test
        @DisplayName("JSON in GBK when yima.charset says so")
        void jsonInAnotherCharset() throws Exception {
            JsonCodec gbk = new JsonCodec(Texts.GBK);

            byte[] bytes = gbk.encode(seedRequestFields());

            assertThat(new String(bytes, "GBK")).contains("\"response_content\":\"已与用户沟通解决\"");
            assertThat(gbk.contentType()).isEqualTo("application/json;charset=GBK");
            assertThat(gbk.decode(bytes)).containsExactlyEntriesOf(seedRequestFields());
        }
    }

    @Nested
    @DisplayName("decoding answers")
    class Decoding {
        @Test
        @DisplayName("the seed's XML answer, with extra unknown nodes, is read")
        void seedXmlAnswerWithUnknownNodes() {
            String seed = new String(YimaFixtures.bytes(YimaFixtures.RESPONSE_XML), Texts.GBK);
            String extended = seed
                    .replace("<comment>回复成功</comment>", "<comment>回复成功</comment><detail>新增节点</detail>")
                    .replace("</business_trans>", "<gateway><version>2.9</version><node>新</node></gateway>"
                            + "<notice>升级</notice></business_trans>");

            Map<String, Object> fields = xml.decode(extended.getBytes(Texts.GBK));

            assertThat(fields).containsEntry("response_type", "risk_complaints_resp_response")
                    .containsEntry("transaction_id", "resp202406170000000001")
                    .containsEntry("notice", "升级");
            assertThat(fields.get("result")).isEqualTo(Map.of("id", "0000", "comment", "回复成功", "detail", "新增节点"));
        }

        @Test
        @DisplayName("the seed's XML and JSON answers carry the same fields (sign aside)")
        void seedAnswersAgree() {
            Map<String, Object> fromXml = xml.decode(YimaFixtures.bytes(YimaFixtures.RESPONSE_XML));
            Map<String, Object> fromJson = new LinkedHashMap<>(json.decode(YimaFixtures.bytes(YimaFixtures.RESPONSE_JSON)));

            assertThat(fromJson.remove("sign")).isEqualTo("824FE953936278AEE61CA8CEE8A08C86");
            assertThat(fromXml).isEqualTo(fromJson);
        }

        @Test
        @DisplayName("the seed's JSON answer with unknown nodes (scalars, objects, arrays) is read")
        void jsonUnknownNodes() {
            String seed = new String(YimaFixtures.bytes(YimaFixtures.RESPONSE_JSON), StandardCharsets.UTF_8);
            String extended = seed.replace("\"result\": {", "\"extra\": {\"a\": [1, 2]}, \"n\": 3, \"result\": {\"x\": true,");

            Map<String, Object> fields = json.decode(extended.getBytes(StandardCharsets.UTF_8));

            assertThat(fields).containsEntry("n", "3").containsKey("extra");
            assertThat(fields.get("result")).isEqualTo(Map.of("x", "true", "id", "0000", "comment", "回复成功"));
        }

        @Test
        @DisplayName("a byte that is not valid GBK is refused, not read as U+FFFD")
        void invalidGbkRefused() {
            byte[] seed = YimaFixtures.bytes(YimaFixtures.RESPONSE_XML);
            byte[] bad = new String(seed, Texts.GBK).replace("<comment>", "<comment>\u0001").getBytes(Texts.GBK);
            for (int i = 0; i < bad.length; i++) {
                if (bad[i] == 1) {
                    bad[i] = (byte) 0xFF;
                }
            }

            assertThatThrownBy(() -> xml.decode(bad)).isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.code()).isEqualTo("INVALID_RESPONSE");
                assertThat(e.getMessage()).contains("not valid GBK");
            });
        }

        @Test
        @DisplayName("a document that declares another encoding is read in it, strictly")
        void declaredEncodingHonoured() {
            String doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><business_trans><result><id>0000</id>"
                    + "<comment>回复成功</comment></result></business_trans>";
            byte[] utf8 = doc.getBytes(StandardCharsets.UTF_8);

            assertThat(xml.decode(utf8).get("result")).isEqualTo(Map.of("id", "0000", "comment", "回复成功"));
            byte[] broken = java.util.Arrays.copyOf(utf8, utf8.length + 1);
            broken[broken.length - 1] = (byte) 0xC3;
            assertThatThrownBy(() -> xml.decode(broken)).isInstanceOfSatisfying(ProviderException.class,
                    e -> assertThat(e.getMessage()).contains("not valid UTF-8"));
        }

        @Test
        @DisplayName("not JSON, not XML: a typed provider error")
        void garbage() {
            assertThatThrownBy(() -> json.decode("<html>".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("INVALID_RESPONSE"));
            assertThatThrownBy(() -> xml.decode("{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo("INVALID_RESPONSE"));
        }
    }

    @Nested
    @DisplayName("XML parsing is hardened")
    class Hardening {
        @Test
        @DisplayName("an external entity pointing at a local file is refused and the file is never read")
        void externalEntity(@TempDir Path dir) throws Exception {
            Path secret = dir.resolve("secret.txt");
            Files.writeString(secret, "TOP-SECRET-CONTENT-42");
            String evil = "<?xml version=\"1.0\" encoding=\"GBK\"?>\n"
                    + "<!DOCTYPE business_trans [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                    + "<business_trans><response_type>&xxe;</response_type>"
                    + "<result><id>0000</id><comment>&xxe;</comment></result></business_trans>";

            assertThatThrownBy(() -> xml.decode(evil.getBytes(Texts.GBK)))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.code()).isEqualTo("INVALID_RESPONSE");
                        assertThat(e).hasMessageNotContaining("TOP-SECRET-CONTENT-42");
                        assertThat(e.getCause()).isNull();
                    });
        }

        @Test
        @DisplayName("an internal entity (the root of entity-expansion attacks) is refused too")
        void internalEntity() {
            String bomb = "<?xml version=\"1.0\"?>\n"
                    + "<!DOCTYPE business_trans [<!ENTITY a \"AAAAAAAAAA\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
                    + "<business_trans><response_type>&b;</response_type></business_trans>";

            assertThatThrownBy(() -> xml.decode(bomb.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(ProviderException.class);
        }
    }
}
