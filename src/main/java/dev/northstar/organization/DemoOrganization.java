package dev.northstar.organization;

import dev.northstar.organization.internal.OrganizationRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates organizations from the project's own code (no third-party data): the demo companies with their
 * fixed logins, and organizations of any size for benchmarks. Deterministic for a given seed.
 */
@Service
public class DemoOrganization {

    public static final String DEMO_PASSWORD = "northstar";
    public static final String DEMO_COMPANY = "Demo Corp";
    public static final String OTHER_COMPANY = "Other Inc";

    /** What to build: departments with their teams, how many people per team, and who gets which fixed login. */
    public record Blueprint(String companyName, String emailDomain, List<DepartmentPlan> departments, int peoplePerTeam,
                            List<Login> logins, long seed) {
    }

    public record DepartmentPlan(String name, List<String> teams) {
    }

    /** A fixed login: {@code role} is admin, manager (of the department), lead or member (of the team). */
    public record Login(String email, String displayName, String role, String department, String team) {
    }

    /**
     * The ids of what was built, for tests and benchmarks, and what listeners of {@link DemoCompanyGenerated} added
     * to it (demo history, one line each).
     */
    public record Generated(long companyId, String companyName, List<Long> departmentIds, List<Long> teamIds,
                            List<Long> personIds, List<String> additions) {
    }

    private static final String[] FIRST = {"Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas",
            "Kira", "Liam", "Maya", "Noah", "Olivia", "Pavel", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera", "Wen", "Yusuf", "Zoe"};
    private static final String[] LAST = {"Andersen", "Berg", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haas", "Ito",
            "Jensen", "Kowalski", "Larsen", "Moreau", "Nakamura", "Olsen", "Petrov", "Quist", "Rossi", "Silva", "Tanaka", "Weber"};

    private final OrganizationRepository organization;
    private final PasswordEncoder passwords;
    private final ApplicationEventPublisher events;

    DemoOrganization(OrganizationRepository organization, PasswordEncoder passwords, ApplicationEventPublisher events) {
        this.organization = organization;
        this.passwords = passwords;
        this.events = events;
    }

    public static Blueprint demoCorp() {
        return new Blueprint(DEMO_COMPANY, "demo.northstar.dev", List.of(
                new DepartmentPlan("Sales", List.of("Enterprise", "Mid-Market", "SMB", "Inside Sales")),
                new DepartmentPlan("Customer Success", List.of("Onboarding", "Renewals")),
                new DepartmentPlan("Marketing", List.of("Demand Generation", "Partnerships"))),
                7,
                List.of(new Login("admin@demo.northstar.dev", "Alex Admin", "admin", null, null),
                        new Login("manager@demo.northstar.dev", "Morgan Manager", "manager", "Sales", null),
                        new Login("lead@demo.northstar.dev", "Lee Lead", "lead", "Sales", "Enterprise"),
                        new Login("rep@demo.northstar.dev", "Riley Rep", "member", "Sales", "Enterprise"),
                        new Login("other.manager@demo.northstar.dev", "Casey Success", "manager", "Customer Success", null)),
                20260101L);
    }

    public static Blueprint otherInc() {
        return new Blueprint(OTHER_COMPANY, "other.northstar.dev",
                List.of(new DepartmentPlan("Sales", List.of("Field Sales"))), 3,
                List.of(new Login("admin@other.northstar.dev", "Olive Other", "admin", null, null)), 7L);
    }

    /** A large organization for benchmarks: {@code departments x teamsPerDepartment} teams of {@code peoplePerTeam}. */
    public static Blueprint sized(String companyName, String emailDomain, int departments, int teamsPerDepartment, int peoplePerTeam, long seed) {
        List<DepartmentPlan> plans = new ArrayList<>();
        for (int d = 1; d <= departments; d++) {
            List<String> teams = new ArrayList<>();
            for (int t = 1; t <= teamsPerDepartment; t++) {
                teams.add("Team " + d + "." + t);
            }
            plans.add(new DepartmentPlan("Department " + d, teams));
        }
        return new Blueprint(companyName, emailDomain, plans, peoplePerTeam,
                List.of(new Login("admin@" + emailDomain, "Admin", "admin", null, null)), seed);
    }

    /**
     * Builds the blueprint as a new company. Everyone gets the demo password (hashed once: the same hash
     * for all, fine for demo data). About one person in ten moved teams 90 days ago, so there is history.
     */
    @Transactional
    public Generated generate(Blueprint blueprint) {
        Random random = new Random(blueprint.seed());
        String hash = passwords.encode(DEMO_PASSWORD);
        long companyId = organization.createCompany(new CompanySettings(blueprint.companyName(), "Europe/Oslo", "USD", 1, 1));
        LocalDate today = organization.today(companyId);
        LocalDate start = today.minusYears(1).withDayOfMonth(1);
        LocalDate moveDay = today.minusDays(90);

        List<Long> departmentIds = new ArrayList<>();
        List<Long> teamIds = new ArrayList<>();
        List<Long> personIds = new ArrayList<>();
        java.util.Map<String, Long> departmentByName = new java.util.HashMap<>();
        java.util.Map<String, Long> teamByName = new java.util.HashMap<>();
        for (DepartmentPlan plan : blueprint.departments()) {
            long departmentId = organization.createDepartment(companyId, plan.name());
            departmentIds.add(departmentId);
            departmentByName.put(plan.name(), departmentId);
            for (String teamName : plan.teams()) {
                long teamId = organization.createTeam(companyId, departmentId, teamName);
                teamIds.add(teamId);
                teamByName.put(plan.name() + "/" + teamName, teamId);
            }
        }
        for (Login login : blueprint.logins()) {
            long personId = organization.createPerson(companyId, login.email(), login.displayName(), hash);
            personIds.add(personId);
            switch (login.role()) {
                case "admin" -> organization.setAdmin(companyId, personId, true);
                case "manager" -> organization.setDepartmentManager(companyId, departmentByName.get(login.department()), personId, true);
                case "lead" -> {
                    long teamId = teamByName.get(login.department() + "/" + login.team());
                    organization.setTeamLead(companyId, teamId, personId, true);
                    organization.addMembership(companyId, personId, teamId, start, null);
                }
                case "member" -> organization.addMembership(companyId, personId, teamByName.get(login.department() + "/" + login.team()), start, null);
                default -> throw new IllegalArgumentException("Unknown demo role " + login.role());
            }
        }
        int n = 0;
        for (int t = 0; t < teamIds.size(); t++) {
            long teamId = teamIds.get(t);
            for (int i = 0; i < blueprint.peoplePerTeam(); i++, n++) {
                String first = FIRST[random.nextInt(FIRST.length)];
                String last = LAST[random.nextInt(LAST.length)];
                String email = (first + "." + last + "." + n + "@" + blueprint.emailDomain()).toLowerCase(java.util.Locale.ROOT);
                long personId = organization.createPerson(companyId, email, first + " " + last, hash);
                personIds.add(personId);
                boolean moved = teamIds.size() > 1 && random.nextInt(10) == 0;
                if (moved) {
                    long earlierTeam = teamIds.get((t + 1) % teamIds.size());
                    organization.addMembership(companyId, personId, earlierTeam, start, null);
                    organization.addMembership(companyId, personId, teamId, moveDay, null);
                } else {
                    organization.addMembership(companyId, personId, teamId, start, null);
                }
                if (i == 0 && organization.roleHolders(companyId).teamLeads().stream().noneMatch(l -> l.teamId() == teamId)) {
                    organization.setTeamLead(companyId, teamId, personId, true);
                }
            }
        }
        organization.refreshStatistics();
        // Synchronous listeners run here, in this transaction: the company and its demo data commit together.
        DemoCompanyGenerated generated = new DemoCompanyGenerated(companyId, blueprint.companyName(), blueprint.seed());
        events.publishEvent(generated);
        return new Generated(companyId, blueprint.companyName(), departmentIds, teamIds, personIds, List.copyOf(generated.additions()));
    }

    /**
     * Everyone in a company with the team they are in today. For generators that add demo data to a company
     * built here (the system asks, not a person, so there is no viewer to check).
     */
    @Transactional(readOnly = true)
    public List<Person> people(long companyId) {
        return organization.people(companyId);
    }

    /** A company's settings, for the same generators. */
    @Transactional(readOnly = true)
    public Company company(long companyId) {
        return organization.company(companyId);
    }

    /**
     * The demo companies, unless they exist: what {@code ./mvnw spring-boot:run} shows on first start.
     * Returns what was built, nothing when they were already there.
     */
    @Transactional
    public List<Generated> generateDemoCompaniesIfMissing() {
        if (organization.personWithEmailExists(demoCorp().logins().get(0).email())) {
            return List.of();
        }
        return List.of(generate(demoCorp()), generate(otherInc()));
    }
}
