package dev.northstar.ingest.internal;

import dev.northstar.shared.InvalidInputException;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a login address for someone a file names without one (CRM exports often leave it out): "Renée O'Neil" at
 * example.com is renee.oneil@example.com. Lower case, accents stripped, spaces become dots, anything else that is
 * not a letter, digit, dot, hyphen or underscore is dropped.
 */
public final class EmailFromName {

    /** Letters that carry no accent to strip, so that NFD alone would drop them. */
    private static final Map<String, String> LATIN = Map.of("ø", "o", "æ", "ae", "œ", "oe", "ß", "ss", "ł", "l", "đ", "d", "ð", "d", "þ", "th");
    private static final String DOMAIN = "[a-z0-9-]+(\\.[a-z0-9-]+)+";

    private final String domain;

    private EmailFromName(String domain) {
        this.domain = domain;
    }

    /** Null when no domain is given: then every row needs its own address. */
    public static EmailFromName forDomain(String domain) {
        if (domain == null || domain.isBlank()) {
            return null;
        }
        String clean = domain.strip().toLowerCase(Locale.ROOT);
        clean = clean.startsWith("@") ? clean.substring(1) : clean;
        if (!clean.matches(DOMAIN)) {
            throw new InvalidInputException("emailDomain", "must be a domain like example.com, not '" + domain + "'");
        }
        return new EmailFromName(clean);
    }

    /** Empty when the name has nothing to make a local part from (e.g. a name in a non-Latin script). */
    public Optional<String> address(String name) {
        String local = Normalizer.normalize(name.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        for (var letter : LATIN.entrySet()) {
            local = local.replace(letter.getKey(), letter.getValue());
        }
        local = local.replaceAll("\\s+", ".").replaceAll("[^a-z0-9._-]", "").replaceAll("\\.{2,}", ".").replaceAll("^\\.|\\.$", "");
        return local.isEmpty() ? Optional.empty() : Optional.of(local + "@" + domain);
    }

    public String domain() {
        return domain;
    }
}
