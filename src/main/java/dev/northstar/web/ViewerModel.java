package dev.northstar.web;

import dev.northstar.access.CurrentViewer;
import dev.northstar.access.Viewer;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the viewer into every page's model, for the navigation and the header. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class ViewerModel {

    private final CurrentViewer currentViewer;

    ViewerModel(CurrentViewer currentViewer) {
        this.currentViewer = currentViewer;
    }

    @ModelAttribute("viewer")
    Viewer viewer() {
        return currentViewer.orNull();
    }
}
