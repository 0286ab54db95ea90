package dev.northstar.alerts;

/**
 * What a person gets besides the bell, which is always on.
 *
 * @param emailAddress where e-mails go (the person's login)
 * @param emailSetUp   whether this server sends e-mail at all (an SMTP server is configured)
 */
public record NotificationPreference(boolean emailBreaches, boolean emailResolutions, boolean weeklyDigest, String emailAddress,
                                     boolean emailSetUp) {
}
