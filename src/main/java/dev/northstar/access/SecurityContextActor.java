package dev.northstar.access;

import dev.northstar.shared.CurrentActor;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The person Spring Security holds for this thread, whether logged in through the form or by API token. */
@Component
class SecurityContextActor implements CurrentActor {

    @Override
    public Optional<Long> personId() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof AuthenticatedPerson person
                ? Optional.of(person.personId()) : Optional.empty();
    }
}
