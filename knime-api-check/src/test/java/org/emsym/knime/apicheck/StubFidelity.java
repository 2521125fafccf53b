package org.emsym.knime.apicheck;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.AnnotationDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.nodeTypes.NodeWithModifiers;
import com.github.javaparser.ast.type.ReferenceType;

import org.emsym.knime.apicheck.SourceTree.Decl;
import org.emsym.knime.apicheck.SourceTree.Scope;

/**
 * Compares every type of the KNIME stand-in with the same type in KNIME's real sources: kind, modifiers, type
 * parameters, direct supertypes, and for every public or protected member of the stand-in (constructors, methods,
 * fields, enum constants) the same name, parameter types, return type, visibility, static/abstract/final and
 * checked exceptions. A member may be declared in a supertype in the real sources (or in a JDK class the real
 * type extends). Types in {@code org.emsym.} packages are the stand-in's own test harness and are not compared.
 */
final class StubFidelity {

    /** The package prefix of the stand-in's harness (not KNIME API). */
    static final String HARNESS_PACKAGE = "org.emsym.";

    private final SourceTree m_stubs;

    private final SourceTree m_real;

    private final List<String> m_differences = new ArrayList<>();

    private int m_types;

    private int m_members;

    StubFidelity(final SourceTree stubs, final SourceTree real) {
        m_stubs = stubs;
        m_real = real;
    }

    /** @return the differences found so far, one line each */
    List<String> differences() {
        return List.copyOf(m_differences);
    }

    /** @return how many stand-in types were compared */
    int typesCompared() {
        return m_types;
    }

    /** @return how many stand-in members were compared */
    int membersCompared() {
        return m_members;
    }

    /** @param stub a stand-in type */
    void compare(final Decl stub) {
        if (stub.name().startsWith(HARNESS_PACKAGE) || !isApi(stub.type())) {
            return;
        }
        m_types++;
        Optional<Decl> found = m_real.find(stub.name());
        if (found.isEmpty()) {
            m_differences.add(stub.name() + ": type not in KNIME's sources");
            return;
        }
        Decl real = found.get();
        differ(stub, "kind", kind(stub.type()), kind(real.type()));
        differ(stub, "modifiers", typeModifiers(stub.type()), typeModifiers(real.type()));
        differ(stub, "type parameters", typeParameters(m_stubs, stub), typeParameters(m_real, real));
        differ(stub, "supertypes", new TreeSet<>(m_stubs.supertypes(stub)).toString(),
                new TreeSet<>(m_real.supertypes(real)).toString());
        for (BodyDeclaration<?> member : stub.type().getMembers()) {
            if (member instanceof TypeDeclaration<?> || !isApi(member)) {
                continue;
            }
            m_members++;
            if (member instanceof MethodDeclaration m) {
                compareMethod(stub, m, real);
            } else if (member instanceof ConstructorDeclaration c) {
                compareConstructor(stub, c, real);
            } else if (member instanceof FieldDeclaration f) {
                for (VariableDeclarator v : f.getVariables()) {
                    compareField(stub, f, v, real);
                }
            }
        }
        if (stub.type() instanceof EnumDeclaration e && real.type() instanceof EnumDeclaration r) {
            Set<String> realConstants = r.getEntries().stream().map(EnumConstantDeclaration::getNameAsString)
                    .collect(Collectors.toSet());
            for (EnumConstantDeclaration c : e.getEntries()) {
                m_members++;
                if (!realConstants.contains(c.getNameAsString())) {
                    m_differences.add(stub.name() + ": enum constant " + c.getNameAsString() + " not in KNIME");
                }
            }
        }
    }

    private void compareMethod(final Decl stub, final MethodDeclaration m, final Decl real) {
        Scope stubScope = m_stubs.new Scope(stub, java.util.Map.of()).withMethodParameters(m.getTypeParameters());
        List<String> params = parameters(stubScope, m);
        String what = "method " + m.getNameAsString() + params.stream().collect(Collectors.joining(", ", "(", ")"));
        List<String> overloads = new ArrayList<>();
        for (SourceTree.Inherited inherited : m_real.selfAndSupertypes(real)) {
            Decl owner = inherited.decl();
            for (MethodDeclaration r : owner.type().getMethodsByName(m.getNameAsString())) {
                Scope realScope = m_real.new Scope(owner, java.util.Map.of())
                        .withMethodParameters(r.getTypeParameters());
                List<String> realParams = parameters(realScope, r).stream().map(inherited::substitute).toList();
                if (!realParams.equals(params)) {
                    overloads.add(realParams.stream().collect(Collectors.joining(", ", "(", ")")));
                    continue;
                }
                String where = owner == real ? "" : " (KNIME declares it in " + owner.name() + ")";
                differ(stub, what + " modifiers", memberModifiers(m, stub.type()),
                        memberModifiers(r, owner.type()) + where);
                differ(stub, what + " type parameters", stubScope.typeParameters(m.getTypeParameters()),
                        inherited.substitute(realScope.typeParameters(r.getTypeParameters())) + where);
                differ(stub, what + " return type", stubScope.resolve(m.getType()),
                        inherited.substitute(realScope.resolve(r.getType())) + where);
                differ(stub, what + " throws", thrown(stubScope, m),
                        inherited.substitute(thrown(realScope, r)) + where);
                return;
            }
        }
        if (overloads.isEmpty() && inheritedFromOutside(real, m)) {
            return;
        }
        m_differences.add(stub.name() + ": " + what + " not in KNIME"
                + (overloads.isEmpty() ? "" : "; KNIME has " + String.join(" ", overloads)));
    }

    /** a method KNIME's type inherits from a class outside the sources (Object, Exception, …), by reflection */
    private boolean inheritedFromOutside(final Decl real, final MethodDeclaration m) {
        Set<String> outside = new LinkedHashSet<>(m_real.outsideSupertypes(real));
        outside.add("java.lang.Object");
        for (String name : outside) {
            try {
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                for (Method method : type.getMethods()) {
                    if (method.getName().equals(m.getNameAsString())
                            && method.getParameterCount() == m.getParameters().size()) {
                        return true;
                    }
                }
                for (Method method : type.getDeclaredMethods()) {
                    if (Modifier.isProtected(method.getModifiers()) && method.getName().equals(m.getNameAsString())
                            && method.getParameterCount() == m.getParameters().size()) {
                        return true;
                    }
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // not loadable here: the member is reported as missing
            }
        }
        return false;
    }

    private void compareConstructor(final Decl stub, final ConstructorDeclaration c, final Decl real) {
        Scope stubScope = m_stubs.new Scope(stub, java.util.Map.of()).withMethodParameters(c.getTypeParameters());
        List<String> params = parameters(stubScope, c);
        String what = "constructor" + params.stream().collect(Collectors.joining(", ", "(", ")"));
        List<String> overloads = new ArrayList<>();
        for (ConstructorDeclaration r : real.type().getConstructors()) {
            Scope realScope = m_real.new Scope(real, java.util.Map.of()).withMethodParameters(r.getTypeParameters());
            List<String> realParams = parameters(realScope, r);
            if (realParams.equals(params)) {
                differ(stub, what + " modifiers", memberModifiers(c, stub.type()), memberModifiers(r, real.type()));
                differ(stub, what + " throws", thrown(stubScope, c), thrown(realScope, r));
                return;
            }
            overloads.add(realParams.stream().collect(Collectors.joining(", ", "(", ")")));
        }
        if (real.type().getConstructors().isEmpty() && params.isEmpty() && !(real.type().isEnumDeclaration())) {
            // KNIME's class has the default constructor, as public as the class
            differ(stub, what + " modifiers", memberModifiers(c, stub.type()), "[" + visibility(real.type()) + "]");
            return;
        }
        m_differences.add(stub.name() + ": " + what + " not in KNIME; KNIME has " + String.join(" ", overloads));
    }

    private void compareField(final Decl stub, final FieldDeclaration f, final VariableDeclarator v,
            final Decl real) {
        String stubType = m_stubs.new Scope(stub, java.util.Map.of()).resolve(v.getType());
        String what = "field " + v.getNameAsString();
        for (SourceTree.Inherited inherited : m_real.selfAndSupertypes(real)) {
            Decl owner = inherited.decl();
            Optional<FieldDeclaration> rf = owner.type().getFieldByName(v.getNameAsString());
            if (rf.isPresent()) {
                VariableDeclarator rv = rf.get().getVariables().stream()
                        .filter(x -> x.getNameAsString().equals(v.getNameAsString())).findFirst().orElseThrow();
                String where = owner == real ? "" : " (KNIME declares it in " + owner.name() + ")";
                differ(stub, what + " modifiers", memberModifiers(f, stub.type()),
                        memberModifiers(rf.get(), owner.type()) + where);
                differ(stub, what + " type", stubType,
                        inherited.substitute(m_real.new Scope(owner, java.util.Map.of()).resolve(rv.getType()))
                                + where);
                return;
            }
        }
        m_differences.add(stub.name() + ": " + what + " not in KNIME");
    }

    private void differ(final Decl stub, final String what, final String stubValue, final String realValue) {
        if (!stubValue.equals(stripWhere(realValue))) {
            m_differences.add(stub.name() + ": " + what + ": stand-in `" + stubValue + "`, KNIME `" + realValue + "`");
        }
    }

    private static String stripWhere(final String value) {
        int i = value.indexOf(" (KNIME declares it in ");
        return i < 0 ? value : value.substring(0, i);
    }

    private static List<String> parameters(final Scope scope, final CallableDeclaration<?> c) {
        List<String> result = new ArrayList<>();
        for (Parameter p : c.getParameters()) {
            result.add(scope.resolve(p.getType()) + (p.isVarArgs() ? "[]" : ""));
        }
        return result;
    }

    private static String thrown(final Scope scope, final CallableDeclaration<?> c) {
        Set<String> result = new TreeSet<>();
        for (ReferenceType t : c.getThrownExceptions()) {
            result.add(scope.resolve(t));
        }
        return result.toString();
    }

    private static String kind(final TypeDeclaration<?> t) {
        if (t instanceof ClassOrInterfaceDeclaration c) {
            return c.isInterface() ? "interface" : "class";
        }
        if (t instanceof EnumDeclaration) {
            return "enum";
        }
        if (t instanceof RecordDeclaration) {
            return "record";
        }
        if (t instanceof AnnotationDeclaration) {
            return "@interface";
        }
        return t.getClass().getSimpleName();
    }

    private static boolean isInterface(final Node t) {
        return t instanceof ClassOrInterfaceDeclaration c && c.isInterface() || t instanceof AnnotationDeclaration;
    }

    /** public or protected, also implicitly (members of interfaces) */
    private static boolean isApi(final Node n) {
        String v = visibility(n);
        return v.equals("public") || v.equals("protected");
    }

    private static String visibility(final Node n) {
        NodeWithModifiers<?> m = (NodeWithModifiers<?>) n;
        if (m.hasModifier(com.github.javaparser.ast.Modifier.Keyword.PUBLIC)) {
            return "public";
        }
        if (m.hasModifier(com.github.javaparser.ast.Modifier.Keyword.PROTECTED)) {
            return "protected";
        }
        if (m.hasModifier(com.github.javaparser.ast.Modifier.Keyword.PRIVATE)) {
            return "private";
        }
        Node parent = n.getParentNode().orElse(null);
        if (isInterface(parent)) {
            return "public";
        }
        if (n instanceof EnumConstantDeclaration) {
            return "public";
        }
        return "package";
    }

    private static String typeModifiers(final TypeDeclaration<?> t) {
        Set<String> result = new TreeSet<>();
        result.add(visibility(t));
        boolean nested = t.getParentNode().orElse(null) instanceof TypeDeclaration<?>;
        for (com.github.javaparser.ast.Modifier m : t.getModifiers()) {
            String k = m.getKeyword().asString();
            if (k.equals("public") || k.equals("protected") || k.equals("private") || k.equals("strictfp")) {
                continue;
            }
            if (k.equals("abstract") && isInterface(t)) {
                continue;
            }
            result.add(k);
        }
        // implicit: member interfaces, enums and records are static; members of interfaces are static
        if (nested && (isInterface(t) || t instanceof EnumDeclaration || t instanceof RecordDeclaration
                || isInterface(t.getParentNode().get()))) {
            result.add("static");
        }
        return result.toString();
    }

    private static String memberModifiers(final BodyDeclaration<?> member, final TypeDeclaration<?> owner) {
        NodeWithModifiers<?> m = (NodeWithModifiers<?>) member;
        Set<String> result = new TreeSet<>();
        result.add(visibility(member));
        boolean inInterface = isInterface(owner);
        for (com.github.javaparser.ast.Modifier mod : m.getModifiers()) {
            String k = mod.getKeyword().asString();
            if (k.equals("public") || k.equals("protected") || k.equals("private") || k.equals("strictfp")
                    || k.equals("synchronized") || k.equals("native") || k.equals("transient")
                    || k.equals("volatile")) {
                continue;
            }
            result.add(k);
        }
        if (member instanceof MethodDeclaration md && inInterface && md.getBody().isEmpty()
                && !md.isStatic() && !md.isDefault()) {
            result.add("abstract");
        }
        if (member instanceof FieldDeclaration && inInterface) {
            result.add("static");
            result.add("final");
        }
        return result.toString();
    }

    private static String typeParameters(final SourceTree tree, final Decl d) {
        if (d.type() instanceof com.github.javaparser.ast.nodeTypes.NodeWithTypeParameters<?> g) {
            return tree.new Scope(d, java.util.Map.of()).typeParameters(g.getTypeParameters());
        }
        return "<>";
    }
}
