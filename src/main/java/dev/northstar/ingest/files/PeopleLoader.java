package dev.northstar.ingest.files;

import dev.northstar.access.Viewer;
import dev.northstar.ingest.Ingest;
import dev.northstar.ingest.RawRecord;
import org.springframework.stereotype.Component;

import java.util.Iterator;

/** Loads people rows of a file (placeholder until the people import lands). */
@Component
class PeopleLoader {

    Ingest.LoadSummary load(Viewer viewer, Iterator<? extends RawRecord> rows, String emailDomain, Ingest.Mode mode, Ingest.Rejections rejections) {
        throw new dev.northstar.shared.InvalidInputException("kind", "people cannot be imported from files yet");
    }
}
