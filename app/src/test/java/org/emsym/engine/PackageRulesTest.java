package org.emsym.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout's rules, read from the sources of every module: each package has a {@code package-info.java} whose
 * "May import" sentence lists the project packages it may import (names relative to {@code org.emsym.engine},
 * or {@code knime.*} for {@code org.emsym.knime.*}); no import goes beyond that list; no two packages import each
 * other, directly or through others; the library and the application never name a KNIME type; and no KNIME node
 * imports Deep Java Library (nodes and ports call the engine, e.g. {@code ModelScope}, instead).
 */
class PackageRulesTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final List<String> MODULES = List.of("engine", "engine-interop", "app", "plugin", "bench", "spark");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(org\\.emsym\\.[\\w.]+?)\\.[A-Z]",
            Pattern.MULTILINE);
    private static final Pattern MAY_IMPORT = Pattern.compile("May import ([^;]*?)(?:;|\\.\\s*\\n| \\*/)", Pattern.DOTALL);
    private static final Pattern CODE = Pattern.compile("\\{@code ([\\w.]+)}");
    /** Plugin main sources that may import ai.djl: none; nodes and ports reach DJL only through engine calls. */
    private static final Set<String> DJL_IN_PLUGIN = Set.of();

    private record Source(String module, Path root, Path file, String pkg, String text) {
    }

    private static List<Source> sources() {
        List<Source> out = new ArrayList<>();
        for (String module : MODULES) {
            Path root = ROOT.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f, StandardCharsets.UTF_8);
                    Matcher m = PACKAGE.matcher(text);
                    assertTrue(m.find(), "no package declaration in " + f);
                    out.add(new Source(module, root, f, m.group(1), text));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertTrue(out.size() > 100, "found the sources under " + ROOT);
        return out;
    }

    private static String absolute(String name) {
        return name.startsWith("org.") ? name : name.startsWith("knime.") ? "org.emsym." + name : "org.emsym.engine." + name;
    }

    /** The project packages each package imports (itself left out), by package. */
    private static Map<String, Set<String>> imports(List<Source> sources) {
        Map<String, Set<String>> imports = new TreeMap<>();
        for (Source s : sources) {
            Set<String> mine = imports.computeIfAbsent(s.pkg(), p -> new TreeSet<>());
            Matcher m = IMPORT.matcher(s.text());
            while (m.find()) {
                String target = m.group(1);
                while (Character.isUpperCase(target.charAt(target.lastIndexOf('.') + 1))) {
                    target = target.substring(0, target.lastIndexOf('.'));
                }
                if (!target.equals(s.pkg())) {
                    mine.add(target);
                }
            }
        }
        return imports;
    }

    @Test
    void everyPackageSaysWhatItMayImportAndKeepsToIt() {
        List<Source> sources = sources();
        Map<String, Set<String>> imports = imports(sources);
        Map<String, Set<String>> allowed = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (Source s : sources) {
            if (s.file().getFileName().toString().equals("package-info.java")) {
                Matcher may = MAY_IMPORT.matcher(s.text());
                if (!may.find()) {
                    problems.add(s.file() + ": no 'May import' sentence");
                    continue;
                }
                Set<String> list = new TreeSet<>();
                Matcher code = CODE.matcher(may.group(1));
                while (code.find()) {
                    list.add(absolute(code.group(1)));
                }
                allowed.put(s.pkg(), list);
            }
        }
        for (Map.Entry<String, Set<String>> e : imports.entrySet()) {
            Set<String> may = allowed.get(e.getKey());
            if (may == null) {
                problems.add(e.getKey() + ": no package-info.java");
                continue;
            }
            for (String target : e.getValue()) {
                if (!may.contains(target)) {
                    problems.add(e.getKey() + " imports " + target + ", which its package-info does not allow");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void noPackageImportsOneThatImportsItBack() {
        Map<String, Set<String>> graph = imports(sources());
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            // depth-first search for a path from one of start's imports back to start
            List<String> stack = new ArrayList<>(graph.get(start));
            Set<String> seen = new TreeSet<>();
            while (!stack.isEmpty()) {
                String p = stack.remove(stack.size() - 1);
                if (p.equals(start)) {
                    cycles.add(start);
                    break;
                }
                if (seen.add(p)) {
                    stack.addAll(graph.getOrDefault(p, Set.of()));
                }
            }
        }
        assertEquals(List.of(), cycles, "packages on an import cycle");
    }

    @Test
    void libraryAndApplicationNameNoKnimeTypeAndNodesNoDjlType() {
        List<String> problems = new ArrayList<>();
        for (Source s : sources()) {
            String relative = s.root().relativize(s.file()).toString().replace('\\', '/');
            if (!s.module().equals("plugin") && s.text().contains("org.knime")) {
                problems.add(s.file() + " names org.knime");
            }
            if (s.module().equals("plugin") && s.text().contains("import ai.djl") && !DJL_IN_PLUGIN.contains(relative)) {
                problems.add(s.file() + " imports ai.djl");
            }
        }
        assertEquals(List.of(), problems);
    }
}
