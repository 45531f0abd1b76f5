package io.microspring.server;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.microspring.annotation.MicroHandler;
import io.microspring.auth.Access;
import io.microspring.registry.Endpoint;

/**
 * A named group of endpoints served by one object, as a go-micro handler: each
 * {@link MicroHandler} method of the object becomes endpoint {@code <name>.<Method>}.
 */
public final class Handler {

    private final String name;
    private final List<EndpointMethod> endpoints;

    private Handler(String name, List<EndpointMethod> endpoints) {
        this.name = name;
        this.endpoints = endpoints;
    }

    /** The handler of {@code bean}, named after its class. */
    public static Handler of(Object bean) {
        return of(simpleName(bean.getClass()), bean, bean.getClass());
    }

    /**
     * The handler named {@code name} whose endpoints are the {@link MicroHandler} methods declared
     * on {@code type} (the bean's own class when {@code bean} is a proxy) and invoked on {@code bean}.
     */
    public static Handler of(String name, Object bean, Class<?> type) {
        Objects.requireNonNull(bean, "bean");
        if (name == null || name.isBlank() || name.contains(".")) {
            throw new IllegalArgumentException("handler name must be a non-empty word without dots, got '" + name + "'");
        }
        List<EndpointMethod> endpoints = new ArrayList<>();
        for (Method method : handlerMethods(type)) {
            MicroHandler annotation = method.getAnnotation(MicroHandler.class);
            String methodName = annotation.name().isEmpty() ? Endpoint.capitalise(method.getName()) : annotation.name();
            String endpoint = name + "." + methodName;
            endpoints.add(EndpointMethod.of(endpoint, bean, method, endpointMetadata(annotation, endpoint,
                    type.getSimpleName() + "." + method.getName())));
        }
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException(type.getName() + " has no @MicroHandler method");
        }
        return new Handler(name, List.copyOf(endpoints));
    }

    /** The handler's name, the first part of its endpoint names. */
    public String name() {
        return name;
    }

    /** The endpoints, sorted by name. */
    public List<EndpointMethod> endpoints() {
        return endpoints;
    }

    /** {@code key=value} entries as a map; a malformed entry fails naming {@code where}. */
    public static Map<String, String> parseMetadata(String[] entries, String where) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("metadata of " + where + " must be key=value entries, got '" + entry + "'");
            }
            map.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
        }
        return map;
    }

    /**
     * The annotation's metadata, {@code idempotent} and {@code auth} when set, plus, when it routes
     * the endpoint through the API gateway, the keys go-micro's {@code api.Encode} writes:
     * {@code endpoint}, {@code handler}, and the comma-joined {@code method}, {@code path} and
     * {@code host}.
     */
    private static Map<String, String> endpointMetadata(MicroHandler annotation, String endpoint, String where) {
        Map<String, String> metadata = parseMetadata(annotation.metadata(), where);
        if (annotation.idempotent()) {
            metadata.put(Endpoint.IDEMPOTENT_METADATA, "true");
        }
        if (!annotation.auth().isEmpty()) {
            metadata.put(Endpoint.AUTH_METADATA, Access.parse(annotation.auth(), "auth of @MicroHandler " + where)
                    .toString());
        }
        if (annotation.handler().isEmpty() && annotation.path().length == 0) {
            return metadata;
        }
        for (String path : annotation.path()) {
            if (!path.startsWith("/") && !(path.startsWith("^") && path.endsWith("$"))) {
                throw new IllegalArgumentException("path of " + where + " must start with / or be a ^...$ regular "
                        + "expression, got '" + path + "'");
            }
        }
        metadata.put("endpoint", endpoint);
        metadata.put("handler", annotation.handler().isEmpty() ? "rpc" : annotation.handler());
        putJoined(metadata, "method", annotation.method());
        putJoined(metadata, "path", annotation.path());
        putJoined(metadata, "host", annotation.host());
        return metadata;
    }

    private static void putJoined(Map<String, String> metadata, String key, String[] values) {
        if (values.length > 0) {
            metadata.put(key, String.join(",", values));
        }
    }

    static String simpleName(Class<?> type) {
        String name = type.getSimpleName();
        int generated = name.indexOf("$$");
        return generated > 0 ? name.substring(0, generated) : name;
    }

    private static List<Method> handlerMethods(Class<?> type) {
        return Arrays.stream(type.getMethods())
                .filter(method -> method.isAnnotationPresent(MicroHandler.class))
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .sorted(Comparator.comparing(Method::getName))
                .toList();
    }
}
