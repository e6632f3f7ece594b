package io.github.hotcompat.entity;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

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
        /** The class file, or {@code jar!entry}, for messages. */
        String location;
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
    private final List<String> unreadable = new ArrayList<>();

    ClassInfo get(String internalName) {
        return internalName == null ? null : classes.get(internalName);
    }

    Collection<ClassInfo> all() {
        return classes.values();
    }

    /**
     * Reads a class directory or a jar; notes orm.xml files it cannot analyse. A class file or jar that
     * cannot be read is recorded in {@link #unreadable()} and the scan goes on with the rest.
     */
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
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(f);
                } catch (IOException e) {
                    unreadable.add(f + ": cannot be read (" + e.getMessage() + ")");
                    continue;
                }
                read(bytes, root, f.toString());
            }
        } else if (Files.isRegularFile(root)) {
            ZipFile zip;
            try {
                zip = new ZipFile(root.toFile());
            } catch (IOException e) {
                unreadable.add(root + ": not a readable jar (" + e.getMessage() + "); none of its classes are analysed");
                return;
            }
            try (zip) {
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
                    String location = root + "!" + n;
                    byte[] bytes;
                    try (InputStream in = zip.getInputStream(e)) {
                        bytes = in.readAllBytes();
                    } catch (IOException ex) {
                        unreadable.add(location + ": cannot be read from the jar (" + ex.getMessage() + ")");
                        continue;
                    }
                    read(bytes, root, location);
                }
            }
        }
    }

    /** A class whose facts come from elsewhere (its source file); the first of a name wins, as for class files. */
    void add(ClassInfo info) {
        classes.putIfAbsent(info.name, info);
    }

    /** Records a file the scan could not read, as {@code <location>: <reason>}. */
    void unreadable(String line) {
        unreadable.add(line);
    }

    /** One line per class file or jar the scan could not read: {@code <file or jar!entry>: <reason>}. */
    List<String> unreadable() {
        return unreadable;
    }

    /** Records a class the scan read but could not map, e.g. on an unexpected signature. */
    void unmappable(ClassInfo c, RuntimeException e) {
        unreadable.add(c.location + ": class " + c.binaryName() + " could not be mapped (" + describe(e)
                + "); the entity rules see its mappings only in part, if at all");
    }

    private static boolean skip(String rel) {
        return rel.endsWith("module-info.class") || rel.endsWith("package-info.class")
                || rel.startsWith("META-INF/");
    }

    private void read(byte[] bytes, Path root, String location) {
        String problem = headerProblem(bytes);
        if (problem != null) {
            unreadable.add(location + ": " + problem);
            return;
        }
        ClassInfo info = new ClassInfo();
        info.root = root;
        info.location = location;
        try {
            new ClassReader(bytes).accept(new Reader(info), ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) {
            // ASM reports a damaged class file with whatever runtime exception it hits first
            unreadable.add(location + ": " + (e instanceof IndexOutOfBoundsException
                    ? "truncated or corrupt class file (" + bytes.length + " bytes, it ends before the data it declares)"
                    : "corrupt class file (" + describe(e) + ")"));
            return;
        }
        classes.putIfAbsent(info.name, info);
    }

    /** Why the header rules the file out, in plain words; null when ASM can try it. */
    static String headerProblem(byte[] b) {
        if (b.length < 4 || (b[0] & 0xFF) != 0xCA || (b[1] & 0xFF) != 0xFE || (b[2] & 0xFF) != 0xBA || (b[3] & 0xFF) != 0xBE) {
            return "not a class file (it does not start with the class file signature CAFEBABE)";
        }
        if (b.length < 10) {
            return "truncated class file (" + b.length + " bytes, shorter than a class file header)";
        }
        int major = ((b[6] & 0xFF) << 8) | (b[7] & 0xFF);
        if (major > NEWEST_MAJOR) {
            return "compiled for Java " + javaOf(major) + " (class file version " + major
                    + "), newer than this plugin reads (up to Java " + javaOf(NEWEST_MAJOR) + ", version " + NEWEST_MAJOR + ")";
        }
        return null;
    }

    /** The newest class file major version the bundled ASM reads, probed so an ASM upgrade needs no edit here. */
    static final int NEWEST_MAJOR = probeNewestMajor();

    private static int probeNewestMajor() {
        int major = Opcodes.V17 & 0xFFFF;
        while (major < 0xFFFF && accepts(major + 1)) {
            major++;
        }
        return major;
    }

    private static boolean accepts(int major) {
        // the smallest header ASM parses: magic, minor, major, an empty constant pool
        byte[] header = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, (byte) (major >> 8), (byte) major, 0, 1};
        try {
            new ClassReader(header);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static int javaOf(int major) {
        return major - 44;
    }

    private static String describe(RuntimeException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + m;
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
