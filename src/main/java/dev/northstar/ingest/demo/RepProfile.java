package dev.northstar.ingest.demo;

/**
 * One person's part of the history, fixed before anything is generated so that the global numbering of accounts
 * (ACC-00001...) and deals (DEAL-00001...) is known without generating the people before them.
 *
 * @param number 1-based position among the people (by id); part of activity ids
 * @param skill  around 1.0; strong reps (above) do more and win more often, weak ones (below) less
 */
public record RepProfile(HistoryPerson person, int number, Role role, Segment segment, double skill,
                         int accountCount, int firstAccountNumber, int opportunityCount, int firstDealNumber) {

    public boolean sells() {
        return role == Role.SALES;
    }
}
