/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima.internal;

import dev.complaintkit.error.Violation;
import dev.complaintkit.provider.yima.YimaConfig;
import dev.complaintkit.provider.yima.YimaConfig.SignScheme;
import dev.complaintkit.spi.ProviderContext;
import dev.complaintkit.support.Exchange;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Yima's GBK XML form (not API): the document {@code <business_trans>} in GBK, posted as
 * {@code xml=<URL-encoded document>&mac=<mac>} through core's {@link Exchange} with the
 * {@link XmlEnvelope} and the {@link XmlForm} codec. The mac follows {@code yima.xml-mac-scheme},
 * never the JSON {@code yima.sign-scheme}.
 */
final class XmlFormWire implements WireFormat {
    private final SignScheme scheme;
    private final Exchange exchange;
    private final YimaConfig config;

    XmlFormWire(YimaConfig config, ProviderContext context) {
        this.config = config;
        this.scheme = config.xmlMacScheme();
        // Jackson XML and StAX cost a cold JVM ~0.1-0.25 s to set up: only an XML client pays for them
        GbkXmlCodec xml = GbkXmlCodec.forYima();
        this.exchange = Exchange.builder(YimaWire.PROVIDER, context).describedAs(YimaWire.WHAT)
                .envelope(new XmlEnvelope(scheme, xml, new AnswerSignatures(config)))
                .signer(new Md5Signer(scheme, config.secret(), Texts.GBK))
                .codec(new XmlForm(xml)).build();
    }

    @Override
    public void checkText(String field, String value, List<Violation> violations) {
        Texts.unencodable(field, value, Texts.GBK, "(Yima's XML messages are GBK)").ifPresent(violations::add);
        OptionalInt nonXml = value == null ? OptionalInt.empty() : Texts.firstNonXml(value);
        if (nonXml.isPresent()) {
            violations.add(new Violation(field, "xml-character", "contains " + Texts.describe(nonXml.getAsInt())
                    + ", which an XML document cannot carry"));
        }
    }

    @Override
    public Exchange.Answer send(Map<String, String> fields) {
        for (String value : fields.values()) { // the mac is computed over GBK bytes: refuse what GBK cannot carry first
            if (value != null && Texts.firstUnencodable(value, Texts.GBK).isPresent()) {
                throw WireFormat.unencodable(Texts.GBK.name(), null);
            }
        }
        return exchange.send("POST", config.endpoint(), fields);
    }

    @Override
    public String toString() {
        return "XML, mac " + scheme;
    }
}
