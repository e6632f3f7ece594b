package io.github.hotcompat.entity;

import io.github.hotcompat.entity.ClassIndex.Ann;
import io.github.hotcompat.entity.ClassIndex.ClassInfo;
import io.github.hotcompat.entity.ClassIndex.Member;
import io.github.hotcompat.sql.Identifier;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads compiled JPA entities ({@code jakarta.persistence} and {@code javax.persistence}) from class
 * directories and jars, without loading them, and reports the tables and columns they map plus the
 * native SQL they carry.
 *
 * <p>Defaults follow the JPA specification as Hibernate implements it
 * ({@code ImplicitNamingStrategyJpaCompliantImpl}); {@link NamingStrategy#SPRING} adds Spring
 * Boot's implicit join table name and snake_case physical names. Embedded attributes get the
 * attribute's own name as column (not the path), as in Hibernate's default.
 *
 * <p>Class files are read up to the newest version the bundled ASM reads (Java 28 with ASM 9.11); a class
 * file it cannot read (newer, damaged, truncated) is listed in {@link EntityModel#unreadable()}, never
 * skipped silently.
 *
 * <p>Not analysed: {@code META-INF/orm.xml} (reported in {@link EntityModel#notAnalysed()}),
 * {@code @AssociationOverride}, derived identities ({@code @MapsId} maps no extra column), and
 * Hibernate-specific annotations other than {@code @Formula} (which maps no column).
 */
public final class EntityScanner {

    private static final String[] JPA_PACKAGES = {"jakarta/persistence/", "javax/persistence/"};
    private static final String SPRING_QUERY = "Lorg/springframework/data/jpa/repository/Query;";
    private static final String HIBERNATE_FORMULA = "Lorg/hibernate/annotations/Formula;";
    private static final String SPRING_NATIVE_QUERY = "Lorg/springframework/data/jpa/repository/NativeQuery;";

    private final NamingStrategy naming;

    public EntityScanner(NamingStrategy naming) {
        this.naming = Objects.requireNonNull(naming, "naming");
    }

    /** Scans class directories and jars; roots that do not exist are ignored. */
    public EntityModel scan(List<Path> roots) throws IOException {
        ClassIndex index = new ClassIndex();
        Set<String> notes = new LinkedHashSet<>();
        for (Path root : roots) {
            if (root != null && Files.exists(root)) {
                index.addRoot(root, notes);
            }
        }
        return new Run(index, notes).run();
    }

    /**
     * Maps Java sources instead of class files (the running version's entities at a git revision,
     * with no second compile): JavaParser delivers the same annotation facts, mapped by the same rules.
     *
     * @param sources where each file was read (for messages) to its text
     */
    public EntityModel scanSources(Map<String, String> sources) {
        ClassIndex index = new ClassIndex();
        List<JavaSourceFacts.Source> files = new ArrayList<>();
        sources.forEach((location, text) -> files.add(new JavaSourceFacts.Source(location, text)));
        new JavaSourceFacts().addAll(files, index);
        return new Run(index, new LinkedHashSet<>()).run();
    }

    private enum Access { FIELD, PROPERTY }

    /** A persistent attribute: a field, or a getter under property access. */
    private record Attr(String name, String desc, String signature, List<Ann> anns) {
        String typeSignature() {
            if (signature == null) {
                return null;
            }
            int close = signature.indexOf(')');
            return close >= 0 && desc.startsWith("(") ? signature.substring(close + 1) : signature;
        }

        String type() {
            String d = desc.startsWith("(") ? desc.substring(desc.indexOf(')') + 1) : desc;
            return d.startsWith("L") ? d.substring(1, d.length() - 1) : null;
        }
    }

    /** Logical table reference; physical names are applied when the table is recorded. */
    private record TableRef(String schema, String name) {
    }

    /** The entity whose attributes are being mapped. */
    private record Ctx(ClassInfo entity, String entityName, TableRef primary, Map<String, TableRef> secondary) {
    }

    private static final class TableBuilder {
        String name;
        String schema;
        String entityClass;
        MappedTable.Kind kind;
        final Map<String, MappedColumn> columns = new LinkedHashMap<>();
    }

    private final class Run {
        private final ClassIndex index;
        private final Set<String> notes;
        private final Map<String, TableBuilder> tables = new LinkedHashMap<>();
        private final List<NativeQuery> queries = new ArrayList<>();
        private final Map<String, List<String>> idCache = new HashMap<>();
        private Set<String> entitiesWithSubclasses;

        Run(ClassIndex index, Set<String> notes) {
            this.index = index;
            this.notes = notes;
        }

        EntityModel run() {
            // a class the mapping code trips over (say, a malformed generic signature) is reported, and the others still map
            for (ClassInfo c : index.all()) {
                try {
                    collectQueries(c);
                } catch (RuntimeException e) {
                    index.unmappable(c, e);
                }
            }
            for (ClassInfo c : index.all()) {
                if (jpa(c.anns, "Entity") != null) {
                    try {
                        mapEntity(c);
                    } catch (RuntimeException e) {
                        index.unmappable(c, e);
                    }
                }
            }
            List<MappedTable> out = new ArrayList<>();
            for (TableBuilder t : tables.values()) {
                out.add(new MappedTable(t.name, t.schema, t.entityClass, t.kind, new ArrayList<>(t.columns.values())));
            }
            return new EntityModel(out, queries, new ArrayList<>(notes), index.unreadable());
        }

        // ---- native SQL

        private void collectQueries(ClassInfo c) {
            for (Ann a : c.anns) {
                if (isJpa(a, "NamedNativeQuery")) {
                    addNamedQuery(c, a);
                } else if (isJpa(a, "NamedNativeQueries")) {
                    for (Ann q : a.anns("value")) {
                        addNamedQuery(c, q);
                    }
                }
            }
            for (Member m : c.methods) {
                for (Ann a : m.anns()) {
                    boolean nativeSql = (SPRING_QUERY.equals(a.desc) && a.bool("nativeQuery", false))
                            || SPRING_NATIVE_QUERY.equals(a.desc);
                    if (nativeSql && a.str("value") != null) {
                        queries.add(new NativeQuery(a.str("value"), c.binaryName(), m.name()));
                    }
                }
            }
        }

        private void addNamedQuery(ClassInfo c, Ann q) {
            if (q.str("query") != null) {
                queries.add(new NativeQuery(q.str("query"), c.binaryName(), null));
            }
        }

        // ---- entities

        private void mapEntity(ClassInfo c) {
            List<ClassInfo> up = ancestors(c);
            ClassInfo root = rootEntity(up);
            String strategy = strategy(root);
            if ("TABLE_PER_CLASS".equals(strategy) && c.isAbstract()) {
                return; // no table of its own; concrete subclasses carry its columns
            }
            TableRef primary = primaryTable(c);
            ClassInfo owner = "SINGLE_TABLE".equals(strategy) ? root : c;
            TableBuilder own = table(primary, MappedTable.Kind.ENTITY, owner.binaryName());
            own.kind = MappedTable.Kind.ENTITY;
            own.entityClass = owner.binaryName();

            Map<String, TableRef> secondary = new LinkedHashMap<>();
            Ctx ctx = new Ctx(c, entityName(c), primary, secondary);
            for (Ann st : jpaAll(c.anns, "SecondaryTable", "SecondaryTables")) {
                String name = Identifier.normalise(st.str("name"));
                if (name == null) {
                    continue;
                }
                TableRef ref = new TableRef(Identifier.normalise(st.str("schema")), name);
                secondary.put(Identifier.keyOf(name), ref);
                List<String> pk = names(st.anns("pkJoinColumns"));
                if (pk.isEmpty()) {
                    pk = idColumns(c);
                }
                for (String col : pk) {
                    addColumn(ref, MappedTable.Kind.SECONDARY_TABLE, c, col, c.binaryName(), null);
                }
            }

            if ("JOINED".equals(strategy) && c != root) {
                List<String> pk = names(jpaAll(c.anns, "PrimaryKeyJoinColumn", "PrimaryKeyJoinColumns"));
                for (String col : pk.isEmpty() ? idColumns(root) : pk) {
                    addColumn(primary, MappedTable.Kind.ENTITY, c, col, c.binaryName(), null);
                }
            }
            if (c == root) {
                Ann disc = jpa(root.anns, "DiscriminatorColumn");
                boolean single = "SINGLE_TABLE".equals(strategy) && hasEntitySubclass(root);
                if (disc != null || single) {
                    String name = disc == null || disc.str("name") == null ? "DTYPE" : Identifier.normalise(disc.str("name"));
                    if (!"TABLE_PER_CLASS".equals(strategy)) {
                        addColumn(primary, MappedTable.Kind.ENTITY, c, name, c.binaryName(), null);
                    }
                }
            }

            // The classes whose attributes land in this entity's table, topmost first.
            List<ClassInfo> declaring = new ArrayList<>();
            for (ClassInfo k : up) {
                boolean entity = jpa(k.anns, "Entity") != null;
                if (k == c || jpa(k.anns, "MappedSuperclass") != null) {
                    declaring.add(0, k);
                } else if (entity) {
                    if (!"TABLE_PER_CLASS".equals(strategy)) {
                        break;
                    }
                    declaring.add(0, k);
                }
            }
            Access access = hierarchyAccess(up);
            Map<String, Ann> overrides = overrides(c.anns);
            for (ClassInfo k : declaring) {
                for (Attr a : attributes(k, accessOf(k, access))) {
                    mapAttribute(ctx, k, a, "", overrides, primary, sink(c));
                }
            }
        }

        /** Receives the columns an attribute maps. */
        private interface Sink {
            void column(TableRef table, MappedTable.Kind kind, String logicalName, String declaringClass, String field);

            /** A column the attribute reads but Hibernate leaves out of its INSERTs ({@code insertable = false}). */
            default void readOnlyColumn(TableRef table, MappedTable.Kind kind, String logicalName, String declaringClass,
                                        String field) {
                column(table, kind, logicalName, declaringClass, field);
            }
        }

        private Sink sink(ClassInfo entity) {
            return new Sink() {
                @Override
                public void column(TableRef t, MappedTable.Kind kind, String name, String decl, String field) {
                    addColumn(t, kind, entity, name, decl, field, true);
                }

                @Override
                public void readOnlyColumn(TableRef t, MappedTable.Kind kind, String name, String decl, String field) {
                    addColumn(t, kind, entity, name, decl, field, false);
                }
            };
        }

        private static void column(Sink sink, boolean insertable, TableRef t, MappedTable.Kind kind, String name,
                                   String decl, String field) {
            if (insertable) sink.column(t, kind, name, decl, field);
            else sink.readOnlyColumn(t, kind, name, decl, field);
        }

        private void mapAttribute(Ctx ctx, ClassInfo declaring, Attr a, String prefix, Map<String, Ann> overrides,
                                  TableRef table, Sink sink) {
            if (jpa(a.anns, "Transient") != null || has(a.anns, HIBERNATE_FORMULA)) {
                return; // a formula is computed by a SELECT expression, not stored in a column
            }
            String path = prefix + a.name;
            String decl = declaring.binaryName();
            Ann column = overrides.containsKey(a.name) ? overrides.get(a.name) : jpa(a.anns, "Column");

            if (jpa(a.anns, "ManyToOne") != null || jpa(a.anns, "OneToOne") != null) {
                Ann rel = jpa(a.anns, "ManyToOne") != null ? jpa(a.anns, "ManyToOne") : jpa(a.anns, "OneToOne");
                if (rel.str("mappedBy") != null || jpa(a.anns, "MapsId") != null
                        || !jpaAll(a.anns, "PrimaryKeyJoinColumn", "PrimaryKeyJoinColumns").isEmpty()) {
                    return; // inverse side, or the key is the primary key itself
                }
                if (jpa(a.anns, "JoinTable") != null) {
                    joinTable(ctx, declaring, a, path, target(rel, a.type()), sink);
                    return;
                }
                List<Ann> jcs = jpaAll(a.anns, "JoinColumn", "JoinColumns");
                List<String> cols = joinColumnNames(jcs, a.name, () -> idColumns(lookupEntity(target(rel, a.type()), decl, path)));
                for (int i = 0; i < cols.size(); i++) {
                    TableRef t = i < jcs.size() ? tableFor(ctx, jcs.get(i).str("table"), table) : table;
                    column(sink, i >= jcs.size() || jcs.get(i).bool("insertable", true), t, kindOf(ctx, t), cols.get(i), decl, path);
                }
                return;
            }
            if (jpa(a.anns, "OneToMany") != null) {
                Ann rel = jpa(a.anns, "OneToMany");
                if (rel.str("mappedBy") != null) {
                    return;
                }
                String targetName = target(rel, elementType(a));
                List<Ann> jcs = jpaAll(a.anns, "JoinColumn", "JoinColumns");
                if (jcs.isEmpty() || jpa(a.anns, "JoinTable") != null) {
                    joinTable(ctx, declaring, a, path, targetName, sink);
                    return;
                }
                // unidirectional one-to-many: the key lives in the target's table
                ClassInfo target = lookupEntity(targetName, decl, path);
                if (target == null) {
                    return;
                }
                TableRef targetTable = primaryTable(target);
                for (String col : joinColumnNames(jcs, a.name, () -> idColumns(ctx.entity()))) {
                    sink.column(targetTable, MappedTable.Kind.ENTITY, col, decl, path);
                }
                Ann order = jpa(a.anns, "OrderColumn");
                if (order != null) {
                    sink.column(targetTable, MappedTable.Kind.ENTITY, orElse(order.str("name"), a.name + "_ORDER"), decl, path);
                }
                return;
            }
            if (jpa(a.anns, "ManyToMany") != null) {
                Ann rel = jpa(a.anns, "ManyToMany");
                if (rel.str("mappedBy") == null) {
                    joinTable(ctx, declaring, a, path, target(rel, elementType(a)), sink);
                }
                return;
            }
            if (jpa(a.anns, "ElementCollection") != null) {
                collectionTable(ctx, declaring, a, path, overrides, sink);
                return;
            }
            String type = a.type();
            ClassInfo typeInfo = type == null ? null : index.get(type);
            boolean embedded = jpa(a.anns, "Embedded") != null || jpa(a.anns, "EmbeddedId") != null
                    || (typeInfo != null && jpa(typeInfo.anns, "Embeddable") != null);
            if (embedded) {
                ClassInfo emb = typeInfo;
                if (emb == null) {
                    notes.add(decl + "." + path + ": embeddable " + dotted(type) + " not found in the scanned classes; its columns are not analysed");
                    return;
                }
                Map<String, Ann> sub = overrides(a.anns);
                sub.putAll(strip(overrides, a.name + "."));
                mapEmbeddable(ctx, declaring, emb, path + ".", sub, table, sink);
                return;
            }
            String name = column == null || column.str("name") == null ? a.name : Identifier.normalise(column.str("name"));
            TableRef t = tableFor(ctx, column == null ? null : column.str("table"), table);
            column(sink, column == null || column.bool("insertable", true), t, kindOf(ctx, t), name, decl, path);
        }

        private void mapEmbeddable(Ctx ctx, ClassInfo declaring, ClassInfo emb, String prefix, Map<String, Ann> overrides,
                                   TableRef table, Sink sink) {
            Access access = accessOf(emb, hierarchyAccess(ancestors(ctx.entity())));
            List<ClassInfo> chain = new ArrayList<>();
            for (ClassInfo k : ancestors(emb)) {
                if (k == emb || jpa(k.anns, "MappedSuperclass") != null || jpa(k.anns, "Embeddable") != null) {
                    chain.add(0, k);
                }
            }
            for (ClassInfo k : chain) {
                for (Attr a : attributes(k, accessOf(k, access))) {
                    mapAttribute(ctx, declaring, a, prefix, overrides, table, sink);
                }
            }
        }

        private void joinTable(Ctx ctx, ClassInfo declaring, Attr a, String path, String targetName, Sink sink) {
            String decl = declaring.binaryName();
            Ann jt = jpa(a.anns, "JoinTable");
            ClassInfo target = targetName == null ? null : index.get(targetName);
            boolean needTarget = jt == null || jt.str("name") == null || jt.anns("inverseJoinColumns").isEmpty();
            if (needTarget && target == null) {
                target = lookupEntity(targetName, decl, path);
                if (target == null) {
                    return;
                }
            }
            String name = jt == null ? null : Identifier.normalise(jt.str("name"));
            if (name == null) {
                String owner = naming.table(ctx.primary().name());
                String inverse = naming.table(primaryTable(target).name());
                name = naming.defaultJoinTable(owner, inverse, a.name);
            }
            TableRef ref = new TableRef(jt == null ? null : Identifier.normalise(jt.str("schema")), name);
            List<Ann> jcs = jt == null ? List.of() : jt.anns("joinColumns");
            String ownerPrefix = inverseAttribute(target, path);
            String finalOwnerPrefix = ownerPrefix == null ? ctx.entityName() : ownerPrefix;
            for (String col : joinColumnNames(jcs, finalOwnerPrefix, () -> idColumns(ctx.entity()))) {
                sink.column(ref, MappedTable.Kind.JOIN_TABLE, col, decl, path);
            }
            List<Ann> inverse = jt == null ? List.of() : jt.anns("inverseJoinColumns");
            ClassInfo t = target;
            for (String col : joinColumnNames(inverse, a.name, () -> idColumns(t))) {
                sink.column(ref, MappedTable.Kind.JOIN_TABLE, col, decl, path);
            }
            collectionExtras(a, ref, MappedTable.Kind.JOIN_TABLE, decl, path, sink);
        }

        private void collectionTable(Ctx ctx, ClassInfo declaring, Attr a, String path, Map<String, Ann> overrides, Sink sink) {
            String decl = declaring.binaryName();
            Ann ct = jpa(a.anns, "CollectionTable");
            String name = ct == null ? null : Identifier.normalise(ct.str("name"));
            if (name == null) {
                name = ctx.entityName() + "_" + a.name;
            }
            TableRef ref = new TableRef(ct == null ? null : Identifier.normalise(ct.str("schema")), name);
            List<Ann> jcs = ct == null ? List.of() : ct.anns("joinColumns");
            for (String col : joinColumnNames(jcs, ctx.entityName(), () -> idColumns(ctx.entity()))) {
                sink.column(ref, MappedTable.Kind.COLLECTION_TABLE, col, decl, path);
            }
            Ann ec = jpa(a.anns, "ElementCollection");
            Object tc = ec.raw("targetClass");
            String element = tc instanceof Type t && t.getSort() == Type.OBJECT && !"void".equals(t.getClassName())
                    ? t.getInternalName() : elementType(a);
            ClassInfo emb = element == null ? null : index.get(element);
            if (emb != null && jpa(emb.anns, "Embeddable") != null) {
                Map<String, Ann> sub = overrides(a.anns);
                sub.putAll(strip(sub, "value."));
                sub.putAll(strip(overrides, a.name + "."));
                mapEmbeddable(ctx, declaring, emb, path + ".", sub, ref,
                        (t, kind, n, d, f) -> sink.column(t, MappedTable.Kind.COLLECTION_TABLE, n, d, f));
            } else {
                Ann column = jpa(a.anns, "Column");
                String value = column == null || column.str("name") == null ? a.name : Identifier.normalise(column.str("name"));
                sink.column(ref, MappedTable.Kind.COLLECTION_TABLE, value, decl, path);
            }
            collectionExtras(a, ref, MappedTable.Kind.COLLECTION_TABLE, decl, path, sink);
        }

        /** Order and map-key columns of a join or collection table. */
        private void collectionExtras(Attr a, TableRef ref, MappedTable.Kind kind, String decl, String path, Sink sink) {
            Ann order = jpa(a.anns, "OrderColumn");
            if (order != null) {
                sink.column(ref, kind, orElse(Identifier.normalise(order.str("name")), a.name + "_ORDER"), decl, path);
            }
            if ("java/util/Map".equals(a.type()) && jpa(a.anns, "MapKey") == null) {
                Ann key = jpa(a.anns, "MapKeyColumn");
                List<Ann> keyJoin = jpaAll(a.anns, "MapKeyJoinColumn", "MapKeyJoinColumns");
                if (!keyJoin.isEmpty()) {
                    for (String n : names(keyJoin)) {
                        sink.column(ref, kind, n, decl, path);
                    }
                } else {
                    String n = key == null ? null : Identifier.normalise(key.str("name"));
                    sink.column(ref, kind, n == null ? a.name + "_KEY" : n, decl, path);
                }
            }
        }

        /** The attribute of the target that names this one in {@code mappedBy}, if any. */
        private String inverseAttribute(ClassInfo target, String path) {
            if (target == null) {
                return null;
            }
            for (ClassInfo k : ancestors(target)) {
                List<Member> members = new ArrayList<>(k.fields);
                members.addAll(k.methods);
                for (Member m : members) {
                    for (Ann a : m.anns()) {
                        if ((isJpa(a, "ManyToMany") || isJpa(a, "OneToMany")) && path.equals(a.str("mappedBy"))) {
                            return m.desc().startsWith("(") ? propertyName(m.name()) : m.name();
                        }
                    }
                }
            }
            return null;
        }

        // ---- names and defaults

        private List<String> joinColumnNames(List<Ann> joinColumns, String defaultPrefix,
                                             java.util.function.Supplier<List<String>> referencedIds) {
            List<String> out = new ArrayList<>();
            if (joinColumns.isEmpty()) {
                for (String id : referencedIds.get()) {
                    out.add(compose(defaultPrefix, id));
                }
                return out;
            }
            List<String> ids = null;
            for (int i = 0; i < joinColumns.size(); i++) {
                Ann jc = joinColumns.get(i);
                String name = Identifier.normalise(jc.str("name"));
                if (name == null) {
                    String ref = Identifier.normalise(jc.str("referencedColumnName"));
                    if (ref == null) {
                        if (ids == null) {
                            ids = referencedIds.get();
                        }
                        ref = i < ids.size() ? ids.get(i) : null;
                    }
                    if (ref == null) {
                        continue;
                    }
                    name = compose(defaultPrefix, ref);
                }
                out.add(name);
            }
            return out;
        }

        private String compose(String prefix, String column) {
            if (Identifier.isQuoted(column)) {
                return Identifier.quote(prefix + "_" + Identifier.unquote(column));
            }
            return prefix + "_" + column;
        }

        /** Logical primary key column names of an entity; empty when unknown. */
        private List<String> idColumns(ClassInfo entity) {
            if (entity == null) {
                return List.of();
            }
            List<String> ids = idCache.get(entity.name);
            if (ids == null) {
                idCache.put(entity.name, List.of()); // guards against cycles through derived identities
                ids = computeIdColumns(entity);
                idCache.put(entity.name, ids);
            }
            return ids;
        }

        private List<String> computeIdColumns(ClassInfo entity) {
            List<ClassInfo> up = ancestors(entity);
            Access access = hierarchyAccess(up);
            Map<String, Ann> overrides = overrides(entity.anns);
            List<String> out = new ArrayList<>();
            TableRef primary = primaryTable(entity);
            Ctx ctx = new Ctx(entity, entityName(entity), primary, Map.of());
            for (int i = up.size() - 1; i >= 0; i--) {
                ClassInfo k = up.get(i);
                for (Attr a : attributes(k, accessOf(k, access))) {
                    if (jpa(a.anns, "Id") != null || jpa(a.anns, "EmbeddedId") != null) {
                        mapAttribute(ctx, k, a, "", overrides, primary, (t, kind, name, d, f) -> out.add(name));
                    }
                }
            }
            if (out.isEmpty()) {
                notes.add(entity.binaryName() + ": no @Id found; default join columns referencing it are not analysed");
            }
            return out;
        }

        private TableRef primaryTable(ClassInfo entity) {
            ClassInfo root = rootEntity(ancestors(entity));
            ClassInfo owner = "SINGLE_TABLE".equals(strategy(root)) ? root : entity;
            Ann table = jpa(owner.anns, "Table");
            String name = table == null ? null : Identifier.normalise(table.str("name"));
            String schema = table == null ? null : Identifier.normalise(table.str("schema"));
            return new TableRef(schema, name == null ? entityName(owner) : name);
        }

        private String entityName(ClassInfo c) {
            Ann e = jpa(c.anns, "Entity");
            String name = e == null ? null : e.str("name");
            return name == null ? c.simpleName() : name;
        }

        private String strategy(ClassInfo root) {
            Ann inh = jpa(root.anns, "Inheritance");
            Object s = inh == null ? null : inh.raw("strategy");
            return s instanceof String str ? str : "SINGLE_TABLE";
        }

        private boolean hasEntitySubclass(ClassInfo root) {
            if (entitiesWithSubclasses == null) {
                entitiesWithSubclasses = new java.util.HashSet<>();
                for (ClassInfo c : index.all()) {
                    if (jpa(c.anns, "Entity") != null) {
                        List<ClassInfo> up = ancestors(c);
                        for (int i = 1; i < up.size(); i++) {
                            entitiesWithSubclasses.add(up.get(i).name);
                        }
                    }
                }
            }
            return entitiesWithSubclasses.contains(root.name);
        }

        private TableRef tableFor(Ctx ctx, String tableName, TableRef primary) {
            String name = Identifier.normalise(tableName);
            if (name == null) {
                return primary;
            }
            TableRef sec = ctx.secondary().get(Identifier.keyOf(name));
            return sec != null ? sec : new TableRef(primary.schema(), name);
        }

        private MappedTable.Kind kindOf(Ctx ctx, TableRef t) {
            return t.equals(ctx.primary()) ? MappedTable.Kind.ENTITY : MappedTable.Kind.SECONDARY_TABLE;
        }

        private void addColumn(TableRef ref, MappedTable.Kind kind, ClassInfo entity, String logicalColumn,
                               String declaringClass, String field) {
            addColumn(ref, kind, entity, logicalColumn, declaringClass, field, true);
        }

        private void addColumn(TableRef ref, MappedTable.Kind kind, ClassInfo entity, String logicalColumn,
                               String declaringClass, String field, boolean insertable) {
            TableBuilder t = table(ref, kind, entity.binaryName());
            String name = naming.column(logicalColumn);
            MappedColumn first = t.columns.putIfAbsent(Identifier.keyOf(name), new MappedColumn(name, declaringClass, field, insertable));
            // two attributes on one column (a read-only id beside its association): inserted if either writes it
            if (first != null && insertable && !first.insertable()) {
                t.columns.put(Identifier.keyOf(name), new MappedColumn(first.name(), first.entityClass(), first.field(), true));
            }
        }

        private TableBuilder table(TableRef ref, MappedTable.Kind kind, String entityClass) {
            String name = naming.table(ref.name());
            String schema = ref.schema() == null ? null : naming.table(ref.schema());
            String key = (schema == null ? "" : Identifier.keyOf(schema)) + "." + Identifier.keyOf(name);
            TableBuilder t = tables.get(key);
            if (t == null) {
                t = new TableBuilder();
                t.name = name;
                t.schema = schema;
                t.kind = kind;
                t.entityClass = entityClass;
                tables.put(key, t);
            } else if (kind == MappedTable.Kind.ENTITY && t.kind != MappedTable.Kind.ENTITY) {
                t.kind = kind;
                t.entityClass = entityClass;
            }
            return t;
        }

        // ---- hierarchy and attributes

        /** The class and its superclasses found in the roots, nearest first; a missing one is noted. */
        private List<ClassInfo> ancestors(ClassInfo c) {
            List<ClassInfo> out = new ArrayList<>();
            ClassInfo k = c;
            while (k != null) {
                out.add(k);
                String sup = k.superName;
                if (sup == null || sup.startsWith("java/")) {
                    break;
                }
                ClassInfo next = index.get(sup);
                if (next == null) {
                    notes.add(c.binaryName() + ": superclass " + dotted(sup)
                            + " not found in the scanned classes; mappings it declares are not analysed");
                }
                k = next;
            }
            return out;
        }

        private ClassInfo rootEntity(List<ClassInfo> up) {
            ClassInfo root = up.get(0);
            for (ClassInfo k : up) {
                if (jpa(k.anns, "Entity") != null) {
                    root = k;
                }
            }
            return root;
        }

        /** Where {@code @Id} sits decides the access type of the hierarchy. */
        private Access hierarchyAccess(List<ClassInfo> up) {
            for (int i = up.size() - 1; i >= 0; i--) {
                ClassInfo k = up.get(i);
                for (Member f : k.fields) {
                    if (jpa(f.anns(), "Id") != null || jpa(f.anns(), "EmbeddedId") != null) {
                        return Access.FIELD;
                    }
                }
                for (Member m : k.methods) {
                    if (jpa(m.anns(), "Id") != null || jpa(m.anns(), "EmbeddedId") != null) {
                        return Access.PROPERTY;
                    }
                }
            }
            for (int i = up.size() - 1; i >= 0; i--) {
                Access explicit = explicitAccess(up.get(i).anns);
                if (explicit != null) {
                    return explicit;
                }
            }
            return Access.FIELD;
        }

        private Access accessOf(ClassInfo k, Access inherited) {
            Access explicit = explicitAccess(k.anns);
            return explicit != null ? explicit : inherited;
        }

        private Access explicitAccess(List<Ann> anns) {
            Ann a = jpa(anns, "Access");
            Object v = a == null ? null : a.raw("value");
            return "PROPERTY".equals(v) ? Access.PROPERTY : "FIELD".equals(v) ? Access.FIELD : null;
        }

        private List<Attr> attributes(ClassInfo k, Access access) {
            // an attribute with an explicit @Access replaces the default-access one of the same name
            Map<String, Attr> byName = new LinkedHashMap<>();
            Set<String> explicit = new java.util.HashSet<>();
            for (Member f : k.fields) {
                int mod = f.access();
                if ((mod & (Opcodes.ACC_STATIC | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC)) != 0 || f.name().startsWith("$$_")) {
                    continue;
                }
                boolean marked = explicitAccess(f.anns()) == Access.FIELD;
                if (access == Access.FIELD || marked) {
                    put(byName, explicit, new Attr(f.name(), f.desc(), f.signature(), f.anns()), marked);
                }
            }
            for (Member m : k.methods) {
                int mod = m.access();
                if ((mod & (Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE)) != 0) {
                    continue;
                }
                String property = getterProperty(m);
                if (property == null) {
                    continue;
                }
                boolean marked = explicitAccess(m.anns()) == Access.PROPERTY;
                if (access == Access.PROPERTY || marked) {
                    put(byName, explicit, new Attr(property, m.desc(), m.signature(), m.anns()), marked);
                }
            }
            return new ArrayList<>(byName.values());
        }

        private void put(Map<String, Attr> byName, Set<String> explicit, Attr a, boolean marked) {
            if (marked) {
                explicit.add(a.name());
                byName.put(a.name(), a);
            } else if (!explicit.contains(a.name())) {
                byName.putIfAbsent(a.name(), a);
            }
        }

        private String getterProperty(Member m) {
            String n = m.name();
            if (!m.desc().startsWith("()") || m.desc().equals("()V")) {
                return null;
            }
            if (n.startsWith("get") && n.length() > 3) {
                return propertyName(n);
            }
            if (n.startsWith("is") && n.length() > 2 && (m.desc().equals("()Z") || m.desc().equals("()Ljava/lang/Boolean;"))) {
                return propertyName(n);
            }
            return null;
        }

        private ClassInfo lookupEntity(String internalName, String declaringClass, String path) {
            ClassInfo c = internalName == null ? null : index.get(internalName);
            if (c == null) {
                notes.add(declaringClass + "." + path + ": target entity "
                        + (internalName == null ? "(unknown type)" : dotted(internalName))
                        + " not found in the scanned classes; its key columns are not analysed");
            }
            return c;
        }
    }

    // ---- annotation helpers

    private static boolean isJpa(Ann a, String simpleName) {
        for (String p : JPA_PACKAGES) {
            if (a.desc.length() == p.length() + simpleName.length() + 2 && a.desc.startsWith("L" + p)
                    && a.desc.startsWith(simpleName, p.length() + 1)) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(List<Ann> anns, String desc) {
        return anns.stream().anyMatch(a -> a.desc.equals(desc));
    }

    private static Ann jpa(List<Ann> anns, String simpleName) {
        for (Ann a : anns) {
            if (isJpa(a, simpleName)) {
                return a;
            }
        }
        return null;
    }

    /** A repeatable annotation and its container, flattened. */
    private static List<Ann> jpaAll(List<Ann> anns, String single, String container) {
        List<Ann> out = new ArrayList<>();
        for (Ann a : anns) {
            if (isJpa(a, single)) {
                out.add(a);
            } else if (isJpa(a, container)) {
                out.addAll(a.anns("value"));
            }
        }
        return out;
    }

    /** Attribute path to {@code @Column} from {@code @AttributeOverride(s)}. */
    private static Map<String, Ann> overrides(List<Ann> anns) {
        Map<String, Ann> out = new LinkedHashMap<>();
        for (Ann o : jpaAll(anns, "AttributeOverride", "AttributeOverrides")) {
            if (o.str("name") != null && o.ann("column") != null) {
                out.put(o.str("name"), o.ann("column"));
            }
        }
        return out;
    }

    private static Map<String, Ann> strip(Map<String, Ann> overrides, String prefix) {
        Map<String, Ann> out = new LinkedHashMap<>();
        overrides.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    private static List<String> names(List<Ann> columns) {
        List<String> out = new ArrayList<>();
        for (Ann c : columns) {
            String n = Identifier.normalise(c.str("name"));
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }

    private static String target(Ann relation, String declaredType) {
        Object t = relation.raw("targetEntity");
        if (t instanceof Type type && type.getSort() == Type.OBJECT && !"void".equals(type.getClassName())) {
            return type.getInternalName();
        }
        return declaredType;
    }

    /** Element type of a collection attribute (the value type of a map) from its generic signature. */
    private static String elementType(Attr a) {
        String sig = a.typeSignature();
        if (sig == null) {
            return null;
        }
        int open = sig.indexOf('<');
        if (open < 0) {
            return null;
        }
        List<String> args = new ArrayList<>();
        int i = open + 1;
        while (i < sig.length() && sig.charAt(i) != '>') {
            char ch = sig.charAt(i);
            if (ch == '*') {
                args.add(null);
                i++;
                continue;
            }
            if (ch == '+' || ch == '-' || ch == '=') {
                i++;
                ch = sig.charAt(i);
            }
            int start = i;
            int depth = 0;
            while (i < sig.length()) {
                char x = sig.charAt(i);
                if (x == '<') {
                    depth++;
                } else if (x == '>') {
                    depth--;
                } else if (x == ';' && depth == 0) {
                    break;
                }
                i++;
            }
            String arg = sig.substring(start, i);
            i++;
            if (arg.startsWith("L")) {
                int g = arg.indexOf('<');
                args.add(g < 0 ? arg.substring(1) : arg.substring(1, g));
            } else {
                args.add(null);
            }
        }
        return args.isEmpty() ? null : args.get(args.size() - 1);
    }

    private static String propertyName(String getter) {
        String n = getter.startsWith("is") ? getter.substring(2) : getter.substring(3);
        if (n.length() > 1 && Character.isUpperCase(n.charAt(0)) && Character.isUpperCase(n.charAt(1))) {
            return n;
        }
        return Character.toLowerCase(n.charAt(0)) + n.substring(1);
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static String dotted(String internalName) {
        return internalName == null ? null : internalName.replace('/', '.');
    }
}
