package io.viberglass.viberator.cli.client;

import io.viberglass.viberator.client.Clanker;
import io.viberglass.viberator.client.PlatformException;
import io.viberglass.viberator.client.ViberglassClient;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Which clanker runs a phase: the one named, else the only active one. */
final class ClankerChoice {
    private ClankerChoice() {}

    /** Throws {@code IllegalArgumentException} when several are active and none was named. */
    static UUID choose(ViberglassClient client, String ref) {
        List<Clanker> clankers = client.clankers();
        if (ref != null && !ref.isBlank()) {
            return clankers.stream()
                    .filter(clanker -> clanker.matches(ref.strip()))
                    .findFirst()
                    .map(Clanker::id)
                    .orElseThrow(() -> new PlatformException.NotFound(
                            "No clanker '" + ref + "'; the platform has: " + names(clankers), "CLANKER_NOT_FOUND"));
        }
        List<Clanker> active = clankers.stream().filter(Clanker::isActive).toList();
        if (active.isEmpty()) {
            throw new PlatformException.Rejected(
                    409,
                    "No active clanker to run on; start one in the dashboard (Agent runners) first",
                    "NO_ACTIVE_CLANKER");
        }
        if (active.size() > 1) {
            throw new IllegalArgumentException(
                    "Several clankers are active; choose one with --clanker: " + names(active));
        }
        return active.get(0).id();
    }

    private static String names(List<Clanker> clankers) {
        return clankers.isEmpty()
                ? "(none)"
                : clankers.stream()
                        .map(clanker -> clanker.slug() + " (" + clanker.status() + ")")
                        .collect(Collectors.joining(", "));
    }
}
