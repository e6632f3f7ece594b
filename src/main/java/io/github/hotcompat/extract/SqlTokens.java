package io.github.hotcompat.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A PostgreSQL-aware token list for the statements JSqlParser misreads or rejects (ALTER TABLE
 * forms, DROP INDEX CONCURRENTLY, REINDEX). Knows quoted identifiers, strings, dollar quotes and
 * comments, and each token's parenthesis depth, so top-level clauses can be found reliably.
 */
final class SqlTokens {
    record Token(String text, int depth, boolean quoted) {
        String upper() {
            return quoted ? text : text.toUpperCase(Locale.ROOT);
        }

        boolean is(String keyword) {
            return !quoted && text.equalsIgnoreCase(keyword);
        }
    }

    final List<Token> tokens = new ArrayList<>();
    /** Where each token ends in {@link #sql}, for cutting the text at a token. */
    private final List<Integer> tokenEnds = new ArrayList<>();
    final String sql;
    /** Whether a comment was skipped: Liquibase's splitter strips comments, so its text would differ. */
    private boolean skippedComment;

    SqlTokens(String sql) {
        this(sql, false);
    }

    /** {@code backticks}: MySQL's {@code `name`} is a quoted identifier (PostgreSQL has no such quote). */
    SqlTokens(String sql, boolean backticks) {
        this.sql = sql;
        int depth = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            int before = tokens.size();
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                skippedComment = true;
                while (i < n && sql.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                skippedComment = true;
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '`' && backticks) {
                // `shop`.`orders` is one qualified name, as shop.orders is (unqualified() keeps the last part)
                StringBuilder name = new StringBuilder();
                int at = i;
                while (true) {
                    int end = sql.indexOf('`', at + 1);
                    if (end < 0) end = n;
                    name.append(sql, at + 1, end);
                    at = Math.min(end + 1, n);
                    if (at + 1 < n && sql.charAt(at) == '.' && sql.charAt(at + 1) == '`') { name.append('.'); at++; continue; }
                    break;
                }
                tokens.add(new Token(name.toString(), depth, true));
                i = at;
            } else if (c == '"') {
                int end = i + 1;
                StringBuilder sb = new StringBuilder();
                while (end < n) {
                    if (sql.charAt(end) == '"') {
                        if (end + 1 < n && sql.charAt(end + 1) == '"') { sb.append('"'); end += 2; continue; }
                        break;
                    }
                    sb.append(sql.charAt(end++));
                }
                tokens.add(new Token(sb.toString(), depth, true));
                i = Math.min(end + 1, n);
            } else if (c == '\'') {
                int end = i + 1;
                while (end < n) {
                    if (sql.charAt(end) == '\'') {
                        if (end + 1 < n && sql.charAt(end + 1) == '\'') { end += 2; continue; }
                        break;
                    }
                    end++;
                }
                tokens.add(new Token(sql.substring(i, Math.min(end + 1, n)), depth, false));
                i = Math.min(end + 1, n);
            } else if (c == '$' && dollarTagEnd(i) > 0) {
                int tagEnd = dollarTagEnd(i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                int end = close < 0 ? n : close + tag.length();
                tokens.add(new Token(sql.substring(i, end), depth, false));
                i = end;
            } else if (c == '(') {
                tokens.add(new Token("(", depth, false));
                depth++;
                i++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
                tokens.add(new Token(")", depth, false));
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || property(i)) {
                int end = i;
                while (end < n) {
                    if (property(end)) {
                        // a ${property} Liquibase left unresolved stays inside its name: ${p}_orders is one name
                        int close = sql.indexOf('}', end);
                        end = close < 0 ? n : close + 1;
                    } else if (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                            || sql.charAt(end) == '$' || sql.charAt(end) == '.') {
                        end++;
                    } else {
                        break;
                    }
                }
                tokens.add(new Token(sql.substring(i, end), depth, false));
                i = end;
            } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
                tokens.add(new Token("::", depth, false));
                i += 2;
            } else {
                tokens.add(new Token(String.valueOf(c), depth, false));
                i++;
            }
            if (tokens.size() > before) tokenEnds.add(i);
        }
    }

    /**
     * The statements of a script as PostgreSQL splits what it is sent in one piece (a changeset with
     * {@code splitStatements="false"}): at semicolons outside strings, quoted names, dollar quotes and
     * comments, so a {@code DO $$ DECLARE a int; BEGIN ... END $$} block stays one statement.
     */
    static List<String> statements(String sql) {
        SqlTokens t = new SqlTokens(sql);
        List<String> out = new ArrayList<>();
        int start = 0;
        int tokensSince = 0;
        for (int k = 0; k < t.tokens.size(); k++) {
            if (!t.tokens.get(k).is(";")) {
                tokensSince++;
                continue;
            }
            if (tokensSince > 0) out.add(sql.substring(start, t.tokenEnds.get(k) - 1).strip());
            start = t.tokenEnds.get(k);
            tokensSince = 0;
        }
        if (tokensSince > 0) out.add(sql.substring(start).strip());
        return out;
    }

    /**
     * The statement itself when {@code sql} is one statement that Liquibase's splitter would send
     * unchanged (no comment, no semicolon but a final one, no {@code GO} line), else null. Liquibase's
     * splitter keeps a tokenised copy of the whole text with a map lookup per token, seconds for a
     * statement of a few megabytes (a long IN list); this check is one pass.
     */
    static String singleStatement(String sql) {
        SqlTokens t = new SqlTokens(sql);
        int n = t.tokens.size();
        for (int k = 0; k < n; k++) {
            if (t.tokens.get(k).is(";") && k != n - 1) return null;
        }
        if (t.skippedComment || GO_LINE.matcher(sql).find()) return null;
        String body = n > 0 && t.tokens.get(n - 1).is(";") ? sql.substring(0, t.tokenEnds.get(n - 1) - 1) : sql;
        body = body.strip();
        return body.isEmpty() ? null : body;
    }

    private static final java.util.regex.Pattern GO_LINE =
            java.util.regex.Pattern.compile("(?im)^\\s*go\\s*$");

    private boolean property(int at) {
        return sql.startsWith("${", at);
    }

    private int dollarTagEnd(int start) {
        int j = start + 1;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) j++;
        return j < sql.length() && sql.charAt(j) == '$' ? j + 1 : -1;
    }

    int size() {
        return tokens.size();
    }

    Token get(int i) {
        return i < tokens.size() ? tokens.get(i) : new Token("", 0, false);
    }

    /** True when tokens starting at {@code i} are the given keywords. */
    boolean at(int i, String... keywords) {
        for (int k = 0; k < keywords.length; k++) {
            if (!get(i + k).is(keywords[k])) return false;
        }
        return true;
    }

    /** Text of tokens [from, to) joined with single spaces, tidied around punctuation. */
    String join(int from, int to) {
        StringBuilder sb = new StringBuilder();
        // what the text ends with is what the previous token ended with: asking the builder
        // (sb.toString().endsWith) would copy the whole text once per token, quadratic in its length
        String previous = "";
        for (int i = from; i < Math.min(to, tokens.size()); i++) {
            Token t = tokens.get(i);
            String s = t.quoted ? '"' + t.text.replace("\"", "\"\"") + '"' : t.text;
            boolean call = s.equals("(") && i > from && isWord(tokens.get(i - 1))
                    && !SPACED_BEFORE_PAREN.contains(tokens.get(i - 1).upper());
            boolean tight = call || s.equals(")") || s.equals(",") || s.equals("::") || s.equals(".")
                    || previous.endsWith("(") || previous.endsWith("::");
            if (sb.length() > 0 && !tight) sb.append(' ');
            sb.append(s);
            if (!s.isEmpty()) previous = s;
        }
        return sb.toString();
    }

    /** Keywords that keep a space before an opening parenthesis ({@code IN (..)}, {@code CHECK (..)}). */
    private static final java.util.Set<String> SPACED_BEFORE_PAREN = java.util.Set.of("AND", "OR", "IN", "ON", "CHECK",
            "KEY", "EXISTS", "AS", "USING", "VALUES", "WHERE", "NOT", "REFERENCES", "UNIQUE", "BY", "WITH", "INDEX", "TABLE");

    private static boolean isWord(Token t) {
        return !t.quoted && !t.text.isEmpty() && (Character.isLetterOrDigit(t.text.charAt(0)) || t.text.charAt(0) == '_');
    }

    /** Identifier as a name: quoted names keep their case, unquoted ones are folded to lower case. */
    static String name(Token t) {
        return t.quoted ? t.text : t.text.toLowerCase(Locale.ROOT);
    }

    /** Last segment of a possibly schema-qualified name; a dot inside {@code ${a.b}} separates nothing. */
    static String unqualified(String name) {
        int dot = -1;
        int braces = 0;
        for (int k = 0; k < name.length(); k++) {
            char ch = name.charAt(k);
            if (ch == '{' && k > 0 && name.charAt(k - 1) == '$') braces++;
            else if (ch == '}' && braces > 0) braces--;
            else if (ch == '.' && braces == 0) dot = k;
        }
        return dot >= 0 ? name.substring(dot + 1) : name;
    }
}
