package org.emsym.knime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.emsym.knime.testing.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The stand-in's NodeSettings read and write KNIME's XML config format (settings.xml, workflow.knime). */
class KnimeSettingsXmlTest {

    private static NodeSettingsRO roundTrip(NodeSettings settings) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        settings.saveToXML(out);
        return NodeSettings.loadFromXML(new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void typedValuesSurviveXml() throws Exception {
        NodeSettings s = new NodeSettings("settings.xml");
        s.addString("path", "/data/stack <1> & \"2\".tif");
        s.addString("missing", null);
        s.addInt("k", 3);
        s.addLong("big", 1L << 40);
        s.addDouble("p", 99.8);
        s.addBoolean("flag", true);
        s.addStringArray("names", "a", "b");
        s.addNodeSettings("model").addInt("inner", -7);

        NodeSettingsRO back = roundTrip(s);
        assertEquals("settings.xml", back.getKey());
        assertEquals("/data/stack <1> & \"2\".tif", back.getString("path"));
        assertNull(back.getString("missing"));
        assertEquals(3, back.getInt("k"));
        assertEquals(1L << 40, back.getLong("big"));
        assertEquals(99.8, back.getDouble("p"));
        assertTrue(back.getBoolean("flag"));
        assertArrayEquals(new String[] {"a", "b"}, back.getStringArray("names"));
        assertEquals(-7, back.getNodeSettings("model").getInt("inner"));
        assertEquals(s, back, "settings tree equal after XML round trip");
    }

    @Test
    void wrongTypesAndMissingKeysAreInvalidSettings() {
        NodeSettings s = new NodeSettings("x");
        s.addString("text", "abc");
        InvalidSettingsException missing = assertThrows(InvalidSettingsException.class, () -> s.getInt("nope"));
        assertTrue(missing.getMessage().contains("nope"));
        assertThrows(InvalidSettingsException.class, () -> s.getInt("text"));
        assertEquals(5, s.getInt("nope", 5));
    }

    /** Every settings.xml and workflow.knime of the KNIME-written reference workflow reads and writes back equal. */
    @Test
    void referenceWorkflowFilesRoundTrip() throws Exception {
        Optional<Path> workflow = SharedData.resolve("knime/reference-workflow");
        Assumptions.assumeTrue(workflow.isPresent(), "reference workflow (shared/knime) not available");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(workflow.get())) {
            files = walk.filter(p -> p.getFileName().toString().equals("settings.xml")
                    || p.getFileName().toString().equals("workflow.knime")).toList();
        }
        assertFalse(files.isEmpty());
        for (Path file : files) {
            NodeSettingsRO read;
            try (InputStream in = Files.newInputStream(file)) {
                read = NodeSettings.loadFromXML(in);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ((NodeSettings) read).saveToXML(out);
            Document original = parse(Files.readAllBytes(file));
            Document written = parse(out.toByteArray());
            assertEquals(canonical(original.getDocumentElement()), canonical(written.getDocumentElement()),
                    file.toString());
        }
        // one spot check of typed access on a real node's settings
        try (InputStream in = Files.newInputStream(workflow.get().resolve("Row Filter (#3)/settings.xml"))) {
            NodeSettingsRO rowFilter = NodeSettings.loadFromXML(in);
            assertEquals("org.knime.base.node.preproc.filter.row3.RowFilterNodeFactory",
                    rowFilter.getString("factory"));
            assertEquals("AND", rowFilter.getNodeSettings("model").getString("matchCriteria"));
            assertNull(rowFilter.getString("customDescription"));
        }
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    /** Elements with their key/type/value/isnull attributes and children, ignoring whitespace and namespaces. */
    private static String canonical(Element e) {
        StringBuilder sb = new StringBuilder("<").append(e.getLocalName());
        for (String attribute : new String[] {"key", "type", "value", "isnull"}) {
            if (e.hasAttribute(attribute)) {
                sb.append(' ').append(attribute).append("=\"").append(e.getAttribute(attribute)).append('"');
            }
        }
        sb.append('>');
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                sb.append(canonical(child));
            }
        }
        return sb.append("</").append(e.getLocalName()).append('>').toString();
    }
}
