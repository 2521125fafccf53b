package org.emsym.knime.apicheck;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.xmlbeans.impl.tool.Parameters;
import org.apache.xmlbeans.impl.tool.SchemaCompiler;

/**
 * KNIME's real API as source: {@code knime-sources.tar.xz} of the shared {@code knime-api} folder (set by the
 * build as {@code emsym.knime.api.dir}), unpacked once into {@code target/}, with knime-core's generated
 * {@code lib/schemas.jar} made by xmlbeans' {@link SchemaCompiler} from knime-core's node description XSDs.
 *
 * <p>{@link #get()} skips the calling test (a JUnit assumption naming the folder) when the archive is absent.
 */
final class KnimeApiSources {

    /** The source roots inside the archive's {@code src/}, as KNIME's bundles declare them (build.properties). */
    static final List<String> SOURCE_ROOTS = List.of(
            "knime-core/org.knime.core/src/eclipse",
            "knime-core/org.knime.core/src-deprecated",
            "knime-core/org.knime.core.workbench/src",
            "knime-core/org.knime.core.pmml/src/eclipse",
            "knime-shared/org.knime.core.util/src/main/java",
            "knime-shared/org.knime.core.util/src/generated/java",
            "knime-shared/org.knime.shared.workflow.def/src/main/java",
            "knime-shared/org.knime.shared.workflow.storage/src/main/java",
            "knime-core-table/org.knime.core.table/src/main/java",
            "knime-core-ui/org.knime.core.ui/src/eclipse",
            "knip/org.knime.knip.base/src",
            "knip/org.knime.knip.core/src",
            "imagej-common-0.28.1/src/main/java",
            "imglib2-5.8.0/src/main/java");

    private static final String NODE_XSD_DIR = "knime-core/org.knime.core/src/eclipse/org/knime/core/node";

    private static KnimeApiSources s_instance;

    private final Path m_src;

    private final Path m_schemasJar;

    private final List<Path> m_classpath;

    private KnimeApiSources(final Path src, final Path schemasJar, final List<Path> classpath) {
        m_src = src;
        m_schemasJar = schemasJar;
        m_classpath = classpath;
    }

    /**
     * The unpacked sources, unpacking and generating on first use.
     *
     * @return the sources; the calling test is skipped when the shared archive is absent
     */
    static synchronized KnimeApiSources get() {
        Path archive = Path.of(property("emsym.knime.api.dir")).resolve("knime-sources.tar.xz");
        assumeTrue(Files.isRegularFile(archive),
                "KNIME's real API sources are absent (" + archive + "): real-API checks skipped");
        if (s_instance == null) {
            try {
                Path work = Path.of(property("emsym.knime.api.work"));
                Path src = unpackOnce(archive, work);
                Path schemasJar = schemasJarOnce(src, work.resolve("lib/schemas.jar"));
                List<Path> classpath = new ArrayList<>();
                for (String entry : Files.readString(Path.of(property("emsym.knime.api.classpath")))
                        .trim().split(java.io.File.pathSeparator)) {
                    if (!entry.isEmpty()) {
                        classpath.add(Path.of(entry));
                    }
                }
                classpath.add(schemasJar);
                s_instance = new KnimeApiSources(src, schemasJar, List.copyOf(classpath));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare KNIME's sources from " + archive, e);
            }
        }
        return s_instance;
    }

    static String property(final String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set (the module's surefire "
                    + "configuration sets it)");
        }
        return value;
    }

    /** @return the unpacked {@code src/} folder */
    Path src() {
        return m_src;
    }

    /** @return the source roots, in {@link #SOURCE_ROOTS} order */
    List<Path> sourceRoots() {
        return SOURCE_ROOTS.stream().map(m_src::resolve).toList();
    }

    /** @return knime-core's generated schema jar */
    Path schemasJar() {
        return m_schemasJar;
    }

    /** @return the jars KNIME's sources and the plugin need (Maven Central), plus {@link #schemasJar()} */
    List<Path> classpath() {
        return m_classpath;
    }

    private static Path unpackOnce(final Path archive, final Path work) throws IOException {
        Path src = work.resolve("src");
        Path done = work.resolve("unpacked-" + Files.size(archive) + "-"
                + Files.getLastModifiedTime(archive).toMillis());
        if (Files.exists(done)) {
            return src;
        }
        Path tmp = work.resolve("unpacking");
        deleteTree(tmp);
        deleteTree(src);
        Files.createDirectories(tmp);
        try (InputStream in = new TarArchiveInputStream(new XZCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(archive))))) {
            TarArchiveInputStream tar = (TarArchiveInputStream) in;
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null;) {
                Path target = tmp.resolve(entry.getName()).normalize();
                if (!target.startsWith(tmp)) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    if (target.toString().endsWith(".java")) {
                        stripByteOrderMark(target);
                    }
                }
            }
        }
        Files.move(tmp.resolve("src"), src, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(tmp);
        Files.writeString(done, archive + "\n");
        return src;
    }

    /** KNIME's {@code KnimeUrlResolver.java} starts with a UTF-8 byte-order mark, which compilers reject. */
    private static void stripByteOrderMark(final Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf) {
            Files.write(file, Arrays.copyOfRange(bytes, 3, bytes.length));
        }
    }

    private static Path schemasJarOnce(final Path src, final Path jar) throws IOException {
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Path xsdDir = src.resolve(NODE_XSD_DIR);
        List<java.io.File> xsds;
        try (Stream<Path> files = Files.list(xsdDir)) {
            xsds = files.filter(p -> p.getFileName().toString().matches("Node_v.*\\.xsd")).sorted()
                    .map(Path::toFile).toList();
        }
        if (xsds.isEmpty()) {
            throw new IOException("no Node_v*.xsd in " + xsdDir);
        }
        Files.createDirectories(jar.getParent());
        Path tmp = jar.resolveSibling("schemas.jar.tmp");
        Files.deleteIfExists(tmp);
        Parameters parameters = new Parameters();
        parameters.setXsdFiles(xsds.toArray(java.io.File[]::new));
        parameters.setConfigFiles(xsdDir.resolve("node-description.xsdconfig").toFile());
        parameters.setOutputJar(tmp.toFile());
        parameters.setSrcDir(jar.resolveSibling("schemas-src").toFile());
        parameters.setClassesDir(jar.resolveSibling("schemas-classes").toFile());
        parameters.setQuiet(true);
        List<org.apache.xmlbeans.XmlError> errors = new ArrayList<>();
        parameters.setErrorListener(errors);
        if (!SchemaCompiler.compile(parameters) || !Files.isRegularFile(tmp)) {
            throw new IOException("xmlbeans could not generate " + jar + " from " + xsds + ": " + errors);
        }
        Files.move(tmp, jar, StandardCopyOption.ATOMIC_MOVE);
        return jar;
    }

    private static void deleteTree(final Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** @return the file's text, for messages */
    static String read(final Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
