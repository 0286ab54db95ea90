package dev.northstar.ingest.internal;

import dev.northstar.organization.Department;
import dev.northstar.organization.Person;
import dev.northstar.organization.Team;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The company's people, departments and teams, read once at the start of an import and kept up to date as rows
 * change them, so that each row is looked up in memory instead of re-reading the organization. A rejected row is
 * rolled back to a savepoint in the database; {@link #undoTo} takes it back out of here too.
 */
public final class OrganizationSnapshot {

    private final Lookup<Person> people = new Lookup<>(Person::id, p -> p.email().toLowerCase(Locale.ROOT), Person::displayName);
    private final Lookup<Department> departments = new Lookup<>(Department::id, d -> d.name().toLowerCase(Locale.ROOT));
    private final Lookup<Team> teams = new Lookup<>(Team::id, t -> t.name().toLowerCase(Locale.ROOT));
    private final Deque<Runnable> undo = new ArrayDeque<>();

    public OrganizationSnapshot(List<Person> people, List<Department> departments, List<Team> teams) {
        people.forEach(p -> this.people.replace(null, p));
        departments.forEach(d -> this.departments.replace(null, d));
        teams.forEach(t -> this.teams.replace(null, t));
    }

    /** Case-insensitive; addresses are unique, so there is at most one. */
    public Person personByEmail(String email) {
        return people.find(0, email.toLowerCase(Locale.ROOT)).stream().findFirst().orElse(null);
    }

    /** Exact display name: two people may share a name, so the caller decides what several matches mean. */
    public List<Person> peopleNamed(String name) {
        return people.find(1, name);
    }

    /** Case-insensitive, archived ones included. */
    public List<Department> departmentsNamed(String name) {
        return departments.find(0, name.toLowerCase(Locale.ROOT));
    }

    /** Case-insensitive, in any department, archived ones included. */
    public List<Team> teamsNamed(String name) {
        return teams.find(0, name.toLowerCase(Locale.ROOT));
    }

    /** Adds a person, or replaces the one with the same id. */
    public void put(Person person) {
        record(people, person);
    }

    public void put(Department department) {
        record(departments, department);
    }

    public void put(Team team) {
        record(teams, team);
    }

    /** A position to come back to when the row about to be imported is rejected. */
    public int mark() {
        return undo.size();
    }

    public void undoTo(int mark) {
        while (undo.size() > mark) {
            undo.pop().run();
        }
    }

    private <T> void record(Lookup<T> lookup, T now) {
        T before = lookup.byId.get(lookup.id.apply(now));
        lookup.replace(before, now);
        undo.push(() -> lookup.replace(now, before));
    }

    /** Values by id, and by each of some keys (several values may share a key). */
    private static final class Lookup<T> {

        private final Function<T, Long> id;
        private final List<Function<T, String>> keys;
        private final Map<Long, T> byId = new HashMap<>();
        private final List<Map<String, List<T>>> byKey = new ArrayList<>();

        @SafeVarargs
        Lookup(Function<T, Long> id, Function<T, String>... keys) {
            this.id = id;
            this.keys = List.of(keys);
            this.keys.forEach(k -> byKey.add(new HashMap<>()));
        }

        List<T> find(int key, String value) {
            return List.copyOf(byKey.get(key).getOrDefault(value, List.of()));
        }

        /** Swaps {@code before} for {@code now}; either may be null (nothing to remove, or nothing to add). */
        void replace(T before, T now) {
            if (before != null) {
                byId.remove(id.apply(before));
                for (int k = 0; k < keys.size(); k++) {
                    List<T> same = byKey.get(k).get(keys.get(k).apply(before));
                    same.remove(before);
                    if (same.isEmpty()) {
                        byKey.get(k).remove(keys.get(k).apply(before));
                    }
                }
            }
            if (now != null) {
                byId.put(id.apply(now), now);
                for (int k = 0; k < keys.size(); k++) {
                    byKey.get(k).computeIfAbsent(keys.get(k).apply(now), x -> new ArrayList<>()).add(now);
                }
            }
        }
    }
}
