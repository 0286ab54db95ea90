package dev.northstar.organization;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Published by {@link DemoOrganization} inside its transaction when it has built a demo or benchmark company, so
 * that modules this one must not depend on (ingest) can add their demo data to it. Listeners say what they added
 * through {@link #added(String)}: the start-up banner prints it, and organization still knows nothing of them.
 *
 * @param seed the blueprint's seed, so that what listeners add is as reproducible as the organization
 */
public record DemoCompanyGenerated(long companyId, String companyName, long seed, List<String> additions) {

    public DemoCompanyGenerated(long companyId, String companyName, long seed) {
        this(companyId, companyName, seed, new CopyOnWriteArrayList<>());
    }

    /** One line on what a listener added, e.g. "212,345 activities, 1,702 deals ...". */
    public void added(String what) {
        additions.add(what);
    }
}
