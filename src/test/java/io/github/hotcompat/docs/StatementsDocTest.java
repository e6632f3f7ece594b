package io.github.hotcompat.docs;

import io.github.hotcompat.extract.UnmodelledStatements;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/statements.md lists exactly the statements no rule models, as the code classifies them (issue 10). */
class StatementsDocTest {

    @Test
    void theDocListsEveryUnmodelledStatementAndNoOther() throws Exception {
        Matcher m = Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(Files.readString(Path.of("docs/statements.md")));
        List<String> documented = m.results().map(r -> r.group(1)).toList();
        assertEquals(UnmodelledStatements.ENTRIES.stream().map(UnmodelledStatements.Entry::prefix).toList(), documented);
    }
}
