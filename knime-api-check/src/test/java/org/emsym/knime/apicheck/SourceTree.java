package org.emsym.knime.apicheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.nodeTypes.NodeWithTypeParameters;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.TypeParameter;
import com.github.javaparser.ast.type.WildcardType;

/**
 * Java sources under some roots, parsed with JavaParser on demand, with the name resolution Java applies to a
 * type name in a declaration: type variables, member types of the type and its enclosing types (also inherited
 * ones, from supertypes in the same tree), single-type imports, the same package, on-demand imports, java.lang.
 * Types outside the tree resolve through the imports alone, or by loading JDK classes.
 */
final class SourceTree {

    /** A type declaration with the compilation unit it is in. */
    record Decl(TypeDeclaration<?> type, CompilationUnit unit, String name) {
    }

    private final List<Path> m_roots;

    private final JavaParser m_parser = new JavaParser(new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21));

    private final Map<Path, Optional<CompilationUnit>> m_units = new HashMap<>();

    private final Map<String, Optional<Decl>> m_types = new HashMap<>();

    SourceTree(final List<Path> roots) {
        m_roots = List.copyOf(roots);
    }

    /**
     * @param name a canonical name ({@code a.b.Outer.Inner})
     * @return its declaration in this tree, if there is one
     */
    Optional<Decl> find(final String name) {
        return m_types.computeIfAbsent(name, this::lookUp);
    }

    private Optional<Decl> lookUp(final String name) {
        String[] parts = name.split("\\.");
        // the top-level type is the first capitalised segment that has a file
        for (int top = 0; top < parts.length; top++) {
            String pkg = String.join("/", java.util.Arrays.copyOfRange(parts, 0, top));
            for (Path root : m_roots) {
                Path file = root.resolve(pkg).resolve(parts[top] + ".java");
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                Optional<CompilationUnit> unit = parse(file);
                if (unit.isEmpty()) {
                    continue;
                }
                String topName = parts[top];
                Optional<TypeDeclaration<?>> type = unit.get().getTypes().stream()
                        .filter(t -> t.getNameAsString().equals(topName)).findFirst().map(t -> (TypeDeclaration<?>) t);
                for (int i = top + 1; i < parts.length && type.isPresent(); i++) {
                    String member = parts[i];
                    type = memberTypes(type.get()).stream()
                            .filter(t -> t.getNameAsString().equals(member)).findFirst();
                }
                if (type.isPresent()) {
                    return Optional.of(new Decl(type.get(), unit.get(), name));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<CompilationUnit> parse(final Path file) {
        return m_units.computeIfAbsent(file, f -> {
            try {
                ParseResult<CompilationUnit> result = m_parser.parse(Files.readString(f));
                return result.getResult().filter(u -> result.isSuccessful());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
        });
    }

    /**
     * @param root a source root of this tree
     * @return every type declared in files under it, nested ones after their enclosing type, with canonical names
     */
    List<Decl> allTypes(final Path root) {
        List<Decl> result = new ArrayList<>();
        for (Path file : RealApiCompiler.javaFiles(root)) {
            Optional<CompilationUnit> unit = parse(file);
            if (unit.isEmpty()) {
                throw new IllegalStateException("JavaParser cannot parse " + file);
            }
            String pkg = unit.get().getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
            Deque<Decl> todo = new ArrayDeque<>();
            for (TypeDeclaration<?> t : unit.get().getTypes()) {
                todo.add(new Decl(t, unit.get(), pkg + t.getNameAsString()));
            }
            while (!todo.isEmpty()) {
                Decl d = todo.removeFirst();
                result.add(d);
                m_types.putIfAbsent(d.name(), Optional.of(d));
                for (TypeDeclaration<?> m : memberTypes(d.type())) {
                    todo.add(new Decl(m, d.unit(), d.name() + "." + m.getNameAsString()));
                }
            }
        }
        return result;
    }

    static List<TypeDeclaration<?>> memberTypes(final TypeDeclaration<?> type) {
        List<TypeDeclaration<?>> result = new ArrayList<>();
        for (var m : type.getMembers()) {
            if (m instanceof TypeDeclaration<?> t) {
                result.add(t);
            }
        }
        return result;
    }

    /**
     * @param decl a type of this tree
     * @return its direct supertypes ({@code extends} and {@code implements}), resolved, with type arguments
     */
    Set<String> supertypes(final Decl decl) {
        Scope scope = new Scope(decl, Map.of());
        Set<String> result = new LinkedHashSet<>();
        if (decl.type() instanceof ClassOrInterfaceDeclaration c) {
            c.getExtendedTypes().forEach(t -> result.add(scope.resolve(t)));
            c.getImplementedTypes().forEach(t -> result.add(scope.resolve(t)));
        } else if (decl.type() instanceof EnumDeclaration e) {
            e.getImplementedTypes().forEach(t -> result.add(scope.resolve(t)));
        } else if (decl.type() instanceof RecordDeclaration r) {
            r.getImplementedTypes().forEach(t -> result.add(scope.resolve(t)));
        }
        return result;
    }

    /**
     * A type seen from a subtype: {@code arguments} are the subtype's view of its type parameters ({@code $C0} is
     * the first), so that a member inherited from a generic supertype reads as the subtype sees it.
     */
    record Inherited(Decl decl, List<String> arguments) {

        /** @return {@code type} (resolved in {@link #decl()}'s scope) with its type variables substituted */
        String substitute(final String type) {
            String result = type;
            for (int i = arguments.size() - 1; i >= 0; i--) {
                result = result.replace("$C" + i, "\u0000" + i + "\u0000");
            }
            for (int i = arguments.size() - 1; i >= 0; i--) {
                result = result.replace("\u0000" + i + "\u0000", arguments.get(i));
            }
            return result;
        }
    }

    /**
     * @param decl a type of this tree
     * @return it and its supertypes found in this tree: first the superclass chain, then the interfaces
     *         (breadth first), each with the type arguments the subtype gives it
     */
    List<Inherited> selfAndSupertypes(final Decl decl) {
        List<Inherited> result = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<Inherited> interfaces = new ArrayList<>();
        Inherited current = new Inherited(decl, variables(decl));
        while (current != null && seen.add(current.decl().name())) {
            result.add(current);
            Inherited next = null;
            for (Inherited s : direct(current)) {
                if (isClass(s.decl()) && isClass(current.decl())) {
                    next = s;
                } else {
                    interfaces.add(s);
                }
            }
            current = next;
        }
        Deque<Inherited> todo = new ArrayDeque<>(interfaces);
        while (!todo.isEmpty()) {
            Inherited i = todo.removeFirst();
            if (seen.add(i.decl().name())) {
                result.add(i);
                todo.addAll(direct(i));
            }
        }
        return result;
    }

    private static boolean isClass(final Decl d) {
        return !(d.type() instanceof ClassOrInterfaceDeclaration c && c.isInterface());
    }

    private static List<String> variables(final Decl d) {
        List<String> result = new ArrayList<>();
        if (d.type() instanceof NodeWithTypeParameters<?> g) {
            for (int i = 0; i < g.getTypeParameters().size(); i++) {
                result.add("$C" + i);
            }
        }
        return result;
    }

    private List<Inherited> direct(final Inherited sub) {
        List<Inherited> result = new ArrayList<>();
        for (String s : supertypes(sub.decl())) {
            Optional<Decl> d = find(erasure(s));
            if (d.isPresent()) {
                List<String> args = typeArguments(sub.substitute(s));
                // a raw supertype: its variables stay as they are
                result.add(new Inherited(d.get(), args.isEmpty() ? variables(d.get()) : args));
            }
        }
        return result;
    }

    /** {@code a.B<x, c.D<y>>} gives {@code [x, c.D<y>]} */
    static List<String> typeArguments(final String type) {
        int lt = type.indexOf('<');
        if (lt < 0 || !type.endsWith(">")) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        int depth = 0;
        int start = lt + 1;
        for (int i = lt + 1; i < type.length() - 1; i++) {
            char c = type.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                result.add(type.substring(start, i));
                start = i + 1;
            }
        }
        result.add(type.substring(start, type.length() - 1));
        return result;
    }

    /** @return the names of the supertypes of {@code decl} (transitively) that are outside this tree */
    Set<String> outsideSupertypes(final Decl decl) {
        Set<String> result = new LinkedHashSet<>();
        for (Inherited i : selfAndSupertypes(decl)) {
            for (String s : supertypes(i.decl())) {
                if (find(erasure(s)).isEmpty()) {
                    result.add(erasure(s));
                }
            }
        }
        return result;
    }

    static String erasure(final String type) {
        int lt = type.indexOf('<');
        return lt < 0 ? type : type.substring(0, lt);
    }

    /**
     * Name resolution inside one type declaration, with the type variables in scope renamed by position
     * ({@code $C0} … of the type, {@code $M0} … of a method), so that stand-in and real compare equal.
     */
    final class Scope {

        private final Decl m_decl;

        private final Map<String, String> m_variables;

        Scope(final Decl decl, final Map<String, String> methodVariables) {
            m_decl = decl;
            Map<String, String> vars = new HashMap<>();
            if (decl.type() instanceof NodeWithTypeParameters<?> g) {
                List<TypeParameter> params = g.getTypeParameters();
                for (int i = 0; i < params.size(); i++) {
                    vars.put(params.get(i).getNameAsString(), "$C" + i);
                }
            }
            vars.putAll(methodVariables);
            m_variables = vars;
        }

        /** @return a scope that also sees a method's type parameters */
        Scope withMethodParameters(final List<TypeParameter> params) {
            Map<String, String> vars = new HashMap<>();
            for (int i = 0; i < params.size(); i++) {
                vars.put(params.get(i).getNameAsString(), "$M" + i);
            }
            return new Scope(m_decl, vars);
        }

        /** @return the type parameters with their bounds, renamed */
        String typeParameters(final List<TypeParameter> params) {
            return params.stream().map(p -> m_variables.getOrDefault(p.getNameAsString(), p.getNameAsString())
                    + (p.getTypeBound().isEmpty() ? "" : " extends " + p.getTypeBound().stream().map(this::resolve)
                            .collect(Collectors.joining(" & "))))
                    .collect(Collectors.joining(", ", "<", ">"));
        }

        String resolve(final Type type) {
            if (type instanceof PrimitiveType || type.isVoidType()) {
                return type.asString();
            }
            if (type instanceof ArrayType a) {
                return resolve(a.getComponentType()) + "[]";
            }
            if (type instanceof WildcardType w) {
                return "?" + w.getExtendedType().map(t -> " extends " + resolve(t)).orElse("")
                        + w.getSuperType().map(t -> " super " + resolve(t)).orElse("");
            }
            if (type instanceof ClassOrInterfaceType c) {
                String base;
                if (c.getScope().isEmpty() && m_variables.containsKey(c.getNameAsString())) {
                    base = m_variables.get(c.getNameAsString());
                } else {
                    base = resolveName(dotted(c));
                }
                return base + c.getTypeArguments().map(args -> args.isEmpty() ? "<>"
                        : args.stream().map(this::resolve).collect(Collectors.joining(",", "<", ">"))).orElse("");
            }
            return type.asString();
        }

        private static String dotted(final ClassOrInterfaceType c) {
            return c.getScope().map(s -> dotted(s) + ".").orElse("") + c.getNameAsString();
        }

        private String resolveName(final String dotted) {
            int dot = dotted.indexOf('.');
            String first = dot < 0 ? dotted : dotted.substring(0, dot);
            String rest = dot < 0 ? "" : dotted.substring(dot);
            String resolved = resolveSimple(first, true);
            if (resolved != null) {
                return resolved + rest;
            }
            return Character.isLowerCase(first.charAt(0)) ? dotted : "?" + dotted;
        }

        private String resolveSimple(final String name, final boolean inherited) {
            // member types of this type and of the types enclosing it
            for (Node n = m_decl.type(); n != null; n = n.getParentNode().orElse(null)) {
                if (n instanceof TypeDeclaration<?> t) {
                    String canonical = canonicalName(t);
                    if (t.getNameAsString().equals(name)) {
                        return canonical;
                    }
                    String member = memberType(canonical, name, inherited ? 6 : 0);
                    if (member != null) {
                        return member;
                    }
                }
            }
            CompilationUnit unit = m_decl.unit();
            for (ImportDeclaration i : unit.getImports()) {
                if (!i.isAsterisk() && !i.isStatic() && i.getName().getIdentifier().equals(name)) {
                    return i.getNameAsString();
                }
            }
            String pkg = unit.getPackageDeclaration().map(p -> p.getNameAsString() + ".").orElse("");
            if (find(pkg + name).isPresent()) {
                return pkg + name;
            }
            for (ImportDeclaration i : unit.getImports()) {
                if (i.isAsterisk() && !i.isStatic()) {
                    String candidate = i.getNameAsString() + "." + name;
                    if (find(candidate).isPresent() || loadable(candidate)) {
                        return candidate;
                    }
                }
            }
            return loadable("java.lang." + name) ? "java.lang." + name : null;
        }

        /** a member type {@code name} of {@code owner}, declared there or in a supertype within this tree */
        private String memberType(final String owner, final String name, final int depth) {
            Optional<Decl> decl = find(owner);
            if (decl.isEmpty()) {
                return null;
            }
            for (TypeDeclaration<?> m : memberTypes(decl.get().type())) {
                if (m.getNameAsString().equals(name)) {
                    return owner + "." + name;
                }
            }
            if (depth == 0) {
                return null;
            }
            Scope outer = new Scope(decl.get(), Map.of());
            for (Type s : declaredSupertypes(decl.get().type())) {
                String superName = erasure(outer.resolveNonInherited(s));
                String found = memberType(superName, name, depth - 1);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }

        private String resolveNonInherited(final Type type) {
            if (type instanceof ClassOrInterfaceType c) {
                String d = dotted(c);
                int dot = d.indexOf('.');
                String first = dot < 0 ? d : d.substring(0, dot);
                String resolved = resolveSimple(first, false);
                return resolved == null ? d : resolved + (dot < 0 ? "" : d.substring(dot));
            }
            return type.asString();
        }
    }

    static List<ClassOrInterfaceType> declaredSupertypes(final TypeDeclaration<?> type) {
        List<ClassOrInterfaceType> result = new ArrayList<>();
        if (type instanceof ClassOrInterfaceDeclaration c) {
            result.addAll(c.getExtendedTypes());
            result.addAll(c.getImplementedTypes());
        } else if (type instanceof EnumDeclaration e) {
            result.addAll(e.getImplementedTypes());
        } else if (type instanceof RecordDeclaration r) {
            result.addAll(r.getImplementedTypes());
        }
        return result;
    }

    static String canonicalName(final TypeDeclaration<?> type) {
        String name = type.getNameAsString();
        for (Node n = type.getParentNode().orElse(null); n != null; n = n.getParentNode().orElse(null)) {
            if (n instanceof TypeDeclaration<?> t) {
                name = t.getNameAsString() + "." + name;
            } else if (n instanceof CompilationUnit u && u.getPackageDeclaration().isPresent()) {
                name = u.getPackageDeclaration().get().getNameAsString() + "." + name;
            }
        }
        return name;
    }

    private static boolean loadable(final String name) {
        try {
            Class.forName(name, false, SourceTree.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
