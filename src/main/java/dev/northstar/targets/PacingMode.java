package dev.northstar.targets;

/** How much of a period counts as gone by today. */
public enum PacingMode {
    /** Calendar days: every day of the period weighs the same. The default. */
    LINEAR,
    /** Monday to Friday only: a weekend moves the pace on by nothing. Holidays are not known, so they count as working days. */
    WORKING_DAYS
}
