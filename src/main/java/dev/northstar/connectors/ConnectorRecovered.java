package dev.northstar.connectors;

/** Published when a connector that had been reported failing pulls successfully again. */
public record ConnectorRecovered(long companyId, long connectorId, String name, long received) {

    public String link() {
        return "/imports/connectors/" + connectorId;
    }
}
