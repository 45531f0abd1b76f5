package io.microspring.registry.consul;

import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.DefaultHttpRequestRetryHandler;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.ecwid.consul.ConsulException;
import com.ecwid.consul.json.GsonFactory;
import com.ecwid.consul.transport.HttpResponse;
import com.ecwid.consul.v1.ConsistencyMode;
import com.ecwid.consul.v1.ConsulRawClient;
import com.ecwid.consul.v1.QueryParams;
import com.ecwid.consul.v1.Request;
import com.ecwid.consul.v1.agent.model.NewService;
import com.ecwid.consul.v1.health.model.Check;
import com.ecwid.consul.v1.health.model.HealthService;
import com.google.gson.reflect.TypeToken;

import io.microspring.net.HostPort;
import io.microspring.registry.Node;
import io.microspring.registry.RegistryException;
import io.microspring.registry.Service;

/**
 * The HTTP API of one Consul agent through consul-api: the ACL token travels in the
 * {@code X-Consul-Token} header, lookups may be served by any server ({@code stale}, as go-micro),
 * every failure becomes a {@link RegistryException} naming the agent, and instances whose go-micro
 * tags cannot be read are skipped with one warning each.
 */
final class ConsulAgent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsulRegistry.class);
    private static final Type HEALTH_SERVICES = new TypeToken<List<HealthService>>() {
    }.getType();
    private static final Type CHECKS = new TypeToken<List<Check>>() {
    }.getType();
    private static final Type CATALOG = new TypeToken<Map<String, List<String>>>() {
    }.getType();
    private static final int MAX_WARNED = 1024;
    private static final int MAX_CONNECTIONS = 16;

    private final ConsulSettings settings;
    private final String where;
    private final CloseableHttpClient http;
    private final ConsulRawClient consul;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    ConsulAgent(ConsulSettings settings) {
        this.settings = settings;
        this.where = "Consul agent at " + settings.url();
        this.http = httpClient(settings, settings.timeout(), MAX_CONNECTIONS);
        this.consul = rawClient(http);
    }

    /** Names the agent in messages. */
    String where() {
        return where;
    }

    /** Registers (or replaces) one service instance with the agent. */
    void register(NewService instance) {
        String what = "register " + instance.getName() + " node " + instance.getId();
        check(put("/v1/agent/service/register", GsonFactory.getGson().toJson(instance), what), what);
    }

    /** Passes a TTL check; {@code false} when the agent does not know it (it lost its state). */
    boolean pass(String checkId) {
        return put("/v1/agent/check/pass/" + encode(checkId), "", "pass check " + checkId).getStatusCode() == 200;
    }

    /** Removes one service instance from the agent. */
    void deregister(String instanceId) {
        String what = "deregister node " + instanceId;
        check(put("/v1/agent/service/deregister/" + encode(instanceId), "", what), what);
    }

    /** Every service name with the tags of its instances. */
    Map<String, List<String>> catalogServices() {
        HttpResponse response = get(consul, "/v1/catalog/services", query(0, null), "list services");
        return GsonFactory.getGson().fromJson(response.getContent(), CATALOG);
    }

    /** The instances of {@code service} that are not critical, each as its service with one node. */
    Nodes health(String service) {
        return health(consul, service, 0, null);
    }

    /**
     * Like {@link #health(String)} through {@code client}, blocking until Consul's index passes
     * {@code index} or {@code wait} is over; {@code index} 0 answers at once.
     */
    Nodes health(ConsulRawClient client, String service, long index, Duration wait) {
        HttpResponse response = get(client, "/v1/health/service/" + encode(service), query(index, wait),
                "look up " + service);
        List<HealthService> entries = GsonFactory.getGson().fromJson(response.getContent(), HEALTH_SERVICES);
        List<Service> nodes = new ArrayList<>();
        for (HealthService entry : entries == null ? List.<HealthService>of() : entries) {
            if (service.equals(entry.getService().getService()) && !critical(entry.getChecks())) {
                decode(entry).ifPresent(nodes::add);
            }
        }
        return new Nodes(nodes, index(response));
    }

    /**
     * The checks of every service instance, blocking like {@link #health(ConsulRawClient, String, long, Duration)}:
     * a change of any instance (registered, deregistered, passing, critical) changes them.
     */
    Checks checks(ConsulRawClient client, long index, Duration wait) {
        HttpResponse response = get(client, "/v1/health/state/any", query(index, wait), "read the checks");
        List<Check> checks = GsonFactory.getGson().fromJson(response.getContent(), CHECKS);
        return new Checks(checks == null ? List.of() : checks, index(response));
    }

    /** A client of its own for one watch's blocking queries: closing it ends a query in progress. */
    CloseableHttpClient watchHttpClient() {
        Duration socketTimeout = settings.watchWait().plus(settings.watchWait().dividedBy(16)).plus(settings.timeout());
        return httpClient(settings, socketTimeout, 1);
    }

    ConsulRawClient rawClient(CloseableHttpClient client) {
        HostPort agent = settings.agent();
        String host = (settings.tls() == null ? "http://" : "https://") + agent.uriHost();
        return new ConsulRawClient(client, host, agent.port(), "");
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException e) {
            log.debug("Closing the HTTP client of {}: {}", where, e.toString());
        }
    }

    private Optional<Service> decode(HealthService entry) {
        HealthService.Service instance = entry.getService();
        try {
            ConsulTags.Decoded tags = ConsulTags.decode(instance.getTags() == null ? List.of() : instance.getTags());
            Map<String, String> metadata = tags.metadata() != null ? tags.metadata()
                    : instance.getMeta() == null ? Map.of() : instance.getMeta();
            String host = instance.getAddress() == null || instance.getAddress().isEmpty()
                    ? entry.getNode().getAddress() : instance.getAddress();
            int port = instance.getPort() == null ? 0 : instance.getPort();
            Node node = new Node(instance.getId(), new HostPort(host, port).toString(), metadata);
            return Optional.of(new Service(instance.getService(), tags.version(), Map.of(), tags.endpoints(),
                    List.of(node)));
        } catch (IllegalArgumentException e) {
            if (warned.size() < MAX_WARNED && warned.add(instance.getService() + "/" + instance.getId())) {
                log.warn("Registry [consul] skipping node {} of {} in {}: {}", instance.getId(), instance.getService(),
                        where, e.getMessage());
            }
            return Optional.empty();
        }
    }

    private static boolean critical(List<Check> checks) {
        return checks != null && checks.stream().anyMatch(check -> check.getStatus() == Check.CheckStatus.CRITICAL);
    }

    private QueryParams query(long index, Duration wait) {
        QueryParams.Builder query = QueryParams.Builder.builder().setConsistencyMode(ConsistencyMode.STALE);
        if (!settings.datacenter().isEmpty()) {
            query.setDatacenter(settings.datacenter());
        }
        if (wait != null) {
            query.setWaitTime(Math.max(1, wait.toSeconds())).setIndex(index);
        }
        return query.build();
    }

    private HttpResponse get(ConsulRawClient client, String endpoint, QueryParams query, String what) {
        Request request = request(endpoint).addUrlParameter(query).build();
        return check(call(() -> client.makeGetRequest(request), what), what);
    }

    private HttpResponse put(String endpoint, String json, String what) {
        Request request = request(endpoint).setBinaryContent(json.getBytes(StandardCharsets.UTF_8)).build();
        return call(() -> consul.makePutRequest(request), what);
    }

    private Request.Builder request(String endpoint) {
        Request.Builder request = Request.Builder.newBuilder().setEndpoint(endpoint);
        if (!settings.token().isEmpty()) {
            request.setToken(settings.token());
        }
        return request;
    }

    private HttpResponse call(Supplier<HttpResponse> request, String what) {
        try {
            return request.get();
        } catch (ConsulException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new RegistryException(where + " cannot be reached to " + what + ": " + cause
                    + "; check that the agent runs there and micro.registry-address", e);
        }
    }

    private HttpResponse check(HttpResponse response, String what) {
        if (response.getStatusCode() != 200) {
            throw new RegistryException(where + " refused to " + what + ": HTTP " + response.getStatusCode() + " "
                    + response.getContent().strip() + (response.getStatusCode() == 403
                            ? "; check micro.consul.token" : ""));
        }
        return response;
    }

    private static long index(HttpResponse response) {
        Long index = response.getConsulIndex();
        return index == null ? 0 : index;
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static CloseableHttpClient httpClient(ConsulSettings settings, Duration socketTimeout, int connections) {
        RegistryBuilder<ConnectionSocketFactory> sockets = RegistryBuilder.<ConnectionSocketFactory>create()
                .register("http", PlainConnectionSocketFactory.getSocketFactory());
        if (settings.tls() != null) {
            sockets.register("https", new SSLConnectionSocketFactory(settings.tls()));
        }
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager(sockets.build());
        pool.setMaxTotal(connections);
        pool.setDefaultMaxPerRoute(connections);
        int timeout = Math.toIntExact(settings.timeout().toMillis());
        return HttpClientBuilder.create()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectTimeout(timeout)
                        .setConnectionRequestTimeout(timeout)
                        .setSocketTimeout(Math.toIntExact(socketTimeout.toMillis()))
                        .build())
                // once more on a pooled connection the agent closed (it restarted); never on a refused connection
                .setRetryHandler(new DefaultHttpRequestRetryHandler(1, true))
                .build();
    }

    /**
     * The non-critical instances of a service and Consul's index of that answer.
     *
     * @param nodes each instance as its service with one node
     * @param index the {@code X-Consul-Index} of the answer
     */
    record Nodes(List<Service> nodes, long index) {

        /** The instances grouped by version, as {@code Registry.getService} returns them. */
        List<Service> byVersion() {
            Map<String, Service> versions = new LinkedHashMap<>();
            for (Service node : nodes) {
                versions.merge(node.version(), node, (merged, next) -> merged.withNode(next.nodes().get(0)));
            }
            return List.copyOf(versions.values());
        }
    }

    /**
     * The checks of every instance and Consul's index of that answer.
     *
     * @param checks the checks, node checks ({@code serfHealth}) included
     * @param index the {@code X-Consul-Index} of the answer
     */
    record Checks(List<Check> checks, long index) {
    }
}
