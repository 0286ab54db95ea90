package dev.northstar.accounts;

/** A customer account as the accounts pages show it; {@code ownerId} and {@code ownerName} are null without an owner. */
public record Account(long id, String name, String source, String externalId, Long ownerId, String ownerName, String segment,
                      String industry) {
}
