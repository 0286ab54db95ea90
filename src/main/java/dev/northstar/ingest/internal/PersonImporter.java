package dev.northstar.ingest.internal;

import dev.northstar.access.Viewer;
import dev.northstar.ingest.BatchResult.Outcome;
import dev.northstar.ingest.RawRecord;
import dev.northstar.organization.Department;
import dev.northstar.organization.OrganizationService;
import dev.northstar.organization.Person;
import dev.northstar.organization.Team;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.NotFoundException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Imports one row of a people file at a time: finds or creates the person, their department, team and manager,
 * makes the manager lead of the team and puts the person in it from today. Everything goes through
 * {@link OrganizationService}, which keeps the organization's rules. A row is all or nothing: it runs in a
 * savepoint, so a row rejected half-way leaves neither a department nor a manager behind.
 * Call it inside a transaction (the savepoints need one); one instance serves one import.
 */
public final class PersonImporter {

    private static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";
    private static final int MAX_NAME = 200;

    private final Viewer viewer;
    private final OrganizationService organization;
    private final TransactionTemplate savepoint;
    private final EmailFromName emails;
    private final OrganizationSnapshot snapshot;
    private final LocalDate today;
    /** The first line of each e-mail address, to reject a person who appears twice. */
    private final Map<String, Long> firstLines = new HashMap<>();
    /** Whether the current row changed anything, for an existing person: updated or unchanged. */
    private boolean changed;

    /**
     * @param emails makes addresses for rows without one; null when every row must have its own
     */
    public PersonImporter(Viewer viewer, OrganizationService organization, PlatformTransactionManager transactions, EmailFromName emails) {
        this.viewer = viewer;
        this.organization = organization;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.emails = emails;
        this.snapshot = new OrganizationSnapshot(organization.people(viewer), organization.departments(viewer), organization.teams(viewer));
        this.today = organization.today(viewer);
    }

    /** Created, updated (renamed, moved, or given a new team or lead) or unchanged; throws {@link RowRejected}. */
    public Outcome importRow(RawRecord row) {
        if (row.unreadable() != null) {
            throw new RowRejected("record", null, row.unreadable());
        }
        int mark = snapshot.mark();
        try {
            return savepoint.execute(status -> place(row));
        } catch (RowRejected e) {
            snapshot.undoTo(mark);
            throw e;
        }
    }

    private Outcome place(RawRecord row) {
        changed = false;
        String name = name(row.get("name"));
        String email = email(row.get("email"), name);
        String shown = row.get("email") != null ? row.get("email") : email; // as the file has it, or as made from the name
        Long first = firstLines.putIfAbsent(email, row.line());
        if (first != null) {
            throw new RowRejected("email", shown, "repeats line " + first + ": each person once per file; the first one is kept");
        }
        boolean created = snapshot.personByEmail(email) == null;
        if (created) {
            requireFree(email, "email", shown);
        }
        Department department = department(row.get("department"));
        Person manager = manager(row.get("manager"));
        Team team = team(row.get("team"), department, manager);
        if (manager != null) {
            lead(team, manager);
        }
        Person person = snapshot.personByEmail(email); // again: someone who manages their own team was just created as its manager
        person = person == null ? create(email, name, "email", shown) : renamed(person, name);
        if (team != null) {
            join(person, team);
        }
        return created ? Outcome.CREATED : changed ? Outcome.UPDATED : Outcome.UNCHANGED;
    }

    private static String name(String value) {
        String name = value == null ? "" : value.strip();
        if (name.isEmpty()) {
            throw new RowRejected("name", null, "is required");
        }
        if (name.length() > MAX_NAME) {
            throw new RowRejected("name", value, "must be at most " + MAX_NAME + " characters");
        }
        return name;
    }

    private String email(String value, String name) {
        if (value != null) {
            String email = value.strip().toLowerCase(Locale.ROOT);
            if (!email.matches(EMAIL)) {
                throw new RowRejected("email", value, "is not an e-mail address");
            }
            return email;
        }
        if (emails == null) {
            throw new RowRejected("email", null, "is required; or give an e-mail domain to make addresses from names");
        }
        return generated(name, "email", null);
    }

    private String generated(String name, String field, String value) {
        return emails.address(name).orElseThrow(() -> new RowRejected(field, value,
                "no e-mail address can be made from the name '" + name + "' (no Latin letters or digits); give one"));
    }

    /** The address is the login and unique across the installation: someone in another company may hold it. */
    private void requireFree(String email, String field, String value) {
        if (organization.emailInUse(viewer, email)) {
            throw new RowRejected(field, value, "the e-mail address " + email + " belongs to someone outside this company "
                    + "(addresses are unique across the installation); use another one");
        }
    }

    private Department department(String value) {
        if (value == null) {
            return null;
        }
        String name = value.strip();
        List<Department> named = snapshot.departmentsNamed(name);
        Department active = named.stream().filter(d -> !d.archived()).findFirst().orElse(null);
        if (active != null) {
            return active;
        }
        if (!named.isEmpty()) {
            throw new RowRejected("department", value, "the " + named.get(0).name() + " department is archived; restore it first");
        }
        Department created = attempt("department", value, () -> organization.createDepartment(viewer, name));
        snapshot.put(created);
        changed = true;
        return created;
    }

    /** By e-mail address or exact full name; created (with a made-up address) when unknown and a domain is given. */
    private Person manager(String value) {
        if (value == null) {
            return null;
        }
        String manager = value.strip();
        if (manager.contains("@")) {
            Person byEmail = snapshot.personByEmail(manager);
            if (byEmail == null) {
                throw new RowRejected("manager", value, "no one in this company has this e-mail address; import them first");
            }
            return byEmail;
        }
        List<Person> named = snapshot.peopleNamed(manager);
        if (named.size() > 1) {
            throw new RowRejected("manager", value, named.size() + " people have this name; give the manager's e-mail address instead");
        }
        if (named.size() == 1) {
            return named.get(0);
        }
        if (emails == null) {
            throw new RowRejected("manager", value, "is unknown; import them first or give an e-mail domain");
        }
        String email = generated(manager, "manager", value);
        Person sameAddress = snapshot.personByEmail(email);
        if (sameAddress != null) {
            return sameAddress; // the name is spelled differently from the one on file, the address is theirs
        }
        requireFree(email, "manager", value);
        return create(email, manager, "manager", value);
    }

    /** The team named in the row, or else the manager's own team; in the row's department, or found by name alone. */
    private Team team(String value, Department department, Person manager) {
        if (value == null && manager == null) {
            return null;
        }
        String name = value != null ? value.strip() : manager.displayName() + "'s team";
        String field = value != null ? "team" : "manager";
        String given = value != null ? value : manager.displayName();
        List<Team> named = snapshot.teamsNamed(name);
        if (department != null) {
            named = named.stream().filter(t -> t.departmentId() == department.id()).toList();
        }
        List<Team> active = named.stream().filter(t -> !t.archived()).toList();
        if (active.size() > 1) {
            throw new RowRejected(field, given, "teams named '" + name + "' exist in " + active.stream().map(Team::departmentName)
                    .collect(Collectors.joining(" and ")) + "; give the department");
        }
        if (active.size() == 1) {
            return active.get(0);
        }
        if (!named.isEmpty()) {
            throw new RowRejected(field, given, "the " + named.get(0).name() + " team in " + named.get(0).departmentName()
                    + " is archived; restore it first");
        }
        if (department == null) {
            throw value != null
                    ? new RowRejected("team", value, "does not exist; give a department to create it in")
                    : new RowRejected("department", null, "is required to create the team '" + name + "' for this manager");
        }
        Team created = attempt(field, given, () -> organization.createTeam(viewer, department.id(), name));
        snapshot.put(created);
        changed = true;
        return created;
    }

    private void lead(Team team, Person manager) {
        if (team.leads().stream().noneMatch(l -> l.id() == manager.id())) {
            snapshot.put(attempt("manager", manager.displayName(), () -> organization.setTeamLead(viewer, team.id(), manager.id(), true)));
            changed = true;
        }
    }

    private Person create(String email, String name, String field, String value) {
        // No password: they cannot log in until an admin sets one.
        Person created = attempt(field, value, () -> organization.createPerson(viewer, email, name, null, null, null));
        snapshot.put(created);
        changed = true;
        return created;
    }

    private Person renamed(Person person, String name) {
        if (person.displayName().equals(name)) {
            return person;
        }
        Person renamed = attempt("name", name, () -> organization.updatePerson(viewer, person.id(), null, name, null, null));
        snapshot.put(renamed);
        changed = true;
        return renamed;
    }

    /** From today: into the team when in none, or a move (which ends the current membership today). */
    private void join(Person person, Team team) {
        if (person.teamId() != null && person.teamId() == team.id()) {
            return;
        }
        attempt("team", team.name(), () -> organization.addMembership(viewer, person.id(), team.id(), today, null));
        snapshot.put(new Person(person.id(), person.email(), person.displayName(), person.active(), person.admin(),
                team.id(), team.name(), team.departmentId(), team.departmentName()));
        changed = true;
    }

    /** The organization's own refusals (a name too long, an overlapping membership) become the row's rejection. */
    private static <T> T attempt(String field, String value, Supplier<T> change) {
        try {
            return change.get();
        } catch (InvalidInputException e) {
            throw new RowRejected(field, value, e.getMessage().substring(e.field().length()).strip());
        } catch (ConflictException | NotFoundException e) {
            throw new RowRejected(field, value, e.getMessage());
        }
    }
}
