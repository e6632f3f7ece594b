package io.github.hotcompat.recipe;

import io.github.hotcompat.plan.Recipe;

/**
 * A cure that rewrites nothing: what the user does by hand (review a statement, revert an edit, add
 * a missing changeset), as notes of the changeset's plan. Two findings giving the same key and
 * advice get it once.
 */
public final class Advice {
    private Advice() {
    }

    public static Recipe of(String key, String... notes) {
        Recipe.Builder r = Recipe.builder("advice:" + key);
        for (String note : notes) r.plan().note(note);
        return r.build();
    }
}
