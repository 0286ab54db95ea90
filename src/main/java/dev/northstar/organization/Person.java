package dev.northstar.organization;

/** A person with the team they are in today (null when in none). */
public record Person(long id, String email, String displayName, boolean active, boolean admin,
                     Long teamId, String teamName, Long departmentId, String departmentName) {
}
