package io.github.hotcompat.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The changesets of one changelog that share {@code file::id::author}, in changelog order. Liquibase
 * allows such "twins" (one per context or database), so the key alone does not say which one a
 * baseline line, a checksum or a suppression belongs to; the position in this group does.
 *
 * <p>The group is formed after Liquibase's {@code ignore} and {@code dbms} filters (what the target
 * database can ever run) and before the contexts/labels filters, so it is the same whatever
 * contexts a build selects: a baseline written with one selection matches a check run with another.
 * Identity-based on purpose (no equals/hashCode/toString of the members), so records holding it stay cheap.
 */
public final class Twins {
    private final List<LoadedChangeSet> members = new ArrayList<>(2);

    void add(LoadedChangeSet cs) {
        members.add(cs);
    }

    /** All twins, this changelog's order, including those the contexts/labels filter leaves out. */
    public List<LoadedChangeSet> members() {
        return Collections.unmodifiableList(members);
    }

    /** 0-based position of {@code cs} among its twins, or -1 when it is not one of them. */
    public int indexOf(LoadedChangeSet cs) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i) == cs) return i;
        }
        return -1;
    }

    public int size() {
        return members.size();
    }

    @Override
    public String toString() {
        return "Twins[" + members.size() + "]";
    }
}
