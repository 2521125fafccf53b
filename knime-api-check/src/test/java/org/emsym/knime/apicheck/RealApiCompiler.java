package org.emsym.knime.apicheck;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;

import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.emsym.engine.util.AtomicFiles;

/**
 * Compiles a set of source files against KNIME's real sources with the Eclipse compiler (ECJ), which runs on
 * Java 17 and accepts the Java 21 language of knime-shared. The real sources come in through {@code -sourcepath}
 * and class files go to a scratch folder deleted afterwards (the counterpart of javac's {@code -implicit:none}); ECJ keeps
 * checking every file when others fail (javac needs {@code -XDshould-stop.ifError=FLOW} for that), so the errors
 * inside KNIP's own sources (KNIP imports imglib2-roi, imagej-ops and knip-scijava, which are not on Maven
 * Central) do not hide those of the checked files. Only problems in the checked files count.
 */
final class RealApiCompiler {

    /**
     * The outcome of one compilation.
     *
     * @param errors errors in the checked files, one line each ({@code file:line: message})
     * @param warnings warnings in the checked files, one line each
     * @param errorsElsewhere how many errors the compiler reported in KNIME's or other sources
     * @param checkedFiles how many files were checked
     */
    record Result(List<String> errors, List<String> warnings, int errorsElsewhere, int checkedFiles) {

        /** @param fragment a part of the message, case-insensitive
         *  @return the checked files' warnings whose message contains it */
        List<String> warningsContaining(final String fragment) {
            String f = fragment.toLowerCase(Locale.ROOT);
            return warnings.stream().filter(w -> w.toLowerCase(Locale.ROOT).contains(f)).toList();
        }
    }

    private final KnimeApiSources m_knime;

    RealApiCompiler(final KnimeApiSources knime) {
        m_knime = knime;
    }

    /**
     * @param checkedRoot the source root of the checked files (whose problems count)
     * @param checkedFiles the files to compile, all under {@code checkedRoot}
     * @param extraSourceRoots further source roots ahead of KNIME's (e.g. the plugin's own sources when a single
     *            extra file is checked)
     * @return the problems found
     */
    Result compile(final Path checkedRoot, final List<Path> checkedFiles, final List<Path> extraSourceRoots) {
        List<Path> sourcepath = new ArrayList<>(extraSourceRoots);
        sourcepath.add(checkedRoot);
        sourcepath.addAll(m_knime.sourceRoots());
        List<String> options = new ArrayList<>(List.of(
                "-properties", warningSettings().toString(),
                "-encoding", "UTF-8",
                "-proc:none",
                "-sourcepath", join(sourcepath),
                "-classpath", join(m_knime.classpath())));
        if (Runtime.version().feature() >= 21) {
            options.addAll(List.of("--release", "21"));
        } else {
            // ECJ takes the Java 21 language on an older JDK; the system classes are then the running JDK's
            options.addAll(List.of("-source", "21", "-target", "21"));
        }
        JavaCompiler compiler = new EclipseCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter out = new StringWriter();
        Path classes = null;
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            // through javax.tools, ECJ ignores "-d none" and writes class files beside the sources (into the
            // plugin's src/main/java): give it a scratch folder under target/ instead, deleted afterwards
            classes = Files.createTempDirectory(m_knime.src().toAbsolutePath().getParent(), "ecj-classes-");
            files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(classes.toFile()));
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromFiles(
                    checkedFiles.stream().map(Path::toFile).toList());
            compiler.getTask(out, files, diagnostics, options, null, units).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (classes != null) {
                try {
                    AtomicFiles.deleteRecursively(classes);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        Path root = checkedRoot.toAbsolutePath().normalize();
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int elsewhere = 0;
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            Path file = d.getSource() == null ? null : Path.of(d.getSource().toUri()).toAbsolutePath().normalize();
            boolean checked = file != null && file.startsWith(root);
            String where = checked ? root.relativize(file).toString() : String.valueOf(file);
            String line = where + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT);
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                if (checked) {
                    errors.add(line);
                } else {
                    elsewhere++;
                }
            } else if (checked) {
                warnings.add(line);
            }
        }
        return new Result(List.copyOf(errors), List.copyOf(warnings), elsewhere, checkedFiles.size());
    }

    /**
     * ECJ's settings file: warn, as javac's {@code [removal]} lint does, also where a method overrides one that is
     * deprecated for removal (e.g. {@code NodeFactory.hasDialog} since KNIME 5.6).
     */
    private Path warningSettings() {
        Path file = m_knime.src().resolveSibling("ecj-warnings.prefs");
        try {
            Files.writeString(file, String.join("\n",
                    "org.eclipse.jdt.core.compiler.problem.deprecation=warning",
                    "org.eclipse.jdt.core.compiler.problem.terminalDeprecation=warning",
                    "org.eclipse.jdt.core.compiler.problem.deprecationWhenOverridingDeprecatedMethod=enabled", ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /**
     * @param root a source root
     * @return every {@code .java} file under it, sorted
     */
    static List<Path> javaFiles(final Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static String join(final List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
}
