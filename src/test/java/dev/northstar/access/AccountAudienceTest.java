package dev.northstar.access;

import dev.northstar.access.AccessPolicy.AccountAudience;
import dev.northstar.access.OrganizationDirectory.PersonRef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who sees and changes an account metric, by audience, for the owner, a teammate, the lead of the owner's team, the
 * manager of the owner's department, and a lead or manager who owns the account themselves (nobody is above
 * themselves). Team 5 is in department 2.
 */
class AccountAudienceTest {

    static final long OWNER = 10;
    final AccessPolicy policy = new AccessPolicy(null); // these decisions read only the viewer and the owner

    @ParameterizedTest(name = "{0} on {1}''s account, {2}: {3}")
    @CsvSource({
            // who,               account of,        audience,  allowed
            "owner,               a member,          EVERYONE,  true",
            "owner,               a member,          OWNER,     true",
            "owner,               a member,          MANAGERS,  false",
            "owner,               a member,          ADMINS,    false",
            "teammate,            a member,          EVERYONE,  true",
            "teammate,            a member,          OWNER,     false",
            "lead,                a member,          OWNER,     true",
            "lead,                a member,          MANAGERS,  true",
            "manager,             a member,          MANAGERS,  true",
            "manager,             a member,          ADMINS,    false",
            "lead,                the lead,          OWNER,     true",
            "lead,                the lead,          MANAGERS,  false",
            "manager,             the manager,       OWNER,     true",
            "manager,             the manager,       MANAGERS,  false",
    })
    void anAudienceIsWhoeverItNames(String who, String accountOf, AccountAudience audience, boolean allowed) {
        Viewer viewer = switch (who) {
            case "owner" -> viewer(OWNER, Set.of(), Set.of());
            case "teammate" -> viewer(11, Set.of(), Set.of());
            case "lead" -> viewer(12, Set.of(), Set.of(5L));
            default -> viewer(13, Set.of(2L), Set.of());
        };
        long ownerId = switch (accountOf) {
            case "the lead" -> 12;
            case "the manager" -> 13;
            default -> OWNER;
        };
        PersonRef owner = new PersonRef(ownerId, "Owner", 5L, 2L);
        assertThat(policy.accountMetric(viewer, owner, audience, "Risk").allowed()).isEqualTo(allowed);
    }

    private static Viewer viewer(long id, Set<Long> managed, Set<Long> led) {
        return new Viewer(1, id, "Person " + id, id + "@example.test", false, managed, led, 5L);
    }
}
