package dev.northstar.dashboards.web;

import dev.northstar.access.Viewer;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The stream an open page listens to (see {@link LiveUpdates}). */
@Controller
class LivePages {

    private final LiveUpdates live;

    LivePages(LiveUpdates live) {
        this.live = live;
    }

    @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter live(Viewer viewer) {
        return live.subscribe(viewer);
    }
}
