package org.emsym.knime.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.emsym.knime.standin.StandIn;
import org.knime.core.node.NodeFactory.NodeType;
import org.knime.node.DefaultNodeFactory;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.WidgetGroup;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The node description KNIME 5.6+ builds for a {@link DefaultNodeFactory} from its node definition and the
 * parameters' {@link Widget}s (element for element: name, short and full description, an "Options" tab with one
 * option per widget, ports, keywords), written in the v5.3 node description namespace so that it can be validated
 * against KNIME's schema. The definition is read through the stand-in's {@link StandIn#definition} door.
 */
public final class NodeDescriptions {

    /** The namespace KNIME reads generated descriptions in. */
    public static final String NAMESPACE = "http://knime.org/node/v5.3";

    private NodeDescriptions() {
    }

    /** The parameters class of a node's model, if it has one. */
    public static Optional<Class<? extends NodeParameters>> parametersClass(final DefaultNodeFactory factory) {
        return Optional.ofNullable(StandIn.definition(factory).parametersClass());
    }

    /**
     * The {@link Widget}-annotated fields of a parameters class in declaration order, those of nested
     * {@link WidgetGroup} fields in their place (KNIME shows a group's widgets inline).
     */
    public static List<Field> widgetFields(final Class<?> parametersClass) {
        List<Field> fields = new ArrayList<>();
        for (Field f : parametersClass.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            if (f.isAnnotationPresent(Widget.class)) {
                fields.add(f);
            } else if (WidgetGroup.class.isAssignableFrom(f.getType())) {
                fields.addAll(widgetFields(f.getType()));
            }
        }
        return fields;
    }

    public static Document description(final DefaultNodeFactory factory) throws ParserConfigurationException {
        StandIn.NodeDefinition node = StandIn.definition(factory);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        DocumentBuilder builder = f.newDocumentBuilder();
        Document doc = builder.newDocument();
        Element root = doc.createElementNS(NAMESPACE, "knimeNode");
        root.setAttribute("icon", node.icon());
        NodeType type = node.nodeType() != null ? node.nodeType()
            : node.inPorts().isEmpty() ? NodeType.Source
            : node.outPorts().isEmpty() ? NodeType.Sink : NodeType.Manipulator;
        root.setAttribute("type", type.toString());
        doc.appendChild(root);
        root.appendChild(text(doc, builder, "name", node.name()));
        root.appendChild(html(doc, builder, "shortDescription", node.shortDescription()));
        Element full = element(doc, "fullDescription");
        full.appendChild(html(doc, builder, "intro", node.fullDescription()));
        Element tab = element(doc, "tab");
        tab.setAttribute("name", "Options");
        Optional.ofNullable(node.parametersClass()).ifPresent(c -> {
            for (Field field : widgetFields(c)) {
                Widget w = field.getAnnotation(Widget.class);
                Element option = html(doc, builder, "option", w.description());
                option.setAttribute("name", w.title());
                tab.appendChild(option);
            }
        });
        full.appendChild(tab);
        root.appendChild(full);
        Element ports = element(doc, "ports");
        addPorts(doc, builder, ports, "inPort", node.inPorts());
        addPorts(doc, builder, ports, "outPort", node.outPorts());
        root.appendChild(ports);
        if (!node.keywords().isEmpty()) {
            Element keywords = element(doc, "keywords");
            for (String k : node.keywords()) {
                keywords.appendChild(text(doc, builder, "keyword", k));
            }
            root.appendChild(keywords);
        }
        return doc;
    }

    private static void addPorts(final Document doc, final DocumentBuilder builder, final Element ports,
        final String tag, final List<StandIn.Port> list) {
        for (int i = 0; i < list.size(); i++) {
            Element port = html(doc, builder, tag, list.get(i).description());
            port.setAttribute("index", Integer.toString(i));
            port.setAttribute("name", list.get(i).name());
            ports.appendChild(port);
        }
    }

    private static Element element(final Document doc, final String name) {
        return doc.createElementNS(NAMESPACE, name);
    }

    private static Element text(final Document doc, final DocumentBuilder builder, final String name,
        final String text) {
        Element e = element(doc, name);
        e.setTextContent(text);
        return e;
    }

    /** An element whose content is the given HTML fragment, parsed into the description namespace. */
    private static Element html(final Document doc, final DocumentBuilder builder, final String name,
        final String fragment) {
        Element e = element(doc, name);
        Document parsed;
        try {
            parsed = builder.parse(new org.xml.sax.InputSource(
                new java.io.StringReader("<f xmlns=\"" + NAMESPACE + "\">" + fragment + "</f>")));
        } catch (org.xml.sax.SAXException | java.io.IOException ex) {
            throw new IllegalArgumentException("not well-formed HTML in the description of " + name + ": "
                + fragment, ex);
        }
        for (Node child = parsed.getDocumentElement().getFirstChild(); child != null; child = child.getNextSibling()) {
            e.appendChild(doc.importNode(child, true));
        }
        return e;
    }
}
