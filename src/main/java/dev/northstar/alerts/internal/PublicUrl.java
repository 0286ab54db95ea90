package dev.northstar.alerts.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The address people open Northstar at ({@code northstar.public-url}), which e-mails and chat posts link to. */
@Component
class PublicUrl {

    private final String base;

    PublicUrl(@Value("${northstar.public-url}") String url) {
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Without a trailing slash, so that a page's path ("/teams/7") follows it. */
    String base() {
        return base;
    }
}
