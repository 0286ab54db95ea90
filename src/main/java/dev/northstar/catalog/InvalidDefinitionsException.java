package dev.northstar.catalog;

import dev.northstar.shared.InvalidInputException;

import java.util.List;

/**
 * Definitions that cannot be saved, with every problem found. As an {@link InvalidInputException} it names the first
 * problem's field, so that any caller answers it as bad input; the API lists all of them.
 */
public class InvalidDefinitionsException extends InvalidInputException {

    private final transient List<DefinitionProblem> problems;

    public InvalidDefinitionsException(List<DefinitionProblem> problems) {
        super(problems.get(0).field(), problems.get(0).reason()
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<DefinitionProblem> problems() {
        return problems;
    }
}
