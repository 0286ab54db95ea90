package dev.northstar.ingest.demo;

/** A customer or prospect account; {@code parentRef} is the external id of its parent account, if any. */
public record GeneratedAccount(String externalId, String name, long ownerId, String segment, String industry,
                               String parentRef) {
}
