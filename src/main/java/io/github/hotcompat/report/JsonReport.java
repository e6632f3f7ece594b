package io.github.hotcompat.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.finding.Finding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code report.json}, in the stable shape of the plugin contract. */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static Map<String, Object> toMap(AnalysisResult r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tool", ordered("name", "hotcompat", "version", ToolVersion.get()));
        root.put("database", ordered("type", r.target().database(),
                "version", r.target().version() == null ? null
                        // MySQL/MariaDB as configured (10.11): their gates fall on minor and patch releases
                        : r.target().mysqlFamily() && r.target().release() != null ? r.target().release()
                        : String.valueOf(r.target().version())));
        root.put("changeLog", r.changeLog());
        root.put("changeSets", ordered("total", r.changeSets().size(), "pending", r.pending().size()));
        List<Object> findings = new ArrayList<>();
        for (Finding f : r.findings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ruleId", f.ruleId());
            m.put("severity", f.severity().label());
            m.put("suppressed", f.suppressed());
            if (f.suppressed()) m.put("suppressionReason", f.suppressionReason());
            m.put("file", f.file());
            m.put("line", f.line());
            m.put("changeSet", ordered("id", f.changeSetId(), "author", f.changeSetAuthor()));
            m.put("table", f.table());
            m.put("column", f.column());
            m.put("message", f.message());
            m.put("why", f.why());
            m.put("rewrite", f.rewrite());
            findings.add(m);
        }
        root.put("findings", findings);
        return root;
    }

    public static void write(AnalysisResult r, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        MAPPER.writeValue(file.toFile(), toMap(r));
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
