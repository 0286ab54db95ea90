package dev.northstar.catalog.internal;

import dev.northstar.catalog.DefinitionProblem;

import java.util.List;

/** Collects the problems of one metric, each named by the metric's key, into a list shared by a whole batch. */
final class Problems {

    private final String metric;
    private final List<DefinitionProblem> list;

    Problems(String metric, List<DefinitionProblem> list) {
        this.metric = metric;
        this.list = list;
    }

    void add(String field, String reason) {
        list.add(new DefinitionProblem(metric, field, reason));
    }
}
