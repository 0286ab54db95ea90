package dev.northstar.ingest.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A deal and every stage it entered, oldest first; the last entry is its current stage. Open deals have no
 * closed date and an expected close date still ahead; closed ones were closed on the day of their last change.
 */
public record GeneratedDeal(String externalId, String name, long ownerId, String accountRef, BigDecimal amount,
                            String currency, LocalDate createdOn, LocalDate expectedCloseOn, String stage, String outcome,
                            LocalDate closedOn, List<GeneratedStageChange> history) {

    public boolean open() {
        return Stage.OPEN.equals(outcome);
    }

    public boolean won() {
        return Stage.WON.equals(outcome);
    }
}
