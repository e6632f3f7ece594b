package io.github.hotcompat.entity;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import io.github.hotcompat.entity.ClassIndex.Ann;
import io.github.hotcompat.entity.ClassIndex.ClassInfo;
import io.github.hotcompat.entity.ClassIndex.Member;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Java sources read with JavaParser into the same annotation facts the class-file reader gives
 * ({@link ClassIndex}): names resolved through the file's package, imports and the other sources,
 * constants folded, as {@code javac} would have written them into the class files. What the facts
 * mean (JPA defaults, naming, inheritance) stays in {@link EntityScanner}.
 *
 * <p>Only what a compiler would put in the class file without annotation processing is seen: a
 * Lombok {@code @Getter} generates no getter here, which matters only under property access, where
 * the mapping annotations sit on written getters anyway.
 */
final class JavaSourceFacts {

    /** One source file: where it was read (for messages) and its text. */
    record Source(String location, String text) {
    }

    // Wildcard imports of annotation packages are resolved without their jars, which the plugin lacks.
    private static final List<String> ANNOTATION_PACKAGES = List.of("jakarta.persistence", "javax.persistence",
            "org.springframework.data.jpa.repository", "org.hibernate.annotations");

    private final JavaParser parser = new JavaParser(new ParserConfiguration()
            .setLanguageLevel(ParserConfiguration.LanguageLevel.BLEEDING_EDGE));

    /** Parses every source and adds its classes to {@code index}; a file that does not parse is recorded as unreadable. */
    void addAll(List<Source> sources, ClassIndex index) {
        List<Unit> units = new ArrayList<>();
        Map<String, Declared> known = new HashMap<>();
        for (Source s : sources) {
            ParseResult<CompilationUnit> result = parser.parse(s.text());
            if (!result.isSuccessful() || result.getResult().isEmpty()) {
                index.unreadable(s.location() + ": not analysed, JavaParser cannot parse it ("
                        + result.getProblems().stream().findFirst().map(JavaSourceFacts::describe).orElse("no detail") + ")");
                continue;
            }
            Unit u = new Unit(s, result.getResult().get());
            units.add(u);
            for (TypeDeclaration<?> t : u.cu.getTypes()) u.declare(t, u.packagePrefix(), List.of(), known);
        }
        for (Unit u : units) {
            for (TypeDeclaration<?> t : u.cu.getTypes()) new Reader(u, known, index).type(t, u.packagePrefix(), List.of());
        }
    }

    private static String describe(Problem p) {
        String where = p.getLocation().flatMap(l -> l.getBegin().getRange()).map(r -> "line " + r.begin.line + ": ").orElse("");
        return where + p.getMessage().lines().findFirst().orElse("");
    }

    /** A parsed file and the internal names of the types it declares. */
    private static final class Unit {
        final Source source;
        final CompilationUnit cu;
        final Map<TypeDeclaration<?>, String> internalNames = new HashMap<>();

        Unit(Source source, CompilationUnit cu) {
            this.source = source;
            this.cu = cu;
        }

        String packagePrefix() {
            return cu.getPackageDeclaration().map(p -> p.getNameAsString().replace('.', '/') + "/").orElse("");
        }

        void declare(TypeDeclaration<?> t, String prefix, List<TypeDeclaration<?>> enclosing, Map<String, Declared> known) {
            String name = prefix + t.getNameAsString();
            List<TypeDeclaration<?>> scope = new ArrayList<>(enclosing);
            scope.add(t);
            internalNames.put(t, name);
            known.put(name, new Declared(this, t, List.copyOf(scope)));
            for (BodyDeclaration<?> member : t.getMembers()) {
                if (member instanceof TypeDeclaration<?> nested) declare(nested, name + "$", scope, known);
            }
        }
    }

    /** A type some source declares, with the types enclosing it (innermost last, itself included). */
    private record Declared(Unit unit, TypeDeclaration<?> type, List<TypeDeclaration<?>> scope) {
    }

    private static final class Reader {
        private final Unit unit;
        private final Map<String, Declared> known;
        private final ClassIndex index;

        Reader(Unit unit, Map<String, Declared> known, ClassIndex index) {
            this.unit = unit;
            this.known = known;
            this.index = index;
        }

        /** @param enclosing the enclosing types, innermost last (their members and constants are in scope) */
        void type(TypeDeclaration<?> t, String prefix, List<TypeDeclaration<?>> enclosing) {
            List<TypeDeclaration<?>> scope = new ArrayList<>(enclosing);
            scope.add(t);
            ClassInfo info = new ClassInfo();
            info.name = unit.internalNames.get(t);
            info.location = unit.source.location();
            info.superName = "java/lang/Object";
            if (t instanceof ClassOrInterfaceDeclaration c) {
                if (c.isInterface()) info.access |= Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT;
                if (c.isAbstract()) info.access |= Opcodes.ACC_ABSTRACT;
                if (!c.isInterface() && !c.getExtendedTypes().isEmpty()) {
                    info.superName = resolve(c.getExtendedTypes().get(0).getNameWithScope(), scope, typeParameters(c));
                }
            }
            Set<String> typeParams = t instanceof ClassOrInterfaceDeclaration c ? typeParameters(c) : Set.of();
            t.getAnnotations().forEach(a -> info.anns.add(ann(a, scope)));
            for (FieldDeclaration f : t.getFields()) {
                int access = 0;
                if (f.isStatic() || t instanceof ClassOrInterfaceDeclaration c && c.isInterface()) access |= Opcodes.ACC_STATIC;
                if (f.hasModifier(Modifier.Keyword.TRANSIENT)) access |= Opcodes.ACC_TRANSIENT;
                for (VariableDeclarator v : f.getVariables()) {
                    List<Ann> anns = new ArrayList<>();
                    f.getAnnotations().forEach(a -> anns.add(ann(a, scope)));
                    info.fields.add(new Member(v.getNameAsString(), descriptor(v.getType(), scope, typeParams),
                            signature(v.getType(), scope, typeParams), access, anns));
                }
            }
            for (MethodDeclaration m : t.getMethods()) {
                Set<String> params = new HashSet<>(typeParams);
                m.getTypeParameters().forEach(p -> params.add(p.getNameAsString()));
                StringBuilder desc = new StringBuilder("(");
                m.getParameters().forEach(p -> desc.append(descriptor(p.getType(), scope, params)));
                String returns = descriptor(m.getType(), scope, params);
                String generic = signature(m.getType(), scope, params);
                List<Ann> anns = new ArrayList<>();
                m.getAnnotations().forEach(a -> anns.add(ann(a, scope)));
                int access = m.isStatic() ? Opcodes.ACC_STATIC : 0;
                info.methods.add(new Member(m.getNameAsString(), desc + ")" + returns,
                        generic == null || !m.getParameters().isEmpty() ? null : "()" + generic, access, anns));
            }
            index.add(info);
            for (BodyDeclaration<?> member : t.getMembers()) {
                if (member instanceof TypeDeclaration<?> nested) type(nested, info.name + "$", scope);
            }
        }

        private static Set<String> typeParameters(ClassOrInterfaceDeclaration c) {
            Set<String> out = new HashSet<>();
            c.getTypeParameters().forEach(p -> out.add(p.getNameAsString()));
            return out;
        }

        // ---- types

        private String descriptor(com.github.javaparser.ast.type.Type type, List<TypeDeclaration<?>> scope, Set<String> typeParams) {
            if (type instanceof PrimitiveType p) return primitive(p.getType());
            if (type instanceof ArrayType a) return "[" + descriptor(a.getComponentType(), scope, typeParams);
            if (type.isVoidType()) return "V";
            if (type instanceof ClassOrInterfaceType c) return "L" + resolve(c.getNameWithScope(), scope, typeParams) + ";";
            return "Ljava/lang/Object;";
        }

        /** The generic signature javac writes for a parameterised type, else null (as ASM reports it). */
        private String signature(com.github.javaparser.ast.type.Type type, List<TypeDeclaration<?>> scope, Set<String> typeParams) {
            if (!(type instanceof ClassOrInterfaceType c) || c.getTypeArguments().isEmpty()) return null;
            StringBuilder b = new StringBuilder("L").append(resolve(c.getNameWithScope(), scope, typeParams)).append('<');
            for (com.github.javaparser.ast.type.Type arg : c.getTypeArguments().get()) {
                if (arg.isWildcardType()) {
                    var w = arg.asWildcardType();
                    if (w.getExtendedType().isPresent()) b.append('+').append(argument(w.getExtendedType().get(), scope, typeParams));
                    else if (w.getSuperType().isPresent()) b.append('-').append(argument(w.getSuperType().get(), scope, typeParams));
                    else b.append('*');
                } else {
                    b.append(argument(arg, scope, typeParams));
                }
            }
            return b.append(">;").toString();
        }

        private String argument(com.github.javaparser.ast.type.Type arg, List<TypeDeclaration<?>> scope, Set<String> typeParams) {
            String generic = signature(arg, scope, typeParams);
            return generic != null ? generic : descriptor(arg, scope, typeParams);
        }

        private static String primitive(PrimitiveType.Primitive p) {
            return switch (p) {
                case BOOLEAN -> "Z";
                case CHAR -> "C";
                case BYTE -> "B";
                case SHORT -> "S";
                case INT -> "I";
                case LONG -> "J";
                case FLOAT -> "F";
                case DOUBLE -> "D";
            };
        }

        /** Internal name of a type as written in this file: nested, imported, same package, or qualified. */
        String resolve(String written, List<TypeDeclaration<?>> scope, Set<String> typeParams) {
            if (typeParams.contains(written)) return "java/lang/Object";
            int dot = written.indexOf('.');
            String first = dot < 0 ? written : written.substring(0, dot);
            String rest = dot < 0 ? "" : "$" + written.substring(dot + 1).replace('.', '$');
            String head = resolveSimple(first, scope, dot < 0);
            if (head != null) return head + rest;
            if (dot >= 0) {
                // a qualified name: the longest package prefix, then nested types
                String[] parts = written.split("\\.");
                for (int i = parts.length - 1; i >= 1; i--) {
                    String candidate = String.join("/", java.util.Arrays.copyOfRange(parts, 0, i)) + "/" + parts[i];
                    StringBuilder nested = new StringBuilder(candidate);
                    for (int j = i + 1; j < parts.length; j++) nested.append('$').append(parts[j]);
                    if (known.containsKey(candidate) || jdkHas(candidate)) return nested.toString();
                }
                return written.replace('.', '/');
            }
            return unit.packagePrefix() + written; // unknown: javac would have needed it in this package
        }

        /** @param guessAnnotationPackages whether a wildcard-imported annotation package may claim the name */
        private String resolveSimple(String name, List<TypeDeclaration<?>> scope, boolean guessAnnotationPackages) {
            for (int i = scope.size() - 1; i >= 0; i--) {
                String owner = unit.internalNames.get(scope.get(i));
                if (scope.get(i).getNameAsString().equals(name)) return owner;
                if (known.containsKey(owner + "$" + name)) return owner + "$" + name;
            }
            for (ImportDeclaration imp : unit.cu.getImports()) {
                if (imp.isStatic() || imp.isAsterisk()) continue;
                String full = imp.getNameAsString();
                if (full.endsWith("." + name)) return qualified(full);
            }
            String samePackage = unit.packagePrefix() + name;
            if (known.containsKey(samePackage)) return samePackage;
            for (ImportDeclaration imp : unit.cu.getImports()) {
                if (imp.isStatic() || !imp.isAsterisk()) continue;
                String pkg = imp.getNameAsString();
                String candidate = qualified(pkg) + "/" + name;
                if (known.containsKey(candidate) || jdkHas(candidate)) return candidate;
                if (known.containsKey(qualified(pkg) + "$" + name)) return qualified(pkg) + "$" + name;
            }
            if (jdkHas("java/lang/" + name)) return "java/lang/" + name;
            if (!guessAnnotationPackages) return null;
            for (String pkg : ANNOTATION_PACKAGES) {
                boolean imported = unit.cu.getImports().stream()
                        .anyMatch(i -> !i.isStatic() && i.isAsterisk() && i.getNameAsString().equals(pkg));
                if (imported) return pkg.replace('.', '/') + "/" + name;
            }
            return null;
        }

        /** {@code a.b.Outer.Inner} to its internal name, when the sources declare it; else the package form. */
        private String qualified(String dotted) {
            String plain = dotted.replace('.', '/');
            if (known.containsKey(plain)) return plain;
            String[] parts = dotted.split("\\.");
            for (int i = parts.length - 2; i >= 1; i--) {
                String candidate = String.join("/", java.util.Arrays.copyOfRange(parts, 0, i + 1));
                if (known.containsKey(candidate)) {
                    return candidate + "$" + String.join("$", java.util.Arrays.copyOfRange(parts, i + 1, parts.length));
                }
            }
            return plain;
        }

        private static boolean jdkHas(String internalName) {
            return internalName.startsWith("java") && ClassLoader.getPlatformClassLoader().getResource(internalName + ".class") != null
                    || internalName.startsWith("java/") && ClassLoader.getSystemResource(internalName + ".class") != null;
        }

        // ---- annotations

        private Ann ann(AnnotationExpr a, List<TypeDeclaration<?>> scope) {
            Ann out = new Ann("L" + resolve(a.getNameAsString(), scope, Set.of()) + ";");
            if (a instanceof SingleMemberAnnotationExpr s) {
                put(out, "value", value(s.getMemberValue(), scope));
            } else if (a instanceof NormalAnnotationExpr n) {
                for (MemberValuePair p : n.getPairs()) put(out, p.getNameAsString(), value(p.getValue(), scope));
            }
            return out;
        }

        private static void put(Ann ann, String key, Object value) {
            if (value != null) ann.values.put(key, value);
        }

        /** As ASM reports it: String, boxed primitive, enum constant name, {@link Type}, {@link Ann}, or a List. */
        private Object value(Expression e, List<TypeDeclaration<?>> scope) {
            if (e instanceof EnclosedExpr en) return value(en.getInner(), scope);
            if (e instanceof TextBlockLiteralExpr tb) return tb.asString();
            if (e instanceof StringLiteralExpr s) return s.asString();
            if (e instanceof BooleanLiteralExpr b) return b.getValue();
            if (e instanceof IntegerLiteralExpr i) return i.asNumber().intValue();
            if (e instanceof LongLiteralExpr l) return l.asNumber().longValue();
            if (e instanceof CharLiteralExpr c) return c.asChar();
            if (e instanceof AnnotationExpr a) return ann(a, scope);
            if (e instanceof ClassExpr c) return Type.getType(descriptor(c.getType(), scope, Set.of()));
            if (e instanceof ArrayInitializerExpr arr) {
                List<Object> values = new ArrayList<>();
                for (Expression v : arr.getValues()) {
                    Object o = value(v, scope);
                    if (o != null) values.add(o);
                }
                return values;
            }
            if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
                Object l = value(b.getLeft(), scope);
                Object r = value(b.getRight(), scope);
                return l != null && r != null ? String.valueOf(l) + r : null;
            }
            if (e instanceof NameExpr n) {
                // a constant of this class or an enclosing one, else a statically imported enum constant
                Optional<Object> constant = constantIn(scope, n.getNameAsString());
                return constant.isPresent() ? constant.get() : n.getNameAsString();
            }
            if (e instanceof FieldAccessExpr f) {
                String owner = resolve(f.getScope().toString(), scope, Set.of());
                Optional<Object> constant = constantOf(owner, f.getNameAsString());
                return constant.isPresent() ? constant.get() : f.getNameAsString(); // e.g. InheritanceType.JOINED
            }
            return null; // not a compile-time constant javac would accept here; the attribute stays unset
        }

        private Optional<Object> constantIn(List<TypeDeclaration<?>> scope, String name) {
            for (int i = scope.size() - 1; i >= 0; i--) {
                Optional<Object> c = constantOf(scope.get(i), name, scope.subList(0, i + 1));
                if (c.isPresent()) return c;
            }
            return Optional.empty();
        }

        /** A constant of a type any of the sources declares (a constants class in another file, say). */
        private Optional<Object> constantOf(String ownerInternalName, String name) {
            Declared d = known.get(ownerInternalName);
            if (d == null) return Optional.empty();
            Reader there = d.unit() == unit ? this : new Reader(d.unit(), known, index);
            return there.constantOf(d.type(), name, d.scope());
        }

        private Optional<Object> constantOf(TypeDeclaration<?> t, String name, List<TypeDeclaration<?>> scope) {
            for (FieldDeclaration f : t.getFields()) {
                boolean constant = f.isStatic() && f.isFinal()
                        || t instanceof ClassOrInterfaceDeclaration c && c.isInterface();
                if (!constant) continue;
                for (VariableDeclarator v : f.getVariables()) {
                    if (v.getNameAsString().equals(name) && v.getInitializer().isPresent()) {
                        return Optional.ofNullable(value(v.getInitializer().get(), scope));
                    }
                }
            }
            return Optional.empty();
        }
    }

}
