package io.github.hotcompat.dialect;

import java.util.Locale;

/** Which two things run together while a release deploys (the {@code deployOrder} parameter). */
public enum DeployOrder {
    /** The migration runs while the previous version serves, so the running version must work on the new schema. */
    MIGRATE_FIRST,
    /** The new version rolls out first and the migration runs after it, so this build must work on the old schema. */
    CODE_FIRST;

    /** {@code migrate-first} or {@code code-first}, as users write it. */
    public static DeployOrder of(String value) {
        for (DeployOrder o : values()) {
            if (o.parameterValue().equals(value.strip().toLowerCase(Locale.ROOT))) return o;
        }
        throw new IllegalArgumentException("'" + value + "' is not a deploy order: use migrate-first or code-first");
    }

    public String parameterValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
