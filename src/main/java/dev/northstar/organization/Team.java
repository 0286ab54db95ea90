package dev.northstar.organization;

import java.util.List;

/** A team with its department and how many people are in it today. */
public record Team(long id, String name, long departmentId, String departmentName, boolean archived,
                   int memberCount, List<PersonName> leads) {
}
