package io.github.hotcompat.entity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Class files of the scanned roots, read with ASM (annotations, fields, method signatures only). */
final class ClassIndex {

    /** An annotation's values: String, boxed primitives, enum constant names, Type, Ann, List. */
    static final class Ann {
        final String desc;
        final Map<String, Object> values = new LinkedHashMap<>();

        Ann(String desc) {
            this.desc = desc;
        }

        String str(String key) {
            Object v = values.get(key);
            return v instanceof String s && !s.isBlank() ? s : null;
        }

        boolean bool(String key, boolean def) {
            return values.get(key) instanceof Boolean b ? b : def;
        }

        Ann ann(String key) {
            return values.get(key) instanceof Ann a ? a : null;
        }

        List<Ann> anns(String key) {
            List<Ann> out = new ArrayList<>();
            Object v = values.get(key);
            if (v instanceof Ann a) {
                out.add(a);
            } else if (v instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Ann a) {
                        out.add(a);
                    }
                }
            }
            return out;
        }

        Object raw(String key) {
            return values.get(key);
        }
    }

    record Member(String name, String desc, String signature, int access, List<Ann> anns) {
    }

    static final class ClassInfo {
        String name;
        String superName;
        int access;
        Path root;
        final List<Ann> anns = new ArrayList<>();
        final List<Member> fields = new ArrayList<>();
        final List<Member> methods = new ArrayList<>();

        String binaryName() {
            return name.replace('/', '.');
        }

        String simpleName() {
            String n = name.substring(name.lastIndexOf('/') + 1);
            return n.substring(n.lastIndexOf('$') + 1);
        }

        boolean isAbstract() {
            return (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) != 0;
        }
    }

    private final Map<String, ClassInfo> classes = new TreeMap<>();

    ClassInfo get(String internalName) {
        return internalName == null ? null : classes.get(internalName);
    }

    Collection<ClassInfo> all() {
        return classes.values();
    }

    /** Reads a class directory or a jar; notes orm.xml files it cannot analyse. */
    void addRoot(Path root, Set<String> notes) throws IOException {
        if (Files.isDirectory(root)) {
            if (Files.isRegularFile(root.resolve("META-INF/orm.xml"))) {
                notes.add("META-INF/orm.xml in " + root + ": XML mappings are not analysed");
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(p -> p.toString().endsWith(".class") && Files.isRegularFile(p)).sorted().toList();
            }
            for (Path f : files) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                if (skip(rel)) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(f)) {
                    read(in, root);
                }
            }
        } else if (Files.isRegularFile(root)) {
            try (ZipFile zip = new ZipFile(root.toFile())) {
                if (zip.getEntry("META-INF/orm.xml") != null) {
                    notes.add("META-INF/orm.xml in " + root + ": XML mappings are not analysed");
                }
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry e = entries.nextElement();
                    String n = e.getName();
                    if (e.isDirectory() || !n.endsWith(".class") || skip(n)) {
                        continue;
                    }
                    try (InputStream in = zip.getInputStream(e)) {
                        read(in, root);
                    }
                }
            }
        }
    }

    private static boolean skip(String rel) {
        return rel.endsWith("module-info.class") || rel.endsWith("package-info.class")
                || rel.startsWith("META-INF/");
    }

    private void read(InputStream in, Path root) throws IOException {
        ClassInfo info = new ClassInfo();
        info.root = root;
        try {
            new ClassReader(in).accept(new Reader(info), ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) {
            // A class file ASM cannot read maps nothing we could report on; skip it.
            return;
        }
        classes.putIfAbsent(info.name, info);
    }

    private static final class Reader extends ClassVisitor {
        private final ClassInfo info;

        Reader(ClassInfo info) {
            super(Opcodes.ASM9);
            this.info = info;
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            info.name = name;
            info.superName = superName;
            info.access = access;
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            return collect(info.anns, descriptor);
        }

        @Override
        public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
            Member m = new Member(name, descriptor, signature, access, new ArrayList<>());
            info.fields.add(m);
            return new FieldVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String d, boolean visible) {
                    return collect(m.anns(), d);
                }
            };
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            Member m = new Member(name, descriptor, signature, access, new ArrayList<>());
            info.methods.add(m);
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public AnnotationVisitor visitAnnotation(String d, boolean visible) {
                    return collect(m.anns(), d);
                }
            };
        }
    }

    private static AnnotationVisitor collect(List<Ann> into, String desc) {
        Ann a = new Ann(desc);
        into.add(a);
        return new Values(a, null);
    }

    /** Fills an annotation's values, or a list when visiting an array. */
    private static final class Values extends AnnotationVisitor {
        private final Ann ann;
        private final List<Object> list;

        Values(Ann ann, List<Object> list) {
            super(Opcodes.ASM9);
            this.ann = ann;
            this.list = list;
        }

        private void put(String name, Object value) {
            if (list != null) {
                list.add(value);
            } else {
                ann.values.put(name, value);
            }
        }

        @Override
        public void visit(String name, Object value) {
            put(name, value);
        }

        @Override
        public void visitEnum(String name, String descriptor, String value) {
            put(name, value);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String name, String descriptor) {
            Ann nested = new Ann(descriptor);
            put(name, nested);
            return new Values(nested, null);
        }

        @Override
        public AnnotationVisitor visitArray(String name) {
            List<Object> values = new ArrayList<>();
            put(name, values);
            return new Values(null, values);
        }
    }
}
