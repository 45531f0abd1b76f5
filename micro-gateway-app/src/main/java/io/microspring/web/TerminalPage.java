package io.microspring.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;

import io.microspring.errors.MicroException;
import io.microspring.gateway.handler.BodyLimit;
import io.microspring.gateway.handler.Exchanges;
import io.microspring.gateway.handler.RpcEndpoint;
import io.microspring.toolkit.cli.TypedLine;
import io.microspring.toolkit.command.Call;
import io.microspring.toolkit.command.Command;
import io.microspring.toolkit.command.Health;
import io.microspring.toolkit.command.Result;
import io.microspring.toolkit.command.Stats;
import io.microspring.toolkit.command.Toolkit;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /terminal}: a shell in the browser over the CLI's command engine. {@code GET} shows the
 * prompt; {@code POST} runs one line ({@code line} as a form field, or {@code {"line": "..."}} as
 * JSON) and shows the output, which a script on the page appends to the transcript without a
 * reload. Calls, {@code health} and {@code stats} obey the dashboard's allow-list. As JSON a run is
 * {@code {"line", "output", "error"}}, {@code error} being go-micro's error JSON of a failed
 * command, whose code is then the status.
 */
final class TerminalPage {

    /** The first words the terminal takes, besides {@code help}. */
    static final List<String> COMMANDS = List.of("list", "get", "call", "health", "stats", "publish");

    private static final JsonMapper MAPPER = JsonMapper.shared();

    private final Toolkit toolkit;
    private final RpcEndpoint allowList;
    private final BodyLimit maxBodySize;

    /** A terminal running commands against {@code toolkit}, calling what {@code allowList} allows. */
    TerminalPage(Toolkit toolkit, RpcEndpoint allowList, BodyLimit maxBodySize) {
        this.toolkit = toolkit;
        this.allowList = allowList;
        this.maxBodySize = maxBodySize;
    }

    /** Answers {@code GET /terminal} (the prompt) and {@code POST /terminal} (one line run). */
    Mono<Void> handle(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
            Run help = run("help");
            return PageAnswer.answer(exchange, Map.of("commands", COMMANDS, "help", help.output()),
                    () -> Html.page("Terminal", html(null)));
        }
        if (!HttpMethod.POST.equals(method)) {
            return Mono.error(MicroException.methodNotAllowed(MicroWebHandler.ID, "/terminal takes GET or POST, not %s",
                    method));
        }
        return Exchanges.body(exchange, maxBodySize)
                .map(body -> line(exchange, body))
                .flatMap(line -> Mono.fromCallable(() -> run(line)).subscribeOn(Schedulers.boundedElastic()))
                .flatMap(run -> {
                    if (PageAnswer.wantsJson(exchange)) {
                        int status = run.error() == null ? 200 : run.error().code();
                        return Exchanges.write(exchange, status, "application/json",
                                MAPPER.writeValueAsBytes(run.json()));
                    }
                    return PageAnswer.answer(exchange, run.json(), () -> Html.page("Terminal", html(run)));
                });
    }

    /** Runs {@code line}: its output, and the go-micro error it ended with, if any. Blocks. */
    private Run run(String line) {
        try {
            TypedLine.Parsed parsed = TypedLine.parse(line, COMMANDS);
            if (parsed instanceof TypedLine.Help help) {
                return new Run(line, help.text(), null);
            }
            TypedLine.Run command = (TypedLine.Run) parsed;
            requireAllowed(command.command());
            Result result = command.command().run(toolkit);
            return new Run(line, new String(result.render(command.output()), StandardCharsets.UTF_8),
                    result.failure().orElse(null));
        } catch (RuntimeException e) {
            return new Run(line, "", microException(Exceptions.unwrap(e)));
        }
    }

    /** Calls, health and stats may reach the services of the allow-list only, through discovery. */
    private void requireAllowed(Command command) {
        if (command instanceof Call call) {
            allowList.requireAllowed(call.service());
            allowList.requireDiscovery(call.settings().address());
        } else if (command instanceof Health health) {
            allowList.requireAllowed(health.service());
        } else if (command instanceof Stats stats) {
            allowList.requireAllowed(stats.service());
        }
    }

    private static MicroException microException(Throwable error) {
        if (error instanceof IllegalArgumentException) {
            return MicroException.badRequest(Command.ID, "%s", error.getMessage());
        }
        return Exchanges.toMicroException(error);
    }

    /** The line of a form ({@code line=...}) or of a JSON object ({@code {"line": "..."}}). */
    private static String line(ServerWebExchange exchange, byte[] body) {
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        if (type != null && type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            try {
                JsonNode json = MAPPER.readTree(body);
                if (json != null && json.path("line").isString()) {
                    return json.path("line").asString();
                }
            } catch (JacksonException e) {
                throw MicroException.badRequest(MicroWebHandler.ID, "the body is not valid JSON: %s",
                        e.getOriginalMessage());
            }
            throw MicroException.badRequest(MicroWebHandler.ID, "send {\"line\": \"list services\"}");
        }
        List<String> values = Exchanges.form(new String(body, StandardCharsets.UTF_8)).get("line");
        if (values == null || values.isEmpty()) {
            throw MicroException.badRequest(MicroWebHandler.ID, "send the form field line, for example "
                    + "line=list+services");
        }
        return values.get(0);
    }

    /** The page: the transcript of {@code run} (none yet when null) above the prompt. */
    private static String html(Run run) {
        StringBuilder transcript = new StringBuilder("micro web terminal: type help for the commands\n");
        if (run != null) {
            transcript.append(run.transcript());
        }
        return "<form id=\"terminal\" method=\"post\" action=\"/terminal\">\n"
                + "<pre id=\"transcript\" class=\"transcript\" aria-live=\"polite\">"
                + Html.escape(transcript.toString()) + "</pre>\n"
                + "<p class=\"prompt\"><label for=\"line\">micro&gt;</label> <input id=\"line\" name=\"line\" "
                + "autocomplete=\"off\" spellcheck=\"false\" autofocus> <button type=\"submit\">Run</button></p>\n"
                + "</form>\n";
    }

    /**
     * One line run.
     *
     * @param line the line as typed
     * @param output what the command printed
     * @param error the go-micro error it ended with, null when it succeeded
     */
    private record Run(String line, String output, MicroException error) {

        /** The line after the prompt, the output, and the error's JSON, as a shell shows them. */
        String transcript() {
            return "micro> " + line + "\n" + output + (error == null ? "" : error.toJson() + "\n");
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("line", line);
            json.put("output", output);
            if (error != null) {
                json.put("error", MAPPER.readTree(error.toJson()));
            }
            return json;
        }
    }
}
