package dev.northstar.ingest.demo;

import java.util.Locale;

/**
 * What kind of work a person's activities show, from their department's name: sales reps own accounts and deals,
 * customer success talks to customers, marketing creates leads. Anyone else (e.g. the numbered departments of a
 * benchmark organization) sells.
 */
public enum Role {
    SALES(new double[] {9, 7, 1.3, 0.8}, 0.6),
    SUCCESS(new double[] {4, 9, 1.8, 0}, 0.3),
    MARKETING(new double[] {0.5, 4, 0.4, 3.5}, 0.3);

    /** The activity types drawn every day, in the order the rates below are given. */
    static final String[] DAILY_TYPES = {"call", "email", "meeting", "lead_created"};

    private final double[] ratesPerWorkingDay;
    private final double skillExponent;

    Role(double[] ratesPerWorkingDay, double skillExponent) {
        this.ratesPerWorkingDay = ratesPerWorkingDay;
        this.skillExponent = skillExponent;
    }

    public static Role of(String department) {
        String name = department == null ? "" : department.toLowerCase(Locale.ROOT);
        if (name.contains("success") || name.contains("support")) return SUCCESS;
        if (name.contains("marketing")) return MARKETING;
        return SALES;
    }

    /** How many of {@link #DAILY_TYPES}[type] an average person does on an ordinary working day. */
    double rate(int type) {
        return ratesPerWorkingDay[type];
    }

    /** How much more a skilled person does: strongly for sales, mildly for the others. */
    double volume(double skill) {
        return Math.pow(skill, skillExponent);
    }
}
