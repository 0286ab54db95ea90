package dev.northstar.targets;

/**
 * How a value stands against its pace. Each status has a word and an icon name besides its colour, so that colour is
 * never the only signal (colour-blind readers, printouts, screen readers).
 */
public enum Status {
    GREEN("On track", "circle-check", "green"),
    AMBER("At risk", "triangle-alert", "amber"),
    RED("Off track", "circle-x", "red"),
    /** There is a value but no target to judge it by. */
    NONE("No target", "circle-minus", "grey"),
    /** There is a target but no value yet: not the same as zero. */
    NO_DATA("No data", "circle-help", "grey");

    private final String word;
    private final String icon;
    private final String colour;

    Status(String word, String icon, String colour) {
        this.word = word;
        this.icon = icon;
        this.colour = colour;
    }

    public String word() {
        return word;
    }

    /** An icon name of the Lucide set, which pages can map to their own icons. */
    public String icon() {
        return icon;
    }

    public String colour() {
        return colour;
    }
}
