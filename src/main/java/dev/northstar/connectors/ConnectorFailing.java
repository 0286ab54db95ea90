package dev.northstar.connectors;

/**
 * Published when a connector's pulls have failed {@code failures} times in a row, reaching its alert threshold: once
 * per run of failures, in the transaction that records the failure.
 */
public record ConnectorFailing(long companyId, long connectorId, String name, int failures, String error) {

    public String link() {
        return "/imports/connectors/" + connectorId;
    }
}
