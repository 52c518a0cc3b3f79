package dev.schemagate.rules.common;

import dev.schemagate.model.change.Change;
import dev.schemagate.model.finding.SuppressionIssue;
import dev.schemagate.model.review.ReviewedTable;
import org.drools.ruleunits.api.DataSource;
import org.drools.ruleunits.api.DataStore;
import org.drools.ruleunits.api.RuleUnitData;

/**
 * Data of a migration rule unit: the replayed changes to judge, the tables of the replayed schema under design
 * review, and the sink rules report findings to.
 * Each dialect's rule pack has its own unit class extending this one, next to its DRL files.
 */
public abstract class MigrationUnit implements RuleUnitData {
    private final DataStore<Change> changes = DataSource.createStore();
    private final DataStore<SuppressionIssue> suppressionIssues = DataSource.createStore();
    private final DataStore<ReviewedTable> tables = DataSource.createStore();
    private FindingSink findings = new FindingSink(id -> true);

    public DataStore<Change> getChanges() {
        return changes;
    }

    public DataStore<SuppressionIssue> getSuppressionIssues() {
        return suppressionIssues;
    }

    /** Tables of the replayed schema under design review (see {@link ReviewedTable}); empty when none is reviewed. */
    public DataStore<ReviewedTable> getTables() {
        return tables;
    }

    public FindingSink getFindings() {
        return findings;
    }

    public void setFindings(FindingSink findings) {
        this.findings = findings;
    }
}
