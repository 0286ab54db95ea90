package dev.northstar.targets.internal;

import dev.northstar.shared.Period;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds smaller periods that cover a period's days exactly once, end to end. Several ways may exist (the months of a
 * quarter, or its days); the one with the fewest pieces wins, so that the targets people set at the coarsest grain
 * are the ones added up. A breadth-first search from the first day: each piece is a step from its start to its end.
 */
final class Tiling {

    private Tiling() {
    }

    static Optional<List<StoredTarget>> fewestPieces(List<StoredTarget> inside, Period period) {
        Map<LocalDate, List<StoredTarget>> startingOn = new HashMap<>();
        inside.stream()
                .sorted(Comparator.comparingLong((StoredTarget t) -> -t.period().days())) // longest first: ties go to larger pieces
                .forEach(t -> startingOn.computeIfAbsent(t.period().start(), day -> new ArrayList<>()).add(t));
        Map<LocalDate, StoredTarget> reachedBy = new HashMap<>();
        Deque<LocalDate> queue = new ArrayDeque<>(List.of(period.start()));
        while (!queue.isEmpty()) {
            LocalDate day = queue.poll();
            if (day.equals(period.end())) {
                return Optional.of(path(reachedBy, period));
            }
            for (StoredTarget piece : startingOn.getOrDefault(day, List.of())) {
                LocalDate next = piece.period().end();
                if (!reachedBy.containsKey(next) && !next.equals(period.start())) {
                    reachedBy.put(next, piece);
                    queue.add(next);
                }
            }
        }
        return Optional.empty();
    }

    private static List<StoredTarget> path(Map<LocalDate, StoredTarget> reachedBy, Period period) {
        List<StoredTarget> pieces = new ArrayList<>();
        for (LocalDate day = period.end(); !day.equals(period.start()); day = reachedBy.get(day).period().start()) {
            pieces.add(reachedBy.get(day));
        }
        Collections.reverse(pieces);
        return pieces;
    }
}
