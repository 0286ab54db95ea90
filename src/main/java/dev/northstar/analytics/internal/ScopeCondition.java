package dev.northstar.analytics.internal;

import dev.northstar.shared.Scope;

/**
 * Which records a scope counts, as a SQL condition on a record's person and day. A team counts the records of the
 * people who were its members on the record's day (memberships are effective-dated, so a move splits a person's
 * records between the old and the new team at the move's date); a department counts the records of its teams'
 * members in the same way; the company counts every record, also of people in no team.
 */
final class ScopeCondition {

    private ScopeCondition() {
    }

    /**
     * @param person SQL expression of the person a record belongs to (may be null: such records count for the company only)
     * @param day    SQL expression of the record's day in the company's calendar (a date)
     */
    static String of(Scope scope, String person, String day, long companyId, Sql sql) {
        if (scope instanceof Scope.Company) {
            return "true";
        }
        if (scope instanceof Scope.Person) {
            return person + " = " + sql.bind(((Scope.Person) scope).id());
        }
        String teams;
        if (scope instanceof Scope.Team) {
            teams = "m.team_id = " + sql.bind(((Scope.Team) scope).id());
        } else if (scope instanceof Scope.Department) {
            // A team counts for the department it belongs to now: teams keep no history of moves between departments.
            teams = "m.team_id in (select t.id from team t where t.company_id = " + sql.bind(companyId)
                    + " and t.department_id = " + sql.bind(((Scope.Department) scope).id()) + ")";
        } else {
            throw new IllegalArgumentException("unknown scope " + scope);
        }
        return "exists (select 1 from membership m where m.company_id = " + sql.bind(companyId) + " and m.person_id = " + person
                + " and " + teams + " and m.valid_from <= " + day + " and (m.valid_to is null or m.valid_to > " + day + "))";
    }
}
