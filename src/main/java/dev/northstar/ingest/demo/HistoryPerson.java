package dev.northstar.ingest.demo;

/** Someone the history is generated for: who they are and where they work today (team and department names). */
public record HistoryPerson(long id, String email, String team, String department) {
}
