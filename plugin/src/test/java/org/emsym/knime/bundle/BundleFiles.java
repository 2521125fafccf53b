package org.emsym.knime.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads the files that describe the KNIME bundle, its fragments and their release build: OSGi manifests, POMs and
 * {@code feature.xml}. Paths are resolved from the plugin folder that surefire passes as {@code emsym.plugin.dir}.
 */
final class BundleFiles {

    private BundleFiles() {
    }

    /** The plugin module's folder ({@code plugin/}). */
    static Path pluginDir() {
        String dir = System.getProperty("emsym.plugin.dir");
        return dir != null ? Path.of(dir) : Path.of("").toAbsolutePath();
    }

    /** The repository root (the plugin folder's parent). */
    static Path rootDir() {
        return pluginDir().getParent();
    }

    /** The main attributes of an OSGi manifest (continuation lines joined). */
    static Attributes manifest(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Manifest(in).getMainAttributes();
        }
    }

    /** The entries of a comma-separated manifest header, trimmed, directives and attributes kept. */
    static List<String> headerEntries(Attributes manifest, String header) {
        String value = manifest.getValue(header);
        List<String> entries = new ArrayList<>();
        if (value != null) {
            for (String entry : value.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
        }
        return entries;
    }

    /** An XML file as a DOM (namespace-unaware, so POM elements are found by their local name). */
    static Document xml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    /** The direct child elements of {@code parent} named {@code name}. */
    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    /** The trimmed text of the direct child element {@code name}, if there is one. */
    static Optional<String> childText(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).getTextContent().trim());
    }

    /** All elements named {@code name} anywhere below {@code root}. */
    static List<Element> descendants(Element root, String name) {
        NodeList list = root.getElementsByTagName(name);
        List<Element> found = new ArrayList<>(list.getLength());
        for (int i = 0; i < list.getLength(); i++) {
            found.add((Element) list.item(i));
        }
        return found;
    }

    /**
     * The {@code maven-dependency-plugin} execution of a POM that runs {@code goal}.
     *
     * @throws AssertionError naming the POM when there is none or more than one
     */
    static Element dependencyPluginExecution(Path pom, String goal) throws Exception {
        Element root = xml(pom).getDocumentElement();
        List<Element> matches = new ArrayList<>();
        for (Element plugin : descendants(root, "plugin")) {
            if (!childText(plugin, "artifactId").orElse("").equals("maven-dependency-plugin")) {
                continue;
            }
            for (Element execution : descendants(plugin, "execution")) {
                for (Element g : descendants(execution, "goal")) {
                    if (g.getTextContent().trim().equals(goal)) {
                        matches.add(execution);
                    }
                }
            }
        }
        if (matches.size() != 1) {
            throw new AssertionError(pom + ": expected one maven-dependency-plugin execution of goal " + goal
                    + ", found " + matches.size());
        }
        return matches.get(0);
    }

    /** The {@code <configuration>} of a plugin execution. */
    static Element configuration(Path pom, Element execution) {
        List<Element> found = children(execution, "configuration");
        if (found.size() != 1) {
            throw new AssertionError(pom + ": execution " + childText(execution, "id").orElse("?")
                    + " has no <configuration>");
        }
        return found.get(0);
    }
}
