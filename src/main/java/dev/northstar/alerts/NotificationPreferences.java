package dev.northstar.alerts;

import dev.northstar.access.Viewer;
import dev.northstar.alerts.internal.DeliveryStore;
import dev.northstar.alerts.internal.DeliveryWorker;
import dev.northstar.shared.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/** Each person's own choice of what they get by e-mail; nobody sets another's. */
@Service
@Transactional
public class NotificationPreferences {

    private final DeliveryStore store;
    private final DeliveryWorker worker;
    private final Clock clock;

    NotificationPreferences(DeliveryStore store, DeliveryWorker worker, Clock clock) {
        this.store = store;
        this.worker = worker;
        this.clock = clock;
    }

    /** What one asks for: all three are required. */
    public record Choice(Boolean emailBreaches, Boolean emailResolutions, Boolean weeklyDigest) {
    }

    @Transactional(readOnly = true)
    public NotificationPreference mine(Viewer viewer) {
        DeliveryStore.EmailChoices choices = store.emailChoices(viewer.companyId(), viewer.personId());
        return new NotificationPreference(choices.breaches(), choices.resolutions(), choices.weeklyDigest(), viewer.email(), worker.sendsEmail());
    }

    public NotificationPreference choose(Viewer viewer, Choice choice) {
        if (choice.emailBreaches() == null) {
            throw new InvalidInputException("emailBreaches", "is required (true or false)");
        }
        if (choice.emailResolutions() == null) {
            throw new InvalidInputException("emailResolutions", "is required (true or false)");
        }
        if (choice.weeklyDigest() == null) {
            throw new InvalidInputException("weeklyDigest", "is required (true or false)");
        }
        store.chooseEmail(viewer.companyId(), viewer.personId(),
                new DeliveryStore.EmailChoices(choice.emailBreaches(), choice.emailResolutions(), choice.weeklyDigest()), clock.instant());
        return mine(viewer);
    }
}
