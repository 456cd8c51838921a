/* Copyright 2026 The complaintkit authors
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.complaintkit.provider.yima.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import dev.complaintkit.port.Codec;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Yima's XML messages (not API): {@code <?xml version="1.0" encoding="GBK"?>}, root
 * {@code <business_trans>}, one element per field in the given order, GBK bytes; the fields named
 * at construction ({@code jump_url}) are written as CDATA.
 *
 * <p>Writing goes through Jackson XML's streaming {@link ToXmlGenerator}, which can mark the next
 * value as CDATA ({@code setNextIsCData}) — so the field order of the map is kept and no POJO is
 * needed. The declaration is written by hand because the generator's own one is always UTF-8.
 *
 * <p>Reading uses an {@link XmlMapper} on a hardened {@link XMLInputFactory}: no DTD support, no
 * external entities, entity references not replaced, and a resolver that refuses anything external;
 * a first streaming pass refuses any document that has a DOCTYPE or an entity reference at all.
 * Unknown elements are kept in the map (the adapter ignores them).
 */
public final class GbkXmlCodec implements Codec {
    /** The XML declaration of every message. */
    public static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"GBK\"?>";

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
    /** The encoding pseudo-attribute of an XML declaration at the start of a document (after a BOM or blanks). */
    private static final Pattern ENCODING = Pattern.compile(
            "\\A(?:\u00EF\u00BB\u00BF)?\\s*<\\?xml\\s[^>]*?\\bencoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]{0,39})[\"']");

    private final XMLInputFactory inputFactory;
    private final XmlMapper mapper;
    private final Set<String> cdataFields;

    /** @param cdataFields the fields written as CDATA */
    public GbkXmlCodec(Set<String> cdataFields) {
        this.cdataFields = Set.copyOf(cdataFields);
        this.inputFactory = hardenedInputFactory();
        this.mapper = new XmlMapper(new XmlFactory(inputFactory));
    }

    /** @return a codec writing {@code jump_url} as CDATA */
    public static GbkXmlCodec forYima() {
        return new GbkXmlCodec(Set.of(YimaWire.F_JUMP_URL));
    }

    static XMLInputFactory hardenedInputFactory() {
        XMLInputFactory in = XMLInputFactory.newFactory();
        in.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        in.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        in.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        in.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not allowed in Yima answers");
        });
        return in;
    }

    @Override
    public String contentType() {
        return "text/xml;charset=GBK";
    }

    /**
     * @return the document as text (for callers that wrap it, e.g. in a form); {@link #encode} is
     *     its GBK bytes
     */
    public String encodeText(Map<String, String> fields) {
        StringWriter out = new StringWriter();
        out.write(DECLARATION);
        out.write('\n');
        try (ToXmlGenerator g = mapper.getFactory().createGenerator(out)) {
            g.setNextName(new QName(YimaWire.ROOT));
            g.writeStartObject();
            for (Map.Entry<String, String> e : fields.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                g.writeFieldName(e.getKey());
                g.setNextIsCData(cdataFields.contains(e.getKey()));
                g.writeString(e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException when a value holds a character GBK cannot encode */
    @Override
    public byte[] encode(Map<String, String> fields) {
        return JsonCodec.strictEncode(encodeText(fields), Texts.GBK);
    }

    /**
     * Reads an answer. The bytes are decoded first, strictly: in the encoding the XML declaration
     * names, GBK when it names none; a byte sequence that is not valid in it is refused rather than
     * read as U+FFFD.
     */
    @Override
    public Map<String, Object> decode(byte[] body) {
        String text = strictText(body);
        refuseDoctype(text);
        try {
            Map<String, Object> fields = mapper.readValue(text, MAP);
            return fields == null ? Map.of() : normalise(fields);
        } catch (IOException e) {
            String why = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getClass().getSimpleName();
            throw YimaWire.notEnvelope("the answer is not usable XML (" + abbreviate(why) + ")");
        }
    }

    /**
     * A first pass over the events: a document type declaration or an entity reference (which,
     * with DTDs off, the parser would report rather than expand) is refused outright.
     */
    private void refuseDoctype(String text) {
        XMLStreamReader reader = null;
        try {
            reader = inputFactory.createXMLStreamReader(new StringReader(text));
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw YimaWire.notEnvelope("the answer carries a document type declaration or entity reference; refused");
                }
            }
        } catch (XMLStreamException e) {
            throw YimaWire.notEnvelope("the answer is not well-formed XML (" + abbreviate(e.getMessage()) + ")");
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing held
                }
            }
        }
    }

    private static String strictText(byte[] body) {
        Charset cs = declaredEncoding(body);
        try {
            String text = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw YimaWire.notEnvelope("the answer is not valid " + cs.name() + " text");
        }
    }

    /** The charset the XML declaration names (read as ASCII from the first bytes); GBK when none or unknown. */
    private static Charset declaredEncoding(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 256), StandardCharsets.ISO_8859_1);
        Matcher m = ENCODING.matcher(head);
        if (m.find()) {
            try {
                return Charset.forName(m.group(1));
            } catch (IllegalArgumentException e) {
                throw YimaWire.notEnvelope("the answer declares an encoding this JVM does not know");
            }
        }
        return Texts.GBK;
    }

    private static String abbreviate(String s) {
        String one = String.valueOf(s).replaceAll("\\s+", " ");
        return one.length() <= 200 ? one : one.substring(0, 197) + "...";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalise(Map<String, Object> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                out.put(k, normalise((Map<String, Object>) m));
            } else if (v instanceof List<?> l) {
                out.put(k, List.copyOf(l.stream().map(x -> x instanceof Map<?, ?> m
                        ? (Object) normalise((Map<String, Object>) m) : x == null ? "" : x.toString()).toList()));
            } else {
                out.put(k, v == null ? "" : v.toString());
            }
        });
        return out;
    }

    @Override
    public String toString() {
        return "GbkXmlCodec[cdata=" + cdataFields + "]";
    }
}
