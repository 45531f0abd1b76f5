package io.microspring.toolkit.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import io.microspring.registry.Endpoint;
import io.microspring.registry.RegistryException;
import io.microspring.registry.Service;
import io.microspring.toolkit.command.Toolkit;

/**
 * Tab completion in the shell: command words, then service names where a command takes a service,
 * then the endpoints of the service being called. Names come from the registry, the list kept a
 * few seconds so that repeated tabs do not ask again.
 */
final class ShellCompleter implements Completer {

    private static final Duration KEEP_NAMES = Duration.ofSeconds(5);
    private static final Map<String, List<String>> SECOND_WORDS = Map.of(
            "list", List.of("services"),
            "get", List.of("service"),
            "describe", List.of("service"),
            "register", List.of("service"),
            "deregister", List.of("service"),
            "registry", List.of("watch"));
    private static final List<String> SERVICE_SECOND = List.of("call", "stream", "health", "stats");
    private static final List<String> SERVICE_THIRD = List.of("get", "describe");

    private final Toolkit toolkit;
    private List<String> names = List.of();
    private long namesAt;

    ShellCompleter(Toolkit toolkit) {
        this.toolkit = toolkit;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int index = line.wordIndex();
        List<String> choices = List.of();
        if (index == 0) {
            choices = Shell.WORDS;
        } else if (index == 1 && SECOND_WORDS.containsKey(words.get(0))) {
            choices = SECOND_WORDS.get(words.get(0));
        } else if (index == 1 && SERVICE_SECOND.contains(words.get(0))) {
            choices = serviceNames();
        } else if (index == 2 && SERVICE_THIRD.contains(words.get(0))) {
            choices = serviceNames();
        } else if (index == 2 && (words.get(0).equals("call") || words.get(0).equals("stream"))) {
            choices = endpoints(words.get(1));
        }
        choices.forEach(choice -> candidates.add(new Candidate(choice)));
    }

    private synchronized List<String> serviceNames() {
        if (System.nanoTime() - namesAt > KEEP_NAMES.toNanos()) {
            try {
                names = toolkit.registry().listServices().stream().map(Service::name).distinct().sorted().toList();
                namesAt = System.nanoTime();
            } catch (RegistryException e) {
                return List.of();
            }
        }
        return names;
    }

    private List<String> endpoints(String service) {
        try {
            return toolkit.registry().getService(service).stream()
                    .flatMap(version -> version.endpoints().stream())
                    .map(Endpoint::name).distinct().sorted().toList();
        } catch (RegistryException e) {
            return List.of();
        }
    }
}
