package dev.schemagate.dialects.python;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Topological order of migrations by their dependencies; among the ready ones, the given order decides. */
final class Graph {
    private Graph() {
    }

    /**
     * @param ids  every node, in the tie-break order
     * @param deps for each node, the nodes that must come before it (only nodes of {@code ids})
     * @return the nodes in a dependency order; nodes on a cycle (and after it) are left out
     */
    static List<String> order(List<String> ids, Map<String, List<String>> deps) {
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            rank.put(ids.get(i), i);
        }
        Set<String> done = new HashSet<>();
        List<String> out = new ArrayList<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (String id : ids) {
                if (done.contains(id)) {
                    continue;
                }
                boolean ready = true;
                for (String d : deps.getOrDefault(id, List.of())) {
                    if (!done.contains(d) && rank.containsKey(d)) {
                        ready = false;
                        break;
                    }
                }
                if (ready) {
                    done.add(id);
                    out.add(id);
                    progress = true;
                    break; // restart from the first id so the earliest ready node always comes next
                }
            }
        }
        return out;
    }
}
