package io.github.hotcompat.rules;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.NotAnalyzed;
import io.github.hotcompat.report.Severity;
import io.github.hotcompat.rewrite.Rewrite;

import java.util.List;

@RuleInfo(id = "sql-not-analyzed", severity = Severity.WARNING,
        summary = "A statement or change that could not be analysed is reported, never silently passed")
public final class SqlNotAnalyzed implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof NotAnalyzed na)) return;
        ctx.finding(this)
                .message("not analysed: " + na.firstLine())
                .why("hotcompat could not tell what this does (" + na.reason() + "), so it cannot say whether it "
                        + "locks a table or breaks the running version. Review it by hand.")
                .rewrite(new Rewrite(List.of(), List.of("No rewrite: once reviewed, suppress with a comment "
                        + "'hotcompat:ignore sql-not-analyzed -- <why it is safe>' in or above the changeset.")))
                .report();
    }
}
