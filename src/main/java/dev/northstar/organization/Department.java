package dev.northstar.organization;

import java.util.List;

public record Department(long id, String name, boolean archived, List<PersonName> managers) {
}
