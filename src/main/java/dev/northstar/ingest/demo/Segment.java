package dev.northstar.ingest.demo;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The customer segment a sales rep works: small businesses buy small and fast, enterprises big and slowly.
 * The numbers are a typical B2B SaaS company's (amounts are annual contract values).
 */
public enum Segment {
    SMB("SMB", 55, 80, 9_000, 21, 0.30, 0.020, 0.45),
    MID_MARKET("Mid-Market", 30, 45, 36_000, 45, 0.26, 0.012, 0.50),
    ENTERPRISE("Enterprise", 14, 24, 140_000, 80, 0.22, 0.006, 0.55);

    private final String label;
    final int accountsPerRep;
    final int opportunitiesPerYear;
    final double medianAmount;
    final double medianCycleDays;
    final double winRate;
    final double monthlyChurn;
    final double customerShareAtStart;

    Segment(String label, int accountsPerRep, int opportunitiesPerYear, double medianAmount, double medianCycleDays,
            double winRate, double monthlyChurn, double customerShareAtStart) {
        this.label = label;
        this.accountsPerRep = accountsPerRep;
        this.opportunitiesPerYear = opportunitiesPerYear;
        this.medianAmount = medianAmount;
        this.medianCycleDays = medianCycleDays;
        this.winRate = winRate;
        this.monthlyChurn = monthlyChurn;
        this.customerShareAtStart = customerShareAtStart;
    }

    public String label() {
        return label;
    }

    /** From the team's name where it says (Enterprise, Mid-Market, SMB, Inside Sales), else a typical mix. */
    static Segment of(String team, SplittableRandom random) {
        String name = team == null ? "" : team.toLowerCase(Locale.ROOT);
        double draw = random.nextDouble(); // drawn always, so that a team's name does not shift everyone's randomness
        if (name.contains("enterprise")) return ENTERPRISE;
        if (name.contains("mid")) return MID_MARKET;
        if (name.contains("smb") || name.contains("inside")) return SMB;
        return draw < 0.5 ? SMB : draw < 0.8 ? MID_MARKET : ENTERPRISE;
    }
}
