package io.microspring.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.microspring.registry.Service;
import io.microspring.server.EndpointMethod;

/**
 * The call form of {@code /client}, filled from its permalink: the services to pick from, the
 * chosen service's endpoints with the JSON skeleton of each request, the chosen endpoint and the
 * request (the endpoint's skeleton when the link holds none). The form works as a plain GET form;
 * its script sends the call through {@code POST /rpc} and keeps the permalink in the address bar.
 *
 * @param services every registered service
 * @param service the chosen service, empty when none is
 * @param endpoints the chosen service's endpoints
 * @param endpoint the chosen endpoint, empty when none is
 * @param request the request to send, as JSON text
 */
record CallForm(List<String> services, String service, List<EndpointChoice> endpoints, String endpoint,
        String request) {

    /** The form for the permalink's {@code service}, {@code endpoint} and {@code request} (null when absent). */
    static CallForm of(List<String> services, String service, List<EndpointChoice> endpoints, String endpoint,
            String request) {
        String filled = request != null ? request : endpoints.stream()
                .filter(choice -> choice.name().equals(endpoint))
                .map(EndpointChoice::skeleton)
                .findFirst().orElse("{}");
        return new CallForm(services, service, endpoints, endpoint, filled);
    }

    /** The endpoints of every version of a service, each once, sorted by name. */
    static List<EndpointChoice> endpoints(List<Service> versions) {
        Map<String, EndpointChoice> byName = new TreeMap<>();
        versions.stream()
                .flatMap(version -> version.endpoints().stream())
                .forEach(endpoint -> byName.putIfAbsent(endpoint.name(),
                        new EndpointChoice(endpoint.name(), RequestSkeleton.of(endpoint.request()),
                                "true".equals(endpoint.metadata().get(EndpointMethod.STREAM_METADATA)))));
        return List.copyOf(byName.values());
    }

    /** The form as HTML, every registry string escaped. */
    String html() {
        StringBuilder html = new StringBuilder("<form id=\"call\" method=\"get\" action=\"/client\">\n")
                .append("<label>Service <select name=\"service\">\n<option value=\"\">choose a service</option>\n");
        for (String name : services) {
            option(html, name, name.equals(service), Optional.empty(), false);
        }
        html.append("</select></label>\n<label>Endpoint <select name=\"endpoint\">\n")
                .append("<option value=\"\">choose an endpoint</option>\n");
        for (EndpointChoice choice : endpoints) {
            option(html, choice.name(), choice.name().equals(endpoint), Optional.of(choice.skeleton()),
                    choice.stream());
        }
        html.append("</select></label>\n<label>Request <textarea name=\"request\" rows=\"10\" spellcheck=\"false\">")
                .append(Html.escape(request))
                .append("</textarea></label>\n<p><button type=\"submit\">Send</button> ")
                .append("<button type=\"button\" id=\"close-stream\" hidden>Close the stream</button> ")
                .append("<span id=\"status\" class=\"status\"></span></p>\n</form>\n")
                .append("<h2>Response</h2>\n<pre id=\"response\" class=\"response\"></pre>\n")
                .append("<h2>The same call</h2>\n<p>Through the gateway (<code>micro api</code>):</p>\n")
                .append("<pre id=\"curl\" class=\"command\"></pre>\n<p>With the CLI:</p>\n")
                .append("<pre id=\"micro-call\" class=\"command\"></pre>\n")
                .append("<noscript><p>Sending a call needs JavaScript; without it, the form shows the request of "
                        + "the endpoint you choose.</p></noscript>\n");
        return html.toString();
    }

    private static void option(StringBuilder html, String value, boolean selected, Optional<String> skeleton,
            boolean stream) {
        html.append("<option value=\"").append(Html.escape(value)).append('"');
        skeleton.ifPresent(json -> html.append(" data-skeleton=\"").append(Html.escape(json)).append('"'));
        if (stream) {
            html.append(" data-stream=\"true\"");
        }
        html.append(selected ? " selected>" : ">").append(Html.escape(value)).append("</option>\n");
    }

    /**
     * An endpoint to pick.
     *
     * @param name the endpoint, {@code Say.Hello}
     * @param skeleton the JSON its request starts from
     * @param stream whether it is a stream (registered with metadata {@code stream=true}): the form
     *        opens a websocket to {@code /client/stream}, and Send sends one more message
     */
    record EndpointChoice(String name, String skeleton, boolean stream) {
    }
}
