package dev.northstar.ingest;

import dev.northstar.DemoFixture;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.ingest.BatchResult.FieldError;
import dev.northstar.ingest.Ingest.LoadSummary;
import dev.northstar.ingest.Ingest.Mode;
import dev.northstar.ingest.PeopleImport.PeopleOptions;
import dev.northstar.organization.Department;
import dev.northstar.organization.DemoOrganization;
import dev.northstar.organization.Membership;
import dev.northstar.organization.OrganizationService;
import dev.northstar.organization.Person;
import dev.northstar.organization.PersonName;
import dev.northstar.organization.Team;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Importing people: departments, teams, leads and memberships found or created, moves, dry runs, rejected rows, access,
 * and the real CRM exports in /work/shared/datasets. Each test imports into a company of its own, so that it can count.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PeopleImportTest {

    static final Path MAVEN_TEAMS = Path.of("/work/shared/datasets/maven-crm-sales-opportunities/sales_teams.csv");
    static final Path ZOHO_USERS = Path.of("/work/shared/datasets/zoho-crm-sample-activities/Users.csv");

    @Autowired PeopleImport people;
    @Autowired OrganizationService organization;
    @Autowired OrganizationDirectory directory;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;
    @Autowired DemoOrganization demo;
    String run;
    String domain;

    @BeforeEach
    void run() {
        run = "p" + System.nanoTime();
        domain = run + ".example";
    }

    @Test
    void aSmallOrganizationLoadsWithItsTeamsLeadsAndMembersAndLoadingItAgainChangesNothing() {
        Viewer admin = newCompany();
        List<RawRecord> rows = List.of(
                row(1, "name", "Mara Chief", "email", "Mara@" + domain, "department", "Sales"),
                row(2, "name", "Ann Agent", "email", "ann@" + domain, "department", "sales", "manager", "Mara Chief"),
                row(3, "name", "Bo Berg", "team", "Hunters", "department", "Sales", "manager", "mara@" + domain),
                row(4, "name", "Zoë Ångström", "team", "hunters"),
                row(5, "name", "Dee Dunn", "department", "Support", "manager", "Sam Support"),
                row(6, "name", "Solo Boss", "department", "Support", "manager", "Solo Boss"));

        List<Rejection> rejected = new ArrayList<>();
        assertThat(load(admin, rows, Mode.COMMIT, rejected)).isEqualTo(new LoadSummary(6, 6, 0, 0, 0));
        assertThat(rejected).isEmpty();

        assertThat(organization.departments(admin)).extracting(Department::name).containsExactly("Sales", "Support");
        Map<String, Team> teams = organization.teams(admin).stream().collect(Collectors.toMap(Team::name, Function.identity()));
        assertThat(teams.keySet()).containsExactlyInAnyOrder("Mara Chief's team", "Hunters", "Sam Support's team", "Solo Boss's team");
        assertThat(teams.get("Mara Chief's team").departmentName()).isEqualTo("Sales");
        assertThat(teams.get("Hunters").departmentName()).isEqualTo("Sales");
        assertThat(teams.get("Sam Support's team").departmentName()).isEqualTo("Support");
        assertThat(teams.get("Mara Chief's team").leads()).extracting(PersonName::displayName).containsExactly("Mara Chief");
        assertThat(teams.get("Hunters").leads()).extracting(PersonName::displayName).containsExactly("Mara Chief");
        assertThat(teams.get("Sam Support's team").leads()).extracting(PersonName::displayName).containsExactly("Sam Support");

        Map<String, Person> byName = peopleByName(admin);
        assertThat(byName.get("Mara Chief").email()).as("addresses are kept in lower case").isEqualTo("mara@" + domain);
        assertThat(byName.get("Mara Chief").teamId()).as("a row without team or manager joins no team").isNull();
        assertThat(byName.get("Ann Agent").teamName()).isEqualTo("Mara Chief's team");
        assertThat(byName.get("Bo Berg").email()).isEqualTo("bo.berg@" + domain);
        assertThat(byName.get("Bo Berg").teamName()).isEqualTo("Hunters");
        assertThat(byName.get("Zoë Ångström").email()).isEqualTo("zoe.angstrom@" + domain);
        assertThat(byName.get("Zoë Ångström").teamName()).as("an existing team is found by its name alone").isEqualTo("Hunters");
        assertThat(byName.get("Sam Support").email()).as("an unknown manager is created").isEqualTo("sam.support@" + domain);
        assertThat(byName.get("Dee Dunn").departmentName()).isEqualTo("Support");
        assertThat(byName.get("Solo Boss").teamName()).as("someone may lead the team they are in").isEqualTo("Solo Boss's team");
        assertThat(teams.get("Solo Boss's team").leads()).extracting(PersonName::displayName).containsExactly("Solo Boss");
        assertThat(organization.membershipsOfPerson(admin, byName.get("Ann Agent").id()))
                .extracting(Membership::validFrom, Membership::validTo).containsExactly(tuple(organization.today(admin), null));
        assertThat(jdbc.sql("select count(*) from person where company_id = ? and password_hash is not null").param(admin.companyId())
                .query(Long.class).single()).as("imported people cannot log in until an admin sets a password").isZero();

        assertThat(load(admin, rows, Mode.COMMIT, new ArrayList<>())).isEqualTo(new LoadSummary(6, 0, 0, 6, 0));
        assertThat(organization.people(admin)).hasSize(8); // the admin, six rows and the manager they named
    }

    @Test
    void aMovedPersonIsUpdatedAndTheirOldMembershipEndsToday() {
        Viewer admin = newCompany();
        Department sales = organization.createDepartment(admin, "Sales");
        Team alpha = organization.createTeam(admin, sales.id(), "Alpha");
        LocalDate today = organization.today(admin);
        Person eve = organization.createPerson(admin, "eve@" + domain, "Eve Early", null, alpha.id(), today.minusDays(30));
        Person fay = organization.createPerson(admin, "fay@" + domain, "Fay Former", null, alpha.id(), today.minusDays(30));

        LoadSummary summary = load(admin, List.of(
                row(1, "name", "Eve Early", "email", "EVE@" + domain, "team", "Beta", "department", "Sales"),
                row(2, "name", "Fay Renamed", "email", "fay@" + domain, "team", "Alpha"),
                row(3, "name", "Gus Same", "email", "gus@" + domain, "team", "Alpha")), Mode.COMMIT, new ArrayList<>());

        assertThat(summary).isEqualTo(new LoadSummary(3, 1, 2, 0, 0));
        assertThat(organization.membershipsOfPerson(admin, eve.id()))
                .extracting(Membership::teamName, Membership::validFrom, Membership::validTo)
                .containsExactly(tuple("Alpha", today.minusDays(30), today),
                        tuple("Beta", today, null));
        assertThat(organization.person(admin, fay.id()).displayName()).isEqualTo("Fay Renamed");
        assertThat(organization.membershipsOfPerson(admin, fay.id())).as("a rename alone keeps the membership").hasSize(1);
    }

    @Test
    void aDryRunReportsWhatAnImportWouldDoAndKeepsNothing() {
        Viewer admin = newCompany();
        List<RawRecord> rows = List.of(
                row(2, "name", "Hal Dry", "department", "Dry " + run, "manager", "Ida Dry"),
                row(3, "name", "Hal Dry"));
        List<String> dryRejections = new ArrayList<>();

        LoadSummary dry = people.load(admin, rows.iterator(), new PeopleOptions(domain), Mode.DRY_RUN,
                (line, label, errors) -> dryRejections.add(line + " " + label + " " + errors.get(0).reason()));

        assertThat(dry).isEqualTo(new LoadSummary(2, 1, 0, 0, 1));
        assertThat(dryRejections).containsExactly("3 Hal Dry repeats line 2: each person once per file; the first one is kept");
        assertThat(jdbc.sql("select count(*) from person where email like ?").param("%@" + domain).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from department where company_id = ?").param(admin.companyId()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from team where company_id = ?").param(admin.companyId()).query(Long.class).single()).isZero();

        assertThat(load(admin, rows, Mode.COMMIT, new ArrayList<>())).isEqualTo(dry);
        assertThat(peopleByName(admin)).containsKeys("Hal Dry", "Ida Dry");
    }

    @Test
    void badRowsAreRejectedWithLineFieldValueAndReasonAndLeaveNothingBehind() {
        new DemoFixture(jdbc, demo); // Other Inc, whose admin's address this company cannot have
        Viewer admin = newCompany();
        List<Rejection> rejected = new ArrayList<>();

        LoadSummary summary = people.load(admin, List.of(
                row(2, "email", "nameless@" + domain),
                row(3, "name", "Tom Team", "email", "tom@" + domain, "team", "Nowhere"),
                row(4, "name", "Olive Again", "email", "ADMIN@other.northstar.dev"),
                row(5, "name", "Uma Ok", "email", "uma@" + domain),
                row(6, "name", "Uma Twice", "email", "Uma@" + domain),
                row(7, "name", "Vic Noaddress"),
                row(8, "name", "Wes Ghost", "email", "wes@" + domain, "department", "Ghosts", "manager", "Nobody Known"),
                row(9, "name", "Xan Bad", "email", "not-an-address"),
                row(10, "name", "Yan Later", "email", "yan@" + domain, "department", "Ghosts", "team", "Spooks")).iterator(),
                new PeopleOptions(null), Mode.COMMIT, (line, label, errors) -> rejected.add(new Rejection(line, label, errors.get(0))));

        assertThat(summary).isEqualTo(new LoadSummary(9, 2, 0, 0, 7));
        assertThat(rejected).containsExactly(
                new Rejection(2, "nameless@" + domain, new FieldError("name", null, "is required")),
                new Rejection(3, "Tom Team", new FieldError("team", "Nowhere", "does not exist; give a department to create it in")),
                new Rejection(4, "Olive Again", new FieldError("email", "ADMIN@other.northstar.dev", "the e-mail address admin@other.northstar.dev "
                        + "belongs to someone outside this company (addresses are unique across the installation); use another one")),
                new Rejection(6, "Uma Twice", new FieldError("email", "Uma@" + domain, "repeats line 5: each person once per file; the first one is kept")),
                new Rejection(7, "Vic Noaddress", new FieldError("email", null, "is required; or give an e-mail domain to make addresses from names")),
                new Rejection(8, "Wes Ghost", new FieldError("manager", "Nobody Known", "is unknown; import them first or give an e-mail domain")),
                new Rejection(9, "Xan Bad", new FieldError("email", "not-an-address", "is not an e-mail address")));
        assertThat(peopleByName(admin)).containsKeys("Uma Ok", "Yan Later").doesNotContainKeys("Tom Team", "Olive Again", "Uma Twice", "Wes Ghost");
        // Line 8's department was undone with it, in the database and in what the import remembers, so line 10 creates it afresh.
        assertThat(organization.teams(admin)).extracting(Team::departmentName, Team::name).containsExactly(tuple("Ghosts", "Spooks"));
        assertThat(organization.departments(admin)).extracting(Department::name).containsExactly("Ghosts");
    }

    @Test
    void theApiImportsABatchForCompanyAdminsOnly() throws Exception {
        DemoFixture org = new DemoFixture(jdbc, demo);
        String batch = "{\"records\":[{\"name\":\"Api Person " + run + "\",\"department\":\"Api " + run + "\",\"manager\":\"Api Lead " + run + "\"},"
                + "{\"email\":\"nobody@" + domain + "\"}]}";

        mvc.perform(post("/api/v1/people/batch").param("emailDomain", domain).with(org.as("rep@demo.northstar.dev")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(batch))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.detail").value(containsString("only company admins can import people")));
        mvc.perform(post("/api/v1/people/batch").param("emailDomain", domain).param("dryRun", "true").with(org.as("admin@demo.northstar.dev"))
                        .with(csrf()).contentType(MediaType.APPLICATION_JSON).content(batch))
                .andExpect(status().isOk()).andExpect(jsonPath("$.dryRun").value(true))
                .andExpect(jsonPath("$.created").value(1)).andExpect(jsonPath("$.rejected").value(1))
                .andExpect(jsonPath("$.rejections[0].index").value(1))
                .andExpect(jsonPath("$.rejections[0].person").value("nobody@" + domain))
                .andExpect(jsonPath("$.rejections[0].errors[0].field").value("name"));
        assertThat(jdbc.sql("select count(*) from person where email like ?").param("%@" + domain).query(Long.class).single()).isZero();

        mvc.perform(post("/api/v1/people/batch").param("emailDomain", domain).with(org.as("admin@demo.northstar.dev")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(batch))
                .andExpect(status().isOk()).andExpect(jsonPath("$.dryRun").value(false)).andExpect(jsonPath("$.created").value(1));
        assertThat(jdbc.sql("""
                        select t.name || ' / ' || p.email from team t join team_lead l on l.team_id = t.id join person p on p.id = l.person_id
                        where t.company_id = ? and t.name like ?""")
                .params(org.company(DemoOrganization.DEMO_COMPANY), "Api Lead " + run + "%").query(String.class).single())
                .isEqualTo("Api Lead " + run + "'s team / api.lead." + run + "@" + domain);
        mvc.perform(post("/api/v1/people/batch").param("emailDomain", "not a domain").with(org.as("admin@demo.northstar.dev")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(batch))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("emailDomain"));
    }

    @Test
    void theMavenCrmSalesTeamsLoadAsRegionsWithOneTeamPerManager() throws IOException {
        Assumptions.assumeTrue(Files.exists(MAVEN_TEAMS), "shared datasets not present");
        Viewer admin = newCompany();
        List<RawRecord> rows = csv(MAVEN_TEAMS, Map.of("sales_agent", "name", "manager", "manager", "regional_office", "department"));
        List<Rejection> rejected = new ArrayList<>();

        LoadSummary summary = people.load(admin, rows.iterator(), new PeopleOptions("maven.example"), Mode.COMMIT,
                (line, label, errors) -> rejected.add(new Rejection(line, label, errors.get(0))));
        System.out.println("Maven CRM sales_teams.csv: " + summary + (rejected.isEmpty() ? "" : " " + rejected));

        assertThat(rejected).isEmpty();
        assertThat(summary).isEqualTo(new LoadSummary(35, 35, 0, 0, 0));
        assertThat(organization.departments(admin)).extracting(Department::name).containsExactly("Central", "East", "West");
        Map<String, String> regionOfManager = rows.stream().collect(Collectors.toMap(r -> r.get("manager"), r -> r.get("department"), (a, b) -> a));
        assertThat(regionOfManager).hasSize(6);
        List<Team> teams = organization.teams(admin);
        assertThat(teams).hasSize(6).allSatisfy(team -> {
            assertThat(team.leads()).hasSize(1);
            String manager = team.leads().get(0).displayName();
            assertThat(team.name()).isEqualTo(manager + "'s team");
            assertThat(team.departmentName()).isEqualTo(regionOfManager.get(manager));
        });
        Map<String, Person> byName = peopleByName(admin);
        assertThat(byName).hasSize(35 + 6 + 1); // agents, managers, the admin
        assertThat(rows).allSatisfy(r -> assertThat(byName.get(r.get("name")).teamName()).isEqualTo(r.get("manager") + "'s team"));
        assertThat(byName.get("Dustin Brinkmann").email()).isEqualTo("dustin.brinkmann@maven.example");
        assertThat(byName.get("Mei-Mei Johns").email()).isEqualTo("mei-mei.johns@maven.example");

        LoadSummary again = people.load(admin, rows.iterator(), new PeopleOptions("maven.example"), Mode.COMMIT, (l, n, e) -> { });
        System.out.println("Maven CRM sales_teams.csv again: " + again);
        assertThat(again).isEqualTo(new LoadSummary(35, 0, 0, 35, 0));
    }

    @Test
    void theZohoCrmUsersLoadByTheirAddresses() throws IOException {
        Assumptions.assumeTrue(Files.exists(ZOHO_USERS), "shared datasets not present");
        Viewer admin = newCompany();
        // "Last Name" holds the whole name in this export; "First Name" is empty.
        List<RawRecord> rows = csv(ZOHO_USERS, Map.of("Last Name", "name", "Email", "email"));

        LoadSummary summary = people.load(admin, rows.iterator(), new PeopleOptions(null), Mode.COMMIT, (l, n, e) -> { });

        System.out.println("Zoho CRM Users.csv: " + summary);
        assertThat(summary).isEqualTo(new LoadSummary(11, 11, 0, 0, 0));
        assertThat(peopleByName(admin).get("Santa Cruz Clara").email()).isEqualTo("santa@finepick.com");
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    record Rejection(long line, String label, FieldError error) {
    }

    /** One row of a file, with its fields by the keys of RecordKind.PEOPLE. */
    record Row(long line, Map<String, String> fields) implements RawRecord {
        @Override
        public String get(String field) {
            return fields.get(field);
        }
    }

    static Row row(long line, String... keysAndValues) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Row(line, fields);
    }

    /** A file without quotes: split on commas, columns mapped to fields by header; line numbers as an editor shows them. */
    static List<RawRecord> csv(Path file, Map<String, String> fieldOfColumn) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = List.of(lines.get(0).strip().split(",", -1));
        List<RawRecord> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).strip().split(",", -1);
            Map<String, String> fields = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String field = fieldOfColumn.get(header.get(c));
                if (field != null && c < cells.length && !cells[c].isBlank()) {
                    fields.put(field, cells[c].strip());
                }
            }
            rows.add(new Row(i + 1, fields));
        }
        return rows;
    }

    /** A company of the test's own, with one admin, so that the test can count what it holds. */
    Viewer newCompany() {
        long company = jdbc.sql("insert into company (name, time_zone) values (?, 'Europe/Oslo') returning id")
                .param("People " + run).query(Long.class).single();
        long admin = jdbc.sql("insert into person (company_id, email, display_name) values (?, ?, ?) returning id")
                .params(company, "admin@" + run + ".test", "Admin " + run).query(Long.class).single();
        jdbc.sql("insert into company_admin (company_id, person_id) values (?, ?)").params(company, admin).update();
        return directory.viewer(company, admin).orElseThrow();
    }

    LoadSummary load(Viewer viewer, List<RawRecord> rows, Mode mode, List<Rejection> rejected) {
        return people.load(viewer, rows.iterator(), new PeopleOptions(domain), mode,
                (line, label, errors) -> rejected.add(new Rejection(line, label, errors.get(0))));
    }

    Map<String, Person> peopleByName(Viewer viewer) {
        return organization.people(viewer).stream().collect(Collectors.toMap(Person::displayName, Function.identity()));
    }
}
