package dev.northstar.access;

import java.io.Serializable;

/** Who is logged in (by form or by API token): the principal of every authenticated request. */
public record AuthenticatedPerson(long companyId, long personId, String email) implements Serializable {
}
