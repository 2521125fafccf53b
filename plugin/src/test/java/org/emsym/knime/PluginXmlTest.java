package org.emsym.knime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.emsym.knime.testing.NodeDescriptions;
import org.emsym.knime.testing.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.core.node.NodeFactory;
import org.knime.node.DefaultNodeFactory;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.WidgetGroup;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortTypeRegistry;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks plugin.xml against the code: every node factory named there exists, every node factory class is named
 * there, every node has a description that validates against KNIME's node description schema and a 16x16 icon,
 * and every port type's classes and serializers exist.
 */
class PluginXmlTest {

    private static final Path PLUGIN_XML = Path.of("plugin.xml");
    private static final Path CLASSES = Path.of("target", "classes");

    private static Document pluginXml;

    @BeforeAll
    static void parse() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        pluginXml = f.newDocumentBuilder().parse(PLUGIN_XML.toFile());
    }

    private static List<Element> elements(String extensionPoint, String tag) {
        List<Element> result = new ArrayList<>();
        NodeList extensions = pluginXml.getElementsByTagName("extension");
        for (int i = 0; i < extensions.getLength(); i++) {
            Element ext = (Element) extensions.item(i);
            if (extensionPoint.equals(ext.getAttribute("point"))) {
                NodeList children = ext.getElementsByTagName(tag);
                for (int j = 0; j < children.getLength(); j++) {
                    result.add((Element) children.item(j));
                }
            }
        }
        return result;
    }

    private static Set<String> registeredFactories() {
        Set<String> names = new TreeSet<>();
        for (Element node : elements("org.knime.workbench.repository.nodes", "node")) {
            names.add(node.getAttribute("factory-class"));
        }
        return names;
    }

    /** Every concrete NodeFactory subclass among the plugin's compiled classes. */
    private static Set<String> factoryClassesInCode() throws IOException, ClassNotFoundException {
        Set<String> names = new TreeSet<>();
        List<Path> classFiles;
        try (Stream<Path> walk = Files.walk(CLASSES)) {
            classFiles = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        for (Path file : classFiles) {
            String name = CLASSES.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                    .replaceAll("\\.class$", "");
            Class<?> cl = Class.forName(name, false, PluginXmlTest.class.getClassLoader());
            if (NodeFactory.class.isAssignableFrom(cl) && !Modifier.isAbstract(cl.getModifiers())) {
                names.add(name);
            }
        }
        return names;
    }

    @Test
    void everyRegisteredFactoryExistsAndEveryFactoryIsRegistered() throws Exception {
        Set<String> registered = registeredFactories();
        assertFalse(registered.isEmpty(), "plugin.xml registers no nodes");
        for (String name : registered) {
            Class<?> cl = Class.forName(name);
            assertTrue(NodeFactory.class.isAssignableFrom(cl), name + " is not a NodeFactory");
            assertNotNull(cl.getDeclaredConstructor().newInstance());
        }
        assertEquals(factoryClassesInCode(), registered, "node factories in code vs. plugin.xml");
    }

    @Test
    void nodesSitInTheCommunityCategory() {
        List<Element> categories = elements("org.knime.workbench.repository.categories", "category");
        assertEquals(1, categories.size());
        Element category = categories.get(0);
        assertEquals("EM Segmentation", category.getAttribute("name"));
        assertEquals("/community", category.getAttribute("path"));
        assertTrue(Files.isRegularFile(Path.of(category.getAttribute("icon"))), "category icon missing");
        String path = "/community/" + category.getAttribute("level-id");
        for (Element node : elements("org.knime.workbench.repository.nodes", "node")) {
            assertEquals(path, node.getAttribute("category-path"), node.getAttribute("factory-class"));
        }
    }

    /**
     * The node description KNIME shows: for a {@link DefaultNodeFactory} (KNIME 5.6+) the one KNIME builds from the
     * node definition and its parameters' widgets (a description XML beside it would be ignored, so there must be
     * none); for other factories {@code <FactorySimpleName>.xml} beside the class.
     */
    private static Document description(Class<?> cl) throws Exception {
        Object factory = cl.getDeclaredConstructor().newInstance();
        URL xml = cl.getResource(cl.getSimpleName() + ".xml");
        if (factory instanceof DefaultNodeFactory d) {
            assertNull(xml, cl.getSimpleName() + ".xml is ignored by KNIME for a DefaultNodeFactory; remove it");
            return NodeDescriptions.description(d);
        }
        assertNotNull(xml, "no description " + cl.getSimpleName() + ".xml beside " + cl.getName());
        try (InputStream in = xml.openStream()) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(in);
        }
    }

    @Test
    void everyNodeHasADescriptionAndA16x16Icon() throws Exception {
        for (String factory : registeredFactories()) {
            Class<?> cl = Class.forName(factory);
            Document doc = description(cl);
            String icon = doc.getDocumentElement().getAttribute("icon");
            URL iconUrl = cl.getResource(icon.replaceFirst("^\\./", ""));
            assertNotNull(iconUrl, "icon " + icon + " of " + factory + " missing");
            BufferedImage image = ImageIO.read(iconUrl);
            assertEquals(16, image.getWidth(), icon);
            assertEquals(16, image.getHeight(), icon);
        }
    }

    @Test
    void everyNodeDescriptionValidatesAgainstKnimeSchema() throws Exception {
        Optional<Path> xsd41 = SharedData.resolve("knime/Node_v4.1.xsd");
        Optional<Path> xsd53 = SharedData.resolve("knime/Node_v5.3.xsd");
        Assumptions.assumeTrue(xsd41.isPresent() && xsd53.isPresent(),
                "KNIME node description schemas (shared/knime) not available");
        SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        Schema schema41 = sf.newSchema(xsd41.get().toFile());
        Schema schema53 = sf.newSchema(xsd53.get().toFile());
        for (String factory : registeredFactories()) {
            Class<?> cl = Class.forName(factory);
            Document doc = description(cl);
            Schema schema = NodeDescriptions.NAMESPACE.equals(doc.getDocumentElement().getNamespaceURI())
                    ? schema53 : schema41;
            try {
                schema.newValidator().validate(new DOMSource(doc));
            } catch (org.xml.sax.SAXException e) {
                fail("description of " + cl.getSimpleName() + " does not validate: " + e.getMessage());
            }
        }
    }

    /**
     * A node built from parameters is described completely: every port has a name and a description, every
     * parameter field is a widget with a title and a description, and each widget is an option of the description.
     */
    @Test
    void everyParameterAndPortOfADefaultNodeIsDescribed() throws Exception {
        int checked = 0;
        for (String factory : registeredFactories()) {
            Object f = Class.forName(factory).getDeclaredConstructor().newInstance();
            if (!(f instanceof DefaultNodeFactory d)) {
                continue;
            }
            checked++;
            Document doc = NodeDescriptions.description(d);
            NodeList ports = doc.getElementsByTagNameNS(NodeDescriptions.NAMESPACE, "ports").item(0).getChildNodes();
            assertTrue(ports.getLength() > 0, factory + ": no ports described");
            for (int i = 0; i < ports.getLength(); i++) {
                Element port = (Element) ports.item(i);
                assertFalse(port.getAttribute("name").isBlank(), factory + ": port without a name");
                assertFalse(port.getTextContent().isBlank(), factory + ": port " + port.getAttribute("name")
                        + " has no description");
            }
            Class<?> parameters = NodeDescriptions.parametersClass(d).orElseThrow();
            assertEveryFieldIsAWidget(factory, parameters);
            assertEquals(NodeDescriptions.widgetFields(parameters).size(),
                    doc.getElementsByTagNameNS(NodeDescriptions.NAMESPACE, "option").getLength(), factory);
        }
        assertTrue(checked > 0, "no node is built from parameters");
    }

    /** Every field is a widget with a title and a description, or a widget group whose fields all are. */
    private static void assertEveryFieldIsAWidget(String factory, Class<?> type) {
        for (java.lang.reflect.Field field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            Widget w = field.getAnnotation(Widget.class);
            if (w == null && WidgetGroup.class.isAssignableFrom(field.getType())) {
                assertEveryFieldIsAWidget(factory, field.getType());
                continue;
            }
            assertNotNull(w, factory + ": parameter " + field.getName() + " has no @Widget");
            assertFalse(w.title().isBlank() || w.description().isBlank(),
                    factory + ": parameter " + field.getName() + " lacks a title or description");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPortTypeIsResolvableThroughTheRegistry() throws Exception {
        List<Element> portTypes = elements("org.knime.core.PortType", "portType");
        assertFalse(portTypes.isEmpty());
        PortTypeRegistry registry = PortTypeRegistry.getInstance();
        for (Element t : portTypes) {
            Class<? extends PortObject> objectClass =
                    (Class<? extends PortObject>) Class.forName(t.getAttribute("objectClass"));
            Class<? extends PortObjectSpec> specClass =
                    (Class<? extends PortObjectSpec>) Class.forName(t.getAttribute("specClass"));
            assertTrue(registry.getObjectSerializer(objectClass).isPresent(), t.getAttribute("objectSerializer"));
            assertTrue(registry.getSpecSerializer(specClass).isPresent(), t.getAttribute("specSerializer"));
            assertEquals(t.getAttribute("name"), registry.getPortType(objectClass).getName());
            // KNIME instantiates port objects and specs through a public no-arg constructor when loading
            assertNotNull(objectClass.getConstructor().newInstance());
            assertNotNull(specClass.getConstructor().newInstance());
        }
    }
}
