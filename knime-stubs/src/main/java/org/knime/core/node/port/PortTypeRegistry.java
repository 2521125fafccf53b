package org.knime.core.node.port;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.knime.core.node.port.PortObject.PortObjectSerializer;
import org.knime.core.node.port.PortObjectSpec.PortObjectSpecSerializer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Stand-in for KNIME's port type registry. Where KNIME reads the Eclipse extension registry, the stand-in reads
 * every {@code plugin.xml} on the class path and takes the {@code portType} elements of extensions to point
 * {@code org.knime.core.PortType} (attributes {@code objectClass}, {@code objectSerializer}, {@code specClass},
 * {@code specSerializer}, {@code name}) - so a test exercises the plugin's real registration.
 */
public final class PortTypeRegistry {

    private static final String EXT_POINT_ID = "org.knime.core.PortType";

    private static final PortTypeRegistry INSTANCE = new PortTypeRegistry();

    /** One {@code portType} element of a plugin.xml. */
    private record Registration(String name, String objectClass, String objectSerializer, String specClass,
        String specSerializer) {
    }

    private final Map<Class<? extends PortObject>, PortType> m_types = new HashMap<>();

    private final Map<Class<? extends PortObject>, PortType> m_optionalTypes = new HashMap<>();

    private List<Registration> m_registrations;

    private PortTypeRegistry() {
    }

    public static PortTypeRegistry getInstance() {
        return INSTANCE;
    }

    public synchronized PortType getPortType(final Class<? extends PortObject> portClass) {
        return getPortType(portClass, false);
    }

    public synchronized PortType getPortType(final Class<? extends PortObject> portClass, final boolean isOptional) {
        Map<Class<? extends PortObject>, PortType> map = isOptional ? m_optionalTypes : m_types;
        return map.computeIfAbsent(portClass, c -> new PortType(c, isOptional, registration(c.getName())
            .map(Registration::name).orElse(null)));
    }

    @SuppressWarnings("unchecked")
    public Optional<PortObjectSerializer<PortObject>>
        getObjectSerializer(final Class<? extends PortObject> objectClass) {
        return registration(objectClass.getName())
            .map(r -> (PortObjectSerializer<PortObject>)instantiate(r.objectSerializer()));
    }

    @SuppressWarnings("unchecked")
    public Optional<PortObjectSpecSerializer<PortObjectSpec>>
        getSpecSerializer(final Class<? extends PortObjectSpec> specClass) {
        return registrations().stream().filter(r -> specClass.getName().equals(r.specClass())).findFirst()
            .map(r -> (PortObjectSpecSerializer<PortObjectSpec>)instantiate(r.specSerializer()));
    }

    private Optional<Registration> registration(final String objectClass) {
        return registrations().stream().filter(r -> objectClass.equals(r.objectClass())).findFirst();
    }

    private static Object instantiate(final String className) {
        try {
            return Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate serializer " + className + ": " + e, e);
        }
    }

    private synchronized List<Registration> registrations() {
        if (m_registrations == null) {
            List<Registration> all = new ArrayList<>();
            try {
                Enumeration<URL> urls = PortTypeRegistry.class.getClassLoader().getResources("plugin.xml");
                while (urls.hasMoreElements()) {
                    all.addAll(read(urls.nextElement()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read plugin.xml files from the class path", e);
            }
            m_registrations = Collections.unmodifiableList(all);
        }
        return m_registrations;
    }

    private static List<Registration> read(final URL pluginXml) throws IOException {
        List<Registration> result = new ArrayList<>();
        try (InputStream in = pluginXml.openStream()) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Document doc = f.newDocumentBuilder().parse(in);
            NodeList extensions = doc.getElementsByTagName("extension");
            for (int i = 0; i < extensions.getLength(); i++) {
                Element ext = (Element)extensions.item(i);
                if (!EXT_POINT_ID.equals(ext.getAttribute("point"))) {
                    continue;
                }
                NodeList types = ext.getElementsByTagName("portType");
                for (int j = 0; j < types.getLength(); j++) {
                    Element t = (Element)types.item(j);
                    result.add(new Registration(t.getAttribute("name"), t.getAttribute("objectClass"),
                        t.getAttribute("objectSerializer"), t.getAttribute("specClass"),
                        t.getAttribute("specSerializer")));
                }
            }
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("cannot parse " + pluginXml + ": " + e.getMessage(), e);
        }
        return result;
    }
}
