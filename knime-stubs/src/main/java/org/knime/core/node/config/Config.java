package org.knime.core.node.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.swing.tree.TreeNode;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.config.base.ConfigBase;
import org.knime.core.node.config.base.ConfigBaseWO;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Stand-in for KNIME's settings tree: an ordered map from keys to typed entries ({@code xstring}, {@code xint},
 * {@code xlong}, {@code xdouble}, {@code xboolean}, ...) and sub-configs. It reads and writes KNIME's XML config
 * format ({@code http://www.knime.org/2008/09/XMLConfig}) as found in a workflow's {@code settings.xml}:
 * {@code <entry key type value [isnull]>} and {@code <config key>} elements, arrays as a config holding
 * {@code array-size} and one entry per index.
 */
public abstract class Config extends ConfigBase implements ConfigRO, ConfigWO {

    private static final long serialVersionUID = 1L;

    private static final String NS = "http://www.knime.org/2008/09/XMLConfig";

    private static final String ARRAY_SIZE = "array-size";

    /** A leaf value as stored in XML: its type name and text (null for a null string). */
    private record Entry(String type, String value) {
    }

    private final String m_key;

    private final Map<String, Object> m_content = new LinkedHashMap<>();

    private Config m_parent;

    protected Config(final String key) {
        m_key = Objects.requireNonNull(key, "key");
    }

    /** Creates an empty config of this config's own class, used for sub-configs. */
    public abstract Config getInstance(String key);

    @Override
    public final String getKey() {
        return m_key;
    }

    @Override
    public boolean containsKey(final String key) {
        return m_content.containsKey(key);
    }

    @Override
    public Set<String> keySet() {
        return Collections.unmodifiableSet(m_content.keySet());
    }

    // ---- read ----------------------------------------------------------------------------------------------

    @Override
    public final Config getConfig(final String key) throws InvalidSettingsException {
        Object o = m_content.get(key);
        if (o instanceof Config c) {
            return c;
        }
        throw new InvalidSettingsException(
            o == null ? "Config for key \"" + key + "\" not found." : "Entry for key \"" + key + "\" is no config.");
    }

    private Entry entry(final String key, final String... types) throws InvalidSettingsException {
        Object o = m_content.get(key);
        if (o == null) {
            throw new InvalidSettingsException("Config for key \"" + key + "\" not found.");
        }
        if (!(o instanceof Entry e) || !Arrays.asList(types).contains(e.type())) {
            throw new InvalidSettingsException("Entry for key \"" + key + "\" is not of type " + types[0] + ".");
        }
        return e;
    }

    private static InvalidSettingsException notParsable(final String key, final Entry e) {
        return new InvalidSettingsException("Value \"" + e.value() + "\" for key \"" + key + "\" is no " + e.type());
    }

    @Override
    public String getString(final String key) throws InvalidSettingsException {
        return entry(key, "xstring", "xpassword", "xtransientstring").value();
    }

    @Override
    public String getString(final String key, final String def) {
        try {
            return getString(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public int getInt(final String key) throws InvalidSettingsException {
        Entry e = entry(key, "xint", "xshort", "xbyte");
        try {
            return Integer.parseInt(e.value());
        } catch (NumberFormatException | NullPointerException ex) {
            throw notParsable(key, e);
        }
    }

    @Override
    public int getInt(final String key, final int def) {
        try {
            return getInt(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public long getLong(final String key) throws InvalidSettingsException {
        Entry e = entry(key, "xlong", "xint");
        try {
            return Long.parseLong(e.value());
        } catch (NumberFormatException | NullPointerException ex) {
            throw notParsable(key, e);
        }
    }

    @Override
    public long getLong(final String key, final long def) {
        try {
            return getLong(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public double getDouble(final String key) throws InvalidSettingsException {
        Entry e = entry(key, "xdouble", "xfloat");
        try {
            return Double.parseDouble(e.value());
        } catch (NumberFormatException | NullPointerException ex) {
            throw notParsable(key, e);
        }
    }

    @Override
    public double getDouble(final String key, final double def) {
        try {
            return getDouble(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public boolean getBoolean(final String key) throws InvalidSettingsException {
        Entry e = entry(key, "xboolean");
        if (!"true".equals(e.value()) && !"false".equals(e.value())) {
            throw notParsable(key, e);
        }
        return Boolean.parseBoolean(e.value());
    }

    @Override
    public boolean getBoolean(final String key, final boolean def) {
        try {
            return getBoolean(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public String[] getStringArray(final String key) throws InvalidSettingsException {
        Object o = m_content.get(key);
        if (o instanceof Entry e && e.value() == null) {
            return null; // a null array is stored as a null entry
        }
        Config array = getConfig(key);
        int size = array.getInt(ARRAY_SIZE);
        String[] values = new String[size];
        for (int i = 0; i < size; i++) {
            values[i] = array.getString(Integer.toString(i));
        }
        return values;
    }

    @Override
    public String[] getStringArray(final String key, final String... def) {
        try {
            return getStringArray(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    // ---- write ---------------------------------------------------------------------------------------------

    @Override
    public final Config addConfig(final String key) {
        Config sub = getInstance(key);
        sub.m_parent = this;
        m_content.put(key, sub);
        return sub;
    }

    /** Adds a copy-free reference to {@code config} under its own key. */
    protected final void addConfig(final Config config) {
        m_content.put(config.getKey(), config);
    }

    private void put(final String key, final String type, final String value) {
        m_content.put(Objects.requireNonNull(key, "key"), new Entry(type, value));
    }

    @Override
    public void addString(final String key, final String value) {
        put(key, "xstring", value);
    }

    @Override
    public void addInt(final String key, final int value) {
        put(key, "xint", Integer.toString(value));
    }

    @Override
    public void addLong(final String key, final long value) {
        put(key, "xlong", Long.toString(value));
    }

    @Override
    public void addDouble(final String key, final double value) {
        put(key, "xdouble", Double.toString(value));
    }

    @Override
    public void addBoolean(final String key, final boolean value) {
        put(key, "xboolean", Boolean.toString(value));
    }

    @Override
    public void addStringArray(final String key, final String... values) {
        if (values == null) {
            put(key, "xstring", null);
            return;
        }
        Config array = addConfig(key);
        array.addInt(ARRAY_SIZE, values.length);
        for (int i = 0; i < values.length; i++) {
            array.addString(Integer.toString(i), values[i]);
        }
    }

    @Override
    public void copyTo(final ConfigBaseWO dest) {
        if (!(dest instanceof Config target)) {
            throw new IllegalArgumentException("cannot copy into " + dest.getClass().getName());
        }
        for (Map.Entry<String, Object> e : m_content.entrySet()) {
            if (e.getValue() instanceof Config sub) {
                sub.copyTo(target.addConfig(e.getKey()));
            } else {
                target.m_content.put(e.getKey(), e.getValue());
            }
        }
    }

    // ---- tree and iteration (the stand-in's tree nodes are the sub-configs; KNIME's are all entries) -------------

    @Override
    public final Iterator<String> iterator() {
        return keySet().iterator();
    }

    private java.util.List<Config> children0() {
        return m_content.values().stream().filter(Config.class::isInstance).map(Config.class::cast).toList();
    }

    @Override
    public TreeNode getChildAt(final int childIndex) {
        return children0().get(childIndex);
    }

    @Override
    public int getChildCount() {
        return children0().size();
    }

    @Override
    public final TreeNode getParent() {
        return m_parent;
    }

    @Override
    public int getIndex(final TreeNode node) {
        return children0().indexOf(node);
    }

    @Override
    public final boolean getAllowsChildren() {
        return true;
    }

    @Override
    public final boolean isLeaf() {
        return m_content.isEmpty();
    }

    @Override
    public final Enumeration<TreeNode> children() {
        return Collections.enumeration(children0().stream().map(TreeNode.class::cast).toList());
    }

    // ---- XML -----------------------------------------------------------------------------------------------

    /** Writes this config as KNIME XML config, the root element keyed by this config's key. Closes nothing. */
    public final void saveToXML(final OutputStream os) throws IOException {
        try {
            XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(os, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("config");
            w.writeDefaultNamespace(NS);
            w.writeNamespace("xsi", XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI);
            w.writeAttribute("xsi", XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "schemaLocation",
                NS + " http://www.knime.org/XMLConfig_2008_09.xsd");
            w.writeAttribute("key", m_key);
            writeContent(w, 1);
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write config '" + m_key + "' as XML: " + e.getMessage(), e);
        }
    }

    private void writeContent(final XMLStreamWriter w, final int depth) throws XMLStreamException {
        String indent = "\n" + "    ".repeat(depth);
        for (Map.Entry<String, Object> e : m_content.entrySet()) {
            w.writeCharacters(indent);
            if (e.getValue() instanceof Config sub) {
                if (sub.m_content.isEmpty()) {
                    w.writeEmptyElement("config");
                    w.writeAttribute("key", e.getKey());
                } else {
                    w.writeStartElement("config");
                    w.writeAttribute("key", e.getKey());
                    sub.writeContent(w, depth + 1);
                    w.writeCharacters(indent);
                    w.writeEndElement();
                }
            } else {
                Entry entry = (Entry)e.getValue();
                w.writeEmptyElement("entry");
                w.writeAttribute("key", e.getKey());
                w.writeAttribute("type", entry.type());
                if (entry.value() == null) {
                    w.writeAttribute("isnull", "true");
                    w.writeAttribute("value", "");
                } else {
                    w.writeAttribute("value", entry.value());
                }
            }
        }
    }

    /**
     * Reads KNIME XML config from {@code in} into {@code config} (which takes the root element's key as content
     * holder) and closes the stream, as KNIME does.
     */
    protected static Config loadFromXML(final Config config, final InputStream in) throws IOException {
        try (in) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = f.newDocumentBuilder().parse(in);
            Element root = doc.getDocumentElement();
            if (!"config".equals(root.getLocalName())) {
                throw new IOException("not a KNIME config: root element is <" + root.getLocalName() + ">");
            }
            Config result = config.getInstance(root.getAttribute("key"));
            result.readContent(root);
            return result;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot parse KNIME config XML: " + e.getMessage(), e);
        }
    }

    private void readContent(final Element element) throws IOException {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element child)) {
                continue;
            }
            String key = child.getAttribute("key");
            switch (child.getLocalName()) {
                case "config" -> addConfig(key).readContent(child);
                case "entry" -> put(key, child.getAttribute("type"),
                    "true".equals(child.getAttribute("isnull")) ? null : child.getAttribute("value"));
                default -> throw new IOException("unexpected element <" + child.getLocalName() + "> in config '"
                    + m_key + "'");
            }
        }
    }

    // ---- identity ------------------------------------------------------------------------------------------

    @Override
    public boolean equals(final Object o) {
        return o instanceof Config c && m_key.equals(c.m_key) && m_content.equals(c.m_content);
    }

    @Override
    public int hashCode() {
        return m_key.hashCode() * 31 + m_content.hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "('" + m_key + "', " + m_content.keySet() + ")";
    }
}
