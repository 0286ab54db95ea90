package dev.northstar.ingest;

import dev.northstar.shared.Sha256;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The company that {@link KillDuringImportTest} imports into, written straight into the tables of a running server's
 * database (which has no other way in without a login): two departments of two teams with two reps each since 2025,
 * one rep moving team in the middle of the imported months, and an admin with an API token.
 */
record KillTestCompany(long id, String token, List<Long> reps) {

    static final LocalDate MOVE = LocalDate.of(2026, 5, 15);

    static KillTestCompany create(JdbcClient jdbc) {
        long company = jdbc.sql("insert into company (name, time_zone, currency) values ('Killed Import Co', 'Europe/Oslo', 'EUR') returning id")
                .query(Long.class).single();
        List<Long> teams = new ArrayList<>();
        for (String department : List.of("Sales", "Success")) {
            long departmentId = jdbc.sql("insert into department (company_id, name) values (?, ?) returning id").params(company, department)
                    .query(Long.class).single();
            for (String team : List.of("North", "South")) {
                teams.add(jdbc.sql("insert into team (company_id, department_id, name) values (?, ?, ?) returning id")
                        .params(company, departmentId, department + " " + team).query(Long.class).single());
            }
        }
        List<Long> reps = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            long rep = person(jdbc, company, "rep" + i);
            long team = teams.get(i % teams.size());
            if (i == 0) { // moves before any record arrives: the team stamps of the cells follow the history
                member(jdbc, company, rep, team, LocalDate.of(2025, 1, 1), MOVE);
                member(jdbc, company, rep, teams.get(1), MOVE, null);
            } else {
                member(jdbc, company, rep, team, LocalDate.of(2025, 1, 1), null);
            }
            reps.add(rep);
        }
        long admin = person(jdbc, company, "admin");
        jdbc.sql("insert into company_admin (company_id, person_id) values (?, ?)").params(company, admin).update();
        String secret = "ns_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("insert into api_token (company_id, person_id, name, token_hash, prefix) values (?, ?, 'import', ?, ?)")
                .params(company, admin, Sha256.hex(secret), secret.substring(0, 10)).update();
        return new KillTestCompany(company, secret, List.copyOf(reps));
    }

    private static long person(JdbcClient jdbc, long company, String name) {
        return jdbc.sql("insert into person (company_id, email, display_name) values (?, ?, ?) returning id")
                .params(company, name + "@killed-import.test", name).query(Long.class).single();
    }

    private static void member(JdbcClient jdbc, long company, long person, long team, LocalDate from, LocalDate to) {
        jdbc.sql("insert into membership (company_id, person_id, team_id, valid_from, valid_to) values (?, ?, ?, ?, ?)")
                .params(company, person, team, from, to).update();
    }
}
