package io.github.hotcompat.analysis;

import io.github.hotcompat.load.LoadedChangeSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code hotcompat:ignore <rule-id>[,<rule-id>...] -- <reason>} in a changeset's comment or in a
 * native comment inside or directly above it. XML forbids {@code --} inside comments, so the reason
 * may also follow {@code :}, an em dash or a single {@code -}.
 */
public final class Suppressions {
    private static final Pattern IGNORE = Pattern.compile(
            "hotcompat:ignore\\s+([A-Za-z0-9_-]+(?:\\s*,\\s*[A-Za-z0-9_-]+)*)\\s*(?:(?:--|\u2014|:|-(?=\\s))\\s*(.*))?");

    /** One suppression; {@code reason} is null when the comment gave none (then it suppresses nothing). */
    public record Suppression(List<String> ruleIds, String reason, String text) {
        /** Whether it suppresses findings of {@code ruleId}: it names the rule and gives a reason. */
        public boolean covers(String ruleId) {
            return reason != null && ruleIds.contains(ruleId);
        }
    }

    private Suppressions() {
    }

    public static List<Suppression> of(LoadedChangeSet cs) {
        List<String> texts = new ArrayList<>(cs.nativeComments());
        if (cs.changeSet().getComments() != null) texts.add(cs.changeSet().getComments());
        List<Suppression> out = new ArrayList<>();
        // formatted SQL's "--comment: ..." is both the changeset's comment and a native comment: one suppression
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String text : texts) {
            Matcher m = IGNORE.matcher(text);
            while (m.find()) {
                if (!seen.add(m.group().strip())) continue;
                List<String> ids = Arrays.stream(m.group(1).split(",")).map(String::strip).toList();
                String reason = m.group(2) == null ? null : m.group(2).strip().replaceAll("\\s*-->$", "").strip();
                out.add(new Suppression(ids, reason == null || reason.isEmpty() ? null : reason, m.group().strip()));
            }
        }
        return out;
    }
}
