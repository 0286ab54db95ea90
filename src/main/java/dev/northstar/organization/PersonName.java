package dev.northstar.organization;

public record PersonName(long id, String displayName) {
}
