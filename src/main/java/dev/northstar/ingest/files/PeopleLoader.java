package dev.northstar.ingest.files;

import dev.northstar.access.Viewer;
import dev.northstar.ingest.Ingest;
import dev.northstar.ingest.PeopleImport;
import dev.northstar.ingest.RawRecord;
import org.springframework.stereotype.Component;

import java.util.Iterator;

/** People rows of a file go to {@link PeopleImport}, which keeps the organization's rules. */
@Component
class PeopleLoader {

    private final PeopleImport people;

    PeopleLoader(PeopleImport people) {
        this.people = people;
    }

    Ingest.LoadSummary load(Viewer viewer, Iterator<? extends RawRecord> rows, String emailDomain, Ingest.Mode mode, Ingest.Rejections rejections) {
        return people.load(viewer, rows, new PeopleImport.PeopleOptions(emailDomain), mode, rejections);
    }
}
